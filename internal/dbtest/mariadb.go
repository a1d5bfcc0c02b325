package dbtest

import (
	"context"
	"database/sql"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/bunbook/bunbook/internal/ident"
	"github.com/go-sql-driver/mysql"
	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/mysqldialect"
)

// EnvMariaDB names the variable holding the go-sql-driver/mysql DSN of a
// MariaDB/MySQL user that may create databases; DefaultMariaDBDSN is used
// when it is unset.
const EnvMariaDB = "BUNBOOK_TEST_MARIADB"

// DefaultMariaDBDSN is the project's test server: root without a password.
const DefaultMariaDBDSN = "root@tcp(127.0.0.1:3306)/?timeout=5s"

// MariaDBStartCommand starts the server of the CI image.
const MariaDBStartCommand = "start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd"

func mariaDBAdminConfig(tb testing.TB) *mysql.Config {
	tb.Helper()
	dsn := os.Getenv(EnvMariaDB)
	if dsn == "" {
		dsn = DefaultMariaDBDSN
	}
	cfg, err := mysql.ParseDSN(dsn)
	if err != nil {
		tb.Fatalf("dbtest: %s is not a go-sql-driver/mysql DSN: %v (expected user:password@tcp(host:port)/)", EnvMariaDB, err)
	}
	cfg.ParseTime = true
	return cfg
}

var sweepMariaDBOnce sync.Once

// MariaDBConfig creates a fresh, empty database (utf8mb4) on the MariaDB test
// server and returns the driver configuration that connects to it, with
// parseTime=true and without multiStatements; t.Cleanup drops the database.
func MariaDBConfig(tb testing.TB) *mysql.Config {
	tb.Helper()
	ctx := context.Background()
	adminCfg := mariaDBAdminConfig(tb)
	adminCfg.DBName = ""
	connector, err := mysql.NewConnector(adminCfg)
	if err != nil {
		tb.Fatalf("dbtest: %s: %v", EnvMariaDB, err)
	}
	admin := sql.OpenDB(connector)
	defer admin.Close()
	pingCtx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := admin.PingContext(pingCtx); err != nil {
		unreachable(tb, "MariaDB", adminCfg.Addr, MariaDBStartCommand, err)
	}
	sweepMariaDBOnce.Do(func() { sweepMariaDB(tb, admin) })

	name := uniqueName()
	if _, err := admin.ExecContext(ctx, "CREATE DATABASE "+MySQLIdent(name)+" CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"); err != nil {
		tb.Fatalf("dbtest: create MariaDB database %s: %v (the user of %s must have CREATE)", name, err, EnvMariaDB)
	}
	tb.Cleanup(func() {
		admin := sql.OpenDB(connector)
		defer admin.Close()
		if _, err := admin.ExecContext(context.Background(), "DROP DATABASE IF EXISTS "+MySQLIdent(name)); err != nil {
			tb.Errorf("dbtest: drop MariaDB database %s: %v", name, err)
		}
	})

	cfg := adminCfg.Clone()
	cfg.DBName = name
	return cfg
}

// MariaDB returns a Bun handle (mysqldialect + go-sql-driver/mysql,
// parseTime=true) on a fresh, empty database of the MariaDB test server.
// The handle is closed and the database dropped when the test ends.
func MariaDB(tb testing.TB) *bun.DB {
	tb.Helper()
	connector, err := mysql.NewConnector(MariaDBConfig(tb))
	if err != nil {
		tb.Fatal(err)
	}
	db := withDebug(bun.NewDB(sql.OpenDB(connector), mysqldialect.New()))
	tb.Cleanup(func() { db.Close() })
	return db
}

// MySQLIdent quotes a MariaDB/MySQL identifier for DDL, keeping a dot inside
// the name (unlike bun.Ident).
func MySQLIdent(name string) string { return ident.QuoteMySQL(name) }

// sweepMariaDB drops test databases left behind by killed test runs.
func sweepMariaDB(tb testing.TB, admin *sql.DB) {
	sweepStale(tb, admin, "SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE INSTR(SCHEMA_NAME, ?) = 1",
		func(name string) string { return "DROP DATABASE IF EXISTS " + MySQLIdent(name) })
}
