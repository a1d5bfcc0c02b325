package lessontest_test

import (
	"strings"
	"testing"

	"github.com/bunbook/bunbook/internal/nbrun"
)

func init() {
	expect("exercises/solutions.ipynb", expectation{Check: checkSolutions})
	expect("exercises/questions.ipynb", expectation{Check: checkQuestions})
}

// exerciseChecks lists, per answer cell, the questions its checks answer,
// in the order they print.
var exerciseChecks = []struct {
	cell      string
	questions []string
}{
	{"q1", []string{"Q1"}},
	{"q2-builder", []string{"Q2"}},
	{"q2-models", []string{"Q2"}},
	{"q2-inspect", []string{"Q2"}},
	{"q3-builder", []string{"Q3"}},
	{"q3-models", []string{"Q3"}},
	{"q4-builder", []string{"Q4"}},
	{"q4-models", []string{"Q4"}},
	{"q5-builder", []string{"Q5a", "Q5b"}},
	{"q5-models", []string{"Q5a", "Q5b"}},
	{"q6-builder", []string{"Q6"}},
	{"q6-models", []string{"Q6"}},
	{"q7-builder", []string{"Q7"}},
	{"q7-models", []string{"Q7"}},
}

// verdicts returns the lines of text that are check verdicts.
func verdicts(text string) []string {
	var out []string
	for _, line := range strings.Split(text, "\n") {
		if strings.HasPrefix(line, "✅ ") || strings.HasPrefix(line, "❌ ") || strings.HasPrefix(line, "⬜ ") {
			out = append(out, line)
		}
	}
	return out
}

// checkExerciseVerdicts asserts that every answer cell printed exactly its
// checks' verdicts, each formatted by verdict(question).
func checkExerciseVerdicts(t *testing.T, nb *nbrun.Notebook, verdict func(q string) string) {
	t.Helper()
	total := 0
	for _, c := range exerciseChecks {
		got := verdicts(cellByID(t, nb, c.cell).Stdout())
		var want []string
		for _, q := range c.questions {
			want = append(want, verdict(q))
		}
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("cell %s: verdicts\n%s\nwant\n%s", c.cell, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
		total += len(want)
	}
	if n := len(verdicts(nb.Stdout())); n != total || total != 16 {
		t.Errorf("the notebook printed %d verdicts, want %d (and 16 checks in all, not %d)", n, total, total)
	}
}

func checkSetup(t *testing.T, nb *nbrun.Notebook) {
	t.Helper()
	if got, want := strings.Join(cellByID(t, nb, "setup").HTML(), "|"),
		"<pre class=\"chinook-download\">\nready: <repo>/notebooks/exercises/chinook.db (884736 bytes, sha256 ok)\n</pre>"; got != want {
		t.Errorf("setup showed %q, want only %q", got, want)
	}
}

// checkSolutions: every answer, with the query builder and with models, is
// correct; the outputs show the facts the questions are about.
func checkSolutions(t *testing.T, nb *nbrun.Notebook) {
	checkSetup(t, nb)
	checkExerciseVerdicts(t, nb, func(q string) string { return "✅ " + q + " correct" })

	requireLine(t, "q3-models", cellByID(t, nb, "q3-models").Stdout(),
		`Track(TrackId=1, Name="For Those About To Rock (We Salute You)", AlbumId=1, MediaTypeId=1, GenreId=1, Composer="Angus Young, Malcolm Young, Brian Johnson", Milliseconds=343719, Bytes=11170334, UnitPrice="0.99")`, 1)
	requireLine(t, "q4-models", cellByID(t, nb, "q4-models").Stdout(),
		"For Those About To Rock (We Salute You)       For Those About To Rock We Salute You", 1)
	requireLine(t, "q6-builder", cellByID(t, nb, "q6-builder").Stdout(), "tracks sold exactly twice: 256", 1)
	q7 := cellByID(t, nb, "q7-models").Stdout()
	for _, line := range []string{
		" 1. Iron Maiden               140",
		" 2. U2                        107",
		" 3. Metallica                 91",
		" 4. Led Zeppelin              87",
		" 5. Os Paralamas Do Sucesso   45",
		" 6. Deep Purple               44",
		" 7. Faith No More             42",
		" 8. Lost                      41",
		" 9. Eric Clapton              40",
		"10. R.E.M.                    39",
	} {
		requireLine(t, "q7-models", q7, line, 1)
	}
}

// checkQuestions: before anything is filled in, every check reports "not
// yet answered" and nothing fails or gives an answer away.
func checkQuestions(t *testing.T, nb *nbrun.Notebook) {
	checkSetup(t, nb)
	checkExerciseVerdicts(t, nb, func(q string) string {
		return "⬜ " + q + " not yet answered: fill in the cell and run it again"
	})
	for _, leak := range []string{"Iron Maiden", "For Those About To Rock", "Balls to the Wall", "sold exactly twice"} {
		if strings.Contains(nb.Stdout(), leak) {
			t.Errorf("the questions notebook prints %q: its outputs must not give answers away", leak)
		}
	}
}
