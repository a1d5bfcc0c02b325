package nbrun

import (
	"fmt"
	"reflect"
	"strings"
)

// SameOutputs returns nil when got's code cells have the same sources and
// outputs as want's, else an error naming the first cell that differs and
// how. Compare normalized notebooks (see [Normalize]); execution counts and
// metadata are ignored.
func SameOutputs(want, got *Notebook) error {
	wc, gc := want.CodeCells(), got.CodeCells()
	if len(wc) != len(gc) {
		return fmt.Errorf("%d code cells, want %d", len(gc), len(wc))
	}
	for i := range wc {
		w, g := wc[i], gc[i]
		if w.Source != g.Source {
			return fmt.Errorf("code cell %d (notebook cell %d): source differs", i, g.Index)
		}
		if len(w.Outputs) != len(g.Outputs) {
			return fmt.Errorf("cell %d %s: %d outputs, want %d:\n got: %s\nwant: %s",
				g.Index, firstLine(g.Source), len(g.Outputs), len(w.Outputs), outputsText(g.Outputs), outputsText(w.Outputs))
		}
		for j := range w.Outputs {
			if !reflect.DeepEqual(w.Outputs[j], g.Outputs[j]) {
				return fmt.Errorf("cell %d %s, output %d differs:\n got: %s\nwant: %s",
					g.Index, firstLine(g.Source), j, g.Outputs[j], w.Outputs[j])
			}
		}
	}
	return nil
}

func firstLine(src string) string {
	line, _, _ := strings.Cut(strings.TrimSpace(src), "\n")
	return fmt.Sprintf("%q", line)
}

func outputsText(outs []Output) string {
	parts := make([]string, len(outs))
	for i, o := range outs {
		parts[i] = o.String()
	}
	return "[" + strings.Join(parts, " | ") + "]"
}
