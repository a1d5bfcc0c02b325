// Package servers adds PostgreSQL and MySQL / MariaDB to helpers/connect.
// Import it for its side effect, as a database/sql driver is imported:
//
//	import _ "github.com/bunbook/bunbook/helpers/connect/servers"
//
// With it connect.Open accepts these data source names too:
//
//	postgres://user:password@host:5432/dbname?sslmode=disable   (or postgresql://)
//	mysql://user:password@host:3306/dbname                      (or mariadb://)
//	user:password@tcp(host:3306)/dbname                         (go-sql-driver/mysql's own form)
//
// connect itself links only SQLite, so the lessons' cells, which run on an
// SQLite file, do not pay for linking pgx, the MySQL driver and their
// dependencies on every run. A program that opens a server URL without this
// import gets one error naming it.
//
// PostgreSQL goes through pgx's database/sql driver and Bun's pgdialect;
// any libpq parameter pgx knows may follow the "?", and the PG* variables
// fill in what the URL leaves out, as for psql. A URL without a host
// (postgres:///dbname) means the local server's Unix socket, as in libpq.
// Unlike libpq, the database must be named (in the path, as dbname=, by
// $PGDATABASE or a service): libpq would take the user's name for it, and
// connect.Create would create that, so postgres:// and postgres://:@ are an
// error saying what is missing. A PostgreSQL URL pointed at a server of
// another protocol is told so: a MySQL / MariaDB port is named as one. MySQL and MariaDB go
// through go-sql-driver/mysql and Bun's mysqldialect. Only the driver's own
// parameters may follow the "?" (charset, collation, loc, parseTime,
// timeout, readTimeout, writeTimeout, tls, …, plus socket=/path for a Unix
// socket): the driver would send any other name to the server as a SET
// statement, so an unknown one is an error. parseTime is on unless
// parseTime=false.
//
// Every open is bounded: connecting, handshake and authentication
// included, it gives up after connect.DefaultConnectTimeout unless the URL
// sets connect_timeout (PostgreSQL) or timeout (MySQL), so a port that
// accepts connections and never answers fails the cell instead of hanging
// it. Errors quote the URL with its password redacted (connect.Redact).
package servers
