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
	// ErrChecksum: the bytes differ from the known Chinook release.
	ErrChecksum = errors.New("sha256 mismatch")
	// ErrUnreachable: the host could not be reached (offline, DNS, refused).
	ErrUnreachable = errors.New("source unreachable")
	// ErrNotFound: HTTP 404/410, or a local source path that does not exist.
	ErrNotFound = errors.New("source not found")
	// ErrHTTP: any other unexpected HTTP status.
	ErrHTTP = errors.New("unexpected HTTP status")
	// ErrRedirect: the server redirects in a loop or to a URL that is not
	// http(s) (file://, ftp://…), which is never followed.
	ErrRedirect = errors.New("bad redirect")
	// ErrTimeout: the idle or overall time limit was reached.
	ErrTimeout = errors.New("timed out")
	// ErrIncomplete: the transfer ended before all announced bytes arrived.
	ErrIncomplete = errors.New("incomplete transfer")
	// ErrTooLarge: the download or the extracted member exceeds the size limit.
	ErrTooLarge = errors.New("too large")
	// ErrUnsafeArchive: the zip holds an entry whose name escapes its folder.
	ErrUnsafeArchive = errors.New("unsafe zip entry")
	// ErrNoDatabase: the zip holds no chinook.db (or more than one).
	ErrNoDatabase = errors.New("no chinook.db in archive")
	// ErrFormat: the source is neither a zip archive nor a SQLite database,
	// or it is a corrupt one.
	ErrFormat = errors.New("bad file format")
	// ErrDestination: the destination folder cannot be written (permissions,
	// full disk); the existing file, if any, is unchanged.
	ErrDestination = errors.New("cannot write destination")
	// ErrSource: the source setting (or a pinned digest) is malformed.
	ErrSource = errors.New("invalid source")
)

// Error is the error type returned for a failed download. It names what was
// being done, from where, what went wrong and, in Fix, what to do about it.
type Error struct {
	Op     string // "fetch", "verify", "extract", "install", "check"
	Source string // URL or path involved, if any
	Err    error  // wraps one or more sentinels above
	Fix    string // one sentence telling the reader how to fix it
}

func (e *Error) Error() string {
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

func (e *Error) Unwrap() error { return e.Err }

// ChecksumError reports a SHA-256 mismatch, naming both digests.
// It matches [ErrChecksum] with errors.Is.
type ChecksumError struct {
	File string // "chinook.zip" or "chinook.db"
	Want string // expected hex digest
	Got  string // actual hex digest
}

func (e *ChecksumError) Error() string {
	return fmt.Sprintf("sha256 mismatch for %s: got %s, want %s", e.File, e.Got, e.Want)
}

func (e *ChecksumError) Is(target error) bool { return target == ErrChecksum }

// StatusError reports an HTTP response other than 200 OK. A 404 or 410
// matches [ErrNotFound]; any other status matches [ErrHTTP].
type StatusError struct {
	URL    string // where the response came from, if a redirect led elsewhere
	Code   int
	Status string // as sent: "404 Not Found"
}

func (e *StatusError) Error() string {
	if e.URL != "" {
		return "HTTP " + e.Status + " from " + e.URL
	}
	return "HTTP " + e.Status
}

func (e *StatusError) Is(target error) bool {
	if e.Code == 404 || e.Code == 410 {
		return target == ErrNotFound
	}
	return target == ErrHTTP
}

// timeoutError is the cause of an idle or overall time limit. It matches
// both ErrTimeout and context.DeadlineExceeded.
type timeoutError struct{ msg string }

func (e *timeoutError) Error() string { return e.msg }

func (e *timeoutError) Is(target error) bool {
	return target == ErrTimeout || target == context.DeadlineExceeded
}

// localErrorf reports a failure of the destination's file system
// (permissions, a full disk), which no retry or other source would fix.
func localErrorf(format string, args ...any) error {
	return fmt.Errorf("%w: %w", ErrDestination, fmt.Errorf(format, args...))
}
