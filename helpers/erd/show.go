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
func Show(s *inspect.Schema) {
	if !gonbui.IsNotebook {
		fmt.Fprint(os.Stdout, Mermaid(s))
		return
	}
	gonbui.SendData(&protocol.DisplayData{Data: map[protocol.MIMEType]any{
		protocol.MIMETextHTML:  renderHTML(s),
		protocol.MIMEImageSVG:  SVG(s),
		protocol.MIMETextPlain: Mermaid(s),
	}})
	// The cell's program may exit right after Show: wait until GoNB has
	// taken the picture, or it can be lost.
	gonbui.Sync()
}
