package bench_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/bunbook/bunbook/internal/nbrun"
)

// skipOrFail skips a test that needs something missing, except under
// CI=true, where everything must run.
func skipOrFail(t *testing.T, err error) {
	t.Helper()
	if ci, _ := strconv.ParseBool(os.Getenv("CI")); ci {
		t.Fatal(err)
	}
	t.Skip(err)
}

// python returns the interpreter the `jupyter` command runs on: the one
// with jupyter_client, which the benches need (the first python3 on PATH
// may be another).
func python(t *testing.T) string {
	t.Helper()
	j, err := nbrun.FindJupyter(t.Context())
	if err != nil {
		skipOrFail(t, err)
	}
	if raw, err := os.ReadFile(j.Path); err == nil {
		line, _, _ := strings.Cut(string(raw), "\n")
		if py, ok := strings.CutPrefix(line, "#!"); ok && strings.Contains(py, "python") && !strings.Contains(py, " ") {
			return py
		}
	}
	return "python3"
}

func TestSelfTest(t *testing.T) {
	out, err := exec.CommandContext(t.Context(), python(t), "bench.py", "--self-test").CombinedOutput()
	if err != nil || !bytes.Contains(out, []byte("\nOK")) {
		t.Fatalf("bench.py --self-test: %v\n%s", err, out)
	}
}

// classroom starts bench/classroom.py with its temporary folders under a
// folder of the test's own, so the test can tell its processes apart.
func classroom(t *testing.T, ctx context.Context, args ...string) (*exec.Cmd, string, *bytes.Buffer) {
	t.Helper()
	py := python(t)
	j, _ := nbrun.FindJupyter(t.Context())
	if _, err := nbrun.FindKernel(t.Context(), j, "gonb"); err != nil {
		skipOrFail(t, err)
	}
	if testing.Short() {
		t.Skip("-short: the classroom bench runs a lesson in real kernels")
	}
	tmp := t.TempDir()
	cmd := exec.CommandContext(ctx, py, append([]string{"classroom.py"}, args...)...)
	cmd.Env = append(os.Environ(), "TMPDIR="+tmp) // Chinook: classroom.py finds ../shared as .ci/run does
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	return cmd, tmp, &out
}

// leftovers lists processes started under tmp (their TMPDIR says so) and
// what is left in tmp.
func leftovers(t *testing.T, tmp string) (pids []int, files []string) {
	t.Helper()
	procs, _ := filepath.Glob("/proc/[0-9]*/environ")
	want := []byte("\x00TMPDIR=" + tmp + "/")
	for _, p := range procs {
		env, err := os.ReadFile(p)
		if err != nil {
			continue
		}
		if bytes.Contains(append([]byte{0}, env...), want) {
			pid, _ := strconv.Atoi(strings.Split(p, "/")[2])
			pids = append(pids, pid)
		}
	}
	entries, _ := os.ReadDir(tmp)
	for _, e := range entries {
		files = append(files, e.Name())
	}
	return pids, files
}

// lessonCells counts lesson 01's code cells, which each student runs.
func lessonCells(t *testing.T) int {
	t.Helper()
	nb, err := nbrun.ReadNotebook(filepath.Join("..", "notebooks", "01_create_database.ipynb"))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, c := range nb.Cells {
		if c.Type == "code" && strings.TrimSpace(c.Source) != "" {
			n++
		}
	}
	return n
}

// TestClassroomRunawayAndCleanUp runs a tiny class — one student, then the
// same student next to a runaway one — and checks the table, that the
// runaway cells were interrupted without failing the other student, and
// that no kernel or temporary folder outlives the bench.
func TestClassroomRunawayAndCleanUp(t *testing.T) {
	ctx, cancel := context.WithTimeout(t.Context(), 10*time.Minute)
	defer cancel()
	cmd, tmp, out := classroom(t, ctx, "--students", "1", "--runaway-with", "1", "--no-new-student", "--think", "0.5",
		"--warmup", "0", "--runaway-timeout", "3", "--limit", "600")
	if err := cmd.Run(); err != nil {
		t.Fatalf("classroom.py: %v\n%s", err, out)
	}
	text := out.String()
	n := lessonCells(t)
	for _, want := range []string{
		"p50 s  p95 s  max s  CPU s/cell  PSS peak MiB/student  PSS idle",
		fmt.Sprintf("\n%-11s  %5d  ", "1", n), // the table's first two columns
		fmt.Sprintf("\n%-11s  %5d  ", "1 + runaway", n),
		"largest class with p95 ≤ 600 s: 1 student (of 1 tried)",
		fmt.Sprintf("the 1 others: %d cells, 0 failed", n),
		"clean-up: no bench processes or temporary folders left",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("output lacks %q:\n%s", want, text)
		}
	}
	if !strings.Contains(text, "runaway student: ") || strings.Contains(text, "runaway student: 0 endless") {
		t.Errorf("the runaway cell was never interrupted:\n%s", text)
	}
	if pids, files := leftovers(t, tmp); len(pids)+len(files) > 0 {
		t.Errorf("left behind: processes %v, files %v\n%s", pids, files, text)
	}
}

// TestClassroomCtrlC interrupts the bench while its kernel runs and checks
// that it stops promptly and leaves nothing behind.
func TestClassroomCtrlC(t *testing.T) {
	ctx, cancel := context.WithTimeout(t.Context(), 5*time.Minute)
	defer cancel()
	cmd, tmp, out := classroom(t, ctx, "--students", "2", "--think", "0", "--warmup", "0", "--no-runaway", "--no-new-student")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	// Wait for a kernel to be running (a process under our TMPDIR).
	deadline := time.Now().Add(2 * time.Minute)
	for {
		pids, _ := leftovers(t, tmp)
		if len(pids) > 0 {
			break
		}
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatalf("no kernel started within 2 minutes:\n%s", out)
		}
		time.Sleep(200 * time.Millisecond)
	}
	time.Sleep(2 * time.Second) // into the first cell
	cmd.Process.Signal(syscall.SIGINT)
	var err error
	select {
	case err = <-done:
	case <-time.After(2 * time.Minute):
		cmd.Process.Kill()
		t.Fatalf("classroom.py still running 2 minutes after Ctrl-C:\n%s", out)
	}
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 130 {
		t.Errorf("exit after Ctrl-C: %v, want status 130\n%s", err, out)
	}
	if !strings.Contains(out.String(), "clean-up: no bench processes or temporary files left") {
		t.Errorf("no clean clean-up line:\n%s", out)
	}
	if pids, files := leftovers(t, tmp); len(pids)+len(files) > 0 {
		t.Errorf("left behind after Ctrl-C: processes %v, files %v\n%s", pids, files, out)
	}
}
