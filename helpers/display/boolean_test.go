package display

import (
	"context"
	"strings"
	"testing"

	"github.com/uptrace/bun"

	"github.com/bunbook/bunbook/internal/dbtest"
)

// testStoredBooleans: a BOOLEAN column holds whatever integer was stored
// (SQLite has no boolean type; MariaDB's BOOLEAN is TINYINT(1)). Query and
// readRows show the stored value, 2 and -5, never "true" (probe 2026-12-05).
func testStoredBooleans(t *testing.T, db *bun.DB) {
	ctx := context.Background()
	for _, stmt := range []string{
		`CREATE TABLE flags (id INTEGER PRIMARY KEY, c BOOLEAN)`,
		`INSERT INTO flags VALUES (1, 1), (2, 0), (3, 2), (4, -5), (5, NULL)`,
	} {
		if _, err := db.ExecContext(ctx, stmt); err != nil {
			t.Fatal(err)
		}
	}
	want := "   id       c\n0   1       1\n1   2       0\n2   3       2\n3   4      -5\n4   5  <NULL>\n[5 rows × 2 columns]\n"
	r, err := fetch(ctx, db.NewSelect().Table("flags").Order("id"))
	if err != nil {
		t.Fatal(err)
	}
	if got := renderText(r); got != want {
		t.Errorf("Query:\n%s\nwant\n%s", got, want)
	}
	rows, err := db.QueryContext(ctx, "SELECT id, c FROM flags ORDER BY id")
	if err != nil {
		t.Fatal(err)
	}
	r, err = readRows(rows)
	if err != nil {
		t.Fatal(err)
	}
	if got := renderText(r); got != want {
		t.Errorf("Rows:\n%s\nwant\n%s", got, want)
	}
	if strings.Contains(renderText(r), "true") {
		t.Errorf("a stored integer shown as true:\n%s", renderText(r))
	}
}

func TestStoredBooleansSQLite(t *testing.T) {
	db, _ := itemsDB(t, 0)
	testStoredBooleans(t, db)
}

func TestStoredBooleansMariaDB(t *testing.T) { testStoredBooleans(t, dbtest.MariaDB(t)) }
