package download

import (
	"fmt"
	"html"
	"io"
	"os"
	"time"

	"github.com/janpfeifer/gonb/gonbui"
)

// NotebookBar shows an HTML <progress> bar in the GoNB cell, updated in
// place with gonbui.UpdateHTML at most ten times a second. When done, the
// bar's own display becomes the "ready:" line (shown even when the file was
// cached and no bar was drawn), which the notebook saves with the cell's
// output: replacing the bar leaves no empty output above the line, as
// erasing it and printing the line would. On failure the bar is erased;
// the error is the caller's to show.
func notebookReporter() progressReporter {
	bar := newNotebookBar(gonbui.UpdateHTML, os.Stdout, time.Now)
	bar.flush = gonbui.Sync
	return bar
}

func newNotebookBar(update func(id, html string), out io.Writer, now func() time.Time) *notebookBar {
	return &notebookBar{
		id:       "chinook-download-" + gonbui.UniqueId(),
		update:   update,
		out:      out,
		throttle: throttle{every: 100 * time.Millisecond, now: now},
	}
}

type notebookBar struct {
	id       string
	update   func(id, html string)
	out      io.Writer
	throttle throttle
	// flush waits until GoNB has applied the last update, so the cell's
	// program cannot exit with the bar's removal still in the pipe.
	flush  func()
	shown  bool
	source string
	total  int64
	note   string
}

func (n *notebookBar) Start(source string, total int64) {
	n.source, n.total = source, total
	n.draw(0, true)
}

func (n *notebookBar) Advance(done int64) {
	n.draw(done, done == n.total)
}

func (n *notebookBar) Retry(retry int, wait time.Duration, err error) {
	n.note = fmt.Sprintf("retry %d in %s after: %v", retry, wait.Round(time.Millisecond), err)
	n.draw(0, true)
}

func (n *notebookBar) Finish(r result, err error) {
	switch {
	case err == nil:
		// A line of its own (after <pre>, which ignores the first newline),
		// so text tools and nbrun's normalizer read it as the terminal's.
		n.update(n.id, "<pre class=\"chinook-download\">\n"+html.EscapeString(r.String())+"\n</pre>")
	case n.shown:
		n.update(n.id, "")
	default:
		return
	}
	if n.flush != nil {
		n.flush()
	}
}

func (n *notebookBar) draw(done int64, force bool) {
	if !n.throttle.allow(force) {
		return
	}
	n.shown = true
	n.update(n.id, progressHTML(n.source, done, n.total, n.note))
}

// progressHTML renders the bar; every value from outside is escaped.
func progressHTML(source string, done, total int64, note string) string {
	bar := fmt.Sprintf(`<progress max="%d" value="%d" style="width:20em"></progress> %s / %s`,
		max(total, 1), done, humanBytes(done), humanBytes(total))
	if total < 0 {
		bar = fmt.Sprintf(`<progress style="width:20em"></progress> %s`, humanBytes(done))
	}
	out := fmt.Sprintf(`<div class="chinook-download">downloading <code>%s</code><br>%s`,
		html.EscapeString(source), bar)
	if note != "" {
		out += fmt.Sprintf(`<br><small>%s</small>`, html.EscapeString(note))
	}
	return out + "</div>"
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
