package download

import (
	"context"
	"errors"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestChinookFromServer(t *testing.T) {
	srv := newServer(t, serveBytes(realZip(t)))
	dir := t.TempDir()

	r, err := fetchResult(t.Context(), filepath.Join(dir, "chinook.db"), base(Source(srv.URL+"/chinook.zip"))...)
	if err != nil {
		t.Fatal(err)
	}
	want := result{
		Path: filepath.Join(dir, "chinook.db"), Size: 884736, SHA256: chinookDBSHA256,
		Source: srv.URL + "/chinook.zip", Verified: true,
	}
	if r != want {
		t.Fatalf("result = %+v\nwant     %+v", r, want)
	}
	if got, line := r.String(), "ready: "+want.Path+" (884736 bytes, sha256 ok)"; got != line {
		t.Fatalf("line = %q, want %q", got, line)
	}
	assertFiles(t, dir, "chinook.db")
	assertDigest(t, want.Path, chinookDBSHA256)
	info, _ := os.Stat(want.Path)
	if info.Mode().Perm() != 0o644 {
		t.Fatalf("mode = %v, want 0644", info.Mode().Perm())
	}
}

func TestChinookDestinationForms(t *testing.T) {
	zipPath := filepath.Join(t.TempDir(), "chinook.zip")
	os.WriteFile(zipPath, realZip(t), 0o644)
	dir := t.TempDir()
	t.Chdir(dir)

	// "" means chinook.db in the working directory.
	p, err := Chinook(t.Context(), "", base(Source(zipPath))...)
	if want := filepath.Join(dir, "chinook.db"); err != nil || p != want {
		t.Fatalf(`Chinook("") = %q, %v; want %q`, p, err, want)
	}
	// An existing directory receives chinook.db; missing parents are made.
	os.Mkdir("existing", 0o755)
	p, err = Chinook(t.Context(), "existing", base(Source(zipPath))...)
	if want := filepath.Join(dir, "existing", "chinook.db"); err != nil || p != want {
		t.Fatalf(`Chinook("existing") = %q, %v; want %q`, p, err, want)
	}
	p, err = Chinook(t.Context(), "data/sub/music.db", base(Source(zipPath))...)
	if want := filepath.Join(dir, "data", "sub", "music.db"); err != nil || p != want {
		t.Fatalf(`Chinook("data/sub/music.db") = %q, %v; want %q`, p, err, want)
	}
	assertDigest(t, p, chinookDBSHA256)
}

func TestCacheHitDoesNotCallServer(t *testing.T) {
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		t.Error("the server was called although a valid chinook.db is present")
	})
	dir := t.TempDir()
	dest := filepath.Join(dir, "chinook.db")
	os.WriteFile(dest, realDB(t), 0o644)

	var out strings.Builder
	r, err := fetchResult(t.Context(), dest, append(base(), Source(srv.URL), Output(&out))...)
	if err != nil {
		t.Fatal(err)
	}
	if !r.Cached || !r.Verified || r.Source != "" {
		t.Fatalf("result = %+v, want cached and verified", r)
	}
	if want := "ready: " + dest + " (884736 bytes, sha256 ok, cached)\n"; out.String() != want {
		t.Fatalf("output = %q, want %q", out.String(), want)
	}
	if srv.hits.Load() != 0 {
		t.Fatalf("server hits = %d, want 0", srv.hits.Load())
	}
}

func TestTruncatedBodyNeverReplacesGoodFile(t *testing.T) {
	srv := newServer(t, nil)
	srv.Config.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		srv.hits.Add(1)
		truncated(realZip(t))(w, r)
	})
	dir := t.TempDir()
	dest := filepath.Join(dir, "chinook.db")
	mine := alteredDB(t)
	os.WriteFile(dest, mine, 0o644)

	_, err := fetchResult(t.Context(), dest, append(base(Source(srv.URL)), Force())...)
	if !errors.Is(err, errIncomplete) {
		t.Fatalf("err = %v, want errIncomplete", err)
	}
	if srv.hits.Load() != 1 {
		t.Fatalf("hits = %d, want 1", srv.hits.Load())
	}
	if !strings.Contains(err.Error(), "got 166852 of 333705 bytes") && !strings.Contains(err.Error(), "after 166852 of 333705 bytes") {
		t.Fatalf("err = %q, want the byte counts", err)
	}
	assertFiles(t, dir, "chinook.db")
	assertDigest(t, dest, digest(mine))
}

func TestWrongChecksum(t *testing.T) {
	other := alteredDB(t)
	srv := newServer(t, serveBytes(makeZip(t, entry{"chinook.db", other})))
	dir := t.TempDir()

	_, err := fetchResult(t.Context(), dir, base(Source(srv.URL))...)
	if !errors.Is(err, errChecksum) {
		t.Fatalf("err = %v, want errChecksum", err)
	}
	msg := err.Error()
	for _, want := range []string{"chinook: verify " + srv.URL, "sha256 mismatch for chinook.db: got " + digest(other) + ", want " + chinookDBSHA256, "Unverified() (-unverified)"} {
		if !strings.Contains(msg, want) {
			t.Errorf("message %q lacks %q", msg, want)
		}
	}
	if srv.hits.Load() != 1 {
		t.Fatalf("hits = %d, want 1 (a checksum mismatch is not retried)", srv.hits.Load())
	}
	assertFiles(t, dir)
}

func TestUnverifiedAndPinnedDigest(t *testing.T) {
	other := alteredDB(t)
	srv := newServer(t, serveBytes(makeZip(t, entry{"nested/chinook.db", other})))

	dir := t.TempDir()
	r, err := fetchResult(t.Context(), dir, append(base(Source(srv.URL)), Unverified())...)
	if err != nil {
		t.Fatal(err)
	}
	want := "ready: " + filepath.Join(dir, "chinook.db") + " (884736 bytes, sha256 NOT verified: " + digest(other) + ")"
	if r.Verified || r.String() != want {
		t.Fatalf("line = %q, want %q", r.String(), want)
	}

	dir = t.TempDir()
	r, err = fetchResult(t.Context(), dir, append(base(Source(srv.URL)), DBSHA256(digest(other)))...)
	if err != nil || !r.Verified {
		t.Fatalf("pinned digest: %+v, %v; want verified", r, err)
	}
	// The pinned digest also makes the cache hit.
	r, err = fetchResult(t.Context(), dir, append(base(Source("http://127.0.0.1:1/unused")), DBSHA256(digest(other)))...)
	if err != nil || !r.Cached || !r.Verified {
		t.Fatalf("cache with pinned digest: %+v, %v", r, err)
	}
}

func TestOverallTimeout(t *testing.T) {
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		<-r.Context().Done() // never answers
	})
	dir := t.TempDir()
	_, err := fetchResult(t.Context(), dir, append(base(Source(srv.URL)), withTimeout(30*time.Millisecond))...)
	if !errors.Is(err, errTimeout) || !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v, want errTimeout", err)
	}
	if !strings.Contains(err.Error(), "gave up after 30ms (overall timeout)") {
		t.Fatalf("message = %q", err)
	}
	if srv.hits.Load() != 1 {
		t.Fatalf("hits = %d, want 1", srv.hits.Load())
	}
	assertFiles(t, dir)
}

// TestStalledServer: a server that sends the headers and a few bytes, then
// nothing, ends the attempt after the idle timeout with its own advice, not
// after the overall timeout and not as an interruption.
func TestStalledServer(t *testing.T) {
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", "333705")
		w.Write([]byte("PK\x03\x04"))
		w.(http.Flusher).Flush()
		<-r.Context().Done() // then stall until the client gives up
	})
	dir := t.TempDir()
	start := time.Now()
	_, err := fetchResult(t.Context(), dir, append(base(Source(srv.URL)), withIdleTimeout(200*time.Millisecond))...)
	if !errors.Is(err, errStalled) || errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want errStalled and no context.Canceled", err)
	}
	if !strings.Contains(err.Error(), "no data for 200ms") || !strings.Contains(err.Error(), "the server stopped sending: try again later") {
		t.Fatalf("message = %q", err)
	}
	if d := time.Since(start); d > time.Minute {
		t.Fatalf("gave up after %s, not after the 200ms idle timeout", d)
	}
	assertFiles(t, dir)
}

// TestStalledDefaultFallsBack: a stalled https default is left for the
// http one, as a refused one is.
func TestStalledDefaultFallsBack(t *testing.T) {
	stalled := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		<-r.Context().Done() // accepts, never answers
	})
	plain := newServer(t, serveBytes(realZip(t)))
	r, err := fetchResult(t.Context(), t.TempDir(), append(base(), withIdleTimeout(200*time.Millisecond),
		withDefaults(stalled.URL+"/chinook.zip", plain.URL+"/chinook.zip"))...)
	if err != nil {
		t.Fatal(err)
	}
	if r.Source != plain.URL+"/chinook.zip" || !r.Verified {
		t.Fatalf("result = %+v, want verified from the second default", r)
	}
}

func TestCancelledContext(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	body := realZip(t)
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", "333705")
		w.Write(body[:100000])
		w.(http.Flusher).Flush()
		cancel() // the student presses stop mid-transfer
		<-r.Context().Done()
	})
	dir := t.TempDir()
	_, err := fetchResult(ctx, dir, base(Source(srv.URL))...)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if !strings.Contains(err.Error(), "interrupted: nothing was written") {
		t.Fatalf("message = %q", err)
	}
	if srv.hits.Load() != 1 {
		t.Fatalf("hits = %d, want 1", srv.hits.Load())
	}
	assertFiles(t, dir)
}

func TestNotFoundIsNotRetried(t *testing.T) {
	srv := newServer(t, http.NotFound)
	dir := t.TempDir()
	_, err := fetchResult(t.Context(), dir, append(base(), withEnv(map[string]string{envSource: srv.URL + "/chinook.zip"}))...)
	if !errors.Is(err, errNotFound) {
		t.Fatalf("err = %v, want errNotFound", err)
	}
	want := "chinook: fetch " + srv.URL + "/chinook.zip: HTTP 404 Not Found; check CHINOOK_SOURCE=" + srv.URL +
		"/chinook.zip: it must name an existing chinook.zip or chinook.db"
	if err.Error() != want {
		t.Fatalf("message = %q\nwant        %q", err, want)
	}
	if srv.hits.Load() != 1 {
		t.Fatalf("hits = %d, want 1", srv.hits.Load())
	}
	assertFiles(t, dir)
}

func TestRedirect(t *testing.T) {
	mirror := newServer(t, serveBytes(realZip(t)))
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, mirror.URL+"/files/chinook.zip", http.StatusFound)
	})
	r, err := fetchResult(t.Context(), t.TempDir(), base(Source(srv.URL+"/wp-content/chinook.zip"))...)
	if err != nil || !r.Verified {
		t.Fatalf("result %+v, err %v", r, err)
	}
	if srv.hits.Load() != 1 || mirror.hits.Load() != 1 {
		t.Fatalf("hits = %d, %d; want 1, 1", srv.hits.Load(), mirror.hits.Load())
	}

	// A redirect to a missing file names where it ended up.
	gone := newServer(t, http.NotFound)
	moved := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, gone.URL+"/files/chinook.zip", http.StatusMovedPermanently)
	})
	_, err = fetchResult(t.Context(), t.TempDir(), base(Source(moved.URL+"/moved"))...)
	want := "chinook: fetch " + moved.URL + "/moved: HTTP 404 Not Found from " + gone.URL + "/files/chinook.zip; check the Source option"
	if !errors.Is(err, errNotFound) || !strings.HasPrefix(err.Error(), want) {
		t.Fatalf("err = %v\nwant prefix %s", err, want)
	}
}

func TestDefaultFallsBackFromHTTPSToHTTP(t *testing.T) {
	closed := newServer(t, nil)
	closed.Close() // connection refused, like a blocked port 443
	plain := newServer(t, serveBytes(realZip(t)))
	r, err := fetchResult(t.Context(), t.TempDir(), append(base(), withDefaults(closed.URL+"/chinook.zip", plain.URL+"/chinook.zip"))...)
	if err != nil {
		t.Fatal(err)
	}
	if r.Source != plain.URL+"/chinook.zip" || !r.Verified {
		t.Fatalf("result = %+v, want verified from the second default", r)
	}
}

func TestDefaultZipChecksum(t *testing.T) {
	// Same database, re-compressed: the default URL must serve the exact
	// known zip, and a mismatch stops without trying the http fallback.
	rezipped := makeZip(t, entry{"chinook.db", realDB(t)})
	first := newServer(t, serveBytes(rezipped))
	second := newServer(t, serveBytes(realZip(t)))
	_, err := fetchResult(t.Context(), t.TempDir(), append(base(), withDefaults(first.URL, second.URL))...)
	if !errors.Is(err, errChecksum) || !strings.Contains(err.Error(), "sha256 mismatch for chinook.zip: got "+digest(rezipped)+", want "+chinookZipSHA256) {
		t.Fatalf("err = %v, want a chinook.zip checksum mismatch", err)
	}
	if second.hits.Load() != 0 {
		t.Fatal("the http fallback was tried after a checksum mismatch")
	}
	// From a custom source the same re-compressed zip is fine: the
	// database inside is what is verified.
	if _, err := fetchResult(t.Context(), t.TempDir(), base(Source(first.URL))...); err != nil {
		t.Fatalf("custom source with re-compressed zip: %v", err)
	}
}

// offlineClient fails every lookup as a machine without network does.
func offlineClient(dials *int) *http.Client {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.DialContext = func(ctx context.Context, network, addr string) (net.Conn, error) {
		*dials++
		host, _, _ := net.SplitHostPort(addr)
		return nil, &net.OpError{Op: "dial", Net: network, Err: &net.DNSError{Err: "no such host", Name: host, IsNotFound: true}}
	}
	return &http.Client{Transport: tr}
}

func TestOfflineSaysHowToUseALocalCopy(t *testing.T) {
	var dials int
	dir := t.TempDir()
	_, err := fetchResult(t.Context(), dir, append(base(), httpClient(offlineClient(&dials)))...)
	if !errors.Is(err, errUnreachable) {
		t.Fatalf("err = %v, want errUnreachable", err)
	}
	msg := err.Error()
	for _, want := range []string{
		defaultURL + ": source unreachable",
		defaultHTTPURL + ": source unreachable",
		"no such host",
		"are you offline? set CHINOOK_SOURCE=/path/to/chinook.zip (or the URL of a local mirror) and run again",
	} {
		if !strings.Contains(msg, want) {
			t.Errorf("message %q lacks %q", msg, want)
		}
	}
	if dials != 2 {
		t.Fatalf("dials = %d, want 2: one per default URL, no retry of a missing host", dials)
	}
	assertFiles(t, dir)
}

func TestHTMLInsteadOfZip(t *testing.T) {
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte("<!DOCTYPE html><html>Please log in to the campus Wi-Fi</html>"))
	})
	dir := t.TempDir()
	_, err := fetchResult(t.Context(), dir, base(Source(srv.URL))...)
	if !errors.Is(err, errFormat) || !strings.Contains(err.Error(), `it starts with "<!DOCTYPE html><", which looks like a web page`) {
		t.Fatalf("err = %v, want errFormat describing a web page", err)
	}
	assertFiles(t, dir)
}

func TestOversizedDownload(t *testing.T) {
	announced := newServer(t, serveBytes(realZip(t)))
	streamed := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		chunk := make([]byte, 64<<10)
		for range 64 { // 4 MiB without a Content-Length
			if _, err := w.Write(chunk); err != nil {
				return
			}
		}
	})
	for name, srv := range map[string]*server{"announced": announced, "streamed": streamed} {
		dir := t.TempDir()
		_, err := fetchResult(t.Context(), dir, append(base(Source(srv.URL)), withMaxSize(100<<10))...)
		if !errors.Is(err, errTooLarge) || !strings.Contains(err.Error(), "the limit is 102400 bytes") {
			t.Errorf("%s: err = %v, want errTooLarge naming the limit", name, err)
		}
		assertFiles(t, dir)
	}
}

func TestModifiedCopyIsKept(t *testing.T) {
	dir := t.TempDir()
	dest := filepath.Join(dir, "chinook.db")
	mine := alteredDB(t)
	os.WriteFile(dest, mine, 0o644)

	r, err := fetchResult(t.Context(), dest, base(Source("http://127.0.0.1:1/never-called"))...)
	if err != nil {
		t.Fatal(err)
	}
	want := "ready: " + dest + " (884736 bytes, kept your copy: its sha256 differs from the original Chinook; " +
		"Force() / -force restores the original and saves your copy beside it)"
	if !r.Modified || r.String() != want {
		t.Fatalf("line = %q\nwant   %q", r.String(), want)
	}
	assertDigest(t, dest, digest(mine))
	assertFiles(t, dir, "chinook.db")
}

func TestForceSavesModifiedCopy(t *testing.T) {
	zipPath := filepath.Join(t.TempDir(), "chinook.zip")
	os.WriteFile(zipPath, realZip(t), 0o644)
	dir := t.TempDir()
	dest := filepath.Join(dir, "chinook.db")
	mine := alteredDB(t)
	os.WriteFile(dest, mine, 0o644)

	now := time.Date(2026, 3, 4, 5, 6, 7, 0, time.UTC)
	r, err := fetchResult(t.Context(), dest, append(base(Source(zipPath)), Force(), withNow(now))...)
	if err != nil {
		t.Fatal(err)
	}
	backup := dest + ".modified-20260304-050607"
	want := "ready: " + dest + " (884736 bytes, sha256 ok; previous file saved as " + backup + ")"
	if r.String() != want {
		t.Fatalf("line = %q\nwant   %q", r.String(), want)
	}
	assertDigest(t, dest, chinookDBSHA256)
	assertDigest(t, backup, digest(mine))
	assertFiles(t, dir, "chinook.db", "chinook.db.modified-20260304-050607")

	// The same second again: the earlier backup is kept, the new one numbered.
	os.WriteFile(dest, mine, 0o644)
	r, err = fetchResult(t.Context(), dest, append(base(Source(zipPath)), Force(), withNow(now))...)
	if err != nil || r.Backup != backup+"-2" {
		t.Fatalf("second backup = %q, %v; want %q", r.Backup, err, backup+"-2")
	}
	assertFiles(t, dir, "chinook.db", "chinook.db.modified-20260304-050607", "chinook.db.modified-20260304-050607-2")
}

func TestBrokenFileIsSavedAndReplaced(t *testing.T) {
	zipPath := filepath.Join(t.TempDir(), "chinook.zip")
	os.WriteFile(zipPath, realZip(t), 0o644)
	dir := t.TempDir()
	dest := filepath.Join(dir, "chinook.db")
	os.WriteFile(dest, []byte("not a database"), 0o644)

	now := time.Date(2026, 3, 4, 5, 6, 7, 0, time.UTC)
	r, err := fetchResult(t.Context(), dest, append(base(Source(zipPath)), withNow(now))...)
	if err != nil {
		t.Fatal(err)
	}
	if r.Backup != dest+".broken-20260304-050607" || !r.Verified {
		t.Fatalf("result = %+v", r)
	}
	if b, _ := os.ReadFile(r.Backup); string(b) != "not a database" {
		t.Fatalf("backup holds %q", b)
	}
	assertDigest(t, dest, chinookDBSHA256)
}

func TestEmptyFileIsReplaced(t *testing.T) {
	zipPath := filepath.Join(t.TempDir(), "chinook.zip")
	os.WriteFile(zipPath, realZip(t), 0o644)
	dir := t.TempDir()
	dest := filepath.Join(dir, "chinook.db")
	os.WriteFile(dest, nil, 0o644)
	r, err := fetchResult(t.Context(), dest, base(Source(zipPath))...)
	if err != nil || r.Backup != "" || !r.Verified {
		t.Fatalf("result = %+v, err = %v", r, err)
	}
	assertFiles(t, dir, "chinook.db")
}

// recorder is a progressReporter keeping what it was told.
type recorder struct {
	starts []string
	last   int64
	result *result
	err    error
}

func (r *recorder) Start(src string, total int64) { r.starts = append(r.starts, src) }
func (r *recorder) Advance(done int64)            { r.last = done }
func (r *recorder) Finish(res result, err error)  { r.result, r.err = &res, err }

func TestBadDigestOption(t *testing.T) {
	_, err := fetchResult(t.Context(), t.TempDir(), base(Source("/unused"), DBSHA256("d6c11e"))...)
	want := `chinook: check DBSHA256: invalid source: "d6c11e" is not a SHA-256 digest (64 hex digits); pass the output of sha256sum chinook.db`
	if !errors.Is(err, errSource) || err.Error() != want {
		t.Fatalf("err = %v\nwant  %s", err, want)
	}
}

func TestStaleTemporaryFilesRemoved(t *testing.T) {
	dir := t.TempDir()
	old := filepath.Join(dir, ".chinook-111.part")
	fresh := filepath.Join(dir, ".chinook-222.part") // perhaps another cell's download
	os.WriteFile(old, []byte("killed run"), 0o600)
	os.WriteFile(fresh, []byte("running"), 0o600)
	twoDaysAgo := time.Now().Add(-48 * time.Hour)
	os.Chtimes(old, twoDaysAgo, twoDaysAgo)

	if _, err := fetchResult(t.Context(), dir, base(Source(shareddataZip(t)))...); err != nil {
		t.Fatal(err)
	}
	assertFiles(t, dir, ".chinook-222.part", "chinook.db")
}

func TestDestinationUnderAFile(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("x"), 0o644)
	dest := filepath.Join(dir, "notes.txt", "chinook.db")
	_, err := fetchResult(t.Context(), dest, base(Source(shareddataZip(t)))...)
	if err == nil || !strings.HasPrefix(err.Error(), "chinook: check "+dest+": ") ||
		!strings.HasSuffix(err.Error(), "not a directory; pass a file path such as chinook.db or an existing directory") {
		t.Fatalf("err = %v", err)
	}
}
