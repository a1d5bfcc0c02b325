package display

import (
	"io"
	"os"
)

// Defaults, as pandas' display options.
const (
	defaultMaxRows     = 60 // pandas display.max_rows
	defaultMinRows     = 10 // pandas display.min_rows
	defaultMaxColWidth = 50 // pandas display.max_colwidth
)

// Option tunes what is fetched and how it is shown.
type Option func(*config)

type config struct {
	maxRows     int
	minRows     int
	maxColWidth int
	w           io.Writer
}

func newConfig(opts []Option) config {
	c := config{
		maxRows:     defaultMaxRows,
		minRows:     defaultMinRows,
		maxColWidth: defaultMaxColWidth,
		w:           os.Stdout,
	}
	for _, opt := range opts {
		if opt != nil {
			opt(&c)
		}
	}
	if c.w == nil {
		c.w = os.Stdout
	}
	return c
}

// MaxRows sets how many rows are shown before the result is cut to its
// head and tail. n <= 0 shows every row (and loads them all).
func withMaxRows(n int) Option { return func(c *config) { c.maxRows = n } }

// MinRows sets how many rows a cut result shows, half from the head and
// half from the tail (at least one of each).
func withMinRows(n int) Option { return func(c *config) { c.minRows = n } }

// MaxColWidth sets how many characters of a value are shown before it is
// cut with "…". n <= 0 never cuts.
func withMaxColWidth(n int) Option { return func(c *config) { c.maxColWidth = n } }

// Writer sets where plain text goes outside a notebook (and where SQL
// prints). The default is os.Stdout.
func Writer(w io.Writer) Option { return func(c *config) { c.w = w } }

// headTail returns how many rows a cut result shows from each end: half of
// MinRows (at most MaxRows) each, as pandas, and at least one.
func (c config) headTail() (head, tail int) {
	n := c.minRows
	if c.maxRows > 0 && n > c.maxRows {
		n = c.maxRows
	}
	head = max(n/2, 1)
	return head, head
}
