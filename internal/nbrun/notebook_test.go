package nbrun

import (
	"os"
	"reflect"
	"strings"
	"testing"
)

func TestParseNotebook(t *testing.T) {
	nb, err := ReadNotebook("testdata/executed.ipynb")
	if err != nil {
		t.Fatal(err)
	}
	if nb.KernelName != "gonb" {
		t.Errorf("KernelName = %q, want gonb", nb.KernelName)
	}
	if len(nb.Cells) != 4 || len(nb.CodeCells()) != 3 {
		t.Fatalf("%d cells, %d code cells; want 4 and 3", len(nb.Cells), len(nb.CodeCells()))
	}
	md := nb.Cells[0]
	if md.Type != "markdown" || md.Source != "# Title\nSome text." || md.ID != "intro" {
		t.Errorf("markdown cell = %+v", md)
	}
	create := nb.Cells[1]
	if create.Source != "%%\nfmt.Println(\"hi\")" || create.ExecutionCount != 1 {
		t.Errorf("code cell source %q, count %d", create.Source, create.ExecutionCount)
	}
	wantStdout := "[bun]  11:42:35.123   CREATE TABLE         1.234ms  CREATE TABLE \"customers\" (\"CustomerId\" INTEGER)\n" +
		"[bun]  11:42:35.130   SELECT                  41µs  SELECT 1\ndone in /tmp/gonb_1a2b3c4d/main.go\n"
	if got := create.Stdout(); got != wantStdout {
		t.Errorf("Stdout = %q, want %q", got, wantStdout)
	}
	if got := nb.Stderr(); got != "warning from /work/checkout/notebooks\n" {
		t.Errorf("Stderr = %q", got)
	}
	if got, want := nb.HTML(), []string{"<table>\n<td>Moshe &amp; co</td>\n</table>"}; !reflect.DeepEqual(got, want) {
		t.Errorf("HTML = %q, want %q", got, want)
	}
	failed := nb.Errors()
	if len(failed) != 1 || failed[0].ID != "fail" {
		t.Fatalf("Errors = %+v, want the cell \"fail\"", failed)
	}
	if got, want := failed[0].Error().String(), "ERROR: exit status 2\npanic: boom at /tmp/gonb_deadbeef/main.go:19"; got != want {
		t.Errorf("error output = %q, want %q", got, want)
	}
}

func TestParseNotebookRejects(t *testing.T) {
	for _, tc := range []struct{ name, data, want string }{
		{"not JSON", "{", "invalid JSON"},
		{"nbformat 3", `{"nbformat": 3, "worksheets": []}`, "nbformat 3 is not supported"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseNotebook([]byte(tc.data))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %v, want one containing %q", err, tc.want)
			}
		})
	}
}

func TestReadNotebookMissing(t *testing.T) {
	_, err := ReadNotebook("testdata/missing.ipynb")
	if !os.IsNotExist(unwrapAll(err)) {
		t.Errorf("err = %v, want a not-exist error", err)
	}
}

func unwrapAll(err error) error {
	for {
		u, ok := err.(interface{ Unwrap() error })
		if !ok {
			return err
		}
		err = u.Unwrap()
	}
}
