package inspect_test

import (
	"database/sql"
	"encoding/json"
	"net/url"
	"reflect"
	"testing"

	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/sqlitedialect"
	"github.com/uptrace/bun/driver/sqliteshim"

	"github.com/bunbook/bunbook/helpers/inspect"
	"github.com/bunbook/bunbook/internal/shareddata"
)

// openSQLite opens dsn with Bun's SQLite dialect and closes it with the test.
func openSQLite(tb testing.TB, dsn string) *bun.DB {
	tb.Helper()
	sqldb, err := sql.Open(sqliteshim.ShimName, dsn)
	if err != nil {
		tb.Fatal(err)
	}
	db := bun.NewDB(sqldb, sqlitedialect.New())
	tb.Cleanup(func() { db.Close() })
	return db
}

// openShared opens a shared sample database read-only.
func openShared(tb testing.TB, name string) *bun.DB {
	tb.Helper()
	u := url.URL{Scheme: "file", Path: shareddata.Path(tb, name), RawQuery: "mode=ro"}
	return openSQLite(tb, u.String())
}

// openEmpty opens a fresh database file with foreign keys enforced.
func openEmpty(tb testing.TB) *bun.DB {
	tb.Helper()
	u := url.URL{Scheme: "file", Path: tb.TempDir() + "/test.db", RawQuery: "_pragma=foreign_keys(1)"}
	return openSQLite(tb, u.String())
}

// equal fails the test unless got and want are deeply equal, printing both
// as indented JSON (which shows what *string defaults point to).
func equal[T any](tb testing.TB, what string, got, want T) {
	tb.Helper()
	if !reflect.DeepEqual(got, want) {
		g, _ := json.MarshalIndent(got, "", "  ")
		w, _ := json.MarshalIndent(want, "", "  ")
		tb.Errorf("%s:\n got: %s\nwant: %s", what, g, w)
	}
}

// mustTable returns the table called name or stops the test.
func mustTable(tb testing.TB, s *inspect.Schema, name string) *inspect.Table {
	tb.Helper()
	t := s.Table(name)
	if t == nil {
		tb.Fatalf("no table %q in %v", name, tableNames(s))
	}
	return t
}

func ptr(s string) *string { return &s }

// col builds an ordinary nullable column with no default.
func col(name, typ string) inspect.Column {
	return inspect.Column{Name: name, Type: typ, Nullable: true}
}

// notNull marks c NOT NULL.
func notNull(c inspect.Column) inspect.Column { c.Nullable = false; return c }

// rowidPK is SQLite's INTEGER PRIMARY KEY column: key, generated, never NULL.
func rowidPK(name string) inspect.Column {
	return inspect.Column{Name: name, Type: "INTEGER", PrimaryKey: 1, AutoIncrement: true}
}

// fk builds a foreign key with NO ACTION on both events.
func fk(cols []string, table string, refCols []string) inspect.ForeignKey {
	return inspect.ForeignKey{Columns: cols, RefTable: table, RefColumns: refCols, OnUpdate: "NO ACTION", OnDelete: "NO ACTION"}
}

// tableNames lists the names of s's tables (not views), in order.
func tableNames(s *inspect.Schema) []string {
	var names []string
	for _, t := range s.Tables {
		if t.Kind == inspect.KindTable {
			names = append(names, t.Name)
		}
	}
	return names
}
