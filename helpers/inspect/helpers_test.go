package inspect_test

import (
	"database/sql"
	"net/url"
	"testing"

	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/sqlitedialect"
	"github.com/uptrace/bun/driver/sqliteshim"

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
