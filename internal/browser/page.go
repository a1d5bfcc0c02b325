package browser

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// Timeout bounds each step a Page takes: a load, a wait, a screenshot.
var Timeout = 30 * time.Second

// Page is one browser tab. From the moment it opens it records what a
// reviewer would see in DevTools: console errors, uncaught exceptions,
// failed loads, and the URL of every request.
type Page struct {
	ctx    context.Context // the tab's chromedp context
	cancel context.CancelFunc

	mu       sync.Mutex
	errors   []string                     // console errors, exceptions, browser log errors
	requests []string                     // every URL requested, in order
	failures []string                     // requests that failed or answered 4xx/5xx
	inflight map[network.RequestID]string // request → URL, until it ends
	lastNet  time.Time
}

// NewPage opens a blank tab that the test closes when it ends.
func (b *Browser) NewPage(t testing.TB) *Page {
	t.Helper()
	p, err := b.OpenTab()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(p.Close)
	return p
}

// OpenTab opens a blank tab; Close closes it.
func (b *Browser) OpenTab() (*Page, error) {
	ctx, cancel := chromedp.NewContext(b.ctx)
	p := &Page{ctx: ctx, cancel: cancel, inflight: map[network.RequestID]string{}}
	if err := chromedp.Listen(ctx, p.record); err != nil {
		cancel()
		return nil, fmt.Errorf("opening a tab: %w", err)
	}
	return p, nil
}

// Close closes the tab.
func (p *Page) Close() { p.cancel() }

// Context is the tab's chromedp context, for chromedp.Run and chromedp.Do.
// Bound a step with context.WithTimeout on it.
func (p *Page) Context() context.Context { return p.ctx }

// record runs on chromedp's event loop, so it only appends under the lock.
func (p *Page) record(ev any) {
	p.mu.Lock()
	defer p.mu.Unlock()
	switch ev := ev.(type) {
	case *runtime.EventConsoleAPICalled:
		if ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeAssert {
			var args []string
			for _, a := range ev.Args {
				args = append(args, remoteText(a))
			}
			p.errors = append(p.errors, "console."+string(ev.Type)+": "+strings.Join(args, " "))
		}
	case *runtime.EventExceptionThrown:
		d := ev.ExceptionDetails
		msg := d.Text
		if d.Exception != nil && d.Exception.Description != "" {
			msg += " " + d.Exception.Description
		}
		p.errors = append(p.errors, fmt.Sprintf("uncaught exception at %s:%d: %s", d.URL, d.LineNumber+1, msg))
	case *log.EventEntryAdded:
		if ev.Entry.Level == log.EntryLevelError {
			p.errors = append(p.errors, fmt.Sprintf("%s error: %s %s", ev.Entry.Source, ev.Entry.Text, ev.Entry.URL))
		}
	case *network.EventRequestWillBeSent:
		p.requests = append(p.requests, ev.Request.URL)
		p.inflight[ev.RequestID] = ev.Request.URL
		p.lastNet = time.Now()
	case *network.EventResponseReceived:
		if ev.Response.Status >= 400 {
			p.failures = append(p.failures, fmt.Sprintf("%d %s", ev.Response.Status, ev.Response.URL))
		}
	case *network.EventLoadingFinished:
		delete(p.inflight, ev.RequestID)
		p.lastNet = time.Now()
	case *network.EventLoadingFailed:
		if !ev.Canceled {
			p.failures = append(p.failures, fmt.Sprintf("%s %s", ev.ErrorText, p.inflight[ev.RequestID]))
		}
		delete(p.inflight, ev.RequestID)
		p.lastNet = time.Now()
	}
}

func remoteText(o *runtime.RemoteObject) string {
	switch {
	case o == nil:
		return ""
	case o.Description != "":
		return o.Description
	case len(o.Value) > 0:
		return string(o.Value)
	}
	return string(o.Type)
}

// Open loads url in the tab, waits for its load event and for the network to
// go quiet, and fails when the document itself answers with an HTTP error.
func (p *Page) Open(url string) error {
	ctx, cancel := context.WithTimeout(p.ctx, Timeout)
	defer cancel()
	resp, err := chromedp.Run(ctx, chromedp.NavigateResponse(url))
	if err != nil {
		return fmt.Errorf("opening %s: %w", url, err)
	}
	if resp != nil && resp.Status >= 400 {
		return fmt.Errorf("opening %s: HTTP %d %s", url, resp.Status, resp.StatusText)
	}
	p.WaitIdle(500 * time.Millisecond)
	return nil
}

// WaitIdle waits until no request has been in flight for quiet, or Timeout.
// A page's late loads (fonts, lazy images, scripts adding scripts) then show
// up in Requests before a test asserts on them.
func (p *Page) WaitIdle(quiet time.Duration) {
	deadline := time.Now().Add(Timeout)
	for time.Now().Before(deadline) {
		p.mu.Lock()
		idle := len(p.inflight) == 0 && time.Since(p.lastNet) >= quiet
		p.mu.Unlock()
		if idle {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// Errors returns the console errors, uncaught exceptions and browser log
// errors recorded so far.
func (p *Page) Errors() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.errors...)
}

// Requests returns every URL the tab requested so far, data: URLs included.
func (p *Page) Requests() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.requests...)
}

// Failures returns the requests that failed or answered 4xx/5xx.
func (p *Page) Failures() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.failures...)
}

// Outside returns the requests that left origin (say "http://127.0.0.1:8000"):
// any URL that is not on it and is not an inline data:, blob: or about: URL.
func Outside(requests []string, origin string) []string {
	base, err := url.Parse(origin)
	if err != nil {
		return requests
	}
	var out []string
	for _, r := range requests {
		u, err := url.Parse(r)
		if err != nil {
			out = append(out, r)
			continue
		}
		switch u.Scheme {
		case "data", "blob", "about":
			continue
		}
		if u.Scheme != base.Scheme || u.Host != base.Host {
			out = append(out, r)
		}
	}
	return out
}

// Problems lists everything that makes a page broken for its reader, one line
// each: console errors, failed requests, and requests that left origin.
func (p *Page) Problems(origin string) []string {
	out := p.Errors()
	out = append(out, p.Failures()...)
	for _, r := range Outside(p.Requests(), origin) {
		out = append(out, "request outside "+origin+": "+r)
	}
	return out
}

// Screenshot saves a full-page PNG of the tab at path, creating its folder.
// A test fails on error; reviewers open the files to look.
func (p *Page) Screenshot(t testing.TB, path string) {
	t.Helper()
	if err := p.SaveScreenshot(path); err != nil {
		t.Error(err)
	}
}

// SaveScreenshot is Screenshot for code outside a test.
func (p *Page) SaveScreenshot(path string) error {
	ctx, cancel := context.WithTimeout(p.ctx, Timeout)
	defer cancel()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		return fmt.Errorf("screenshot %s: %w", path, err)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return os.WriteFile(path, png, 0o644)
}

// Eval evaluates a JavaScript expression in the tab and decodes its JSON
// value into T.
func Eval[T any](p *Page, expression string) (T, error) {
	ctx, cancel := context.WithTimeout(p.ctx, Timeout)
	defer cancel()
	return chromedp.Run(ctx, chromedp.Evaluate[T](expression))
}
