package download

import (
	"fmt"
	"io"
	"time"

	"github.com/schollz/progressbar/v3"
)

// TerminalBar draws a progress bar on bar (usually os.Stderr, a terminal)
// and writes the final "ready:" line to out (usually os.Stdout, so scripts
// can capture it). It uses github.com/schollz/progressbar.
func terminalReporter(bar, out io.Writer) progressReporter {
	return &terminalBar{w: bar, out: out}
}

type terminalBar struct {
	w, out io.Writer
	bar    *progressbar.ProgressBar
}

func (t *terminalBar) Start(source string, total int64) {
	t.clear()
	fmt.Fprintf(t.w, "downloading %s\n", source)
	t.bar = progressbar.NewOptions64(total,
		progressbar.OptionSetWriter(t.w),
		progressbar.OptionSetDescription("chinook"),
		progressbar.OptionShowBytes(true),
		progressbar.OptionShowCount(),
		progressbar.OptionSetWidth(30),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionClearOnFinish(),
		progressbar.OptionSpinnerType(14),
		progressbar.OptionSetRenderBlankState(true),
	)
}

func (t *terminalBar) Advance(done int64) {
	if t.bar != nil {
		t.bar.Set64(done)
	}
}

func (t *terminalBar) Retry(retry int, wait time.Duration, err error) {
	t.clear()
	fmt.Fprintf(t.w, "retry %d in %s after: %v\n", retry, wait.Round(time.Millisecond), err)
}

func (t *terminalBar) Finish(r result, err error) {
	t.clear()
	if err == nil {
		fmt.Fprintln(t.out, r)
	}
}

// clear removes the bar so the next line starts on a clean row.
func (t *terminalBar) clear() {
	if t.bar != nil {
		t.bar.Exit()
		fmt.Fprint(t.w, "\r\033[K")
		t.bar = nil
	}
}
