// Package dbtest gives tests a throwaway database on the project's real
// PostgreSQL and MariaDB servers, and loads the Chinook sample into it.
//
// Each call creates a uniquely named database (bunbook_test_<unix time>_<random>),
// so test binaries of several packages may run at once, and drops it in
// t.Cleanup. Databases left behind by a killed test run (a test binary that
// hit its -timeout never runs its cleanups) are swept away by the next run
// once they are an hour old.
//
//	db := dbtest.Postgres(t)          // *bun.DB, pgdialect + pgx
//	dbtest.LoadChinookPostgres(t, db) // ../shared/data/Chinook_PostgreSql.sql
//
//	my := dbtest.MariaDB(t)           // *bun.DB, mysqldialect + go-sql-driver/mysql
//	dbtest.LoadChinookMariaDB(t, my)  // copied from ../shared/data/chinook.db
//
// The servers are found at 127.0.0.1:5432 (user postgres, trust auth) and
// 127.0.0.1:3306 (root, empty password); override them with
// BUNBOOK_TEST_POSTGRES (a postgres:// URL of a role that may CREATE DATABASE)
// and BUNBOOK_TEST_MARIADB (a go-sql-driver DSN of a user that may CREATE
// DATABASE). When a server does not answer, the test is skipped — unless CI
// is set to true, where it fails with the command that starts the server.
//
// Set BUNDEBUG=1 (or 2 for every query) to log the SQL the tests run.
package dbtest
