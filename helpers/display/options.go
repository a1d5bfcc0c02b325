package display

import (
	"io"
	"os"
)

// What is shown, as pandas' display options: a result of up to maxRows
// rows (display.max_rows) is shown whole, a longer one as its first and
// last headRows rows (half of display.min_rows); a value longer than
// maxColWidth characters (display.max_colwidth) is cut with "…".
const (
	maxRows     = 60
	headRows    = 5
	maxColWidth = 50
)

// Option tunes where the output goes.
type Option func(*config)

type config struct {
	w io.Writer
}

// writer is where text goes: the last Writer in opts, else os.Stdout.
func writer(opts []Option) io.Writer {
	c := config{w: os.Stdout}
	for _, opt := range opts {
		if opt != nil {
			opt(&c)
		}
	}
	if c.w == nil {
		return os.Stdout
	}
	return c.w
}

// Writer sets where plain text goes outside a notebook (and where SQL
// prints). The default is os.Stdout.
func Writer(w io.Writer) Option { return func(c *config) { c.w = w } }
