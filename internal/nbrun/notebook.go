package nbrun

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
)

// Notebook is a read-only view of a Jupyter notebook (nbformat 4): its cells
// and what the code cells printed. Use [Normalize] to rewrite a notebook file.
type Notebook struct {
	Cells []Cell
	// KernelName is metadata.kernelspec.name ("gonb" for the lessons).
	KernelName string
	// LanguageInfo holds the text fields of metadata.language_info
	// ("pygments_lexer", "file_extension", …): how renderers highlight it.
	LanguageInfo map[string]string
}

// Cell is one notebook cell.
type Cell struct {
	Index          int    // position in the notebook, from 0
	ID             string // nbformat 4.5 cell id; may be empty in older files
	Type           string // "code", "markdown" or "raw"
	Source         string
	ExecutionCount int // 0 when the cell has not run
	Outputs        []Output
}

// Output is one output of a code cell.
type Output struct {
	// Type is "stream", "display_data", "execute_result" or "error".
	Type string
	// Stream is "stdout" or "stderr" for a stream output.
	Stream string
	// Text is a stream output's text.
	Text string
	// Data maps a MIME type ("text/html", "text/plain", …) to the content
	// of a display_data or execute_result output.
	Data map[string]string
	// ErrorName, ErrorValue and Traceback describe an error output.
	ErrorName, ErrorValue string
	Traceback             []string
}

// ReadNotebook reads and parses the notebook file at path.
func ReadNotebook(path string) (*Notebook, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("nbrun: read notebook: %w", err)
	}
	nb, err := ParseNotebook(data)
	if err != nil {
		return nil, fmt.Errorf("nbrun: %s: %w", path, err)
	}
	return nb, nil
}

// ParseNotebook parses a notebook in nbformat 4 JSON.
func ParseNotebook(data []byte) (*Notebook, error) {
	var raw struct {
		NBFormat int `json:"nbformat"`
		Metadata struct {
			KernelSpec struct {
				Name string `json:"name"`
			} `json:"kernelspec"`
			LanguageInfo map[string]any `json:"language_info"`
		} `json:"metadata"`
		Cells []struct {
			ID             string      `json:"id"`
			CellType       string      `json:"cell_type"`
			Source         multiline   `json:"source"`
			ExecutionCount *int        `json:"execution_count"`
			Outputs        []rawOutput `json:"outputs"`
		} `json:"cells"`
	}
	if err := json.Unmarshal(data, &raw); err != nil {
		return nil, fmt.Errorf("not a notebook (invalid JSON): %w", err)
	}
	if raw.NBFormat != 4 {
		return nil, fmt.Errorf("nbformat %d is not supported: save the notebook with Jupyter (nbformat 4)", raw.NBFormat)
	}
	nb := &Notebook{KernelName: raw.Metadata.KernelSpec.Name, LanguageInfo: map[string]string{}}
	for k, v := range raw.Metadata.LanguageInfo {
		if s, ok := v.(string); ok {
			nb.LanguageInfo[k] = s
		}
	}
	for i, rc := range raw.Cells {
		c := Cell{Index: i, ID: rc.ID, Type: rc.CellType, Source: string(rc.Source)}
		if rc.ExecutionCount != nil {
			c.ExecutionCount = *rc.ExecutionCount
		}
		for _, ro := range rc.Outputs {
			c.Outputs = append(c.Outputs, ro.output())
		}
		nb.Cells = append(nb.Cells, c)
	}
	return nb, nil
}

// CodeCells returns the code cells, in order.
func (nb *Notebook) CodeCells() []Cell {
	var cells []Cell
	for _, c := range nb.Cells {
		if c.Type == "code" {
			cells = append(cells, c)
		}
	}
	return cells
}

// Stdout returns everything the notebook's cells wrote to standard output,
// in order.
func (nb *Notebook) Stdout() string { return nb.stream("stdout") }

// Stderr returns everything the notebook's cells wrote to standard error.
func (nb *Notebook) Stderr() string { return nb.stream("stderr") }

func (nb *Notebook) stream(name string) string {
	var b strings.Builder
	for _, c := range nb.Cells {
		b.WriteString(c.stream(name))
	}
	return b.String()
}

// HTML returns the text/html content of every display output, in order.
func (nb *Notebook) HTML() []string {
	var html []string
	for _, c := range nb.Cells {
		html = append(html, c.HTML()...)
	}
	return html
}

// Errors returns the cells holding an error output (a compile error, a
// panic, a non-zero exit). An executed lesson has none.
func (nb *Notebook) Errors() []Cell {
	var cells []Cell
	for _, c := range nb.Cells {
		if c.Error() != nil {
			cells = append(cells, c)
		}
	}
	return cells
}

// Stdout returns what the cell wrote to standard output.
func (c Cell) Stdout() string { return c.stream("stdout") }

// Stderr returns what the cell wrote to standard error.
func (c Cell) Stderr() string { return c.stream("stderr") }

func (c Cell) stream(name string) string {
	var b strings.Builder
	for _, o := range c.Outputs {
		if o.Type == "stream" && o.Stream == name {
			b.WriteString(o.Text)
		}
	}
	return b.String()
}

// HTML returns the text/html content of the cell's display outputs.
func (c Cell) HTML() []string {
	var html []string
	for _, o := range c.Outputs {
		if h, ok := o.Data["text/html"]; ok {
			html = append(html, h)
		}
	}
	return html
}

// Error returns the cell's first error output, or nil.
func (c Cell) Error() *Output {
	for i := range c.Outputs {
		if c.Outputs[i].Type == "error" {
			return &c.Outputs[i]
		}
	}
	return nil
}

// String describes the error output for a test failure or a log: name,
// value and traceback.
func (o Output) String() string {
	switch o.Type {
	case "error":
		s := o.ErrorName + ": " + o.ErrorValue
		if tb := strings.Join(o.Traceback, "\n"); tb != "" && tb != o.ErrorValue {
			s += "\n" + tb
		}
		return s
	case "stream":
		return o.Stream + ": " + o.Text
	default:
		if h, ok := o.Data["text/html"]; ok {
			return o.Type + " text/html: " + h
		}
		return o.Type + " text/plain: " + o.Data["text/plain"]
	}
}

// multiline is nbformat's multi-line string: one string, or a list of
// strings to concatenate.
// rawOutput is an output as Jupyter writes it, in a saved notebook and in
// a kernel session's reply alike.
type rawOutput struct {
	OutputType string               `json:"output_type"`
	Name       string               `json:"name"`
	Text       multiline            `json:"text"`
	Data       map[string]multiline `json:"data"`
	EName      string               `json:"ename"`
	EValue     string               `json:"evalue"`
	Traceback  []string             `json:"traceback"`
}

func (ro rawOutput) output() Output {
	o := Output{
		Type:       ro.OutputType,
		Stream:     ro.Name,
		Text:       string(ro.Text),
		ErrorName:  ro.EName,
		ErrorValue: ro.EValue,
		Traceback:  ro.Traceback,
	}
	if len(ro.Data) > 0 {
		o.Data = make(map[string]string, len(ro.Data))
		for mime, v := range ro.Data {
			o.Data[mime] = string(v)
		}
	}
	return o
}

type multiline string

func (m *multiline) UnmarshalJSON(data []byte) error {
	var s string
	if err := json.Unmarshal(data, &s); err == nil {
		*m = multiline(s)
		return nil
	}
	var parts []string
	if err := json.Unmarshal(data, &parts); err == nil {
		*m = multiline(strings.Join(parts, ""))
		return nil
	}
	// Structured data such as application/json: keep it as JSON text.
	*m = multiline(data)
	return nil
}
