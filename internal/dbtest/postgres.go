package dbtest

import (
	"context"
	"database/sql"
	"net/url"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/bunbook/bunbook/internal/ident"
	"github.com/bunbook/bunbook/internal/redact"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"
)

// EnvPostgres names the variable holding the URL of a PostgreSQL role that
// may create databases; DefaultPostgresURL is used when it is unset.
const EnvPostgres = "BUNBOOK_TEST_POSTGRES"

// DefaultPostgresURL is the project's test server: trust auth on localhost.
const DefaultPostgresURL = "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable&connect_timeout=5"

// PostgresStartCommand starts the Debian cluster of the CI image.
const PostgresStartCommand = "pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start"

// PostgresAdminURL is $BUNBOOK_TEST_POSTGRES, or DefaultPostgresURL.
func PostgresAdminURL() string {
	if u := os.Getenv(EnvPostgres); u != "" {
		return u
	}
	return DefaultPostgresURL
}

// openPostgres opens url with pgx's database/sql driver.
func openPostgres(url string) (*sql.DB, error) {
	return sql.Open("pgx", url)
}

var _ = stdlib.GetDefaultDriver // registers the "pgx" driver

var sweepPostgresOnce sync.Once

// PostgresURL creates a fresh, empty database on the PostgreSQL test server
// and returns its URL; t.Cleanup drops it (WITH (FORCE), so connections a
// test forgot to close do not keep it alive).
func PostgresURL(tb testing.TB) string {
	tb.Helper()
	ctx := context.Background()
	adminURL := PostgresAdminURL()
	admin, err := openPostgres(adminURL)
	if err != nil {
		tb.Fatalf("dbtest: %s=%q is not a usable PostgreSQL URL: %v", EnvPostgres, adminURL, err)
	}
	defer admin.Close()
	pingCtx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := admin.PingContext(pingCtx); err != nil {
		unreachable(tb, "PostgreSQL", redact.DSN(adminURL), PostgresStartCommand, err)
	}
	sweepPostgresOnce.Do(func() { sweepPostgres(tb, admin) })

	name := uniqueName()
	// Identifiers cannot be bound as parameters; the name is ours and
	// [a-z0-9_] only, but quote it anyway.
	if _, err := admin.ExecContext(ctx, "CREATE DATABASE "+PostgresIdent(name)+" ENCODING 'UTF8' TEMPLATE template0"); err != nil {
		tb.Fatalf("dbtest: create PostgreSQL database %s: %v (the role of %s must have CREATEDB)", name, err, EnvPostgres)
	}
	tb.Cleanup(func() {
		admin, err := openPostgres(adminURL)
		if err != nil {
			tb.Errorf("dbtest: drop %s: %v", name, err)
			return
		}
		defer admin.Close()
		if _, err := admin.ExecContext(context.Background(), "DROP DATABASE IF EXISTS "+PostgresIdent(name)+" WITH (FORCE)"); err != nil {
			tb.Errorf("dbtest: drop PostgreSQL database %s: %v", name, err)
		}
	})

	u, err := url.Parse(adminURL)
	if err != nil {
		tb.Fatalf("dbtest: %s=%q: %v (use the postgres://user@host:port/db form)", EnvPostgres, adminURL, err)
	}
	u.Path = "/" + name
	return u.String()
}

// Postgres returns a Bun handle (pgdialect + pgx) on a fresh, empty database
// of the PostgreSQL test server. The handle is closed and the database
// dropped when the test ends.
func Postgres(tb testing.TB) *bun.DB {
	tb.Helper()
	u := PostgresURL(tb)
	sqldb, err := openPostgres(u)
	if err != nil {
		tb.Fatalf("dbtest: open %s: %v", redact.DSN(u), err)
	}
	db := withDebug(bun.NewDB(sqldb, pgdialect.New()))
	tb.Cleanup(func() { db.Close() }) // runs before the drop: cleanups are LIFO
	return db
}

// PostgresIdent quotes a PostgreSQL identifier for DDL, where no parameter
// can stand in for a name. Unlike bun.Ident it keeps a dot inside the name
// ("a.b" stays one identifier), which hostile-name fixtures need.
func PostgresIdent(name string) string { return ident.Quote(name) }

// sweepPostgres drops test databases left behind by killed test runs.
func sweepPostgres(tb testing.TB, admin *sql.DB) {
	sweepStale(tb, admin, "SELECT datname FROM pg_database WHERE starts_with(datname, $1)",
		func(name string) string { return "DROP DATABASE IF EXISTS " + PostgresIdent(name) + " WITH (FORCE)" })
}
