package main

import (
	"os"
	"path/filepath"
	"testing"
)

func TestRelToNotebooks(t *testing.T) {
	root := t.TempDir()
	for _, tc := range []struct{ nb, want string }{
		{filepath.Join(root, "notebooks", "01_create.ipynb"), "01_create.ipynb"},
		{filepath.Join(root, "notebooks", "exercises", "q.ipynb"), filepath.Join("exercises", "q.ipynb")},
		{filepath.Join(root, "examples", "x.ipynb"), filepath.Join("examples", "x.ipynb")},
		{"/elsewhere/y.ipynb", "y.ipynb"},
	} {
		if got := relToNotebooks(root, tc.nb); got != tc.want {
			t.Errorf("relToNotebooks(%q) = %q, want %q", tc.nb, got, tc.want)
		}
	}
}

func TestSaveOutputs(t *testing.T) {
	dir := t.TempDir()
	executed, source := filepath.Join(dir, "executed.ipynb"), filepath.Join(dir, "source.ipynb")
	if err := os.WriteFile(executed, []byte("fresh"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(source, []byte("stale"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := saveOutputs(executed, source); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(source); string(got) != "fresh" {
		t.Errorf("source = %q, want the executed copy", got)
	}
	if _, err := os.Stat(source + ".saving"); !os.IsNotExist(err) {
		t.Errorf("temporary file left behind: %v", err)
	}
}
