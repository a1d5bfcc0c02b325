package download

import (
	"context"
	"errors"
	"fmt"
)

// Sentinel errors. Every error returned by [Chinook] and [Get] wraps one or
// more of these, so callers can test them with [errors.Is]. Cancellation and
// deadlines also wrap [context.Canceled] or [context.DeadlineExceeded].
var (
	// errChecksum: the bytes differ from the known Chinook release.
	errChecksum = errors.New("sha256 mismatch")
	// errUnreachable: the host could not be reached (offline, DNS, refused).
	errUnreachable = errors.New("source unreachable")
	// errNotFound: HTTP 404/410, or a local source path that does not exist.
	errNotFound = errors.New("source not found")
	// errHTTP: any other unexpected HTTP status.
	errHTTP = errors.New("unexpected HTTP status")
	// errRedirect: the server redirects in a loop or to a URL that is not
	// http(s) (file://, ftp://…), which is never followed.
	errRedirect = errors.New("bad redirect")
	// errTimeout: the idle or overall time limit was reached.
	errTimeout = errors.New("timed out")
	// errIncomplete: the transfer ended before all announced bytes arrived.
	errIncomplete = errors.New("incomplete transfer")
	// errTooLarge: the download or the extracted member exceeds the size limit.
	errTooLarge = errors.New("too large")
	// errUnsafeArchive: the zip holds an entry whose name escapes its folder.
	errUnsafeArchive = errors.New("unsafe zip entry")
	// errNoDatabase: the zip holds no chinook.db (or more than one).
	errNoDatabase = errors.New("no chinook.db in archive")
	// errFormat: the source is neither a zip archive nor a SQLite database,
	// or it is a corrupt one.
	errFormat = errors.New("bad file format")
	// errDestination: the destination folder cannot be written (permissions,
	// full disk); the existing file, if any, is unchanged.
	errDestination = errors.New("cannot write destination")
	// errSource: the source setting (or a pinned digest) is malformed.
	errSource = errors.New("invalid source")
)

// Error is the error type returned for a failed download. It names what was
// being done, from where, what went wrong and, in Fix, what to do about it.
type dlError struct {
	Op     string // "fetch", "verify", "extract", "install", "check"
	Source string // URL or path involved, if any
	Err    error  // wraps one or more sentinels above
	Fix    string // one sentence telling the reader how to fix it
}

func (e *dlError) Error() string {
	msg := "chinook: " + e.Op
	if e.Source != "" {
		msg += " " + e.Source
	}
	msg += ": " + e.Err.Error()
	if e.Fix != "" {
		msg += "; " + e.Fix
	}
	return msg
}

func (e *dlError) Unwrap() error { return e.Err }

// checksumError reports a SHA-256 mismatch, naming both digests.
// It matches [errChecksum] with errors.Is.
type checksumError struct {
	File string // "chinook.zip" or "chinook.db"
	Want string // expected hex digest
	Got  string // actual hex digest
}

func (e *checksumError) Error() string {
	return fmt.Sprintf("sha256 mismatch for %s: got %s, want %s", e.File, e.Got, e.Want)
}

func (e *checksumError) Is(target error) bool { return target == errChecksum }

// statusError reports an HTTP response other than 200 OK. A 404 or 410
// matches [errNotFound]; any other status matches [errHTTP].
type statusError struct {
	URL    string // where the response came from, if a redirect led elsewhere
	Code   int
	Status string // as sent: "404 Not Found"
}

func (e *statusError) Error() string {
	if e.URL != "" {
		return "HTTP " + e.Status + " from " + e.URL
	}
	return "HTTP " + e.Status
}

func (e *statusError) Is(target error) bool {
	if e.Code == 404 || e.Code == 410 {
		return target == errNotFound
	}
	return target == errHTTP
}

// timeoutError is the cause of an idle or overall time limit. It matches
// both errTimeout and context.DeadlineExceeded.
type timeoutError struct{ msg string }

func (e *timeoutError) Error() string { return e.msg }

func (e *timeoutError) Is(target error) bool {
	return target == errTimeout || target == context.DeadlineExceeded
}

// localErrorf reports a failure of the destination's file system
// (permissions, a full disk), which no retry or other source would fix.
func localErrorf(format string, args ...any) error {
	return fmt.Errorf("%w: %w", errDestination, fmt.Errorf(format, args...))
}
