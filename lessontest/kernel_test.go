package lessontest_test

// Tests through a live kernel, driven the way JupyterLab drives it (see
// nbrun.Session): Tab completion and Shift+Tab documentation from gopls,
// errors in both kernels, cells run out of order.

import (
	"strings"
	"testing"
	"time"

	"github.com/bunbook/bunbook/internal/nbrun"
)

// startKernel starts the installed kernelspec name in notebooks/ and shuts
// it down at the end of the test. A missing Jupyter or kernel skips the
// test, or fails it under CI=true.
func startKernel(t *testing.T, name string) *nbrun.Session {
	t.Helper()
	if testing.Short() {
		t.Skip("-short: starts a kernel and compiles cells")
	}
	root, j := notebookRunner(t)
	k, err := nbrun.FindKernel(t.Context(), j, name)
	if err != nil {
		requireResource(t, err)
	}
	if err := k.CheckGoNB(root); err != nil {
		t.Fatal(err)
	}
	s, err := j.StartSession(t.Context(), name, ".")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// runCell executes code and fails the test unless the cell succeeds.
func runCell(t *testing.T, s *nbrun.Session, code string) nbrun.Cell {
	t.Helper()
	r, err := s.Execute(code, 5*time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	c := r.Cell()
	if e := c.Error(); e != nil || r.Status != "ok" {
		t.Fatalf("cell failed (%s):\n%s\n--- error:\n%v\n--- stderr:\n%s", r.Status, code, e, c.Stderr())
	}
	return c
}

// lessonCell returns the source of the lesson cell with that id.
func lessonCell(t *testing.T, notebook, id string) string {
	t.Helper()
	nb, err := nbrun.ReadNotebook(notebook)
	if err != nil {
		t.Fatal(err)
	}
	return cellByID(t, nb, id).Source
}

// Tab after `db.New` lists Bun's query builders, and Shift+Tab on
// NewSelect shows its documentation, not gopls diagnostics: gopls is
// built by the set-up and on the kernel's PATH.
func TestKernelCompletionAndDocs(t *testing.T) {
	s := startKernel(t, nbrun.StudentKernel)
	const lesson = "01_create_database.ipynb"
	for _, id := range []string{"open-db", "helpers", "models"} {
		runCell(t, s, lessonCell(t, lesson, id))
	}

	// gopls indexes the module on its first request: retry, bounded.
	code := "%%\ndb := openDB()\ndefer db.Close()\ndb.New"
	var matches []string
	deadline := time.Now().Add(2 * time.Minute)
	for time.Now().Before(deadline) {
		r, err := s.Complete(code, len(code), time.Minute)
		if err != nil {
			t.Fatal(err)
		}
		if matches = r.Matches; len(matches) > 0 {
			if got := code[r.CursorStart:r.CursorEnd]; got != "New" {
				t.Errorf("completion replaces %q, want %q", got, "New")
			}
			break
		}
		time.Sleep(2 * time.Second)
	}
	if !contains(matches, "NewSelect") || !contains(matches, "NewInsert") {
		t.Fatalf("Tab after db.New offers %q, want NewSelect and NewInsert among them (is gopls on the kernel's PATH? scripts/setup.sh builds it)", matches)
	}

	code = "%%\ndb := openDB()\ndefer db.Close()\nvar names []string\ncheck(db.NewSelect().Model((*Customer)(nil)).Column(\"FirstName\").Scan(ctx, &names))\n"
	r, err := s.Inspect(code, strings.Index(code, "NewSelect")+3, time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	doc := r.Data["text/markdown"] + r.Data["text/plain"]
	if !strings.Contains(doc, "NewSelect creates a SELECT query builder.") {
		t.Errorf("Shift+Tab on NewSelect shows %q, want Bun's documentation", doc)
	}
	for _, noise := range []string{"imported and not used", "redeclared in this block", "undefined:"} {
		if strings.Contains(doc, noise) {
			t.Errorf("Shift+Tab on NewSelect shows gopls noise %q:\n%s", noise, doc)
		}
	}
	t.Logf("Shift+Tab on NewSelect: %s", doc)

	// While the student types, the cell does not parse yet.
	code = "%%\ndb := openDB()\ndefer db.Close()\ndb.NewSelect("
	r, err = s.Inspect(code, len(code), time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("Shift+Tab after db.NewSelect( : %v", r.Data)

	// Editing the helpers cell again, half typed.
	code = lessonCell(t, lesson, "helpers") + "\ndb.NewSelect("
	r, err = s.Inspect(code, len(code), time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("Shift+Tab in helpers after db.NewSelect( : %v", r.Data)
	code = lessonCell(t, lesson, "open-db")
	r, err = s.Inspect(code, strings.Index(code, "MustOpenEnv")+2, time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("Shift+Tab in open-db on MustOpenEnv : %v", r.Data)
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
