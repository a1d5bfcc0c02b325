// The notebook tests execute every lesson (notebooks/**/*.ipynb) through
// `jupyter nbconvert --execute` with the installed gonb kernel, exactly as
// `make lessons` does, and assert what the cells really printed.
//
// Each notebook needs an expectation, registered from its own file
// (expect_01_test.go is the model): what its outputs must contain, checked
// on every run. Every notebook also must
//
//   - run without an error output and without writing to stderr;
//   - give the same (normalized) outputs when run again in a row, so a
//     student can always re-run it top to bottom;
//   - be committed with those same outputs (`make save-outputs`).
//
// Without Jupyter or the gonb kernel the tests are skipped, except under
// CI=true, where they fail. `go test -short` skips them.
//
// The tests live here, not beside the lessons, so that a student browsing
// notebooks/ sees only lessons; they run in notebooks/ (see TestMain).
package lessontest_test

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/bunbook/bunbook/internal/nbrun"
	"github.com/bunbook/bunbook/internal/shareddata"
)

func init() {
	// Lesson 2 and the exercises fetch Chinook with data/download; the tests
	// point it at the shared copy (../shared/data/chinook.zip), so they run
	// offline through the real download path: unzip, verify, install.
	if os.Getenv("CHINOOK_SOURCE") == "" {
		if dir, err := shareddata.Dir(); err == nil {
			os.Setenv("CHINOOK_SOURCE", filepath.Join(dir, "chinook.zip"))
		}
	}
}

// expectation is what one notebook's outputs must show.
type expectation struct {
	// Runs is how many times in a row the notebook is executed (default 2):
	// each run must give the same outputs as the first.
	Runs int
	// AllowStderr accepts output on standard error (warnings a lesson
	// shows on purpose). Error outputs always fail.
	AllowStderr bool
	// Setup, when set, runs once before the first run, in the notebooks/
	// folder (e.g. to start from a student's first-run state).
	Setup func(t *testing.T)
	// Check asserts the outputs of one run.
	Check func(t *testing.T, nb *nbrun.Notebook)
}

// expectations maps a notebook's path below notebooks/ (slash-separated) to
// its expectation. Register with expect, from an init function.
var expectations = map[string]expectation{}

func expect(notebook string, e expectation) {
	if _, dup := expectations[notebook]; dup {
		panic("two expectations for " + notebook)
	}
	if e.Check == nil {
		panic("expectation for " + notebook + " has no Check: assert its real outputs")
	}
	expectations[notebook] = e
}

// TestMain runs the tests in notebooks/, the folder the lessons run in, so
// that paths below read as they do for a student.
func TestMain(m *testing.M) {
	if err := os.Chdir(filepath.Join("..", "notebooks")); err != nil {
		fmt.Fprintln(os.Stderr, "lessontest:", err)
		os.Exit(1)
	}
	os.Exit(m.Run())
}

func TestNotebooks(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: the notebook tests execute every lesson, which takes minutes")
	}
	root, j := notebookRunner(t)

	notebooks, err := nbrun.FindNotebooks(".")
	if err != nil {
		t.Fatal(err)
	}
	if len(notebooks) == 0 {
		t.Fatal("no notebooks under notebooks/")
	}
	found := map[string]bool{}
	for _, path := range notebooks {
		name := filepath.ToSlash(path)
		found[name] = true
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			testNotebook(t, j, root, path, name)
		})
	}
	for name := range expectations {
		if !found[name] {
			t.Errorf("an expectation names %s, which is not a notebook under notebooks/", name)
		}
	}
}

// notebookRunner finds the checkout's root, Jupyter and the gonb kernel
// installed for this checkout: what executing a notebook needs. A missing
// Jupyter or kernel skips the test, or fails it under CI=true.
func notebookRunner(t *testing.T) (root string, j *nbrun.Jupyter) {
	t.Helper()
	root, err := nbrun.FindRoot(".")
	if err != nil {
		t.Fatal(err)
	}
	trackInputs(t, root)
	j, err = nbrun.FindJupyter(t.Context())
	if err != nil {
		requireResource(t, err)
	}
	var kernel *nbrun.KernelSpec
	// Students open the lessons with gonb; nbrun executes them with its
	// plain-text-errors twin gonb-raw. Both must be installed for this checkout.
	for _, name := range []string{nbrun.HeadlessKernel, nbrun.StudentKernel} {
		k, err := nbrun.FindKernel(t.Context(), j, name)
		if err != nil {
			requireResource(t, err)
		}
		if err := k.CheckGoNB(root); err != nil {
			t.Fatal(err)
		}
		kernel = k
	}
	t.Logf("jupyter %s (nbconvert %s), kernel %s", j.Path, j.NbconvertVersion, kernel.Path)
	return root, j
}

func testNotebook(t *testing.T, j *nbrun.Jupyter, root, path, name string) {
	exp, ok := expectations[name]
	if !ok {
		t.Fatalf("%s has no expectation: register one with expect(%q, …) in lessontest/expect_*_test.go, asserting its real outputs (see expect_01_test.go)", name, name)
	}
	committed, err := nbrun.ReadNotebook(path)
	if err != nil {
		t.Fatal(err)
	}
	if committed.KernelName != nbrun.StudentKernel {
		t.Errorf("%s: metadata.kernelspec.name is %q, want %q (the students' kernel)", name, committed.KernelName, nbrun.StudentKernel)
	}
	for k, want := range nbrun.GoLanguageInfo {
		if got := committed.LanguageInfo[k]; got != want {
			t.Errorf("%s: metadata.language_info.%s is %q, want %q, so that nbconvert and GitHub highlight Go as Go: run `make save-outputs`", name, k, got, want)
		}
	}
	runs := exp.Runs
	if runs <= 0 {
		runs = 2
	}
	if exp.Setup != nil {
		exp.Setup(t)
	}
	var first *nbrun.Notebook
	for run := 1; run <= runs; run++ {
		r, err := j.Execute(t.Context(), path, nbrun.ExecOptions{
			OutDir:    t.TempDir(),
			Normalize: nbrun.NormalizeOptions{Root: root},
		})
		if err != nil {
			t.Fatalf("run %d: %v", run, err)
		}
		t.Logf("run %d of %s: %s", run, name, r.Duration.Round(1e8))
		if err := r.CellErrors(); err != nil {
			t.Fatalf("run %d: %v\n--- kernel log (tail):\n%s", run, err, r.LogTail(30))
		}
		nb := r.Notebook
		if lexer := nb.LanguageInfo["pygments_lexer"]; lexer != "go" {
			t.Errorf("run %d: the executed copy's pygments_lexer is %q, want \"go\"", run, lexer)
		}
		for _, c := range nb.CodeCells() {
			if strings.TrimSpace(c.Source) != "" && c.ExecutionCount == 0 {
				t.Errorf("run %d: cell %d did not run", run, c.Index)
			}
			if s := c.Stderr(); s != "" && !exp.AllowStderr {
				t.Errorf("run %d: cell %d wrote to stderr:\n%s", run, c.Index, s)
			}
		}
		exp.Check(t, nb)
		if first == nil {
			first = nb
		} else if err := nbrun.SameOutputs(first, nb); err != nil {
			t.Errorf("run %d gave other outputs than run 1, so the notebook is not re-runnable: %v", run, err)
		}
		if t.Failed() {
			return
		}
	}
	if err := nbrun.SameOutputs(first, committed); err != nil {
		t.Errorf("%s is committed with other outputs than a fresh run gives: run `make save-outputs`, review `git diff notebooks/` and commit.\n%v", name, err)
	}
}

// requireResource skips the test for a missing Jupyter or kernel, or fails
// it under CI, where everything must run.
func requireResource(t *testing.T, err error) {
	t.Helper()
	if ci, _ := strconv.ParseBool(os.Getenv("CI")); ci {
		t.Fatalf("CI=true, so the notebook tests must run, but: %v\n(.ci/run installs Jupyter with apt-get; scripts/setup.sh installs the kernel)", err)
	}
	if !errors.Is(err, nbrun.ErrNoJupyter) && !errors.Is(err, nbrun.ErrNoKernel) {
		t.Fatal(err)
	}
	t.Skipf("skipping the notebook tests: %v", err)
}

// trackInputs reads every file a notebook run depends on — the module's Go
// sources, go.mod and go.sum, and the notebooks — so that go test's result
// cache, which keys on the files a test opens, re-runs the notebooks when
// any of them changes (the cells compile this module's packages, which the
// test binary itself does not import).
func trackInputs(t *testing.T, root string) {
	t.Helper()
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if path != root && (strings.HasPrefix(d.Name(), ".") || d.Name() == "build" || d.Name() == "testdata") {
				return filepath.SkipDir
			}
			return nil
		}
		switch filepath.Ext(path) {
		case ".go", ".mod", ".sum", ".ipynb":
			_, err := os.ReadFile(path)
			return err
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
