package download

import (
	"net/http"
	"time"
)

// Test hooks: options only tests need, kept out of the public API.

// httpClient sets the client used for http(s) sources.
func httpClient(c *http.Client) Option { return func(o *options) { o.client = c } }

// backoff sets the pause before retry number retry (1, 2, …); tests pass
// a function returning 0 or a few milliseconds.
func backoff(f func(retry int) time.Duration) Option {
	return func(o *options) {
		if f != nil {
			o.backoff = f
		}
	}
}

// handleInterrupt forces interrupt handling on or off (by default it is on
// inside GoNB only).
func handleInterrupt(on bool) Option { return func(o *options) { o.interrupt = &on } }
