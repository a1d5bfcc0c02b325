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
)

// Show displays r: as an HTML table in a GoNB notebook, else as a text
// table on the Writer (os.Stdout by default).
func Show(r Result, opts ...Option) error {
	if inNotebook() {
		displayHTML(HTML(r, opts...))
		return nil
	}
	cfg := newConfig(opts)
	if _, err := fmt.Fprint(cfg.w, Text(r, opts...)); err != nil {
		return fmt.Errorf("display: %w", err)
	}
	return nil
}
