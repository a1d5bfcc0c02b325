package codegen

import (
	"context"
	"fmt"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/uptrace/bun"

	"github.com/bunbook/bunbook/helpers/connect"
)

// sqliteFixture creates a SQLite database from statements and opens it.
func sqliteFixture(t *testing.T, stmts ...string) *bun.DB {
	t.Helper()
	db, err := connect.Open(context.Background(), filepath.Join(t.TempDir(), "fixture.db"), connect.Create())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	for _, stmt := range stmts {
		if _, err := db.ExecContext(context.Background(), stmt); err != nil {
			t.Fatal(stmt, err)
		}
	}
	return db
}

// fieldLines returns the struct field lines of src with runs of spaces
// folded, so expectations need not follow gofmt's alignment.
func fieldLines(src string) string {
	return regexp.MustCompile(`[ \t]+`).ReplaceAllString(src, " ")
}

// TestNullableAssociationKeysAreNotPointers: Bun deadlocks scanning a
// many-to-many relation through a pointer key (see modelgraph.TypeOf).
func TestNullableAssociationKeysAreNotPointers(t *testing.T) {
	db := sqliteFixture(t,
		`CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT)`,
		`CREATE TABLE groups (id INTEGER PRIMARY KEY, name TEXT)`,
		`CREATE TABLE user_groups (user_id INTEGER REFERENCES users(id), group_id INTEGER REFERENCES groups(id), PRIMARY KEY (user_id, group_id))`,
	)
	src, err := Generate(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	got := fieldLines(string(src))
	for _, want := range []string{
		" UserId int64 `bun:\"user_id,pk\"`\n",
		" GroupId int64 `bun:\"group_id,pk\"`\n",
		" Name *string `bun:\"name,type:text\"`\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("source lacks %q:\n%s", want, src)
		}
	}
}

// typeCheck compiles src (a cell gets a package clause) with go/types.
func typeCheck(t *testing.T, src string, cell bool) error {
	t.Helper()
	if cell {
		src = "package cell\n" + src
	}
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "models.go", src, parser.ParseComments)
	if err != nil {
		return err
	}
	_, err = (&types.Config{Importer: importer.Default()}).Check("models", fset, []*ast.File{f}, nil)
	return err
}

// TestNoModelsStillCompiles: an empty database, or one whose every table
// is skipped, gives a file that compiles and says why it is empty (W6).
func TestNoModelsStillCompiles(t *testing.T) {
	for _, tc := range []struct {
		name  string
		stmts []string
		want  string
	}{
		{"empty database", nil, "// No models: the database has no tables.\n"},
		{"only tables without a key", []string{`CREATE TABLE log (msg TEXT)`},
			"// No models: every table was skipped.\n//\n// Skipped: log (no primary key: a Bun model needs one to update, delete and\n// relate rows; add a PRIMARY KEY to map it).\n"},
	} {
		for _, cell := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s cell=%v", tc.name, cell), func(t *testing.T) {
				db := sqliteFixture(t, tc.stmts...)
				opts := []Option{Source("x.db")}
				if cell {
					opts = append(opts, Cell())
				}
				src, err := Generate(context.Background(), db, opts...)
				if err != nil {
					t.Fatal(err)
				}
				if err := typeCheck(t, string(src), cell); err != nil {
					t.Errorf("does not compile: %v\n%s", err, src)
				}
				if !strings.Contains(string(src), tc.want) {
					t.Errorf("source lacks %q:\n%s", tc.want, src)
				}
			})
		}
	}
}

func TestBlankPackageNameIsRefused(t *testing.T) {
	err := NewOptions(Package("_")).Validate()
	if err == nil || !strings.Contains(err.Error(), `package name "_" is the blank identifier`) {
		t.Fatalf("Validate(Package(\"_\")) = %v", err)
	}
}

// TestRelationsLeftOutAreExplained: a foreign key that becomes no relation
// is named in the header with the reason, as the package promises (W9).
func TestRelationsLeftOutAreExplained(t *testing.T) {
	db := sqliteFixture(t,
		`CREATE TABLE visits (id INTEGER PRIMARY KEY, ghost_id INTEGER REFERENCES ghosts(id), "p,id" INTEGER REFERENCES visits(id))`)
	src, err := Generate(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	want := "// Left out:\n" +
		"//   - visits(ghost_id) → ghosts: no relation: the schema has no table ghosts\n" +
		"//   - visits(p,id) → visits: no relation: a column name holds ',' or '=', which a Bun join tag cannot express\n"
	if !strings.Contains(string(src), want) {
		t.Errorf("source lacks\n%s\ngot:\n%s", want, src)
	}
	if err := typeCheck(t, strings.Replace(string(src), `"github.com/uptrace/bun"`, `bun "github.com/uptrace/bun"`, 1), false); err != nil && !strings.Contains(err.Error(), "could not import") {
		t.Errorf("does not parse: %v", err)
	}
}

func TestNilInputs(t *testing.T) {
	ctx := context.Background()
	if _, err := Generate(ctx, nil); err == nil || err.Error() != "codegen: nil *bun.DB: open the database first (connect.Open)" {
		t.Errorf("Generate(nil) = %v", err)
	}
	if _, err := FromSchema(ctx, nil, WithoutViews()); err == nil || err.Error() != "codegen: nil schema: pass the result of inspect.Inspect" {
		t.Errorf("FromSchema(nil) = %v", err)
	}
}

// TestRegenerateLineIsAShellCommand: a database path holding a newline or
// a tab is written with the shell's $'…' quoting, so the Regenerate line
// can still be pasted into a terminal.
func TestRegenerateLineIsAShellCommand(t *testing.T) {
	src := generateHand(t, Source("my\nlessons/it's\t.db"))
	want := "//\tbunacodegen $'my\\nlessons/it\\'s\\t.db'\n"
	if !strings.Contains(src, want) {
		t.Errorf("source lacks %q:\n%s", want, src)
	}
}
