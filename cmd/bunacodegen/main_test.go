package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bunbook/bunbook/internal/shareddata"
)

// runCLI runs the command in-process from a directory holding a copy of
// chinook.db, so the database can be named as a student would: chinook.db.
func runCLI(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	db := shareddata.Copy(t, "chinook.db")
	t.Chdir(filepath.Dir(db))
	var out, errOut bytes.Buffer
	code = run(context.Background(), args, &out, &errOut)
	return code, out.String(), errOut.String()
}

func golden(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "helpers", "codegen", "testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestLessonTablesPrintTheGoldenSource(t *testing.T) {
	want := golden(t, "chinook_lesson.golden") // read before run changes directory
	code, out, errOut := runCLI(t, "-tables", "albums,artists,customers,employees,genres,invoice_items,invoices,tracks", "chinook.db")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if out != want {
		t.Errorf("stdout differs from helpers/codegen/testdata/chinook_lesson.golden:\n%s", out)
	}
}

func TestCellFlagDropsThePackageClause(t *testing.T) {
	want := golden(t, "chinook_norelations_cell.golden")
	code, out, errOut := runCLI(t, "-tables", "tracks", "-norelations", "-cell", "sqlite:///chinook.db")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	// Only the source named in the header differs.
	want = strings.ReplaceAll(want, " chinook.db", " sqlite:///chinook.db")
	if out != want {
		t.Errorf("got:\n%s\nwant:\n%s", out, want)
	}
}

func TestOutfileWritesTheSource(t *testing.T) {
	want := golden(t, "chinook_lesson.golden")
	code, out, errOut := runCLI(t, "-tables", "albums,artists,customers,employees,genres,invoice_items,invoices,tracks", "-outfile", "models.go", "chinook.db")
	if code != 0 || out != "" {
		t.Fatalf("exit %d, stdout %q, stderr %s", code, out, errOut)
	}
	if errOut != "bunacodegen: wrote models.go\n" {
		t.Errorf("stderr = %q", errOut)
	}
	got, err := os.ReadFile("models.go")
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != want {
		t.Errorf("models.go differs from the golden file:\n%s", got)
	}
}

func TestErrors(t *testing.T) {
	cases := []struct {
		name string
		args []string
		code int
		want string // in stderr
	}{
		{"unknown tables are named", []string{"-tables", "albums,nope,Nada,album", "chinook.db"}, 2,
			`bunacodegen: codegen: Tables: no table or view named "nope", "Nada", "album" (did you mean "albums"?); this database has "albums", "artists", "customers",`},
		{"missing database", []string{"missing.db"}, 1, `database file "missing.db" does not exist`},
		{"no database", nil, 2, "bunacodegen: name the database to read, e.g. bunacodegen chinook.db"},
		{"two databases", []string{"a.db", "b.db"}, 2, "one database expected, got 2 arguments (a.db b.db)"},
		{"bad null style", []string{"-nullstyle", "maybe", "chinook.db"}, 2, `unknown null style "maybe"`},
		{"bad package", []string{"-package", "my-models", "chinook.db"}, 2, `package name "my-models" is not a Go identifier`},
		{"unknown flag", []string{"-frobnicate", "chinook.db"}, 2, "flag provided but not defined: -frobnicate"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, out, errOut := runCLI(t, c.args...)
			if code != c.code || !strings.Contains(errOut, c.want) || out != "" {
				t.Errorf("exit %d (want %d), stdout %q, stderr:\n%s\nwant it to contain %q", code, c.code, out, errOut, c.want)
			}
		})
	}
}

func TestHelpDocumentsEveryFlag(t *testing.T) {
	code, out, errOut := runCLI(t, "-h")
	if code != 0 || out != "" {
		t.Fatalf("exit %d, stdout %q", code, out)
	}
	for _, want := range []string{
		"usage: bunacodegen [flags] <database>",
		"-tables names", "-noviews", "-noindexes", "-noconstraints", "-norelations",
		"-nobackreferences", "-nullstyle pointer", "sqlnull", "-package name", "-outfile file",
		"-cell", "-generated", "Exit status: 0 ok, 1 database or output error,",
	} {
		if !strings.Contains(errOut, want) {
			t.Errorf("-h output lacks %q:\n%s", want, errOut)
		}
	}
}
