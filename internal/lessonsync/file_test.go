package lessonsync

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestLessonsFolderIsAFile (probe, smaller findings): a regular file where
// the lessons folder (or its exercises folder) should be gives one error
// naming it and the fix, not a low-level line per lesson.
func TestLessonsFolderIsAFile(t *testing.T) {
	from := course(t, map[string]string{"01.ipynb": "lesson 1", "exercises/q.ipynb": "questions"})
	home := t.TempDir()
	to := filepath.Join(home, "bunbook")
	os.WriteFile(to, []byte("mine"), 0o644)
	_, err := Sync(Options{From: from, To: to})
	want := "lessonsync: " + to + " is a file, not a folder: rename it (e.g. mv"
	if err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Fatalf("err = %v, want it to start with %q", err, want)
	}
	if b, _ := os.ReadFile(to); string(b) != "mine" {
		t.Errorf("the file was changed: %q", b)
	}

	os.Remove(to)
	os.MkdirAll(to, 0o755)
	os.WriteFile(filepath.Join(to, "exercises"), []byte("mine"), 0o644)
	rep, err := Sync(Options{From: from, To: to})
	if err != nil {
		t.Fatal(err)
	}
	rerr := rep.Err()
	if rerr == nil || !strings.Contains(rerr.Error(), filepath.Join(to, "exercises")+" is a file, not a folder: rename it") || strings.Contains(rerr.Error(), ".lessonsync-") {
		t.Errorf("exercises a file: %v", rerr)
	}
}
