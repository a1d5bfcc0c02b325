package lessonsync

import (
	"os"
	"path/filepath"
	"testing"
)

// TestSyncLeavesOutExcluded: a withheld solutions notebook is not copied
// while excluded, and is copied once the exclusion is lifted.
func TestSyncLeavesOutExcluded(t *testing.T) {
	from, to := t.TempDir(), filepath.Join(t.TempDir(), "bunbook")
	for _, f := range []string{"01.ipynb", "exercises/questions.ipynb", "exercises/solutions.ipynb"} {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(from, f)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(from, f), []byte(f), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	solutions := filepath.Join(to, "exercises", "solutions.ipynb")
	if _, err := Sync(Options{From: from, To: to, Exclude: []string{"exercises/solutions.ipynb"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(to, "exercises", "questions.ipynb")); err != nil {
		t.Errorf("the questions were not synced: %v", err)
	}
	if _, err := os.Stat(solutions); err == nil {
		t.Error("the excluded solutions were copied")
	}
	if _, err := Sync(Options{From: from, To: to}); err != nil {
		t.Fatal(err)
	}
	if data, err := os.ReadFile(solutions); err != nil || string(data) != "exercises/solutions.ipynb" {
		t.Errorf("after the teacher shows them, the solutions: %q, %v", data, err)
	}
}
