package exercise

import (
	"fmt"
	"io"
	"os"
)

// Status is the verdict of one check.
type Status int

const (
	// Unanswered: the answer was nil or empty.
	Unanswered Status = iota
	// Wrong: there is an answer and it is not (yet) right; Result.Hint says
	// what to look at.
	Wrong
	// Correct: the answer matches the expected one.
	Correct
)

// Result is the outcome of checking one answer.
type Result struct {
	Question string // "Q1" … "Q7", "Q5a", "Q5b"
	Status   Status
	Hint     string // why the answer is not right yet; empty unless Status is Wrong
}

// OK reports whether the answer is correct.
func (r Result) OK() bool { return r.Status == Correct }

// String is the one line a check prints.
func (r Result) String() string {
	switch r.Status {
	case Correct:
		return fmt.Sprintf("✅ %s correct", r.Question)
	case Unanswered:
		return fmt.Sprintf("⬜ %s not yet answered: fill in the cell and run it again", r.Question)
	default:
		return fmt.Sprintf("❌ %s not yet: %s", r.Question, r.Hint)
	}
}

// Print writes the result's line to w.
func (r Result) Print(w io.Writer) {
	fmt.Fprintln(w, r.String())
}

// report prints r on standard output, which is what a notebook cell shows.
func report(r Result) Result {
	r.Print(os.Stdout)
	saveProgress(r)
	return r
}

func unanswered(q string) Result { return Result{Question: q, Status: Unanswered} }

func correct(q string) Result { return Result{Question: q, Status: Correct} }

func wrong(q, format string, args ...any) Result {
	return Result{Question: q, Status: Wrong, Hint: fmt.Sprintf(format, args...)}
}
