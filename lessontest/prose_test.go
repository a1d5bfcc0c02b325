package lessontest_test

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/bunbook/bunbook/internal/nbrun"
)

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
		further := false
		for _, c := range nb.Cells {
			if c.Type != "markdown" {
				continue
			}
			words = append(words, len(word.FindAllString(c.Source, -1)))
			further = further || strings.HasPrefix(c.Source, "## Going further\n")
		}
		slices.Sort(words)
		if median := words[len(words)/2]; median > maxMedianWords {
			t.Errorf("%s: the median markdown cell has %d words, want at most %d (move asides to \"Going further\")", name, median, maxMedianWords)
		}
		if !further {
			t.Errorf("%s has no \"## Going further\" section for its asides", name)
		}
	}
}

// TestLesson1NotesThatGoNBAddsImports: lesson 1 says, once and early, that
// GoNB adds missing imports, so a student who copies a cell into a .go file
// knows to add them.
func TestLesson1NotesThatGoNBAddsImports(t *testing.T) {
	nb, err := nbrun.ReadNotebook(lesson1)
	if err != nil {
		t.Fatal(err)
	}
	const says = "GoNB adds missing imports"
	var in []string
	for _, c := range nb.Cells {
		if strings.Contains(c.Source, says) {
			in = append(in, c.ID)
		}
	}
	if !slices.Equal(in, []string{"open-md"}) {
		t.Errorf("%s says %q in cells %q, want once, in open-md (section 1)", lesson1, says, in)
	}
	if open := cellByID(t, nb, "open-md").Source; !strings.Contains(open, ".go` file") {
		t.Errorf("open-md does not tell a student what to do in a .go file:\n%s", open)
	}
}
