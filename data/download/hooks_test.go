package download

import (
	"net/http"
	"time"
)

// Test hooks: options only tests need, kept out of the public API.

// httpClient sets the client used for http(s) sources.
func httpClient(c *http.Client) Option { return func(o *options) { o.client = c } }

// handleInterrupt forces interrupt handling on or off (by default it is on
// inside GoNB only).
func handleInterrupt(on bool) Option { return func(o *options) { o.interrupt = on } }

// withTimeout bounds the whole call; 0 disables it.
func withTimeout(d time.Duration) Option { return func(o *options) { o.timeout = d } }

// withIdleTimeout ends an attempt when no byte arrives for d; 0 disables it.
func withIdleTimeout(d time.Duration) Option { return func(o *options) { o.idle = d } }

// withMaxSize bounds the downloaded file and the extracted database.
func withMaxSize(n int64) Option { return func(o *options) { o.maxSize = n } }

// withProgress sets how progress and the final "ready:" line are shown.
func withProgress(r progressReporter) Option { return func(o *options) { o.reporter = r } }
