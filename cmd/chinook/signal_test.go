package main

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/bunbook/bunbook/internal/shareddata"
)

// TestSignalsLeaveNothing runs the real command against a loopback server
// that sends chinook.zip slowly, signals it mid-transfer and checks that no
// temporary .part file is left beside the database (probe: SIGTERM and
// SIGHUP used to leave one for 24 h; only Ctrl-C cleaned up).
func TestSignalsLeaveNothing(t *testing.T) {
	zip, err := os.ReadFile(shareddata.Path(t, "chinook.zip"))
	if err != nil {
		t.Fatal(err)
	}
	started := make(chan struct{}, 8)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", strconv.Itoa(len(zip)))
		for i := 0; i < len(zip); i += 4096 {
			if _, err := w.Write(zip[i:min(i+4096, len(zip))]); err != nil {
				return
			}
			w.(http.Flusher).Flush()
			if i == 0 {
				started <- struct{}{}
			}
			select {
			case <-r.Context().Done():
				return
			case <-time.After(200 * time.Millisecond):
			}
		}
	}))
	defer srv.Close()

	bin := filepath.Join(t.TempDir(), "chinook")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP} {
		t.Run(sig.String(), func(t *testing.T) {
			dir := t.TempDir()
			var stderr bytes.Buffer
			cmd := exec.Command(bin, "-q", "-o", dir, "-source", srv.URL+"/chinook.zip")
			cmd.Env = append(os.Environ(), "CHINOOK_SOURCE=")
			cmd.Stderr = &stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			select {
			case <-started:
			case <-time.After(2 * time.Minute):
				cmd.Process.Kill()
				t.Fatal("the download never started")
			}
			// A .part file exists while the transfer runs.
			deadline := time.Now().Add(time.Minute)
			for parts(t, dir) == 0 && time.Now().Before(deadline) {
				time.Sleep(20 * time.Millisecond)
			}
			if parts(t, dir) == 0 {
				t.Fatal("no .part file during the transfer")
			}
			cmd.Process.Signal(sig)
			err := cmd.Wait()
			code := cmd.ProcessState.ExitCode()
			if code != exitInterrupted || !strings.Contains(stderr.String(), "interrupted: nothing was written") {
				t.Fatalf("exit %d (%v), stderr %q; want %d and the interrupted message", code, err, stderr.String(), exitInterrupted)
			}
			if entries, _ := os.ReadDir(dir); len(entries) != 0 {
				t.Fatalf("left behind after %v: %v", sig, entries)
			}
		})
	}
}

func parts(t *testing.T, dir string) int {
	m, err := filepath.Glob(filepath.Join(dir, ".chinook-*.part"))
	if err != nil {
		t.Fatal(err)
	}
	return len(m)
}
