package download

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"github.com/bunbook/bunbook/internal/shareddata"
)

// base returns the options every test starts from: silent, no signal
// handling, and an environment without CHINOOK_SOURCE
// (CI sets it for the notebooks; these tests choose their own sources).
func base(extra ...Option) []Option {
	return append([]Option{
		Quiet(),
		handleInterrupt(false),
		withEnv(nil),
	}, extra...)
}

func withEnv(env map[string]string) Option {
	return func(o *options) { o.getenv = func(k string) string { return env[k] } }
}

func withDefaults(urls ...string) Option { return func(o *options) { o.defaults = urls } }

func withNow(t time.Time) Option { return func(o *options) { o.now = func() time.Time { return t } } }

// realZip is the shared, genuine chinook.zip.
func realZip(t *testing.T) []byte {
	t.Helper()
	b, err := os.ReadFile(shareddata.Path(t, "chinook.zip"))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func realDB(t *testing.T) []byte {
	t.Helper()
	b, err := os.ReadFile(shareddata.Path(t, "chinook.db"))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// alteredDB is the real database with one byte changed past its header: a
// valid SQLite file with a different digest, like a student's edited copy.
func alteredDB(t *testing.T) []byte {
	db := bytes.Clone(realDB(t))
	db[len(db)-1] ^= 0xff
	return db
}

func digest(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

type entry struct {
	name string
	data []byte
}

// makeZip builds an archive in memory, deflating each entry.
func makeZip(t *testing.T, entries ...entry) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, e := range entries {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: e.name, Method: zip.Deflate})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(e.data); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// server is an httptest server counting the requests it receives.
type server struct {
	*httptest.Server
	hits atomic.Int32
}

func newServer(t *testing.T, h http.HandlerFunc) *server {
	t.Helper()
	s := &server{}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.hits.Add(1)
		h(w, r)
	}))
	t.Cleanup(s.Close)
	return s
}

// serveBytes answers every request with body and its Content-Length.
func serveBytes(body []byte) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		http.ServeContent(w, r, "chinook.zip", time.Time{}, bytes.NewReader(body))
	}
}

// truncated announces the full length but sends only half, then drops the
// connection: what a flaky network does mid-transfer.
func truncated(body []byte) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
		w.Write(body[:len(body)/2])
		w.(http.Flusher).Flush()
		panic(http.ErrAbortHandler) // closes the connection without finishing the body
	}
}

// files lists the names in dir, sorted: tests assert nothing else is left.
func files(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range es {
		names = append(names, e.Name())
	}
	slices.Sort(names)
	return names
}

func assertFiles(t *testing.T, dir string, want ...string) {
	t.Helper()
	if got := files(t, dir); !slices.Equal(got, want) {
		t.Fatalf("files in %s = %q, want %q", dir, got, want)
	}
}

func assertDigest(t *testing.T, path, want string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if got := digest(b); got != want {
		t.Fatalf("sha256(%s) = %s, want %s", filepath.Base(path), got, want)
	}
}

func shareddataZip(t *testing.T) string { return shareddata.Path(t, "chinook.zip") }
