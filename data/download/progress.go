package download

import (
	"fmt"
	"html"
	"io"
	"os"
	"time"

	"github.com/janpfeifer/gonb/gonbui"
)

// A progressReporter shows a download's progress: for each source tried
// Start, then Advance for every chunk read (implementations throttle their
// own drawing), and Finish exactly once (alone when an existing file is
// reused).
type progressReporter interface {
	Start(source string, total int64) // total < 0 when the size is unknown
	Advance(done int64)               // bytes received so far from this source
	Finish(r result, err error)
}

// defaultReporter is the HTML bar inside GoNB, else the "ready:" line on
// stdout.
func defaultReporter() progressReporter {
	if gonbui.IsNotebook {
		bar := newNotebookBar(gonbui.UpdateHTML, time.Now)
		bar.flush = gonbui.Sync
		return bar
	}
	return &lineReporter{w: os.Stdout}
}

// lineReporter writes the final "ready:" line, no bar: right for
// terminals, logs and CI, where redrawn bars only add noise.
type lineReporter struct{ w io.Writer }

func (l *lineReporter) Start(string, int64) {}
func (l *lineReporter) Advance(int64)       {}
func (l *lineReporter) Finish(r result, err error) {
	if err == nil {
		fmt.Fprintln(l.w, r)
	}
}

// notebookBar shows an HTML <progress> bar in the GoNB cell, updated in
// place at most ten times a second. When done, the bar's own display
// becomes the "ready:" line (also when the file was cached and no bar was
// drawn), which the notebook saves with the cell's output: replacing the
// bar leaves no empty output above the line, as erasing it and printing
// the line would. On failure the bar is erased; the error is the caller's
// to show.
type notebookBar struct {
	id     string
	update func(id, html string)
	// flush waits until GoNB has applied the last update, so the cell's
	// program cannot exit with the bar's removal still in the pipe.
	flush  func()
	now    func() time.Time
	last   time.Time // of the last drawing
	source string
	total  int64
}

func newNotebookBar(update func(id, html string), now func() time.Time) *notebookBar {
	return &notebookBar{id: "chinook-download-" + gonbui.UniqueId(), update: update, now: now}
}

func (n *notebookBar) Start(source string, total int64) {
	n.source, n.total = source, total
	n.draw(0, true)
}

func (n *notebookBar) Advance(done int64) { n.draw(done, done == n.total) }

func (n *notebookBar) Finish(r result, err error) {
	switch {
	case err == nil:
		// A line of its own (after <pre>, which ignores the first newline),
		// so text tools and nbrun's normalizer read it as the terminal's.
		n.update(n.id, "<pre class=\"chinook-download\">\n"+html.EscapeString(r.String())+"\n</pre>")
	case !n.last.IsZero():
		n.update(n.id, "")
	default:
		return
	}
	if n.flush != nil {
		n.flush()
	}
}

func (n *notebookBar) draw(done int64, force bool) {
	now := n.now()
	if !force && !n.last.IsZero() && now.Sub(n.last) < 100*time.Millisecond {
		return
	}
	n.last = now
	n.update(n.id, progressHTML(n.source, done, n.total))
}

// progressHTML renders the bar; every value from outside is escaped.
func progressHTML(source string, done, total int64) string {
	bar := fmt.Sprintf(`<progress max="%d" value="%d" style="width:20em"></progress> %s / %s`,
		max(total, 1), done, humanBytes(done), humanBytes(total))
	if total < 0 {
		bar = fmt.Sprintf(`<progress style="width:20em"></progress> %s`, humanBytes(done))
	}
	return fmt.Sprintf(`<div class="chinook-download">downloading <code>%s</code><br>%s</div>`,
		html.EscapeString(source), bar)
}

// humanBytes formats a byte count in binary units: "326 KiB", "1.5 MiB".
func humanBytes(n int64) string {
	switch {
	case n < 0:
		return "?"
	case n < 1<<10:
		return fmt.Sprintf("%d B", n)
	case n < 1<<20:
		return fmt.Sprintf("%d KiB", n>>10)
	default:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	}
}
