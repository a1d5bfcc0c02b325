package download

import (
	"io"
	"net/http"
	"os"
	"time"

	"github.com/janpfeifer/gonb/gonbui"
)

// An Option configures [Chinook].
type Option func(*options)

// options holds the settings; the fields without an exported Option are
// fixed defaults that tests replace (see hooks_test.go).
type options struct {
	source     string       // "" means: CHINOOK_SOURCE, then the default URLs
	client     *http.Client // nil means http.DefaultClient, which honours $HTTPS_PROXY
	reporter   progressReporter
	timeout    time.Duration // overall, 0 = none
	idle       time.Duration // no byte for this long ends an attempt, 0 = none
	maxSize    int64         // bytes actually read, downloaded and extracted
	force      bool
	unverified bool
	dbSHA256   string
	interrupt  bool // cancel on SIGINT, SIGTERM and SIGHUP; by default only inside GoNB
	getenv     func(string) string
	defaults   []string // default source candidates
	now        func() time.Time
}

func newOptions(opts []Option) *options {
	o := &options{
		timeout: 5 * time.Minute,
		idle:    30 * time.Second,
		// Chinook is 864 KiB: room for a teacher's own database, and a zip
		// bomb stops long before the disk fills.
		maxSize:   256 << 20,
		reporter:  defaultReporter(),
		dbSHA256:  chinookDBSHA256,
		interrupt: gonbui.IsNotebook,
		getenv:    os.Getenv,
		defaults:  []string{defaultURL, defaultHTTPURL},
		now:       time.Now,
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

// Quiet shows nothing at all: no progress bar, no "ready:" line.
func Quiet() Option { return Output(io.Discard) }

// Output writes no bar, only the final "ready:" line, to w. It
// suits terminals, logs, CI and examples.
func Output(w io.Writer) Option { return func(o *options) { o.reporter = &lineReporter{w: w} } }
