package dbtest

import (
	"os"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/bunbook/bunbook/internal/shareddata"
)

func TestSplitSQL(t *testing.T) {
	script := `/* header; with a semicolon */
DROP DATABASE IF EXISTS chinook;
\c chinook;
-- a comment; still a comment
INSERT INTO t VALUES (N'a;b', 'it''s', E'back\'slash;');
CREATE TABLE "odd;name" (x int);
CREATE FUNCTION f() RETURNS int AS $body$ SELECT 1; $body$ LANGUAGE sql;
SELECT $1::int;
/* trailing comment */`
	got, err := SplitSQL(script)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"/* header; with a semicolon */\nDROP DATABASE IF EXISTS chinook",
		`\c chinook;`,
		"-- a comment; still a comment\nINSERT INTO t VALUES (N'a;b', 'it''s', E'back\\'slash;')",
		`CREATE TABLE "odd;name" (x int)`,
		`CREATE FUNCTION f() RETURNS int AS $body$ SELECT 1; $body$ LANGUAGE sql`,
		`SELECT $1::int`,
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("SplitSQL:\n got %q\nwant %q", got, want)
	}
}

func TestSplitSQLUnterminated(t *testing.T) {
	for _, script := range []string{"SELECT 'open", `SELECT "open`, "/* open", "SELECT $x$ open"} {
		if _, err := SplitSQL(script); err == nil || !strings.Contains(err.Error(), "unterminated") {
			t.Errorf("SplitSQL(%q) error = %v, want unterminated …", script, err)
		}
	}
}

func TestChinookPostgresBody(t *testing.T) {
	script, err := os.ReadFile(shareddata.Path(t, ChinookPostgresFile))
	if err != nil {
		t.Fatal(err)
	}
	body, err := chinookPostgresBody(string(script))
	if err != nil {
		t.Fatal(err)
	}
	for _, gone := range []string{"DROP DATABASE", "CREATE DATABASE", `\c chinook`} {
		if strings.Contains(body, gone) {
			t.Errorf("body still holds %q", gone)
		}
	}
	stmts, err := SplitSQL(body)
	if err != nil {
		t.Fatal(err)
	}
	// 11 tables, 11 foreign keys with 11 indexes, 24 INSERTs.
	if len(stmts) != 57 {
		t.Errorf("statements = %d, want 57", len(stmts))
	}
	if first := stripLeadingComments(stmts[0]); !strings.HasPrefix(first, "CREATE TABLE album\n") {
		t.Errorf("first statement = %.40q, want CREATE TABLE album", first)
	}
}

func TestIsStale(t *testing.T) {
	now := time.Unix(1_800_000_000, 0)
	for name, want := range map[string]bool{
		"bunbook_test_1799990000_abcdef01": true,  // 2h46 old
		"bunbook_test_1799999000_abcdef01": false, // 17 min old
		"bunbook_test_x_abcdef01":          false,
		"chinook":                          false,
		"bunbook_test_1700000000":          false,
	} {
		if got := isStale(name, now); got != want {
			t.Errorf("isStale(%q) = %v, want %v", name, got, want)
		}
	}
	if name := uniqueName(); !strings.HasPrefix(name, namePrefix) || isStale(name, time.Now()) || len(name) != len(namePrefix)+10+1+8 {
		t.Errorf("uniqueName() = %q", name)
	}
}

func TestMariaDBType(t *testing.T) {
	for in, want := range map[string]string{
		"INTEGER":          "INT",
		"NVARCHAR(160)":    "VARCHAR(160)",
		"NUMERIC(10,2)":    "DECIMAL(10,2)",
		"numeric( 10, 2)":  "DECIMAL(10,2)",
		"DATETIME":         "DATETIME",
		"":                 "LONGBLOB",
		"TEXT":             "LONGTEXT",
		"UNSIGNED BIG INT": "BIGINT",
		"REAL":             "DOUBLE",
		"MONEY":            "DECIMAL(65,30)",
	} {
		if got := mariaDBType(in); got != want {
			t.Errorf("mariaDBType(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestIdents(t *testing.T) {
	if got, want := PostgresIdent(`we"ird.name`), `"we""ird.name"`; got != want {
		t.Errorf("PostgresIdent = %s, want %s", got, want)
	}
	if got, want := MySQLIdent("we`ird.name"), "`we``ird.name`"; got != want {
		t.Errorf("MySQLIdent = %s, want %s", got, want)
	}
}
