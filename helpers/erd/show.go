package erd

import (
	"fmt"
	"os"

	"github.com/janpfeifer/gonb/gonbui"
	"github.com/janpfeifer/gonb/gonbui/protocol"

	"github.com/bunbook/bunbook/helpers/inspect"
)

// Show displays the diagram: inline SVG in a GoNB notebook (saved with the
// notebook, so it also shows on GitHub), the Mermaid text on standard
// output anywhere else.
//
// A Tables name the schema lacks is reported on standard error (red in a
// notebook) with a "did you mean", and nothing is drawn.
func Show(s *inspect.Schema, opts ...Option) {
	if s != nil {
		if _, err := selected(s, collect(opts)); err != nil {
			fmt.Fprintln(os.Stderr, err)
			return
		}
	}
	if !gonbui.IsNotebook {
		fmt.Fprint(os.Stdout, Mermaid(s, opts...))
		return
	}
	gonbui.SendData(&protocol.DisplayData{Data: map[protocol.MIMEType]any{
		protocol.MIMEImageSVG:  SVG(s, opts...),
		protocol.MIMETextPlain: Mermaid(s, opts...),
	}})
	// The cell's program may exit right after Show: wait until GoNB has
	// taken the picture, or it can be lost.
	gonbui.Sync()
}
