package hubtest

import (
	"os"
	"os/exec"
	"syscall"
	"testing"
	"time"
)

// The leftover check Stop relies on: a process carrying the hub's marker is
// found, with its children, and is gone once killed.
func TestProcessesFindsMarkedProcesses(t *testing.T) {
	h := &Hub{marker: randomHex(8)}
	other := exec.Command("sh", "-c", "sleep 30 & wait")
	other.Env = append(os.Environ(), MarkerEnv+"=someone-else")
	cmd := exec.Command("sh", "-c", "sleep 30 & wait")
	cmd.Env = append(os.Environ(), MarkerEnv+"="+h.marker)
	for _, c := range []*exec.Cmd{other, cmd} {
		if err := c.Start(); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = c.Process.Kill(); _ = c.Wait() })
	}

	var found []Process
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if found = h.Processes(); len(found) == 2 {
			break
		}
	}
	if len(found) != 2 || found[0].PID != cmd.Process.Pid {
		t.Fatalf("Processes() = %v, want the marked sh (pid %d) and its sleep, not pid %d", found, cmd.Process.Pid, other.Process.Pid)
	}
	kids := Descendants(cmd.Process.Pid)
	if len(kids) != 1 || kids[0] != found[1].PID {
		t.Errorf("Descendants(%d) = %v, want [%d]", cmd.Process.Pid, kids, found[1].PID)
	}

	for _, p := range found {
		_ = syscall.Kill(p.PID, syscall.SIGKILL)
	}
	_ = cmd.Wait()
	for deadline := time.Now().Add(5 * time.Second); len(h.Processes()) > 0; time.Sleep(50 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("still found after SIGKILL: %v", h.Processes())
		}
	}
}
