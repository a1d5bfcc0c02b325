package erd

import (
	"fmt"
	"os"

	"github.com/janpfeifer/gonb/gonbui"
	"github.com/janpfeifer/gonb/gonbui/protocol"

	"github.com/bunbook/bunbook/helpers/inspect"
)

// Show displays the diagram in a GoNB notebook as an <img> (see renderHTML),
// which shows in every renderer of the saved notebook, with the SVG itself
// and the Mermaid text as alternatives for other formats; anywhere else it
// prints the Mermaid text.
//
// A Tables name the schema lacks is reported on standard error (red in a
// notebook) with a "did you mean", and nothing is drawn.
func Show(s *inspect.Schema, opts ...option) {
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
		protocol.MIMETextHTML:  renderHTML(s, opts...),
		protocol.MIMEImageSVG:  SVG(s, opts...),
		protocol.MIMETextPlain: Mermaid(s, opts...),
	}})
	// The cell's program may exit right after Show: wait until GoNB has
	// taken the picture, or it can be lost.
	gonbui.Sync()
}
