package download

import (
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// getWithin is fetchResult failing the test when it does not return in time.
func getWithin(t *testing.T, d time.Duration, dest string, opts ...Option) error {
	t.Helper()
	done := make(chan error, 1)
	go func() {
		_, err := fetchResult(t.Context(), dest, opts...)
		done <- err
	}()
	select {
	case err := <-done:
		return err
	case <-time.After(d):
		t.Fatalf("fetchResult: no answer after %s", d)
		return nil
	}
}

// TestFIFOsDoNotHang: a named pipe as source or destination is refused at
// once: opening one blocks before any timeout applies (H6).
func TestFIFOsDoNotHang(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo.zip")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	err := getWithin(t, 10*time.Second, filepath.Join(dir, "out", DBName), base(Source(fifo), withTimeout(5*time.Second))...)
	if !errors.Is(err, errSource) || !strings.Contains(err.Error(), "is not a regular file") || strings.Contains(err.Error(), "try again later") {
		t.Errorf("FIFO source: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "out")); err == nil {
		t.Errorf("the failed download created the destination folder")
	}

	destFIFO := filepath.Join(dir, "dest.db")
	if err := syscall.Mkfifo(destFIFO, 0o644); err != nil {
		t.Fatal(err)
	}
	err = getWithin(t, 10*time.Second, destFIFO, base(Source(shareddataZip(t)), withTimeout(5*time.Second))...)
	if err == nil || !strings.Contains(err.Error(), "is not a regular file") {
		t.Errorf("FIFO destination: %v", err)
	}
}

func TestDirectorySourceSaysWhatToDo(t *testing.T) {
	err := getWithin(t, 10*time.Second, t.TempDir(), base(Source(t.TempDir()))...)
	if !errors.Is(err, errSource) || strings.Contains(err.Error(), "try again later") ||
		!strings.Contains(err.Error(), "point the Source option (-source flag) at a chinook.zip or chinook.db file") {
		t.Errorf("directory source: %v", err)
	}
}

// TestBadRedirects: a redirect loop and a redirect away from http(s) wrap
// errRedirect and do not say "try again later".
func TestBadRedirects(t *testing.T) {
	loop := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, r.URL.Path+"x", http.StatusFound)
	})
	toFile := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "file:///etc/passwd", http.StatusFound)
	})
	for _, tc := range []struct {
		srv  *server
		want string
	}{
		{loop, "stopped after 10 redirects"},
		{toFile, `redirected to "file:///etc/passwd", which is not http(s)`},
	} {
		err := getWithin(t, 20*time.Second, t.TempDir(), base(Source(tc.srv.URL+"/a"))...)
		if !errors.Is(err, errRedirect) || !strings.Contains(err.Error(), tc.want) || strings.Contains(err.Error(), "try again later") {
			t.Errorf("err = %v\nwant errRedirect with %q", err, tc.want)
		}
		if tc.srv.hits.Load() > 11 {
			t.Errorf("%d requests: a bad redirect was followed on", tc.srv.hits.Load())
		}
	}
}

func TestZipBombIsAnExtractError(t *testing.T) {
	zeros := make([]byte, 2<<20)
	err := getZip(t, makeZip(t, entry{"chinook.db", zeros}), withMaxSize(1<<20))
	if !strings.HasPrefix(err.Error(), "chinook: extract ") {
		t.Errorf("err = %v, want it labelled extract", err)
	}
}

// TestSourceCredentialsNeverShown: a mirror URL with a password or a
// signed query is fetched as given but shown redacted, in the result line
// and in errors.
func TestSourceCredentialsNeverShown(t *testing.T) {
	srv := newServer(t, serveBytes(realZip(t)))
	signed := strings.Replace(srv.URL, "http://", "http://ana:t0ken@", 1) + "/chinook.zip?sig=s1gn&sv=1"
	r, err := fetchResult(t.Context(), t.TempDir(), base(Source(signed))...)
	if err != nil {
		t.Fatal(err)
	}
	if s := r.String() + r.Source; strings.Contains(s, "t0ken") || strings.Contains(s, "s1gn") || !strings.Contains(r.Source, "sig=xxxxx") {
		t.Errorf("result shows a credential: %s / %s", r, r.Source)
	}
	gone := newServer(t, http.NotFound)
	err = getWithin(t, 10*time.Second, t.TempDir(), base(Source(strings.Replace(gone.URL, "http://", "http://ana:t0ken@", 1)+"/x.zip?X-Amz-Signature=s1gn"))...)
	if err == nil || strings.Contains(err.Error(), "t0ken") || strings.Contains(err.Error(), "s1gn") {
		t.Errorf("error shows a credential: %v", err)
	}
	err = getWithin(t, 10*time.Second, t.TempDir(), base(withEnv(map[string]string{envSource: "http://ana:t0ken@127.0.0.1:1/chinook.zip"}))...)
	if err == nil || strings.Contains(err.Error(), "t0ken") {
		t.Errorf("error shows a credential: %v", err)
	}
}

// TestMisleadingSources: a /proc file (size 0, yet content) is reported as
// what it is, not as "got 4067 of 0 bytes"; a file that is only a SQLite
// header is refused even with Unverified (probe, smaller findings).
func TestMisleadingSources(t *testing.T) {
	dir := t.TempDir()
	err := getWithin(t, time.Minute, filepath.Join(dir, "a", DBName), base(Source("/proc/self/maps"))...)
	if !errors.Is(err, errFormat) || strings.Contains(err.Error(), "of 0 bytes") || !strings.Contains(err.Error(), "not a zip or SQLite file") {
		t.Errorf("/proc/self/maps: %v", err)
	}
	tiny := filepath.Join(dir, "tiny.db")
	if err := os.WriteFile(tiny, []byte("SQLite format 3\x00"), 0o644); err != nil {
		t.Fatal(err)
	}
	truncated := filepath.Join(dir, "truncated.db")
	if err := os.WriteFile(truncated, realDB(t)[:5000], 0o644); err != nil {
		t.Fatal(err)
	}
	for _, src := range []string{tiny, truncated} {
		dest := filepath.Join(dir, "b", DBName)
		err = getWithin(t, time.Minute, dest, base(Source(src), Unverified())...)
		if !errors.Is(err, errFormat) || !strings.Contains(err.Error(), "SQLite") {
			t.Errorf("%s with Unverified: %v", filepath.Base(src), err)
		}
		if _, err := os.Stat(dest); err == nil {
			t.Errorf("%s was installed", filepath.Base(src))
		}
	}
}
