package dbtest

import (
	"context"
	"database/sql"
	"testing"

	"github.com/go-sql-driver/mysql"
)

// staleName is a test database name from 2001: older than an hour, so the
// sweep must drop it.
const staleName = namePrefix + "1000000000_5eeded00"

func TestSweepDropsStaleDatabases(t *testing.T) {
	ctx := context.Background()
	for _, srv := range []struct {
		name   string
		admin  func(t *testing.T) *sql.DB
		create string
		exists string
		sweep  func(testing.TB, *sql.DB)
	}{
		{"postgres", func(t *testing.T) *sql.DB {
			PostgresURL(t) // fails or skips, as every test, when the server is down
			admin, err := openPostgres(PostgresAdminURL())
			if err != nil {
				t.Fatal(err)
			}
			return admin
		}, "CREATE DATABASE " + PostgresIdent(staleName), "SELECT count(*) FROM pg_database WHERE datname = $1", sweepPostgres},
		{"mariadb", func(t *testing.T) *sql.DB {
			MariaDBConfig(t)
			cfg := mariaDBAdminConfig(t)
			cfg.DBName = ""
			connector, err := mysql.NewConnector(cfg)
			if err != nil {
				t.Fatal(err)
			}
			return sql.OpenDB(connector)
		}, "CREATE DATABASE " + MySQLIdent(staleName), "SELECT count(*) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?", sweepMariaDB},
	} {
		t.Run(srv.name, func(t *testing.T) {
			admin := srv.admin(t)
			defer admin.Close()
			if _, err := admin.ExecContext(ctx, srv.create); err != nil {
				t.Fatal(err)
			}
			srv.sweep(t, admin)
			var n int
			if err := admin.QueryRowContext(ctx, srv.exists, staleName).Scan(&n); err != nil {
				t.Fatal(err)
			}
			if n != 0 {
				t.Errorf("the stale database %s survived the sweep", staleName)
			}
		})
	}
}
