package servers

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/url"
	"sort"
	"strings"
	"time"

	"github.com/go-sql-driver/mysql"
	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/mysqldialect"

	"github.com/bunbook/bunbook/helpers/connect"
	"github.com/bunbook/bunbook/internal/ident"
)

// openMySQL opens a mysql:// or mariadb:// URL, or go-sql-driver's native
// DSN, with Bun's mysqldialect (see the package documentation). With
// create, a database that does not exist yet is created first (utf8mb4).
func openMySQL(ctx context.Context, dsn string, create bool) (*bun.DB, error) {
	driverCfg, err := parseMySQL(dsn)
	if err != nil {
		return nil, fmt.Errorf("connect: %q is not a valid MySQL/MariaDB URL (%v): write mysql://user:password@host:3306/dbname", connect.Redact(dsn), err)
	}
	db, err := pingMySQL(ctx, driverCfg)
	if err != nil && create && serverCode(err) == "1049" { // ER_BAD_DB_ERROR
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

// parseMySQL reads either form of MySQL DSN into the driver's
// configuration, with this package's defaults.
func parseMySQL(dsn string) (*mysql.Config, error) {
	var (
		driverCfg *mysql.Config
		query     url.Values
		err       error
	)
	if scheme, _, _ := strings.Cut(dsn, "://"); !strings.EqualFold(scheme, "mysql") && !strings.EqualFold(scheme, "mariadb") {
		driverCfg, err = mysql.ParseDSN(dsn) // native
		if err != nil {
			return nil, errors.New(strings.ReplaceAll(err.Error(), dsn, "…")) // the DSN is quoted, redacted, by the caller
		}
		if i := strings.IndexByte(dsn, '?'); i >= 0 {
			query, _ = url.ParseQuery(dsn[i+1:])
		}
	} else if driverCfg, query, err = parseMySQLURL(dsn); err != nil {
		return nil, err
	}
	if err := checkMySQLParams(driverCfg); err != nil {
		return nil, err
	}
	if !query.Has("parseTime") {
		driverCfg.ParseTime = true
	}
	if !query.Has("timeout") {
		driverCfg.Timeout = connect.DefaultConnectTimeout
	}
	// The driver logs a failed handshake read to standard error, beside the
	// error it returns: a cell would show the failure twice.
	driverCfg.Logger = log.New(io.Discard, "", 0)
	return driverCfg, nil
}

// parseMySQLURL turns the URL into the driver's configuration. The
// address, user, password and database come from the URL's parts, so no
// character in a password needs escaping beyond URL escaping; the query
// goes to the driver's own DSN parser.
func parseMySQLURL(dsn string) (*mysql.Config, url.Values, error) {
	if err := checkUserinfo(dsn); err != nil {
		return nil, nil, err
	}
	u, err := url.Parse(dsn)
	if err != nil {
		var urlErr *url.Error
		if errors.As(err, &urlErr) {
			err = urlErr.Err // the URL itself is quoted, redacted, by the caller
		}
		return nil, nil, err
	}
	query := u.Query()
	socket := query.Get("socket")
	query.Del("socket")
	driverCfg, err := mysql.ParseDSN("/?" + query.Encode())
	if err != nil {
		return nil, nil, err
	}
	if u.User != nil {
		driverCfg.User = u.User.Username()
		driverCfg.Passwd, _ = u.User.Password()
	}
	driverCfg.DBName = strings.TrimPrefix(u.Path, "/")
	if strings.Contains(driverCfg.DBName, "/") {
		return nil, nil, fmt.Errorf("database name %q contains a slash", driverCfg.DBName)
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
	return driverCfg, query, nil
}

// checkMySQLParams refuses the parameters the driver does not know. It
// would send each of them to the server as SET name=value on every new
// connection: ?password=PASSWORD('x') would change the account's password.
// Only the names are quoted, never the values.
func checkMySQLParams(driverCfg *mysql.Config) error {
	if len(driverCfg.Params) == 0 {
		return nil
	}
	var names []string
	for name := range driverCfg.Params {
		names = append(names, name)
	}
	sort.Strings(names)
	msg := fmt.Sprintf("unknown parameter %s: use only the driver's parameters (charset, collation, loc, parseTime, timeout, readTimeout, writeTimeout, tls, …, or socket=/path); run SET statements yourself after opening",
		strings.Join(names, ", "))
	for _, name := range names {
		switch strings.ToLower(name) {
		case "password", "passwd", "pwd", "pass", "user", "username":
			msg = fmt.Sprintf("parameter %s is not a MySQL URL parameter: put the user and password before the host, mysql://user:password@host:3306/dbname", name)
		}
	}
	return errors.New(msg)
}

// pingMySQL opens a pool for driverCfg and proves the server answers.
// Every new connection of the pool is bounded by driverCfg.Timeout as a
// whole (the driver's timeout covers only the dial).
func pingMySQL(ctx context.Context, driverCfg *mysql.Config) (*sql.DB, error) {
	connector, err := mysql.NewConnector(driverCfg)
	if err != nil {
		return nil, err
	}
	return ping(ctx, sql.OpenDB(boundedConnector{connector, driverCfg.Timeout}))
}

// boundedConnector bounds each Connect (dial, handshake, authentication)
// by timeout: the driver reads the handshake with no deadline of its own
// but gives up when the context ends.
type boundedConnector struct {
	driver.Connector
	timeout time.Duration
}

func (c boundedConnector) Connect(ctx context.Context) (driver.Conn, error) {
	if c.timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, c.timeout)
		defer cancel()
	}
	return c.Connector.Connect(ctx)
}

// createMySQLDatabase creates driverCfg's database in utf8mb4, connected
// without a current database.
func createMySQLDatabase(ctx context.Context, driverCfg *mysql.Config) error {
	server := driverCfg.Clone()
	server.DBName = ""
	db, err := pingMySQL(ctx, server)
	if err != nil {
		return fail(err, "cannot create MySQL database %q: %s", driverCfg.DBName, mysqlError(server, err).msg)
	}
	defer db.Close()
	// A database name cannot be a bound parameter: quote it as an identifier.
	if _, err := db.ExecContext(ctx, "CREATE DATABASE IF NOT EXISTS "+ident.QuoteMySQL(driverCfg.DBName)+" CHARACTER SET utf8mb4"); err != nil {
		return fail(err, "cannot create MySQL database %q on %s (%s): create it yourself (CREATE DATABASE) or use a user allowed to",
			driverCfg.DBName, driverCfg.Addr, serverCause(err))
	}
	return nil
}

// mysqlError explains a failed connection: the server refused us (with
// its error number) or could not be reached at all.
func mysqlError(driverCfg *mysql.Config, err error) *serverError {
	addr, cause, code := driverCfg.Addr, serverCause(err), serverCode(err)
	if driverCfg.Net == "unix" {
		addr += " (Unix socket)"
	}
	switch {
	case code == "1049": // ER_BAD_DB_ERROR
		return fail(err, "MySQL/MariaDB at %s has no database %q (%s): create it (CREATE DATABASE), fix the name in the URL, or pass connect.Create()",
			addr, driverCfg.DBName, cause)
	case code == "1045", code == "1044", code == "1698": // access denied (password, database, unix_socket auth)
		return fail(err, "MySQL/MariaDB at %s refused user %q (%s): check the user name, password and database in the URL", addr, driverCfg.User, cause)
	case code != "":
		return fail(err, "MySQL/MariaDB at %s: %s", addr, cause)
	case timedOut(err):
		return fail(err, "no answer from MySQL/MariaDB at %s within the connect timeout (%s): check the host and port in the URL, or raise timeout=", addr, cause)
	}
	return fail(err, "cannot reach MySQL/MariaDB at %s (%s): start the server, or fix the host and port in the URL", addr, cause)
}
