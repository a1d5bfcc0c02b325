package connect

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net"
	"net/url"
	"strconv"
	"strings"

	"github.com/go-sql-driver/mysql"
	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/mysqldialect"
)

func init() {
	register(openMySQL, "mysql", "mariadb")
}

// openMySQL opens a mysql:// or mariadb:// URL, SQLAlchemy's form:
//
//	mysql://user:password@host:3306/dbname?param=value
//
// with go-sql-driver/mysql and Bun's mysqldialect. The query parameters
// are the driver's own (charset, loc, tls, timeout, …), plus socket=/path
// to connect through a Unix socket instead of TCP. parseTime defaults to
// true, so DATETIME columns scan into time.Time, and the port to 3306.
// With [Create], a database that does not exist yet is created first
// (utf8mb4).
func openMySQL(ctx context.Context, dsn string, cfg *config) (*bun.DB, error) {
	driverCfg, err := parseMySQLURL(dsn)
	if err != nil {
		return nil, fmt.Errorf("connect: %q is not a valid MySQL/MariaDB URL (%v): write mysql://user:password@host:3306/dbname",
			redact(dsn), err)
	}
	db, err := pingMySQL(ctx, driverCfg)
	if err != nil && cfg.create && mysqlErrorNumber(err) == 1049 { // ER_BAD_DB_ERROR
		if err := createMySQLDatabase(ctx, driverCfg); err != nil {
			return nil, err
		}
		db, err = pingMySQL(ctx, driverCfg)
	}
	if err != nil {
		return nil, mysqlError(driverCfg, err)
	}
	return bun.NewDB(db, mysqldialect.New()), nil
}

// parseMySQLURL turns the URL into the driver's configuration. The
// address, user, password and database come from the URL's parts, so no
// character in a password needs escaping beyond URL escaping; the query
// goes to the driver's own DSN parser.
func parseMySQLURL(dsn string) (*mysql.Config, error) {
	u, err := url.Parse(dsn)
	if err != nil {
		var urlErr *url.Error
		if errors.As(err, &urlErr) {
			err = urlErr.Err // the URL itself is quoted, redacted, by the caller
		}
		return nil, err
	}
	query := u.Query()
	socket := query.Get("socket")
	query.Del("socket")
	driverCfg, err := mysql.ParseDSN("/?" + query.Encode())
	if err != nil {
		return nil, err
	}
	if u.User != nil {
		driverCfg.User = u.User.Username()
		driverCfg.Passwd, _ = u.User.Password()
	}
	driverCfg.DBName = strings.TrimPrefix(u.Path, "/")
	if strings.Contains(driverCfg.DBName, "/") {
		return nil, fmt.Errorf("database name %q contains a slash", driverCfg.DBName)
	}
	if socket != "" {
		driverCfg.Net, driverCfg.Addr = "unix", socket
	} else {
		host, port := u.Hostname(), u.Port()
		if host == "" {
			host = "127.0.0.1"
		}
		if port == "" {
			port = "3306"
		}
		driverCfg.Net, driverCfg.Addr = "tcp", net.JoinHostPort(host, port)
	}
	if !query.Has("parseTime") {
		driverCfg.ParseTime = true
	}
	if !query.Has("timeout") {
		driverCfg.Timeout = DefaultConnectTimeout
	}
	return driverCfg, nil
}

// pingMySQL opens a pool for driverCfg and proves the server answers.
func pingMySQL(ctx context.Context, driverCfg *mysql.Config) (*sql.DB, error) {
	connector, err := mysql.NewConnector(driverCfg)
	if err != nil {
		return nil, err
	}
	db := sql.OpenDB(connector)
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// createMySQLDatabase creates driverCfg's database in utf8mb4, connected
// without a current database.
func createMySQLDatabase(ctx context.Context, driverCfg *mysql.Config) error {
	server := driverCfg.Clone()
	server.DBName = ""
	db, err := pingMySQL(ctx, server)
	if err != nil {
		return &serverError{err, fmt.Sprintf("connect: cannot create MySQL database %q: %s", driverCfg.DBName,
			strings.TrimPrefix(mysqlError(server, err).Error(), "connect: "))}
	}
	defer db.Close()
	// A database name cannot be a bound parameter: quote it as an identifier.
	name := "`" + strings.ReplaceAll(driverCfg.DBName, "`", "``") + "`"
	if _, err := db.ExecContext(ctx, "CREATE DATABASE IF NOT EXISTS "+name+" CHARACTER SET utf8mb4"); err != nil {
		return &serverError{err, fmt.Sprintf("connect: cannot create MySQL database %q on %s (%s): create it yourself (CREATE DATABASE) or use a user allowed to",
			driverCfg.DBName, driverCfg.Addr, mysqlCause(err))}
	}
	return nil
}

// mysqlError explains a failed connection: the server refused us (with
// its error number) or could not be reached at all.
func mysqlError(driverCfg *mysql.Config, err error) error {
	addr, cause := driverCfg.Addr, mysqlCause(err)
	if driverCfg.Net == "unix" {
		addr += " (Unix socket)"
	}
	switch mysqlErrorNumber(err) {
	case 0:
	case 1049: // ER_BAD_DB_ERROR
		return &serverError{err, fmt.Sprintf("connect: MySQL/MariaDB at %s has no database %q (%s): create it (CREATE DATABASE), fix the name in the URL, or pass connect.Create()",
			addr, driverCfg.DBName, cause)}
	case 1045, 1044, 1698: // access denied (password, database, unix_socket auth)
		return &serverError{err, fmt.Sprintf("connect: MySQL/MariaDB at %s refused user %q (%s): check the user name, password and database in the URL",
			addr, driverCfg.User, cause)}
	default:
		return &serverError{err, fmt.Sprintf("connect: MySQL/MariaDB at %s: %s", addr, cause)}
	}
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) || isTimeout(err) {
		return &serverError{err, fmt.Sprintf("connect: no answer from MySQL/MariaDB at %s within the connect timeout (%s): check the host and port in the URL, or raise timeout=",
			addr, cause)}
	}
	return &serverError{err, fmt.Sprintf("connect: cannot reach MySQL/MariaDB at %s (%s): start the server, or fix the host and port in the URL", addr, cause)}
}

func isTimeout(err error) bool {
	var netErr net.Error
	return errors.As(err, &netErr) && netErr.Timeout()
}

// mysqlErrorNumber is the server's error number in err's chain, 0 for none.
func mysqlErrorNumber(err error) uint16 {
	var myErr *mysql.MySQLError
	if errors.As(err, &myErr) {
		return myErr.Number
	}
	return 0
}

// mysqlCause is the root of the error in a few words (see serverCause).
func mysqlCause(err error) string {
	var myErr *mysql.MySQLError
	if errors.As(err, &myErr) {
		return myErr.Message + " (error " + strconv.Itoa(int(myErr.Number)) + ")"
	}
	return serverCause(err)
}
