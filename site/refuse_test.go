package site_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBuildRefuses: a course site must not publish a broken lesson, nor drop
// one from its navigation. Each case breaks a copy of the real notebooks and
// expects the build to fail with a message naming the notebook, the cell and
// the fix, leaving the previous site untouched.
func TestBuildRefuses(t *testing.T) {
	both := []string{"01_create_database.ipynb", "02_reflect_existing_database.ipynb"}
	for _, tc := range []struct {
		name   string
		course []string // the course order to write; nil: every notebook copied
		break_ func(t *testing.T, dir string)
		want   []string // in the error message
	}{{
		name: "a notebook without saved outputs",
		break_: edit("01_create_database.ipynb", func(nb notebook) {
			for _, c := range nb.cells() {
				if c["cell_type"] == "code" {
					c["outputs"], c["execution_count"] = []any{}, nil
				}
			}
		}),
		want: []string{"01_create_database.ipynb: no saved outputs in any of its 9 code cells", "scripts/save-outputs.sh"},
	}, {
		name: "an error output",
		break_: edit("01_create_database.ipynb", func(nb notebook) {
			nb.cells()[10]["outputs"] = []any{map[string]any{
				"output_type": "error", "ename": "panic", "evalue": "constraint failed: UNIQUE constraint failed: customers.Email\ngoroutine 1 [running]:",
				"traceback": []any{"panic: constraint failed"},
			}}
		}),
		want: []string{"01_create_database.ipynb: cell 10 (code: db := openDB())", "has an error output: panic: constraint failed: UNIQUE constraint failed: customers.Email — fix the cell"},
	}, {
		name: "a cell never run",
		break_: edit("02_reflect_existing_database.ipynb", func(nb notebook) {
			c := nb.cells()[13]
			c["outputs"], c["execution_count"] = []any{}, nil
		}),
		want: []string{"02_reflect_existing_database.ipynb: cell 13 (code: db := openChinook())", "has not been run (no saved outputs)"},
	}, {
		name:   "a notebook missing from the course order",
		course: []string{"01_create_database.ipynb"},
		want:   []string{"02_reflect_existing_database.ipynb is not in the course order: add it to", `notebook = "02_reflect_existing_database.ipynb"`},
	}, {
		name:   "a course entry without its notebook",
		course: append(both, "03_missing.ipynb"),
		want:   []string{"lesson 3, 03_missing.ipynb, does not exist"},
	}, {
		name: "a link that leads nowhere",
		break_: edit("02_reflect_existing_database.ipynb", func(nb notebook) {
			c := nb.cells()[2]
			c["source"] = "See [the notes](../notes/chinook.md) first.\n\n" + source(c)
		}),
		want: []string{"02_reflect_existing_database.ipynb: cell 2 (markdown: See [the notes](../notes/chinook.md) first.) links to ../notes/chinook.md, which does not exist"},
	}, {
		name: "a notebook without a title",
		break_: edit("01_create_database.ipynb", func(nb notebook) {
			c := nb.cells()[0]
			c["source"] = strings.TrimPrefix(source(c), "# ")
		}),
		want: []string{"01_create_database.ipynb: no title: its first cell must be markdown starting with a '# Heading'"},
	}} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			nbs := filepath.Join(dir, "notebooks")
			for _, name := range both {
				copyFile(t, filepath.Join(root, "notebooks", name), filepath.Join(nbs, name))
			}
			if tc.break_ != nil {
				tc.break_(t, nbs)
			}
			order := tc.course
			if order == nil {
				order = both
			}
			var toml strings.Builder
			for _, name := range order {
				toml.WriteString("[[lesson]]\nnotebook = \"" + name + "\"\nlearn = \"…\"\n\n")
			}
			course := filepath.Join(dir, "course.toml")
			writeFile(t, course, toml.String())
			out := filepath.Join(dir, "site")
			writeFile(t, filepath.Join(out, "index.html"), "the previous site")

			msg, err := runSite(t, "--notebooks", nbs, "--course", course, "--out", out)
			if err == nil {
				t.Fatalf("the build succeeded:\n%s", msg)
			}
			if !strings.Contains(msg, "make site: the site was not built") {
				t.Errorf("the message does not say the site was not built:\n%s", msg)
			}
			for _, want := range tc.want {
				if !strings.Contains(msg, want) {
					t.Errorf("the message lacks %q:\n%s", want, msg)
				}
			}
			if prev, err := os.ReadFile(filepath.Join(out, "index.html")); err != nil || string(prev) != "the previous site" {
				t.Errorf("the failed build replaced the previous site: %q, %v", prev, err)
			}
		})
	}
}

// notebook is a notebook's JSON, to break on purpose.
type notebook map[string]any

func (nb notebook) cells() []map[string]any {
	var cells []map[string]any
	for _, c := range nb["cells"].([]any) {
		cells = append(cells, c.(map[string]any))
	}
	return cells
}

func source(cell map[string]any) string {
	switch s := cell["source"].(type) {
	case string:
		return s
	case []any:
		var b strings.Builder
		for _, line := range s {
			b.WriteString(line.(string))
		}
		return b.String()
	}
	return ""
}

// edit returns a step that rewrites notebook name in the copied folder.
func edit(name string, change func(notebook)) func(t *testing.T, dir string) {
	return func(t *testing.T, dir string) {
		t.Helper()
		path := filepath.Join(dir, name)
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		var nb notebook
		if err := json.Unmarshal(data, &nb); err != nil {
			t.Fatal(err)
		}
		change(nb)
		data, err = json.Marshal(nb)
		if err != nil {
			t.Fatal(err)
		}
		writeFile(t, path, string(data))
	}
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	data, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, to, string(data))
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestGuideRefuses: the teachers' guide (docs/*.md) and the README are
// checked like the lessons: a page missing from the guide, a guide entry
// without its page, a link to a missing file and a link to a missing heading
// each stop the build with a message naming the file and the link.
func TestGuideRefuses(t *testing.T) {
	dir := t.TempDir()
	nbs := filepath.Join(dir, "notebooks")
	name := "01_create_database.ipynb"
	copyFile(t, filepath.Join(root, "notebooks", name), filepath.Join(nbs, name))
	docs := filepath.Join(dir, "docs")
	writeFile(t, filepath.Join(dir, "README.md"), "# Course\n\nSee [the guide](docs/guide.md#running-a-class) and [setup](docs/guide.md#set-up).\n")
	writeFile(t, filepath.Join(docs, "guide.md"), "# Guide\n\n## Set up\n\nSee [the bench](../bench/nothing.md) and [extra](extra.md).\n")
	writeFile(t, filepath.Join(docs, "extra.md"), "# Extra\n")
	course := filepath.Join(dir, "course.toml")
	writeFile(t, course, "[[lesson]]\nnotebook = \""+name+"\"\n\n[[guide]]\npage = \"guide.md\"\n\n[[guide]]\npage = \"gone.md\"\n")
	out := filepath.Join(dir, "site")

	msg, err := runSite(t, "--notebooks", nbs, "--course", course, "--docs", docs, "--out", out)
	if err == nil {
		t.Fatalf("the build succeeded:\n%s", msg)
	}
	for _, want := range []string{
		"docs/extra.md is not in the guide: add [[guide]] page = \"extra.md\"",
		"docs/gone.md is listed in the guide but does not exist",
		"README.md links to docs/guide.md#running-a-class, but " + filepath.Join(docs, "guide.md") + " has no heading with the anchor #running-a-class",
		"guide.md links to ../bench/nothing.md, which does not exist",
	} {
		if !strings.Contains(msg, want) {
			t.Errorf("the message lacks %q:\n%s", want, msg)
		}
	}
	if strings.Contains(msg, "#set-up") {
		t.Errorf("a link to an existing heading was refused:\n%s", msg)
	}
}
