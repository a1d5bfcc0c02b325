package exercise

import (
	"fmt"

	"github.com/bunbook/bunbook/internal/progress"
)

// Result is the outcome of checking one answer.
type Result struct {
	question string // "Q1" … "Q7", "Q5a", "Q5b"
	outcome  string // progress.Correct, progress.Wrong or progress.Unanswered
	hint     string // why the answer is not right yet; empty unless outcome is progress.Wrong
}

// OK reports whether the answer is correct.
func (r Result) OK() bool { return r.outcome == progress.Correct }

// String is the one line a check prints.
func (r Result) String() string {
	switch r.outcome {
	case progress.Correct:
		return fmt.Sprintf("✅ %s correct", r.question)
	case progress.Wrong:
		return fmt.Sprintf("❌ %s not yet: %s", r.question, r.hint)
	default:
		return fmt.Sprintf("⬜ %s not yet answered: fill in the cell and run it again", r.question)
	}
}

// report prints r on standard output, which is what a notebook cell shows.
func report(r Result) Result {
	fmt.Println(r)
	saveProgress(r)
	return r
}

func unanswered(q string) Result { return Result{question: q, outcome: progress.Unanswered} }

func correct(q string) Result { return Result{question: q, outcome: progress.Correct} }

func wrong(q, format string, args ...any) Result {
	return Result{question: q, outcome: progress.Wrong, hint: fmt.Sprintf(format, args...)}
}
