package lessontest_test

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/bunbook/bunbook/internal/nbrun"
)

// maxWords is the most prose a student must read in a lesson: the words
// of its markdown cells before "Going further", counted as runs of
// non-space characters.
const maxWords = 600

// maxMedianWords is the longest a lesson's median markdown cell may grow:
// GoNB's tutorial's median is about 60 words, and asides belong in the
// lesson's closing "Going further".
const maxMedianWords = 65

// word is how the prose is counted: runs of letters, digits and underscores.
var word = regexp.MustCompile(`\w+`)

// TestLessonProseStaysShort keeps the lessons in GoNB's tutorial style:
// short markdown cells, and a "Going further" section at the end for asides.
func TestLessonProseStaysShort(t *testing.T) {
	for _, name := range []string{lesson1, "02_reflect_existing_database.ipynb"} {
		nb, err := nbrun.ReadNotebook(name)
		if err != nil {
			t.Fatal(err)
		}
		var words []int
		further, before := false, 0
		for _, c := range nb.Cells {
			if c.Type != "markdown" {
				continue
			}
			words = append(words, len(word.FindAllString(c.Source, -1)))
			further = further || strings.HasPrefix(c.Source, "## Going further\n")
			if !further {
				before += len(strings.Fields(c.Source))
			}
		}
		if before > maxWords {
			t.Errorf("%s: %d words of prose before \"Going further\", want at most %d", name, before, maxWords)
		}
		t.Logf("%s: %d words before \"Going further\"", name, before)
		slices.Sort(words)
		if median := words[len(words)/2]; median > maxMedianWords {
			t.Errorf("%s: the median markdown cell has %d words, want at most %d (move asides to \"Going further\")", name, median, maxMedianWords)
		}
		if !further {
			t.Errorf("%s has no \"## Going further\" section for its asides", name)
		}
	}
}

// TestLesson1OpensWithBun: the cell a student copies opens the database
// with Bun's own calls, not the course's connect helper, and the lesson
// shows a transaction.
func TestLesson1OpensWithBun(t *testing.T) {
	nb, err := nbrun.ReadNotebook(lesson1)
	if err != nil {
		t.Fatal(err)
	}
	open := cellByID(t, nb, "open-db").Source
	for _, want := range []string{"sql.Open(sqliteshim.ShimName, ", "bun.NewDB(sqldb, sqlitedialect.New())", "bundebug.NewQueryHook("} {
		if !strings.Contains(open, want) {
			t.Errorf("open-db does not call %s:\n%s", want, open)
		}
	}
	if strings.Contains(open, "connect.") {
		t.Errorf("open-db uses the connect helper; it belongs in Going further:\n%s", open)
	}
	if tx := cellByID(t, nb, "tx-rollback").Source; !strings.Contains(tx, "db.RunInTx(") {
		t.Errorf("tx-rollback does not call db.RunInTx:\n%s", tx)
	}
}

// packages are the package names the notebooks use, by the name a cell
// writes before the dot.
var packages = []string{"automap", "bun", "bundebug", "cmp", "codegen", "context", "display", "erd", "errors",
	"exercise", "filepath", "fmt", "inspect", "lesson", "os", "reflect", "repr", "slices", "sql", "sqlitedialect",
	"sqliteshim", "strings", "time"}

var (
	goStrings  = regexp.MustCompile("\"(?:\\\\.|[^\"\\\\\n])*\"|`[^`]*`")
	goComments = regexp.MustCompile(`//.*`)
	selector   = regexp.MustCompile(`\b([a-z][a-z0-9]*)\.[A-Za-z]`)
	importName = regexp.MustCompile(`^\s*(?:import\s+)?(?:([A-Za-z_]\w*)\s+)?"([^"]+)"\s*$`)
)

// TestCellsImportWhatTheyUse: every package a notebook's cell uses is
// imported by that cell or an earlier one, so a cell copied with its
// imports compiles in a .go file, and a typo like fmt.Prinln is reported as
// such, not as "undefined: fmt" (what goimports leaves when it cannot find
// the function). The one exception is data/download, which only the cell
// that shows the download uses: left to goimports, no other cell links it.
func TestCellsImportWhatTheyUse(t *testing.T) {
	paths, err := nbrun.FindNotebooks(".")
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range paths {
		nb, err := nbrun.ReadNotebook(path)
		if err != nil {
			t.Fatal(err)
		}
		imported := map[string]bool{"download": true}
		for _, c := range nb.CodeCells() {
			for _, line := range strings.Split(c.Source, "\n") {
				if m := importName.FindStringSubmatch(line); m != nil {
					name := m[1]
					if name == "" {
						name = m[2][strings.LastIndexByte(m[2], '/')+1:]
					}
					imported[name] = true
				}
			}
			code := goComments.ReplaceAllString(goStrings.ReplaceAllString(c.Source, `""`), "")
			for _, m := range selector.FindAllStringSubmatch(code, -1) {
				if slices.Contains(packages, m[1]) && !imported[m[1]] {
					t.Errorf("%s: cell %s uses %s. but no cell up to it imports %s", path, c.ID, m[1], m[1])
					imported[m[1]] = true // once per package
				}
			}
		}
	}
}
