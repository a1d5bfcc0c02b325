package dbtest

import (
	"context"
	"database/sql"
	"net/url"
	"path/filepath"
	"strings"
	"testing"

	"github.com/uptrace/bun/driver/sqliteshim"
)

// sqliteFile creates a SQLite database from statements (foreign keys not
// enforced, so a test can plant a broken reference).
func sqliteFile(t *testing.T, stmts ...string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "src.db")
	u := url.URL{Scheme: "file", Path: path}
	db, err := sql.Open(sqliteshim.ShimName, u.String())
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, s := range stmts {
		if _, err := db.Exec(s); err != nil {
			t.Fatalf("%v\n%s", err, s)
		}
	}
	return path
}

func TestCopySQLiteHostileNames(t *testing.T) {
	src := sqliteFile(t,
		`CREATE TABLE "we""ird.tbl" ("a `+"`"+`b" TEXT NOT NULL, "c'd" INT, note DEFAULT 'x', PRIMARY KEY ("a `+"`"+`b", "c'd"))`,
		`CREATE TABLE kid (id INTEGER PRIMARY KEY, pa VARCHAR(10), pc INT, amount REAL,
			FOREIGN KEY (pa, pc) REFERENCES "we""ird.tbl" ON DELETE CASCADE ON UPDATE SET NULL)`,
		`CREATE UNIQUE INDEX "uniq, ""odd""" ON kid (pc, pa)`,
		`INSERT INTO "we""ird.tbl" VALUES ('x', 1, 'n'), ('y?', 2, NULL)`,
		`INSERT INTO kid (pa, pc, amount) VALUES ('x', 1, 0.5), ('y?', 2, NULL), (NULL, 3, 1e3)`,
	)
	db := MariaDB(t)
	ctx := context.Background()
	if err := copySQLiteToMariaDB(ctx, db, src); err != nil {
		t.Fatal(err)
	}
	var create string
	if err := db.QueryRowContext(ctx, "SHOW CREATE TABLE kid").Scan(new(string), &create); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"`id` int(11) NOT NULL AUTO_INCREMENT",
		"`amount` double DEFAULT NULL",
		"UNIQUE KEY `uniq, \"odd\"` (`pc`,`pa`)",
		"FOREIGN KEY (`pa`, `pc`) REFERENCES `we\"ird.tbl` (`a ``b`, `c'd`) ON DELETE CASCADE ON UPDATE SET NULL",
	} {
		if !strings.Contains(create, want) {
			t.Errorf("SHOW CREATE TABLE kid lacks %s:\n%s", want, create)
		}
	}
	var rows, nulls int
	if err := db.QueryRowContext(ctx, "SELECT COUNT(*), COUNT(*) - COUNT(amount) FROM kid").Scan(&rows, &nulls); err != nil || rows != 3 || nulls != 1 {
		t.Errorf("kid: %d rows, %d NULL amounts (err %v), want 3 and 1", rows, nulls, err)
	}
	var note sql.NullString
	if err := db.QueryRowContext(ctx, "SELECT note FROM `we\"ird.tbl` WHERE `c'd` = 2").Scan(&note); err != nil || note.Valid {
		t.Errorf("note = %v (err %v), want NULL", note, err)
	}
}

func TestCopySQLiteRejectsOrphans(t *testing.T) {
	src := sqliteFile(t,
		`CREATE TABLE parent (id INTEGER PRIMARY KEY)`,
		`CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INT REFERENCES parent)`,
		`INSERT INTO parent VALUES (1)`,
		`INSERT INTO child VALUES (1, 1), (2, 7), (3, NULL)`,
	)
	err := copySQLiteToMariaDB(context.Background(), MariaDB(t), src)
	if err == nil || !strings.Contains(err.Error(), "1 rows of child have a (parent_id) that matches no row of parent") {
		t.Errorf("error = %v, want the orphan named", err)
	}
}
