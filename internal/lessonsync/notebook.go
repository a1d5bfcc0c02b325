package lessonsync

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"strings"
)

// notebook is a Jupyter notebook (nbformat 4) read for merging: its cells,
// and everything else kept as it was.
type notebook struct {
	top   map[string]json.RawMessage // every field but "cells"
	cells []cell
}

// cell is one cell: its id (nbformat 4.5), kind, source, and every field
// as read, outputs included.
type cell struct {
	id, kind, source string
	raw              map[string]json.RawMessage
}

// sum identifies a cell's content for merging: its kind and source.
// Outputs, execution counts and metadata are not part of it: running a
// cell does not change it.
func (c cell) sum() string {
	h := sha256.Sum256([]byte(c.kind + "\x00" + c.source))
	return hex.EncodeToString(h[:8])
}

// parseNotebook reads a notebook; a file that is not one is an error.
func parseNotebook(data []byte) (*notebook, error) {
	var top map[string]json.RawMessage
	if err := json.Unmarshal(data, &top); err != nil {
		return nil, err
	}
	var raws []map[string]json.RawMessage
	if err := json.Unmarshal(top["cells"], &raws); err != nil || raws == nil {
		return nil, errors.New("not a notebook: no list of cells")
	}
	delete(top, "cells")
	nb := &notebook{top: top}
	for _, raw := range raws {
		c := cell{raw: raw}
		json.Unmarshal(raw["id"], &c.id)
		if err := json.Unmarshal(raw["cell_type"], &c.kind); err != nil || c.kind == "" {
			return nil, errors.New("not a notebook: a cell without a cell_type")
		}
		var lines []string
		if err := json.Unmarshal(raw["source"], &lines); err == nil {
			c.source = strings.Join(lines, "")
		} else if err := json.Unmarshal(raw["source"], &c.source); err != nil {
			return nil, errors.New("not a notebook: a cell's source is neither text nor lines")
		}
		nb.cells = append(nb.cells, c)
	}
	return nb, nil
}

// hasIDs reports whether every cell has an id and no two share one: what
// merging by cell needs from the course's notebook.
func (nb *notebook) hasIDs() bool {
	seen := map[string]bool{}
	for _, c := range nb.cells {
		if c.id == "" || seen[c.id] {
			return false
		}
		seen[c.id] = true
	}
	return true
}

// encode writes the notebook as Jupyter does: keys sorted, one-space
// indent, a final newline.
func (nb *notebook) encode() []byte {
	raws := make([]map[string]json.RawMessage, len(nb.cells))
	for i, c := range nb.cells {
		raws[i] = c.raw
	}
	top := map[string]any{}
	for k, v := range nb.top {
		top[k] = v
	}
	top["cells"] = raws
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", " ")
	if err := enc.Encode(top); err != nil {
		panic(err) // only RawMessages read by parseNotebook: always valid
	}
	return buf.Bytes()
}

// markdownCell is a new markdown cell with the given id and text.
func markdownCell(id, text string) cell {
	lines := strings.SplitAfter(text, "\n")
	src, _ := json.Marshal(lines)
	idj, _ := json.Marshal(id)
	return cell{id: id, kind: "markdown", source: text, raw: map[string]json.RawMessage{
		"cell_type": json.RawMessage(`"markdown"`),
		"id":        idj,
		"metadata":  json.RawMessage(`{}`),
		"source":    src,
	}}
}

// withID is c under another id.
func (c cell) withID(id string) cell {
	raw := make(map[string]json.RawMessage, len(c.raw))
	for k, v := range c.raw {
		raw[k] = v
	}
	raw["id"], _ = json.Marshal(id)
	c.id, c.raw = id, raw
	return c
}
