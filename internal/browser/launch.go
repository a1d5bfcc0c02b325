package browser

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"testing"

	"github.com/chromedp/chromedp"
)

// Flags are the command-line switches every browser test launches Chromium
// with: headless, no sandbox (CI runs as root), and nothing that phones home,
// so that a request the test records comes from the page and nothing else.
var Flags = []string{
	"headless", "no-sandbox", "disable-gpu", "disable-quic", "no-first-run",
	"disable-background-networking", "disable-component-update", "disable-sync",
}

// candidates are the names Chromium is installed under, Debian's first.
var candidates = []string{"chromium", "chromium-browser", "google-chrome", "headless-shell"}

// ErrNotFound means no Chromium is installed. Debian installs it with
// `apt-get install chromium`; CHROMIUM names another binary.
var ErrNotFound = errors.New("chromium not found: install it (apt-get install chromium) or set CHROMIUM to its path")

// ExecPath returns the Chromium binary: $CHROMIUM when set, else the first of
// chromium, chromium-browser, google-chrome and headless-shell on PATH.
func ExecPath() (string, error) {
	if p := os.Getenv("CHROMIUM"); p != "" {
		if _, err := exec.LookPath(p); err != nil {
			return "", fmt.Errorf("CHROMIUM=%s: %w", p, err)
		}
		return p, nil
	}
	for _, name := range candidates {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	return "", ErrNotFound
}

// Browser is one running Chromium with its own, fresh profile.
type Browser struct {
	ctx    context.Context // the browser's chromedp context; tabs derive from it
	cancel context.CancelFunc
}

// Launch starts Chromium at execPath with Flags and the profile directory
// userDataDir, which should be new and empty. Close stops it.
func Launch(ctx context.Context, execPath, userDataDir string) (*Browser, error) {
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(execPath),
		chromedp.UserDataDir(userDataDir),
		chromedp.WindowSize(1280, 900),
	}
	for _, f := range Flags {
		opts = append(opts, chromedp.Flag(f, true))
	}
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	bctx, cancelBrowser := chromedp.NewContext(allocCtx)
	// An empty Do starts the browser now, bound to bctx, which has no deadline:
	// a timeout a caller puts on one action then ends only that action.
	if err := chromedp.Do(bctx); err != nil {
		cancelBrowser()
		cancelAlloc()
		return nil, fmt.Errorf("starting %s: %w", execPath, err)
	}
	return &Browser{ctx: bctx, cancel: func() { cancelBrowser(); cancelAlloc() }}, nil
}

// Close stops the browser and waits for its process to end.
func (b *Browser) Close() { b.cancel() }

// Start launches Chromium for a test with a fresh profile in t.TempDir and
// stops it when the test ends. Without Chromium it fails the test under
// CI=true, where a skipped browser test would hide a broken machine, and
// skips it elsewhere.
func Start(t testing.TB) *Browser {
	t.Helper()
	path, err := ExecPath()
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("browser test under CI=true: %v", err)
		}
		t.Skipf("skipping browser test: %v", err)
	}
	b, err := Launch(context.Background(), path, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(b.Close)
	return b
}
