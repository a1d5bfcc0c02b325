package progress

import (
	"fmt"
	"time"
)

// Status is where one student stands on one question.
type Status struct {
	Solved   bool      // a check was correct
	Wrong    int       // wrong checks
	Checks   int       // all checks
	HintID   string    // the last wrong check's hint, while not solved
	Hint     string    // its label
	Solution bool      // the solution was run
	Last     time.Time // the latest record
}

// Cell is the status as one table cell: ✅, ❌ n (n wrong checks), or ⬜
// (not attempted, or only unanswered checks). A solution run adds " 📖".
func (s Status) Cell() string {
	c := "⬜"
	switch {
	case s.Solved:
		c = "✅"
	case s.Wrong > 0:
		c = fmt.Sprintf("❌ %d", s.Wrong)
	}
	if s.Solution {
		c += " 📖"
	}
	return c
}

// Stuck reports whether the student tried and has not solved it yet.
func (s Status) Stuck() bool { return !s.Solved && s.Wrong > 0 }

// Summarize folds records into one status per question. A question once
// solved stays solved; a solution run does not count as solving it.
func Summarize(recs []Record) map[string]Status {
	out := map[string]Status{}
	for _, r := range recs {
		s := out[r.Question]
		if r.Time.After(s.Last) {
			s.Last = r.Time
		}
		if r.Kind == Solution {
			s.Solution = true
			out[r.Question] = s
			continue
		}
		s.Checks++
		switch r.Outcome {
		case Correct:
			s.Solved = true
			s.HintID, s.Hint = "", ""
		case Wrong:
			s.Wrong++
			if !s.Solved {
				s.HintID, s.Hint = r.HintID, r.Hint
			}
		}
		out[r.Question] = s
	}
	return out
}
