package exercise

import (
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/bunbook/bunbook/internal/progress"
)

// saveProgress appends the check's outcome to the student's progress file (see
// internal/progress: question, outcome, hint id, time, attempt; never the
// answer). Checks run from the solutions notebook count as solutions seen.
// A file that cannot be written costs the check nothing but a note.
func saveProgress(r Result) {
	path, ok := progress.Path()
	if !ok || !slices.Contains(Questions(), r.question) {
		return
	}
	rec := progress.Record{Question: r.question, Outcome: r.outcome, Kind: progress.Check}
	if r.outcome == progress.Wrong {
		rec.Hint = progress.HintLabel(r.hint)
		rec.HintID = progress.HintID(rec.Hint)
	}
	// Jupyter servers name the notebook a kernel runs for in its environment.
	if strings.HasSuffix(os.Getenv("JPY_SESSION_NAME"), "solutions.ipynb") {
		rec.Kind = progress.Solution
	}
	if err := progress.Append(path, rec); err != nil {
		fmt.Fprintf(os.Stderr, "(your progress was not saved: %v)\n", err)
	}
}

// Progress prints your progress on the exercises, question by question, from
// the progress file every check adds to ($HOME/bunbook-progress.jsonl on a
// JupyterHub; $BUNBOOK_PROGRESS elsewhere).
func Progress() { printProgress(os.Stdout) }

func printProgress(w io.Writer) {
	path, ok := progress.Path()
	if !ok {
		fmt.Fprintf(w, "Progress is recorded on a JupyterHub, or where %s names a file (e.g. %s=$HOME/%s).\n", progress.Env, progress.Env, progress.FileName)
		return
	}
	recs, probs, _ := progress.ReadFile(path)
	fmt.Fprintf(w, "Your progress (%s):\n", path)
	status := progress.Summarize(recs)
	for _, q := range Questions() {
		s := status[q]
		var says string
		switch {
		case s.Solved:
			says = fmt.Sprintf("correct (after %d checks)", s.Checks)
		case s.Wrong > 0:
			says = fmt.Sprintf("not yet, %d wrong checks; last hint: %s", s.Wrong, s.Hint)
		case s.Checks > 0:
			says = "not yet answered"
		default:
			says = "not attempted"
		}
		if s.Solution {
			says += "; solution run"
		}
		fmt.Fprintf(w, "%-5s %-4s %s\n", strings.Fields(s.Cell())[0], q, says)
	}
	for _, p := range probs {
		fmt.Fprintf(w, "(skipped %s)\n", p)
	}
}
