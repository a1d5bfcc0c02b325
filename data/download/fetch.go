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

func (a *artifact) remove() { os.Remove(a.path) }

// tempPattern names the temporary files, hidden and easy to recognise.
const tempPattern = ".chinook-*.part"

// userAgent identifies the course to the mirror, as polite clients do.
const userAgent = "bunbook-chinook/1 (Go course; github.com/bunbook/bunbook)"

// fetch copies one source into a temporary file in dir, hashing as it goes.
func (o *options) fetch(ctx context.Context, src source, dir string) (*artifact, error) {
	open := o.openHTTP
	if src.url == "" {
		open = o.openFile
	}
	// A stalled server ends the attempt when no byte arrives for o.idle
	// (headers included), long before the overall timeout.
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	touch := func() {}
	if o.idle > 0 {
		timer := time.AfterFunc(o.idle, func() { cancel(fmt.Errorf("%w: no data for %s", errStalled, o.idle)) })
		defer timer.Stop()
		touch = func() { timer.Reset(o.idle) }
	}
	body, size, err := open(ctx, src)
	if err != nil {
		return nil, transportError(ctx, err)
	}
	defer body.Close()
	touch()
	o.reporter.Start(src.String(), size)
	a, err := copyToTemp(ctx, body, size, o.maxSize, dir, func(done int64) { touch(); o.reporter.Advance(done) })
	if err != nil {
		return nil, transportError(ctx, err)
	}
	return a, nil
}

// openFile opens a local source and returns its size (< 0: unknown).
func (o *options) openFile(_ context.Context, src source) (io.ReadCloser, int64, error) {
	// Stat before opening: opening a named pipe blocks until a writer
	// comes, before any timeout could apply.
	info, err := os.Stat(src.path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, 0, fmt.Errorf("%w: %w", errNotFound, err)
	case err != nil:
		return nil, 0, err
	case info.IsDir():
		return nil, 0, fmt.Errorf("%w: %s is a directory, not chinook.zip or chinook.db", errSource, src.path)
	case !info.Mode().IsRegular():
		return nil, 0, fmt.Errorf("%w: %s is not a regular file (%s), not chinook.zip or chinook.db", errSource, src.path, filekind.Of(info.Mode()))
	case info.Size() > o.maxSize:
		return nil, 0, fmt.Errorf("%w: %s is %d bytes, the limit is %d", errTooLarge, src.path, info.Size(), o.maxSize)
	}
	f, err := os.Open(src.path)
	// A file that reports 0 bytes may still hold some (/proc files): its
	// size is unknown, not zero.
	if size := info.Size(); size > 0 {
		return f, size, err
	}
	return f, -1, err
}

// openHTTP sends the request and returns the body of a 200 response and
// its announced length (< 0: unknown).
func (o *options) openHTTP(ctx context.Context, src source) (io.ReadCloser, int64, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, src.url, nil)
	if err != nil {
		return nil, 0, fmt.Errorf("%w: %w", errSource, err)
	}
	req.Header.Set("User-Agent", userAgent)
	c := *http.DefaultClient // which honours $HTTPS_PROXY
	if o.client != nil {
		c = *o.client
	}
	c.CheckRedirect = checkRedirect
	resp, err := c.Do(req)
	if err != nil {
		return nil, 0, err
	}
	if resp.StatusCode != http.StatusOK {
		io.Copy(io.Discard, io.LimitReader(resp.Body, 4<<10)) // lets the connection be reused
		resp.Body.Close()
		msg := "HTTP " + resp.Status
		if final := resp.Request.URL.String(); final != src.url {
			msg += " from " + redact.DSN(final) // where a redirect led
		}
		if resp.StatusCode == http.StatusNotFound || resp.StatusCode == http.StatusGone {
			return nil, 0, notFoundError{msg}
		}
		return nil, 0, errors.New(msg)
	}
	if resp.ContentLength > o.maxSize {
		resp.Body.Close()
		return nil, 0, fmt.Errorf("%w: server announces %d bytes, the limit is %d", errTooLarge, resp.ContentLength, o.maxSize)
	}
	return resp.Body, resp.ContentLength, nil
}

// copyToTemp streams r into a new temporary file in dir, hashing as it
// goes, enforcing limit on the bytes actually read and checking the
// announced total (< 0: unknown). On any failure the file is removed.
func copyToTemp(ctx context.Context, r io.Reader, total, limit int64, dir string, advance func(done int64)) (a *artifact, err error) {
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
		if err := context.Cause(ctx); err != nil {
			return nil, err
		}
		n, rerr := r.Read(buf)
		if n > 0 {
			done += int64(n)
			if done > limit {
				return nil, fmt.Errorf("%w: more than %d bytes received", errTooLarge, limit)
			}
			h.Write(buf[:n])
			if _, err := f.Write(buf[:n]); err != nil {
				return nil, localErrorf("write temporary file: %w", err)
			}
			advance(done)
		}
		if rerr == io.EOF {
			break
		}
		if errors.Is(rerr, io.ErrUnexpectedEOF) {
			return nil, fmt.Errorf("%w: connection closed after %d of %d bytes: %w", errIncomplete, done, total, rerr)
		} else if rerr != nil {
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

// transportError explains a failed request or read: a stalled server, the
// caller's cancellation or overall timeout, else the network's own error,
// classified as unreachable where that is what it means.
func transportError(ctx context.Context, err error) error {
	if cause := context.Cause(ctx); errors.Is(cause, errStalled) {
		return cause // not an interruption: the next source may still answer
	}
	if ctx.Err() != nil {
		return stopped(ctx)
	}
	// The URL is already in the message; keep only what went wrong.
	var urlErr *url.Error
	if errors.As(err, &urlErr) {
		err = urlErr.Err
	}
	if errors.As(err, new(*net.DNSError)) || isAny(err, syscall.ECONNREFUSED, syscall.ENETUNREACH, syscall.EHOSTUNREACH) {
		return fmt.Errorf("%w: %w", errUnreachable, err)
	}
	return err
}

// checkRedirect refuses a loop, or a redirect away from http(s).
func checkRedirect(req *http.Request, via []*http.Request) error {
	if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
		return fmt.Errorf("%w: redirected to %q, which is not http(s)", errRedirect, redact.DSN(req.URL.String()))
	}
	if len(via) >= 10 {
		return fmt.Errorf("%w: stopped after 10 redirects (a redirect loop?)", errRedirect)
	}
	return nil
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
