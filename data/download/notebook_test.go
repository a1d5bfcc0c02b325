//go:build unix

package download

import (
	"bytes"
	"context"
	"encoding/gob"
	"errors"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/janpfeifer/gonb/gonbui/protocol"
)

// childEnv makes the test binary act as a GoNB cell program (see TestMain).
const childEnv = "CHINOOK_TEST_NOTEBOOK_CELL"

func TestMain(m *testing.M) {
	if dest := os.Getenv(childEnv); dest != "" {
		os.Exit(notebookCell(dest))
	}
	os.Exit(m.Run())
}

// notebookCell is what a student's cell runs: the one-liner, with every
// default (the source comes from CHINOOK_SOURCE, the display is chosen by
// the package because GONB_PIPE is set).
func notebookCell(dest string) int {
	if _, err := Chinook(context.Background(), dest); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	return 0
}

// TestNotebookCell runs the one-liner as GoNB runs a cell: a separate
// program whose display messages travel, gob-encoded, through the named
// pipe in $GONB_PIPE. It checks the real gonbui wiring end to end: an HTML
// <progress> bar updated in place under one display id, erased at the end,
// and the "ready:" line on stdout, which the notebook saves.
func TestNotebookCell(t *testing.T) {
	dir := t.TempDir()
	pipe, back := filepath.Join(dir, "gonb.pipe"), filepath.Join(dir, "gonb.back")
	for _, p := range []string{pipe, back} {
		if err := syscall.Mkfifo(p, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	dest := filepath.Join(dir, "course", "chinook.db")
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(),
		childEnv+"="+dest,
		protocol.GONB_PIPE_ENV+"="+pipe,
		protocol.GONB_PIPE_BACK_ENV+"="+back,
		envSource+"="+shareddataZip(t),
	)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}

	// Play GoNB's side: read display messages, and answer the cell's sync
	// requests (gonbui.Sync) on the back pipe as the kernel does.
	messages := make(chan []*protocol.DisplayData, 1)
	acks := make(chan int, 16)
	syncedAfterLine := false
	go func() {
		var got []*protocol.DisplayData
		defer func() { messages <- got }()
		r, err := os.Open(pipe) // blocks until the cell opens it
		if err != nil {
			return
		}
		defer r.Close()
		dec := gob.NewDecoder(r)
		for {
			var d protocol.DisplayData
			if dec.Decode(&d) != nil {
				return
			}
			if cv, ok := d.Data[protocol.MIMECommValue].(protocol.CommValue); ok && cv.Address == protocol.GonbuiSyncAddress {
				if n := len(got); n > 0 {
					last, _ := got[n-1].Data[protocol.MIMETextHTML].(string)
					syncedAfterLine = strings.Contains(last, "ready: ")
				}
				id, _ := cv.Value.(int)
				acks <- id
				continue
			}
			got = append(got, &d)
		}
	}()
	exited := make(chan struct{})
	go func() {
		w, err := os.OpenFile(back, os.O_WRONLY, 0)
		if err != nil {
			return
		}
		defer w.Close()
		enc := gob.NewEncoder(w)
		for {
			select {
			case id := <-acks:
				_ = enc.Encode(&protocol.CommValue{Address: protocol.GonbuiSyncAckAddress, Value: id})
			case <-exited:
				return
			}
		}
	}()

	err := cmd.Wait()
	close(exited)
	unblock(pipe, os.O_WRONLY) // in case the cell never opened a pipe
	unblock(back, os.O_RDONLY)
	if err != nil {
		t.Fatalf("cell failed: %v\n%s", err, stderr.String())
	}
	got := <-messages

	if stdout.Len() != 0 {
		t.Fatalf("cell stdout = %q, want nothing: the line replaces the bar", stdout.String())
	}
	if len(got) < 2 {
		t.Fatalf("got %d display messages, want a bar and the line replacing it", len(got))
	}
	id := got[0].DisplayID
	if !strings.HasPrefix(id, "chinook-download-") {
		t.Fatalf("display id = %q", id)
	}
	first, _ := got[0].Data[protocol.MIMETextHTML].(string)
	wantStart := `<div class="chinook-download">downloading <code>` + shareddataZip(t) +
		`</code><br><progress max="333705" value="0" style="width:20em"></progress> 0 B / 325 KiB</div>`
	if first != wantStart {
		t.Fatalf("first bar:\n got %s\nwant %s", first, wantStart)
	}
	for i, d := range got {
		if d.DisplayID != id {
			t.Fatalf("message %d has display id %q, want %q (updated in place)", i, d.DisplayID, id)
		}
	}
	if want := "<pre class=\"chinook-download\">\nready: " + dest + " (884736 bytes, sha256 ok)\n</pre>"; got[len(got)-1].Data[protocol.MIMETextHTML] != want {
		t.Fatalf("last message = %q, want the bar replaced by %q", got[len(got)-1].Data[protocol.MIMETextHTML], want)
	}
	if !syncedAfterLine {
		t.Error("the cell did not wait (gonbui.Sync) for GoNB to take the ready line before exiting")
	}
}

// unblock opens a FIFO from the other side, without waiting, so a goroutine
// stuck opening it returns.
func unblock(path string, flag int) {
	if f, err := os.OpenFile(path, flag|syscall.O_NONBLOCK, 0); err == nil {
		f.Close()
	}
}

func TestInterruptCancelsCleanly(t *testing.T) {
	body := realZip(t)
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", "333705")
		w.Write(body[:100000])
		w.(http.Flusher).Flush()
		// The notebook's stop button: GoNB sends SIGINT to the cell program.
		syscall.Kill(os.Getpid(), syscall.SIGINT)
		<-r.Context().Done()
	})
	dir := t.TempDir()
	_, err := fetchResult(t.Context(), dir, append(base(Source(srv.URL)), handleInterrupt(true))...)
	if !errors.Is(err, context.Canceled) || !strings.Contains(err.Error(), "interrupt") {
		t.Fatalf("err = %v, want an interrupted download", err)
	}
	assertFiles(t, dir)
}
