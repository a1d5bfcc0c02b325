package erd

import (
	"math"
	"sort"

	"github.com/bunbook/bunbook/helpers/inspect"
)

// Geometry of the drawing, in SVG user units (pixels at 100 %). The font is
// monospace so text width is predictable without measuring glyphs.
const (
	charWidth    = 7.2 // width of one monospace character at fontSize
	fontSize     = 12
	rowHeight    = 18
	headerHeight = 24
	boxPadding   = 8
	columnGap    = 60 // room between layers for the relation lines
	boxGap       = 26
	margin       = 16
	markerWidth  = 22 // left gutter of a row for the PK/FK marker
)

// box is one table placed on the canvas.
type box struct {
	table      *inspect.Table
	layer, pos int
	x, y, w, h float64
}

// rowY is the vertical centre of the column's row, or of the header when the
// column is not found.
func (b *box) rowY(column string) float64 {
	for i, c := range b.table.Columns {
		if c.Name == column {
			return b.y + headerHeight + float64(i)*rowHeight + rowHeight/2
		}
	}
	return b.y + headerHeight/2
}

// edge is one foreign key drawn as a line from the referencing column to the
// referenced one.
type edge struct {
	from, to   *box
	fromColumn string
	toColumn   string
	nullable   bool
}

type layout struct {
	boxes         []*box // in layer, then position order
	edges         []edge
	columns       []column // one per layer, left to right
	width, height float64
}

// column is the strip of the canvas one layer occupies.
type column struct {
	x, w  float64
	boxes []*box // top to bottom
	lanes map[float64]int
}

// place arranges the tables in layers: a table sits one layer to the right
// of every table it references, so lines mostly run right to left and the
// Chinook picture reads like the lesson's (artists → albums → tracks → …).
// Order within a layer follows the referenced tables' positions (the
// barycentre heuristic) to keep lines short and crossings few.
func place(s *inspect.Schema, tables []*inspect.Table) *layout {
	byTable := map[*inspect.Table]*box{}
	var boxes []*box
	for _, t := range tables {
		b := &box{table: t}
		boxes = append(boxes, b)
		byTable[t] = b
	}
	l := &layout{}
	targets := map[*box][]*box{}
	sources := map[*box][]*box{}
	for _, b := range boxes {
		for _, fk := range b.table.ForeignKeys {
			to := byTable[s.Referenced(b.table, &fk)]
			if to == nil {
				continue // referenced table not drawn
			}
			e := edge{from: b, to: to, fromColumn: first(fk.Columns), toColumn: first(fk.RefColumns)}
			if c := b.table.Column(e.fromColumn); c != nil {
				e.nullable = c.Nullable
			}
			l.edges = append(l.edges, e)
			if to != b {
				targets[b] = append(targets[b], to)
				sources[to] = append(sources[to], b)
			}
		}
	}
	assignLayers(boxes, targets)
	layers := orderLayers(boxes, targets, sources)
	l.measure(layers)
	return l
}

func first(s []string) string {
	if len(s) == 0 {
		return ""
	}
	return s[0]
}

// assignLayers gives each box the length of the longest chain of foreign
// keys it starts. A cycle of references (rare, but legal) is cut where the
// walk meets a table it is already inside.
func assignLayers(boxes []*box, targets map[*box][]*box) {
	const unvisited, visiting, done = 0, 1, 2
	state := map[*box]int{}
	var visit func(b *box)
	visit = func(b *box) {
		state[b] = visiting
		for _, t := range targets[b] {
			switch state[t] {
			case unvisited:
				visit(t)
			case visiting:
				continue
			}
			b.layer = max(b.layer, t.layer+1)
		}
		state[b] = done
	}
	for _, b := range boxes {
		if state[b] == unvisited {
			visit(b)
		}
	}
}

// orderLayers groups boxes by layer and orders each layer: by name first,
// then a few sweeps sorting by the mean position of the neighbours in the
// layer already fixed. Ties keep name order, so the result is deterministic.
func orderLayers(boxes []*box, targets, sources map[*box][]*box) [][]*box {
	var layers [][]*box
	for _, b := range boxes {
		for len(layers) <= b.layer {
			layers = append(layers, nil)
		}
		layers[b.layer] = append(layers[b.layer], b)
	}
	for _, layer := range layers {
		sort.SliceStable(layer, func(i, j int) bool { return layer[i].table.QualifiedName() < layer[j].table.QualifiedName() })
		number(layer)
	}
	for range 4 {
		for i := 1; i < len(layers); i++ { // left to right: follow targets
			reorder(layers[i], targets)
		}
		for i := len(layers) - 2; i >= 0; i-- { // right to left: follow sources
			reorder(layers[i], sources)
		}
	}
	return layers
}

// reorder sorts a layer by the mean position of each box's neighbours (a
// box without any keeps its own position as its key) and renumbers it.
func reorder(layer []*box, neighbours map[*box][]*box) {
	keys := map[*box]float64{}
	for _, b := range layer {
		keys[b] = float64(b.pos)
		if ns := neighbours[b]; len(ns) > 0 {
			sum := 0.0
			for _, n := range ns {
				sum += float64(n.pos)
			}
			keys[b] = sum / float64(len(ns))
		}
	}
	sort.SliceStable(layer, func(i, j int) bool { return keys[layer[i]] < keys[layer[j]] })
	number(layer)
}

func number(layer []*box) {
	for i, b := range layer {
		b.pos = i
	}
}

// measure sizes every box from its text and stacks the layers left to right.
func (l *layout) measure(layers [][]*box) {
	x := float64(margin)
	for _, layer := range layers {
		col := column{x: x, boxes: layer, lanes: map[float64]int{}}
		y := float64(margin)
		for _, b := range layer {
			b.w = boxWidth(b.table)
			b.h = headerHeight + float64(len(b.table.Columns))*rowHeight + boxPadding/2
			b.x, b.y = x, y
			y += b.h + boxGap
			col.w = max(col.w, b.w)
			l.boxes = append(l.boxes, b)
		}
		l.height = max(l.height, y-boxGap+margin)
		l.columns = append(l.columns, col)
		x += col.w + columnGap
	}
	l.width = x - columnGap + margin
	// Self-references loop out to the right of their box.
	for _, e := range l.edges {
		if e.from == e.to {
			l.width = max(l.width, e.from.x+e.from.w+40+margin)
		}
	}
}

func boxWidth(t *inspect.Table) float64 {
	chars := len([]rune(t.Name)) + 2
	for _, c := range t.Columns {
		chars = max(chars, len([]rune(c.Name))+2+len([]rune(c.Type)))
	}
	return float64(chars)*charWidth + markerWidth + 2*boxPadding
}

// gapNear returns a height at which a line can cross the column without
// passing behind a box: the middle of the free gap (above, between or below
// the boxes) closest to y. Lines sharing a gap are spread a few units apart.
func (c *column) gapNear(y float64) float64 {
	gaps := []float64{margin / 2}
	for _, b := range c.boxes { // the next box is boxGap below
		gaps = append(gaps, b.y+b.h+boxGap/2)
	}
	best := gaps[0]
	for _, g := range gaps[1:] {
		if math.Abs(g-y) < math.Abs(best-y) {
			best = g
		}
	}
	lane := c.lanes[best]
	c.lanes[best]++
	// 0, +4, -4, +8, -8, … around the gap's middle.
	offset := float64((lane+1)/2) * 4
	if lane%2 == 1 {
		return best + offset
	}
	return best - offset
}
