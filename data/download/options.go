package download

import (
	"io"
	"math/rand/v2"
	"net/http"
	"os"
	"time"
)

// Defaults used when no option overrides them.
const (
	defaultRetries     = 3
	defaultTimeout     = 5 * time.Minute
	defaultIdleTimeout = 30 * time.Second
	// defaultMaxSize bounds both the downloaded file and the extracted
	// database: Chinook is 864 KiB, so 256 MiB leaves room for a teacher's
	// own database while stopping a zip bomb long before the disk fills.
	defaultMaxSize int64 = 256 << 20
)

// An Option configures [Chinook] and [Get].
type Option func(*options)

type options struct {
	source      string           // "" means: CHINOOK_SOURCE, then the default URLs
	client      *http.Client     // nil means http.DefaultClient, which honours $HTTPS_PROXY
	reporter    progressReporter // nil means: pick by environment
	retries     int              // extra attempts per source after the first
	backoff     func(retry int) time.Duration
	timeout     time.Duration // overall, 0 = none
	idleTimeout time.Duration // without any byte received, 0 = none
	maxSize     int64
	force       bool
	unverified  bool
	dbSHA256    string
	interrupt   *bool // nil means: only inside GoNB
	getenv      func(string) string
	defaults    []string // default source candidates; tests replace them
	now         func() time.Time
}

func newOptions(opts []Option) *options {
	o := &options{
		retries:     defaultRetries,
		backoff:     exponentialBackoff(500*time.Millisecond, 8*time.Second),
		timeout:     defaultTimeout,
		idleTimeout: defaultIdleTimeout,
		maxSize:     defaultMaxSize,
		dbSHA256:    chinookDBSHA256,
		getenv:      os.Getenv,
		defaults:    []string{defaultURL, defaultHTTPURL},
		now:         time.Now,
	}
	for _, opt := range opts {
		if opt != nil {
			opt(o)
		}
	}
	return o
}

// Source sets where to get Chinook from, overriding $CHINOOK_SOURCE and the
// default URL: an http(s) URL, a file:// URL or a local path, pointing at a
// zip holding chinook.db or directly at a SQLite .db file.
func Source(src string) Option { return func(o *options) { o.source = src } }

// Retries sets how many times a transient failure (5xx, 408, 429, reset or
// refused connection, truncated body, idle timeout) is retried per source.
// 404 and checksum mismatches are never retried. Default [defaultRetries].
func withRetries(n int) Option { return func(o *options) { o.retries = max(n, 0) } }

// Timeout bounds the whole call, retries included; 0 disables it.
// Default [defaultTimeout].
func withTimeout(d time.Duration) Option { return func(o *options) { o.timeout = d } }

// IdleTimeout bounds how long a transfer may go without receiving a byte,
// waiting for the response headers included; 0 disables it. An idle timeout
// is retried like other transient failures. Default [defaultIdleTimeout].
func withIdleTimeout(d time.Duration) Option { return func(o *options) { o.idleTimeout = d } }

// MaxSize bounds both the downloaded file and the extracted database, counted
// on the bytes actually read. Default [defaultMaxSize].
func withMaxSize(n int64) Option { return func(o *options) { o.maxSize = n } }

// Force downloads again even if the destination already holds a database.
// A destination that differs from the known Chinook release (a student's
// modified copy) is first saved next to it as <name>.modified-<time>, and the
// result says so.
func Force() Option { return func(o *options) { o.force = true } }

// Unverified accepts a database whose SHA-256 differs from the known Chinook
// release, for a teacher who deliberately points the source at another
// database. The file must still be a SQLite database, the result line says
// "sha256 NOT verified", and an existing destination database is kept
// unless [Force] is given too.
func Unverified() Option { return func(o *options) { o.unverified = true } }

// DBSHA256 replaces the expected SHA-256 (hex) of the database, for a teacher
// who distributes a different but pinned database. Both the cache check and
// the download are then verified against it; "" keeps Chinook's.
func DBSHA256(hex string) Option {
	return func(o *options) {
		if hex != "" {
			o.dbSHA256 = hex
		}
	}
}

// Progress sets how progress and the final "ready:" line are shown.
// See [Quiet], [Output], terminal bar and notebook bar.
func withProgress(r progressReporter) Option { return func(o *options) { o.reporter = r } }

// Quiet shows nothing at all: no progress bar, no "ready:" line.
func Quiet() Option { return withProgress(quiet{}) }

// Terminal draws a progress bar on bar (usually os.Stderr, a terminal) and
// writes the final "ready:" line to out (usually os.Stdout, so scripts can
// capture it). It is the default when stderr is a terminal.
func Terminal(bar, out io.Writer) Option { return withProgress(terminalReporter(bar, out)) }

// Output writes no bar, only the final "ready:" line, to w. It suits logs,
// CI and examples.
func Output(w io.Writer) Option { return withProgress(&lineReporter{w: w}) }

// exponentialBackoff returns the back-off doubling from base up to limit, with
// up to 25% random jitter so a class of students does not retry in lockstep.
func exponentialBackoff(base, limit time.Duration) func(retry int) time.Duration {
	return func(retry int) time.Duration {
		d := base
		for i := 1; i < retry && d < limit; i++ {
			d *= 2
		}
		d = min(d, limit)
		if d > 0 {
			d += time.Duration(rand.Int64N(int64(d)/4 + 1))
		}
		return d
	}
}
