package download

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"net/url"
	"os"
	"syscall"
	"time"

	"github.com/bunbook/bunbook/internal/filekind"
	"github.com/bunbook/bunbook/internal/redact"
)

// artifact is a fetched or extracted file waiting in a temporary place next
// to the destination, so the final rename is atomic.
type artifact struct {
	path   string
	size   int64
	sha256 string
}

func (a *artifact) remove() {
	if a != nil {
		os.Remove(a.path)
	}
}

// userAgent identifies the course to the mirror, as polite clients do.
const userAgent = "bunbook-chinook/1 (Go course; github.com/bunbook/bunbook)"

// fetch copies one source into a temporary file in dir, hashing as it goes.
func (o *options) fetch(ctx context.Context, src source, dir string, rep progressReporter) (*artifact, error) {
	if src.url == "" {
		return o.fetchFile(ctx, src, dir, rep)
	}
	return o.fetchHTTP(ctx, src, dir, rep)
}

func (o *options) fetchFile(ctx context.Context, src source, dir string, rep progressReporter) (*artifact, error) {
	// Stat before opening: opening a named pipe blocks until a writer
	// comes, before any timeout could apply.
	info, err := os.Stat(src.path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("%w: %w", errNotFound, err)
		}
		return nil, err
	}
	switch {
	case info.IsDir():
		return nil, fmt.Errorf("%w: %s is a directory, not chinook.zip or chinook.db", errSource, src.path)
	case !info.Mode().IsRegular():
		return nil, fmt.Errorf("%w: %s is not a regular file (%s), not chinook.zip or chinook.db", errSource, src.path, filekind.Of(info.Mode()))
	}
	f, err := os.Open(src.path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if info.Size() > o.maxSize {
		return nil, fmt.Errorf("%w: %s is %d bytes, the limit is %d", errTooLarge, src.path, info.Size(), o.maxSize)
	}
	// A file that reports 0 bytes may still hold some (/proc files):
	// its size is unknown, not zero.
	size := info.Size()
	if size == 0 {
		size = -1
	}
	rep.Start(src.String(), size)
	return o.copyToTemp(ctx, ctx, f, size, dir, rep, func() {})
}

func (o *options) fetchHTTP(ctx context.Context, src source, dir string, rep progressReporter) (*artifact, error) {
	// The attempt's own context is cancelled, with a timeoutError as the
	// cause, when no byte arrives for idleTimeout (headers included).
	actx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	touch := func() {}
	if o.idleTimeout > 0 {
		idle := &timeoutError{msg: fmt.Sprintf("no data for %s (idle timeout)", o.idleTimeout)}
		timer := time.AfterFunc(o.idleTimeout, func() { cancel(idle) })
		defer timer.Stop()
		touch = func() { timer.Reset(o.idleTimeout) }
	}

	req, err := http.NewRequestWithContext(actx, http.MethodGet, src.url, nil)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", errSource, err)
	}
	req.Header.Set("User-Agent", userAgent)
	client := http.DefaultClient
	if o.client != nil {
		client = o.client
	}
	c := *client // same transport, our redirect policy in front
	c.CheckRedirect = checkRedirect(client.CheckRedirect)
	resp, err := c.Do(req)
	if err != nil {
		return nil, transportError(ctx, actx, err)
	}
	defer resp.Body.Close()
	touch()
	if resp.StatusCode != http.StatusOK {
		io.Copy(io.Discard, io.LimitReader(resp.Body, 4<<10)) // lets the connection be reused
		se := &statusError{Code: resp.StatusCode, Status: resp.Status}
		if final := resp.Request.URL.String(); final != src.url {
			se.URL = redact.DSN(final)
		}
		return nil, se
	}
	if resp.ContentLength > o.maxSize {
		return nil, fmt.Errorf("%w: server announces %d bytes, the limit is %d", errTooLarge, resp.ContentLength, o.maxSize)
	}
	rep.Start(src.String(), resp.ContentLength)
	a, err := o.copyToTemp(ctx, actx, resp.Body, resp.ContentLength, dir, rep, touch)
	if err != nil {
		return nil, transportError(ctx, actx, err)
	}
	return a, nil
}

// copyToTemp streams r into a new temporary file in dir, enforcing the size
// limit on the bytes actually read and checking the announced length. On any
// failure the temporary file is removed.
func (o *options) copyToTemp(ctx, actx context.Context, r io.Reader, total int64, dir string, rep progressReporter, touch func()) (a *artifact, err error) {
	f, err := os.CreateTemp(dir, tempPattern)
	if err != nil {
		return nil, localErrorf("create temporary file: %w", err)
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	h := sha256.New()
	buf := make([]byte, 64<<10)
	var done int64
	for {
		if err := context.Cause(actx); err != nil {
			return nil, err
		}
		n, rerr := r.Read(buf)
		if n > 0 {
			touch()
			done += int64(n)
			if done > o.maxSize {
				return nil, fmt.Errorf("%w: more than %d bytes received", errTooLarge, o.maxSize)
			}
			h.Write(buf[:n])
			if _, err := f.Write(buf[:n]); err != nil {
				return nil, localErrorf("write temporary file: %w", err)
			}
			rep.Advance(done)
		}
		if rerr == io.EOF {
			break
		}
		if rerr != nil {
			if errors.Is(rerr, io.ErrUnexpectedEOF) {
				return nil, fmt.Errorf("%w: connection closed after %d of %d bytes: %w", errIncomplete, done, total, rerr)
			}
			return nil, rerr
		}
	}
	if total >= 0 && done != total {
		return nil, fmt.Errorf("%w: got %d of %d bytes", errIncomplete, done, total)
	}
	if err := f.Sync(); err != nil {
		return nil, localErrorf("sync temporary file: %w", err)
	}
	if err := f.Close(); err != nil {
		return nil, localErrorf("close temporary file: %w", err)
	}
	return &artifact{path: f.Name(), size: done, sha256: hex.EncodeToString(h.Sum(nil))}, nil
}

// transportError explains a failed request or body read: the caller's
// cancellation or overall timeout first, then our idle timeout, then the
// network's own error classified as unreachable where that is what it means.
func transportError(ctx, actx context.Context, err error) error {
	if ctx.Err() != nil {
		return stopped(ctx)
	}
	if cause := context.Cause(actx); cause != nil {
		return cause
	}
	// The URL is already in the message; keep only what went wrong.
	var urlErr *url.Error
	if errors.As(err, &urlErr) {
		err = urlErr.Err
	}
	var dnsErr *net.DNSError
	if errors.As(err, &dnsErr) ||
		errors.Is(err, syscall.ECONNREFUSED) ||
		errors.Is(err, syscall.ENETUNREACH) ||
		errors.Is(err, syscall.EHOSTUNREACH) {
		return fmt.Errorf("%w: %w", errUnreachable, err)
	}
	return err
}

// checkRedirect is chained before the client's own CheckRedirect: a loop,
// or a redirect away from http(s), is an errRedirect, never followed.
func checkRedirect(prev func(*http.Request, []*http.Request) error) func(*http.Request, []*http.Request) error {
	return func(req *http.Request, via []*http.Request) error {
		if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
			return fmt.Errorf("%w: redirected to %q, which is not http(s)", errRedirect, redact.DSN(req.URL.String()))
		}
		if prev != nil {
			return prev(req, via)
		}
		if len(via) >= 10 {
			return fmt.Errorf("%w: stopped after 10 redirects (a redirect loop?)", errRedirect)
		}
		return nil
	}
}

// stopped describes why ctx ended, keeping both its Err (for errors.Is with
// context.Canceled or DeadlineExceeded) and its cause (signal, timeout).
func stopped(ctx context.Context) error {
	cause, base := context.Cause(ctx), ctx.Err()
	if cause == nil || cause == base {
		return base
	}
	return fmt.Errorf("%w (%w)", cause, base)
}

// transient reports whether another attempt at the same source may succeed.
func transient(err error) bool {
	if errors.Is(err, errRedirect) {
		return false
	}
	var se *statusError
	if errors.As(err, &se) {
		return se.Code >= 500 || se.Code == http.StatusRequestTimeout || se.Code == http.StatusTooManyRequests
	}
	var dnsErr *net.DNSError
	if errors.As(err, &dnsErr) {
		return dnsErr.IsTemporary || dnsErr.IsTimeout
	}
	if errors.Is(err, errTimeout) || errors.Is(err, errIncomplete) ||
		errors.Is(err, io.ErrUnexpectedEOF) ||
		errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.ECONNREFUSED) ||
		errors.Is(err, syscall.ECONNABORTED) || errors.Is(err, syscall.EPIPE) {
		return true
	}
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}
