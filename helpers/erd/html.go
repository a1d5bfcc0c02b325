package erd

import (
	"encoding/base64"
	"fmt"
	"math"

	"github.com/bunbook/bunbook/helpers/inspect"
)

// displayWidth is the widest the diagram is shown, in pixels: the classic
// Notebook's output area is about 978 px wide at the usual window size, and
// JupyterLab's is similar. A wider diagram is scaled down to fit.
const displayWidth = 940

// renderHTML returns the diagram as an <img> whose source is the SVG document as
// a data: URI. Unlike inline SVG it shows everywhere a saved notebook is
// read: the classic Notebook and JupyterLab show it even before a notebook
// is trusted (their sanitizers keep <img> with a data: URI but drop inline
// SVG), and nbconvert's HTML export keeps it (nbconvert 6.5 strips the
// elements inside an inline <svg>). The width and height attributes fit
// displayWidth; the style also shrinks it in a narrower output area, where
// the notebook allows styles.
func renderHTML(s *inspect.Schema) string {
	svg, w, h := draw(s)
	scale := math.Min(1, displayWidth/w)
	alt := noSchema
	if s != nil {
		alt = title(drawn(s))
	}
	return fmt.Sprintf(`<img src="data:image/svg+xml;base64,%s" width="%d" height="%d" alt="%s" style="max-width:100%%;height:auto">`,
		base64.StdEncoding.EncodeToString([]byte(svg)), int(math.Round(w*scale)), int(math.Round(h*scale)), esc(alt))
}
