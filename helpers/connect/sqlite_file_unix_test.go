//go:build unix

package connect

import (
	"context"
	"path/filepath"
	"syscall"
	"testing"
)

// Devices, FIFOs and /proc files are not database files: they used to
// open as an empty database with no tables.
func TestOpenNonRegularFiles(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "pipe.db")
	mkfifo(t, fifo)
	for path, want := range map[string]string{
		"/dev/zero":         `connect: "/dev/zero" is a character device, not an SQLite database file: name the .db file`,
		"/dev/urandom":      `connect: "/dev/urandom" is a character device, not an SQLite database file: name the .db file`,
		fifo:                `connect: "` + fifo + `" is a named pipe (FIFO), not an SQLite database file: name the .db file`,
		"/proc/self/status": `connect: "/proc/self/status" is not an SQLite database file (it does not start with "SQLite format 3"): check the path, or download or copy the file again`,
	} {
		for _, opts := range [][]Option{nil, {Create()}} {
			_, err := Open(context.Background(), path, opts...)
			if err == nil || err.Error() != want {
				t.Errorf("Open(%q, %d options) error\n got: %v\nwant: %s", path, len(opts), err, want)
			}
		}
	}
}

func mkfifo(t *testing.T, path string) {
	t.Helper()
	if err := syscall.Mkfifo(path, 0o644); err != nil {
		t.Fatal(err)
	}
}
