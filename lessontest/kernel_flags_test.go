package lessontest_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bunbook/bunbook/internal/nbrun"
)

// writeNotebook writes a gonb notebook with one code cell per source into
// dir and returns its path.
func writeNotebook(t *testing.T, dir, name string, sources ...string) string {
	t.Helper()
	var cells []any
	for i, src := range sources {
		cells = append(cells, map[string]any{
			"cell_type": "code", "id": "c" + string(rune('0'+i)), "metadata": map[string]any{},
			"execution_count": nil, "outputs": []any{}, "source": src,
		})
	}
	nb := map[string]any{
		"cells": cells, "nbformat": 4, "nbformat_minor": 5,
		"metadata": map[string]any{"kernelspec": map[string]any{"name": "gonb", "display_name": "Go (gonb)", "language": "go"}},
	}
	data, err := json.MarshalIndent(nb, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// outputText is everything a cell showed: streams, errors and tracebacks.
func outputText(c nbrun.Cell) string {
	var b strings.Builder
	for _, o := range c.Outputs {
		b.WriteString(o.String())
		b.WriteString("\n")
	}
	return b.String()
}

// TestKernelBuildFlags runs a small notebook through the installed kernel:
// the set-up links cells stripped (GOFLAGS=-ldflags=-s in the kernelspec),
// and a panic and a compile error still name the right cell and line, and
// a student's %goflags still applies.
func TestKernelBuildFlags(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: executes a notebook")
	}
	root, j := notebookRunner(t)
	dir := t.TempDir()
	path := writeNotebook(t, dir, "flags.ipynb",
		// In [1]: the kernel's flags reach the build: no symbol table.
		"import \"debug/elf\"\n\n%%\nfmt.Println(\"GOFLAGS:\", os.Getenv(\"GOFLAGS\"))\nexe, err := os.Executable()\nif err != nil {\n\tpanic(err)\n}\nf, err := elf.Open(exe)\nif err != nil {\n\tpanic(err)\n}\nfmt.Println(\"symbol table:\", f.Section(\".symtab\") != nil)",
		// In [2]: a panic on line 3 of this cell.
		"func explode(i int) int {\n\ts := []int{1}\n\treturn s[i]\n}\n\n%%\nfmt.Println(explode(3))",
		// In [3]: a compile error on line 3.
		"%%\nx := 1\nfmt.Println(x, nosuchname)",
		// In [4]: the student's own flags.
		"%goflags -ldflags=-X=main.who=student\nvar who = \"nobody\"\n\n%%\nfmt.Println(\"who:\", who)",
	)
	// GoNB annotates main.go:N in each chunk of the program's stderr it
	// reads; a chunk that splits "main.go:12" goes out unannotated (its race,
	// about one run in four under load). Up to three runs, so the test fails
	// when the mapping is lost, not when a read splits a line.
	var cells []nbrun.Cell
	for attempt := 1; attempt <= 3; attempt++ {
		r, err := j.Execute(t.Context(), path, nbrun.ExecOptions{OutDir: t.TempDir(), Normalize: nbrun.NormalizeOptions{Root: root}})
		if err != nil {
			t.Fatal(err)
		}
		cells = r.Notebook.CodeCells()
		if len(cells) != 4 {
			t.Fatalf("%d code cells, want 4", len(cells))
		}
		if strings.Contains(outputText(cells[1]), "Cell [2] Line 3 ]]") {
			break
		}
	}
	flags := cells[0].Stdout()
	if !strings.Contains(flags, "GOFLAGS: -ldflags=-s\n") || !strings.Contains(flags, "symbol table: false\n") {
		t.Errorf("cell 1 (kernel flags) printed %q, want GOFLAGS -ldflags=-s and no symbol table (run scripts/setup.sh)\n%s", flags, outputText(cells[0]))
	}
	for _, tc := range []struct {
		cell  nbrun.Cell
		wants []string
	}{
		{cells[1], []string{"panic: runtime error: index out of range [3] with length 1", "Cell [2] Line 3 ]]", "Cell [2] Line 7 ]]"}},
		{cells[2], []string{"Cell[3]: Line 3", "undefined: nosuchname"}},
	} {
		text := outputText(tc.cell)
		for _, want := range tc.wants {
			if !strings.Contains(text, want) {
				t.Errorf("cell %d lacks %q:\n%s", tc.cell.Index+1, want, text)
			}
		}
	}
	if got := cells[3].Stdout(); !strings.Contains(got, "who: student\n") {
		t.Errorf("%%goflags cell printed %q, want who: student\n%s", got, outputText(cells[3]))
	}
}

// TestKernelColdNotice runs a lesson's first line, the cold-cache notice,
// through the kernel with an empty build cache: the student is told before
// anything compiles. With the set-up's warm cache it prints nothing (the
// lessons' saved outputs show that).
func TestKernelColdNotice(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: executes a notebook")
	}
	root, j := notebookRunner(t)
	dir := t.TempDir()
	// Outside the checkout, as a student's copy of a lesson may be: the
	// notice asks the kernel's own module.
	path := writeNotebook(t, t.TempDir(), "cold.ipynb", "//gonb:!nbrun cold-notice")
	t.Setenv("GOCACHE", filepath.Join(dir, "empty-gocache"))
	r, err := j.Execute(t.Context(), path, nbrun.ExecOptions{OutDir: t.TempDir(), Normalize: nbrun.NormalizeOptions{Root: root}})
	if err != nil {
		t.Fatal(err)
	}
	c := r.Notebook.CodeCells()[0]
	if got := c.Stdout(); got != nbrun.ColdNotice+"\n" {
		t.Errorf("cold cache: the cell printed %q, want the notice %q\n%s", got, nbrun.ColdNotice, outputText(c))
	}
}
