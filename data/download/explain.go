package download

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/bunbook/bunbook/internal/redact"
)

// explain turns the failures of the tried sources into one *dlError whose Fix
// says what to do next. The destination is never touched on failure, which
// the caller can rely on.
func (o *options) explain(ctx context.Context, srcs []source, failures []error) error {
	last := failures[len(failures)-1]
	src := srcs[len(failures)-1]
	e := &dlError{Op: opFor(last), Source: src.String(), Err: last}
	if len(failures) > 1 {
		// The default https and http URLs both failed: show both reasons.
		var parts []string
		var wrapped []any
		for i, err := range failures {
			parts = append(parts, srcs[i].String()+": %w")
			wrapped = append(wrapped, err)
		}
		e.Source = ""
		e.Err = fmt.Errorf(strings.Join(parts, "; "), wrapped...)
	}
	e.Fix = o.fix(ctx, src, last)
	return e
}

func opFor(err error) string {
	switch {
	case errors.Is(err, errDestination):
		return "install"
	case errors.Is(err, errChecksum):
		return "verify"
	case errors.As(err, new(*extractError)):
		return "extract"
	case errors.Is(err, errUnsafeArchive), errors.Is(err, errNoDatabase), errors.Is(err, errFormat):
		return "extract"
	}
	return "fetch"
}

func (o *options) fix(ctx context.Context, src source, err error) string {
	local := fmt.Sprintf("set %s=/path/to/chinook.zip (or the URL of a local mirror) and run again", envSource)
	where := "the Source option (-source flag)"
	if src.origin == "$"+envSource {
		where = fmt.Sprintf("%s=%s", envSource, redact.DSN(src.raw))
	}
	switch {
	case errors.Is(err, errDestination):
		return "check that the destination folder is writable and has free space, or choose another with -o / the dest argument"
	case errors.Is(err, context.Canceled):
		return "interrupted: nothing was written, run again to start over"
	case ctx.Err() != nil && errors.Is(err, errTimeout):
		return fmt.Sprintf("the whole download took longer than %s: try again later, or %s", o.timeout, local)
	case errors.Is(err, errTimeout):
		return fmt.Sprintf("the server stopped sending for %s: try again later, or %s", o.idleTimeout, local)
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
		return fmt.Sprintf("the limit is %d bytes: point %s at a genuine chinook.zip or chinook.db", o.maxSize, sourceName(src, where))
	case errors.Is(err, errUnsafeArchive), errors.Is(err, errNoDatabase), errors.Is(err, errFormat):
		return fmt.Sprintf("point %s at a genuine chinook.zip or chinook.db", sourceName(src, where))
	case errors.Is(err, errSource):
		return fmt.Sprintf("point %s at a chinook.zip or chinook.db file", where)
	case errors.Is(err, errRedirect):
		return fmt.Sprintf("the server's redirects lead nowhere: check %s, or %s", where, local)
	case src.builtin:
		return "try again later, or " + local
	default:
		return fmt.Sprintf("try again later, or check %s", where)
	}
}

// extractError marks a failure while unpacking the zip (a zip bomb is
// errTooLarge, like an oversized download, but happens in "extract").
type extractError struct{ err error }

func (e *extractError) Error() string { return e.err.Error() }
func (e *extractError) Unwrap() error { return e.err }

func sourceName(src source, where string) string {
	if src.builtin {
		return envSource
	}
	return where
}
