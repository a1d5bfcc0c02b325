package connect

import (
	"bytes"
	"context"
	"crypto/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bunbook/bunbook/internal/shareddata"
)

// An empty (zero-byte) file is what a failed download or copy leaves: it is
// told apart from a missing file and from a database with no tables.
func TestOpenEmptyFile(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	if err := os.WriteFile("chinook.db", nil, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, dsn := range []string{"chinook.db", "file:chinook.db", "sqlite:///chinook.db"} {
		_, err := Open(context.Background(), dsn)
		want := `connect: database file "chinook.db" is empty (0 bytes), so it holds no database: a failed download or copy? ` +
			`Download or copy it again, or pass connect.Create() to start a new database in it`
		if err == nil || err.Error() != want {
			t.Errorf("Open(%q) error\n got: %v\nwant: %s", dsn, err, want)
		}
	}
	if info, err := os.Stat("chinook.db"); err != nil || info.Size() != 0 {
		t.Fatalf("the empty file was changed: %v, %v", info, err)
	}
}

// With Create, an empty file becomes a new database, written to disk at
// once, so the next cell opens it without Create.
func TestOpenCreateFillsAnEmptyFile(t *testing.T) {
	for name, prepare := range map[string]func(path string){
		"missing": func(string) {},
		"empty": func(path string) {
			if err := os.WriteFile(path, nil, 0o644); err != nil {
				t.Fatal(err)
			}
		},
	} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "lesson1.db")
			prepare(path)
			db := mustOpen(t, path, Create())
			db.Close()
			header, err := os.ReadFile(path)
			if err != nil || !bytes.HasPrefix(header, []byte("SQLite format 3\x00")) {
				t.Fatalf("after Open with Create the file holds %d bytes, not an SQLite header (%v)", len(header), err)
			}
			mustOpen(t, path) // without Create
		})
	}
}

// A file that is not SQLite is refused before SQLite reads it, with or
// without Create: Create never overwrites a file.
func TestOpenGarbageFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "chinook.db")
	garbage := make([]byte, 4096)
	rand.Read(garbage)
	if err := os.WriteFile(path, garbage, 0o644); err != nil {
		t.Fatal(err)
	}
	want := `connect: "` + path + `" is not an SQLite database file (it does not start with "SQLite format 3"): check the path, or download or copy the file again`
	for _, opts := range [][]Option{nil, {Create()}} {
		if _, err := Open(context.Background(), path, opts...); err == nil || err.Error() != want {
			t.Errorf("Open(%d options) error\n got: %v\nwant: %s", len(opts), err, want)
		}
	}
	if got, _ := os.ReadFile(path); !bytes.Equal(got, garbage) {
		t.Fatal("the file was changed")
	}
}

// A truncated copy of chinook.db (an interrupted download) used to open,
// and failed later with "database disk image is malformed".
func TestOpenTruncatedFile(t *testing.T) {
	whole, err := os.ReadFile(shareddata.Path(t, "chinook.db"))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "chinook.db")
	if err := os.WriteFile(path, whole[:65536], 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = Open(context.Background(), path)
	want := `connect: database file "` + path + `" is truncated: it holds 65536 of its 884736 bytes: a failed download or copy? Download or copy it again`
	if err == nil || err.Error() != want {
		t.Errorf("error\n got: %v\nwant: %s", err, want)
	}
	// The whole file still opens.
	if err := os.WriteFile(path, whole, 0o644); err != nil {
		t.Fatal(err)
	}
	mustOpen(t, path)
}

// A file shorter than SQLite's 100-byte header but starting like one.
func TestOpenTruncatedHeader(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x.db")
	if err := os.WriteFile(path, []byte("SQLite format 3\x00\x10\x00"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Open(context.Background(), path)
	if err == nil || !strings.Contains(err.Error(), `is truncated: it holds 18 bytes, less than SQLite's 100-byte header`) {
		t.Errorf("error = %v", err)
	}
}
