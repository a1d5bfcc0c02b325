package lessonsync

import (
	"os"
	"testing"
)

// A notebook read and written back is byte for byte what Jupyter wrote:
// a merge changes only the cells it must.
func TestNotebookRoundTrip(t *testing.T) {
	for _, p := range []string{"../../notebooks/01_create_database.ipynb", "../../notebooks/exercises/questions.ipynb"} {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		nb, err := parseNotebook(data)
		if err != nil {
			t.Fatal(err)
		}
		if got := nb.encode(); string(got) != string(data) {
			t.Errorf("%s: written back differs (%d bytes, was %d)", p, len(got), len(data))
		}
	}
}
