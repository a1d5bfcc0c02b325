package lessonsync

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// doc is a notebook as a test edits it: plain JSON values.
type doc map[string]any

// lesson01 is the course's lesson 01 as committed: 24 cells with ids.
func lesson01(t *testing.T) doc {
	t.Helper()
	data, err := os.ReadFile("../../notebooks/01_create_database.ipynb")
	if err != nil {
		t.Fatal(err)
	}
	return parseDoc(t, data)
}

func parseDoc(t *testing.T, data []byte) doc {
	t.Helper()
	var d doc
	if err := json.Unmarshal(data, &d); err != nil {
		t.Fatalf("not JSON: %v\n%.300s", err, data)
	}
	return d
}

func (d doc) bytes() []byte {
	data, _ := json.MarshalIndent(d, "", " ")
	return append(data, '\n')
}

func (d doc) clone() doc {
	var c doc
	json.Unmarshal(d.bytes(), &c)
	return c
}

func (d doc) cells() []any { return d["cells"].([]any) }

func (d doc) ids() []string {
	var ids []string
	for _, c := range d.cells() {
		ids = append(ids, c.(map[string]any)["id"].(string))
	}
	return ids
}

func (d doc) cell(t *testing.T, id string) map[string]any {
	t.Helper()
	for _, c := range d.cells() {
		if m := c.(map[string]any); m["id"] == id {
			return m
		}
	}
	t.Fatalf("no cell %q in %v", id, d.ids())
	return nil
}

func source(c map[string]any) string {
	switch s := c["source"].(type) {
	case string:
		return s
	case []any:
		var b strings.Builder
		for _, l := range s {
			b.WriteString(l.(string))
		}
		return b.String()
	}
	return ""
}

// edit sets a cell's source, as a student or teacher typing would.
func (d doc) edit(t *testing.T, id, src string) { d.cell(t, id)["source"] = src }

// run gives a code cell a new output and execution count, as running it
// and saving does.
func (d doc) run(t *testing.T, id, out string) {
	c := d.cell(t, id)
	c["execution_count"] = 42.0
	c["outputs"] = []any{map[string]any{"name": "stdout", "output_type": "stream", "text": []any{out}}}
}

func (d doc) runAll(t *testing.T, out string) {
	for _, id := range d.ids() {
		if d.cell(t, id)["cell_type"] == "code" {
			d.run(t, id, out+" "+id)
		}
	}
}

func newCell(id, kind, src string) map[string]any {
	c := map[string]any{"cell_type": kind, "id": id, "metadata": map[string]any{}, "source": src}
	if kind == "code" {
		c["execution_count"], c["outputs"] = nil, []any{}
	}
	return c
}

// insert puts c after the cell after ("" for the end).
func (d doc) insert(after string, c map[string]any) {
	cells := d.cells()
	at := len(cells)
	if after != "" {
		at = slices.IndexFunc(cells, func(x any) bool { return x.(map[string]any)["id"] == after }) + 1
	}
	d["cells"] = slices.Insert(cells, at, any(c))
}

func (d doc) remove(id string) {
	d["cells"] = slices.DeleteFunc(d.cells(), func(x any) bool { return x.(map[string]any)["id"] == id })
}

// classroom is a course folder and a student's lessons folder.
type classroom struct {
	t        *testing.T
	from, to string
}

// newClassroom delivers lesson (as 01.ipynb) to a new student.
func newClassroom(t *testing.T, lesson doc) *classroom {
	c := &classroom{t: t, from: t.TempDir(), to: filepath.Join(t.TempDir(), "bunbook")}
	c.teacher(lesson)
	if got := actions(sync(t, c.from, c.to)); got != "01.ipynb=added" {
		t.Fatalf("first sync: %s", got)
	}
	return c
}

func (c *classroom) teacher(d doc) {
	if err := os.WriteFile(filepath.Join(c.from, "01.ipynb"), d.bytes(), 0o644); err != nil {
		c.t.Fatal(err)
	}
}

func (c *classroom) student() doc {
	data, err := os.ReadFile(filepath.Join(c.to, "01.ipynb"))
	if err != nil {
		c.t.Fatal(err)
	}
	return parseDoc(c.t, data)
}

func (c *classroom) save(d doc) {
	if err := os.WriteFile(filepath.Join(c.to, "01.ipynb"), d.bytes(), 0o644); err != nil {
		c.t.Fatal(err)
	}
}

func (c *classroom) sync() *Report { return sync(c.t, c.from, c.to) }
