package lessontest_test

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestKilledKernelLeavesNothing kills a students' kernel with SIGKILL (as the
// out-of-memory killer or a hub would) while a runaway cell loops, and
// checks that nothing it started survives it: not its gopls, which GoNB
// starts in a process group of its own, not the looping cell program
// (scripts/kernel: both die with their kernel through setpriv --pdeathsig).
func TestKilledKernelLeavesNothing(t *testing.T) {
	s := startKernel(t, "gonb")
	c := runCell(t, s, "import \"os\"\n\nfunc main() { fmt.Println(os.Getppid()) }")
	kernel, err := strconv.Atoi(strings.TrimSpace(c.Stdout()))
	if err != nil || kernel <= 1 {
		t.Fatalf("the cell printed %q, not its kernel's process id", c.Stdout())
	}
	// A runaway cell: the request times out, the loop goes on.
	if r, err := s.Execute("%%\nfor i := 0; ; i++ {\n}", 5*time.Second); err == nil && r.Status == "ok" {
		t.Fatalf("the endless loop cell returned: %+v", r)
	}
	var gopls, cell int
	deadline := time.Now().Add(2 * time.Minute)
	for (gopls == 0 || cell == 0) && time.Now().Before(deadline) {
		for _, p := range descendants(kernel) {
			exe, _ := os.Readlink(filepath.Join("/proc", strconv.Itoa(p), "exe"))
			switch {
			case filepath.Base(exe) == "gopls":
				gopls = p
			case strings.HasSuffix(exe, ".cell"):
				cell = p
			}
		}
		time.Sleep(200 * time.Millisecond)
	}
	if gopls == 0 || cell == 0 {
		t.Fatalf("kernel %d: gopls %d, looping cell %d: expected both running (descendants %v)", kernel, gopls, cell, descendants(kernel))
	}
	started := descendants(kernel)
	t.Logf("kernel %d with gopls %d and the looping cell %d; its processes: %v", kernel, gopls, cell, started)

	if err := syscall.Kill(kernel, syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	deadline = time.Now().Add(time.Minute)
	for {
		var left []string
		for _, p := range started {
			if running(p) {
				exe, _ := os.Readlink(filepath.Join("/proc", strconv.Itoa(p), "exe"))
				left = append(left, strconv.Itoa(p)+" "+exe)
			}
		}
		if len(left) == 0 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("a minute after kill -9 of kernel %d, still running: %v", kernel, left)
		}
		time.Sleep(500 * time.Millisecond)
	}
}

// descendants lists the processes below pid, from /proc.
func descendants(pid int) []int {
	parent := map[int]int{}
	entries, _ := os.ReadDir("/proc")
	for _, e := range entries {
		p, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		if pp, _, ok := stat(p); ok {
			parent[p] = pp
		}
	}
	var out []int
	for p := range parent {
		for q := parent[p]; q > 1; q = parent[q] {
			if q == pid {
				out = append(out, p)
				break
			}
		}
	}
	return out
}

// running says whether pid is a live process (not gone, not a zombie).
func running(pid int) bool {
	_, state, ok := stat(pid)
	return ok && state != "Z" && state != "X"
}

// stat reads a process's parent and state from /proc/PID/stat.
func stat(pid int) (ppid int, state string, ok bool) {
	b, err := os.ReadFile(filepath.Join("/proc", strconv.Itoa(pid), "stat"))
	if err != nil {
		return 0, "", false
	}
	s := string(b)
	i := strings.LastIndexByte(s, ')')
	if i < 0 {
		return 0, "", false
	}
	f := strings.Fields(s[i+1:])
	if len(f) < 2 {
		return 0, "", false
	}
	ppid, err = strconv.Atoi(f[1])
	return ppid, f[0], err == nil
}
