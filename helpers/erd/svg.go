package erd

import (
	"encoding/xml"
	"fmt"
	"hash/fnv"
	"math"
	"strings"

	"github.com/bunbook/bunbook/helpers/inspect"
)

// Colours of the drawing: the header in the course's blue, keys marked in
// amber (primary) and teal (foreign), types in grey so names stand out.
const (
	colourHeader   = "#2b6cb0"
	colourBorder   = "#4a5568"
	colourType     = "#718096"
	colourPrimary  = "#b7791f"
	colourForeign  = "#2c7a7b"
	colourRelation = "#4a5568"
	colourViewHead = "#6b46c1"
)

// SVG draws the schema as a standalone SVG document. Each table is a box
// listing its columns (PK and FK marked, types on the right); each foreign
// key is a line from the referencing column, with a crow's foot on the
// "many" side, to the referenced column, with a bar on the "one" side. A
// dashed line is an optional (nullable) relation. All text is XML-escaped.
func SVG(s *inspect.Schema) string {
	svg, _, _ := draw(s)
	return svg
}

// draw returns the SVG document and its size in pixels.
func draw(s *inspect.Schema) (svg string, width, height float64) {
	if s == nil {
		return messageSVG(noSchema)
	}
	tables := drawn(s)
	if len(tables) == 0 {
		return messageSVG("no tables to draw")
	}
	l := place(s, tables)
	id := diagramID(tables)

	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%s" height="%s" viewBox="0 0 %s %s" font-family="monospace" font-size="%d" role="img">`+"\n",
		num(l.width), num(l.height), num(l.width), num(l.height), fontSize)
	fmt.Fprintf(&b, "<title>%s</title>\n", esc(title(tables)))
	// Marker ids carry a digest of the table names, so two diagrams in one
	// notebook page do not share (and restyle) each other's markers.
	fmt.Fprintf(&b, `<defs>`+
		`<marker id="many-%[1]s" viewBox="0 0 12 10" refX="0" refY="5" markerWidth="12" markerHeight="10" orient="auto"><path d="M12,5 L0,0 M12,5 L0,5 M12,5 L0,10" fill="none" stroke="%[2]s"/></marker>`+
		`<marker id="one-%[1]s" viewBox="0 0 12 10" refX="12" refY="5" markerWidth="12" markerHeight="10" orient="auto"><path d="M6,0 L6,10" fill="none" stroke="%[2]s"/></marker>`+
		"</defs>\n", id, colourRelation)
	fmt.Fprintf(&b, `<rect width="100%%" height="100%%" fill="#ffffff"/>`+"\n")
	for _, e := range l.edges {
		writeEdge(&b, l, e, id)
	}
	for _, bx := range l.boxes {
		writeBox(&b, bx)
	}
	b.WriteString("</svg>\n")
	return b.String(), l.width, l.height
}

func title(tables []*inspect.Table) string {
	names := make([]string, len(tables))
	for i, t := range tables {
		names[i] = t.Name
	}
	return fmt.Sprintf("Entity-relationship diagram of %d tables: %s", len(tables), strings.Join(names, ", "))
}

func diagramID(tables []*inspect.Table) string {
	h := fnv.New32a()
	for _, t := range tables {
		h.Write([]byte(t.QualifiedName()))
		h.Write([]byte{0})
	}
	return fmt.Sprintf("erd%08x", h.Sum32())
}

func writeBox(b *strings.Builder, bx *box) {
	t := bx.table
	head := colourHeader
	if t.Kind == inspect.KindView {
		head = colourViewHead
	}
	fk := foreignKeyColumns(t)
	fmt.Fprintf(b, `<g data-table="%s">`+"\n", esc(t.QualifiedName()))
	fmt.Fprintf(b, `<rect x="%s" y="%s" width="%s" height="%s" rx="4" fill="#ffffff" stroke="%s"/>`+"\n",
		num(bx.x), num(bx.y), num(bx.w), num(bx.h), colourBorder)
	fmt.Fprintf(b, `<path d="M%s,%s h%s v%d h-%s Z" fill="%s"/>`+"\n",
		num(bx.x), num(bx.y), num(bx.w), headerHeight, num(bx.w), head)
	label := t.Name
	if t.Kind == inspect.KindView {
		label += " (view)"
	}
	fmt.Fprintf(b, `<text x="%s" y="%s" fill="#ffffff" font-weight="bold">%s</text>`+"\n",
		num(bx.x+boxPadding), num(bx.y+headerHeight-7), esc(label))
	for i, c := range t.Columns {
		y := bx.y + headerHeight + float64(i)*rowHeight + rowHeight - 5
		switch {
		case c.PrimaryKey > 0:
			fmt.Fprintf(b, `<text x="%s" y="%s" fill="%s" font-size="10" font-weight="bold">PK</text>`, num(bx.x+boxPadding), num(y), colourPrimary)
		case fk[c.Name]:
			fmt.Fprintf(b, `<text x="%s" y="%s" fill="%s" font-size="10" font-weight="bold">FK</text>`, num(bx.x+boxPadding), num(y), colourForeign)
		}
		weight := ""
		if c.PrimaryKey > 0 {
			weight = ` font-weight="bold"`
		}
		fmt.Fprintf(b, `<text x="%s" y="%s"%s>%s</text>`, num(bx.x+boxPadding+markerWidth), num(y), weight, esc(c.Name))
		if c.Type != "" {
			fmt.Fprintf(b, `<text x="%s" y="%s" fill="%s" text-anchor="end">%s</text>`, num(bx.x+bx.w-boxPadding), num(y), colourType, esc(c.Type))
		}
		b.WriteString("\n")
	}
	b.WriteString("</g>\n")
}

func writeEdge(b *strings.Builder, l *layout, e edge, id string) {
	sy, ey := e.from.rowY(e.fromColumn), e.to.rowY(e.toColumn)
	var d string
	switch {
	case e.from == e.to || (e.to.x < e.from.x+e.from.w && e.from.x < e.to.x+e.to.w):
		// Same box or same layer: loop out to the right and back.
		sx, ex := e.from.x+e.from.w, e.to.x+e.to.w
		out := math.Max(sx, ex) + 40
		d = fmt.Sprintf("M%s,%s C%s,%s %s,%s %s,%s", num(sx), num(sy), num(out), num(sy), num(out), num(ey), num(ex), num(ey))
	case e.to.x+e.to.w <= e.from.x:
		// Referenced table to the left (the usual case). A line that skips
		// layers crosses each one through a gap between boxes.
		x, y := e.from.x, sy
		d = fmt.Sprintf("M%s,%s", num(x), num(y))
		for k := e.from.layer - 1; k > e.to.layer; k-- {
			c := &l.columns[k]
			progress := (e.from.x - (c.x + c.w)) / (e.from.x - (e.to.x + e.to.w))
			gy := c.gapNear(sy + (ey-sy)*progress)
			d += curveLeft(x, y, c.x+c.w, gy) + fmt.Sprintf(" L%s,%s", num(c.x), num(gy))
			x, y = c.x, gy
		}
		d += curveLeft(x, y, e.to.x+e.to.w, ey)
	default:
		// Referenced table to the right (only inside a reference cycle).
		sx, ex := e.from.x+e.from.w, e.to.x
		dx := math.Max(30, (ex-sx)/2)
		d = fmt.Sprintf("M%s,%s C%s,%s %s,%s %s,%s", num(sx), num(sy), num(sx+dx), num(sy), num(ex-dx), num(ey), num(ex), num(ey))
	}
	dash := ""
	if e.nullable {
		dash = ` stroke-dasharray="5,3"`
	}
	fmt.Fprintf(b, `<path d="%s" fill="none" stroke="%s"%s marker-start="url(#many-%s)" marker-end="url(#one-%s)" data-fk="%s"/>`+"\n",
		d, colourRelation, dash, id, id, esc(e.from.table.Name+"."+e.fromColumn+" -> "+e.to.table.Name+"."+e.toColumn))
}

// curveLeft is a smooth S-curve leaving (x0,y0) and arriving at (x1,y1),
// both horizontally, with x1 left of x0.
func curveLeft(x0, y0, x1, y1 float64) string {
	dx := math.Max(30, (x0-x1)/2)
	return fmt.Sprintf(" C%s,%s %s,%s %s,%s", num(x0-dx), num(y0), num(x1+dx), num(y1), num(x1), num(y1))
}

// num formats a coordinate compactly and deterministically.
func num(f float64) string {
	return strings.TrimSuffix(strings.TrimRight(fmt.Sprintf("%.1f", f), "0"), ".")
}

// noSchema is what SVG and Mermaid draw for a nil schema: the result of a
// failed Inspect whose error was dropped (s, _ := inspect.Inspect(…)).
const noSchema = "no schema (nil): check the error inspect.Inspect returned"

// messageSVG is a one-line drawing saying why there is nothing to draw.
func messageSVG(msg string) (svg string, w, h float64) {
	w = float64(len([]rune(msg)))*charWidth + 2*margin
	h = float64(fontSize) + 2*margin
	return fmt.Sprintf(`<svg xmlns="http://www.w3.org/2000/svg" width="%s" height="%s" viewBox="0 0 %s %s" font-family="monospace" font-size="%d" role="img">`+"\n"+
		"<title>%s</title>\n"+`<text x="%s" y="%s" fill="%s">%s</text>`+"\n</svg>\n",
		num(w), num(h), num(w), num(h), fontSize, esc(msg), num(margin), num(margin+fontSize*0.8), colourType, esc(msg)), w, h
}

// esc escapes text for XML content and attribute values alike.
func esc(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s)) // writing to a Builder cannot fail
	return b.String()
}
