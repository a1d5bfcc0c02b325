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
func Show(s *inspect.Schema, opts ...Option) {
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
