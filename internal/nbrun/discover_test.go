package nbrun

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

func TestFindNotebooks(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{
		"02_reflect.ipynb", "01_create.ipynb", "notes.md",
		"exercises/questions.ipynb",
		".ipynb_checkpoints/01_create-checkpoint.ipynb",
		"exercises/.ipynb_checkpoints/questions-checkpoint.ipynb",
	} {
		path := filepath.Join(dir, f)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte("{}"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := FindNotebooks(dir)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		filepath.Join(dir, "01_create.ipynb"),
		filepath.Join(dir, "02_reflect.ipynb"),
		filepath.Join(dir, "exercises", "questions.ipynb"),
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("FindNotebooks = %q, want %q", got, want)
	}
	if _, err := FindNotebooks(filepath.Join(dir, "missing")); err == nil {
		t.Error("FindNotebooks of a missing folder: no error")
	}
}

func TestFindRoot(t *testing.T) {
	root := t.TempDir()
	sub := filepath.Join(root, "notebooks", "exercises")
	if err := os.MkdirAll(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(root, "go.mod"), []byte("module x\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := FindRoot(sub)
	if err != nil || got != root {
		t.Errorf("FindRoot = %q, %v; want %q", got, err, root)
	}
}
