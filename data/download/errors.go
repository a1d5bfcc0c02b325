package download

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/bunbook/bunbook/internal/redact"
)

// Sentinel errors: every error [Chinook] returns wraps one or more, for
// errors.Is and for explain to choose its advice. Cancellation and
// deadlines also wrap [context.Canceled] or [context.DeadlineExceeded].
var (
	errChecksum      = errors.New("sha256 mismatch")
	errUnreachable   = errors.New("source unreachable") // offline, DNS, refused
	errNotFound      = errors.New("source not found")   // HTTP 404/410, or a missing local file
	errRedirect      = errors.New("bad redirect")       // a loop, or away from http(s)
	errTimeout       = errors.New("timed out")
	errStalled       = errors.New("server stalled") // no byte for the idle timeout
	errIncomplete    = errors.New("incomplete transfer")
	errTooLarge      = errors.New("too large") // the download or the extracted member
	errUnsafeArchive = errors.New("unsafe zip entry")
	errNoDatabase    = errors.New("no chinook.db in archive") // none, or several
	errFormat        = errors.New("bad file format")          // neither zip nor SQLite, or corrupt
	errDestination   = errors.New("cannot write destination") // the existing file is unchanged
	errSource        = errors.New("invalid source")           // also a malformed pinned digest
)

// dlError is the error returned for a failed download: what was being done
// (Op: fetch, verify, extract, install, check), from where, what went wrong
// and, in Fix, one sentence saying what to do about it.
type dlError struct {
	Op, Source string
	Err        error
	Fix        string
}

func (e *dlError) Error() string {
	what := e.Op
	if e.Source != "" {
		what += " " + e.Source
	}
	return fmt.Sprintf("chinook: %s: %v; %s", what, e.Err, e.Fix)
}

func (e *dlError) Unwrap() error { return e.Err }

// checksumError reports a SHA-256 mismatch, naming both digests.
func checksumError(file, want, got string) error {
	return fmt.Errorf("%w for %s: got %s, want %s", errChecksum, file, got, want)
}

// notFoundError is an HTTP 404 or 410: it matches errNotFound without
// repeating its text.
type notFoundError struct{ msg string }

func (e notFoundError) Error() string        { return e.msg }
func (e notFoundError) Is(target error) bool { return target == errNotFound }

// extractError marks a failure while unpacking the zip (a zip bomb is
// errTooLarge, like an oversized download, but happens in "extract").
type extractError struct{ error }

func (e extractError) Unwrap() error { return e.error }

// localErrorf reports a failure of the destination's file system
// (permissions, a full disk), which no retry or other source would fix.
func localErrorf(format string, args ...any) error {
	return fmt.Errorf("%w: %w", errDestination, fmt.Errorf(format, args...))
}

func isAny(err error, targets ...error) bool {
	return slices.ContainsFunc(targets, func(t error) bool { return errors.Is(err, t) })
}

// explain turns the failures of the tried sources into one *dlError whose
// Fix says what to do next.
func (o *options) explain(srcs []source, failures []error) error {
	last := failures[len(failures)-1]
	src := srcs[len(failures)-1]
	e := &dlError{Op: "fetch", Source: src.String(), Err: last, Fix: o.fix(src, last)}
	switch {
	case errors.Is(last, errDestination):
		e.Op = "install"
	case errors.Is(last, errChecksum):
		e.Op = "verify"
	case errors.As(last, new(extractError)), isAny(last, errUnsafeArchive, errNoDatabase, errFormat):
		e.Op = "extract"
	}
	if len(failures) > 1 {
		// The default https and http URLs both failed: show both reasons.
		var parts []string
		var wrapped []any
		for i, err := range failures {
			parts = append(parts, srcs[i].String()+": %w")
			wrapped = append(wrapped, err)
		}
		e.Source, e.Err = "", fmt.Errorf(strings.Join(parts, "; "), wrapped...)
	}
	return e
}

func (o *options) fix(src source, err error) string {
	local := fmt.Sprintf("set %s=/path/to/chinook.zip (or the URL of a local mirror) and run again", envSource)
	where, genuine := "the Source option (-source flag)", envSource
	if src.origin == "$"+envSource {
		where = fmt.Sprintf("%s=%s", envSource, redact.DSN(src.raw))
	}
	if !src.builtin {
		genuine = where
	}
	switch {
	case errors.Is(err, errDestination):
		return "check that the destination folder is writable and has free space, or choose another with -o / the dest argument"
	case errors.Is(err, context.Canceled):
		return "interrupted: nothing was written, run again to start over"
	case errors.Is(err, errStalled):
		return "the server stopped sending: try again later, or " + local
	case errors.Is(err, errTimeout):
		return fmt.Sprintf("the whole download took longer than %s: try again later, or %s", o.timeout, local)
	case errors.Is(err, errUnreachable) && src.builtin:
		return "are you offline? " + local
	case errors.Is(err, errUnreachable):
		return fmt.Sprintf("check that %s is reachable, or point it at a local file", where)
	case errors.Is(err, errNotFound) && src.builtin:
		return "the site may have moved the file: " + local
	case errors.Is(err, errNotFound):
		return fmt.Sprintf("check %s: it must name an existing chinook.zip or chinook.db", where)
	case errors.Is(err, errChecksum) && src.builtin:
		return "the download is not the known Chinook release (corrupted in transit or altered): run again, or " + local
	case errors.Is(err, errChecksum):
		return fmt.Sprintf("%s is not the known Chinook release; to use a different database on purpose, add Unverified() (-unverified) or DBSHA256 (-sha256)", where)
	case errors.Is(err, errTooLarge):
		return fmt.Sprintf("the limit is %d bytes: point %s at a genuine chinook.zip or chinook.db", o.maxSize, genuine)
	case isAny(err, errUnsafeArchive, errNoDatabase, errFormat):
		return fmt.Sprintf("point %s at a genuine chinook.zip or chinook.db", genuine)
	case errors.Is(err, errSource):
		return fmt.Sprintf("point %s at a chinook.zip or chinook.db file", where)
	case errors.Is(err, errRedirect):
		return fmt.Sprintf("the server's redirects lead nowhere: check %s, or %s", where, local)
	case src.builtin:
		return "try again later, or " + local
	}
	return fmt.Sprintf("try again later, or check %s", where)
}
