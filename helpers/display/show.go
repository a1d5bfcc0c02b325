package display

import (
	"fmt"

	"github.com/janpfeifer/gonb/gonbui"
)

// In a notebook the table goes to GoNB as HTML; these are variables so
// tests can stand in for the kernel.
var (
	inNotebook  = func() bool { return gonbui.IsNotebook }
	displayHTML = gonbui.DisplayHTML
	// syncDisplay waits until GoNB has taken the table: a cell's program may
	// exit right after Show, and a display still in the pipe is then lost.
	syncDisplay = gonbui.Sync
)

// showResult displays r: as an HTML table in a GoNB notebook, else as a text
// table on the Writer (os.Stdout by default).
func showResult(r resultTable, opts ...Option) error {
	if inNotebook() {
		displayHTML(renderHTML(r))
		syncDisplay()
		return nil
	}
	if _, err := fmt.Fprint(writer(opts), renderText(r)); err != nil {
		return fmt.Errorf("display: %w", err)
	}
	return nil
}
