package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestStartHookWithholdsSolutions runs the image's start hook (as the
// notebook user) with lessonsync built from this checkout: with
// BUNBOOK_SOLUTIONS=hidden the solutions notebook stays out of the home;
// with shown (or unset) the next start puts it in. The image test checks
// the same inside a container.
func TestStartHookWithholdsSolutions(t *testing.T) {
	// As root the hook writes to /home/$NB_USER and chowns to NB_UID:NB_GID;
	// run it as the notebook user instead (uid 1000, gid 100), as a
	// container does, in a folder that user can reach.
	dir, err := os.MkdirTemp("", "bunbook-hook-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	os.Chmod(dir, 0o755)
	bin := filepath.Join(dir, "bin")
	if out, err := exec.Command("go", "build", "-o", filepath.Join(bin, "lessonsync"), ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	from, to := filepath.Join(dir, "course"), filepath.Join(dir, "home", "bunbook")
	for _, f := range []string{"01_create_database.ipynb", "exercises/questions.ipynb", "exercises/solutions.ipynb"} {
		os.MkdirAll(filepath.Dir(filepath.Join(from, f)), 0o755)
		if err := os.WriteFile(filepath.Join(from, f), []byte("{}"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	asUser := os.Geteuid() == 0
	if asUser {
		if out, err := exec.Command("chown", "-R", "1000:100", dir).CombinedOutput(); err != nil {
			t.Fatalf("chown: %v\n%s", err, out)
		}
	}
	hook, err := filepath.Abs(filepath.Join("..", "..", "image", "before-notebook.d", "50-bunbook-lessons"))
	if err != nil {
		t.Fatal(err)
	}
	run := func(solutions string) string {
		cmd := exec.Command("bash", hook)
		if asUser {
			cmd = exec.Command("setpriv", "--reuid=1000", "--regid=100", "--clear-groups", "bash", hook)
		}
		cmd.Env = append(os.Environ(), "BUNBOOK_LESSONS_SOURCE="+from, "BUNBOOK_LESSONS_DIR="+to, "BUNBOOK_BIN="+bin, "BUNBOOK_SOLUTIONS="+solutions)
		out, err := cmd.CombinedOutput()
		if err != nil || strings.Contains(string(out), "WARNING") {
			t.Fatalf("the hook with BUNBOOK_SOLUTIONS=%q: %v\n%s", solutions, err, out)
		}
		return string(out)
	}
	solutions := filepath.Join(to, "exercises", "solutions.ipynb")
	out := run("hidden")
	if _, err := os.Stat(filepath.Join(to, "exercises", "questions.ipynb")); err != nil {
		t.Fatalf("hidden: the questions are missing: %v\n%s", err, out)
	}
	if _, err := os.Stat(solutions); err == nil {
		t.Errorf("hidden: the solutions were put into the home\n%s", out)
	}
	out = run("shown")
	if _, err := os.Stat(solutions); err != nil {
		t.Errorf("shown: the solutions are missing after the next start: %v\n%s", err, out)
	}
}
