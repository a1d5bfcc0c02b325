package codegen

import (
	"context"
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
