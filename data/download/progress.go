package download

import (
	"fmt"
	"io"
	"os"
	"time"

	"github.com/janpfeifer/gonb/gonbui"
	"golang.org/x/term"
)

// A progressReporter shows a download's progress. Calls come from the goroutine
// running [Get], in this order: for each attempt Start then Advance any
// number of times, Retry between failed attempts, and Finish exactly once
// (alone when an existing file is reused). Advance is called for every
// chunk read, so implementations throttle their own drawing.
type progressReporter interface {
	Start(source string, total int64) // total < 0 when the size is unknown
	Advance(done int64)               // bytes received so far in this attempt
	Retry(retry int, wait time.Duration, err error)
	Finish(r result, err error)
}

// defaultReporter picks the display for where the code runs: an HTML bar in
// GoNB, a terminal bar when stderr is a terminal, else the final line only.
func defaultReporter() progressReporter {
	switch {
	case gonbui.IsNotebook:
		return notebookReporter()
	case term.IsTerminal(int(os.Stderr.Fd())):
		return terminalReporter(os.Stderr, os.Stdout)
	default:
		return &lineReporter{w: os.Stdout}
	}
}

// quiet shows nothing.
type quiet struct{}

func (quiet) Start(string, int64)             {}
func (quiet) Advance(int64)                   {}
func (quiet) Retry(int, time.Duration, error) {}
func (quiet) Finish(result, error)            {}

// lineReporter writes retries and the final "ready:" line, no bar: right
// for logs and CI, where redrawn bars only add noise.
type lineReporter struct{ w io.Writer }

func (l *lineReporter) Start(string, int64) {}
func (l *lineReporter) Advance(int64)       {}
func (l *lineReporter) Retry(retry int, wait time.Duration, err error) {
	fmt.Fprintf(l.w, "retry %d in %s after: %v\n", retry, wait.Round(time.Millisecond), err)
}
func (l *lineReporter) Finish(r result, err error) {
	if err == nil {
		fmt.Fprintln(l.w, r)
	}
}

// throttle lets a drawing through at most once per interval, plus the last.
type throttle struct {
	every time.Duration
	last  time.Time
	now   func() time.Time
}

func (t *throttle) allow(final bool) bool {
	now := t.now()
	if !final && !t.last.IsZero() && now.Sub(t.last) < t.every {
		return false
	}
	t.last = now
	return true
}
