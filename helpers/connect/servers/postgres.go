package servers

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"

	"github.com/bunbook/bunbook/helpers/connect"
	"github.com/bunbook/bunbook/internal/ident"
)

// postgresForm is how a PostgreSQL URL is written, for messages.
const postgresForm = "postgres://user:password@host:5432/dbname?sslmode=disable"

// openPostgres opens a postgres:// or postgresql:// URL with pgx's
// database/sql driver and Bun's pgdialect (see the package documentation).
// With create, a database that does not exist yet is created first (the
// role needs CREATEDB).
func openPostgres(ctx context.Context, dsn string, create bool) (*bun.DB, error) {
	if err := checkUserinfo(dsn); err != nil {
		return nil, fmt.Errorf("connect: %q is not a valid PostgreSQL URL (%v): write %s", connect.Redact(dsn), err, postgresForm)
	}
	if err := checkNamesDatabase(dsn); err != nil {
		return nil, err
	}
	connConfig, err := pgx.ParseConfig(dsn)
	if err != nil {
		return nil, fmt.Errorf("connect: %q is not a valid PostgreSQL URL (%v): write %s", connect.Redact(dsn), unwrapParseError(err), postgresForm)
	}
	if connConfig.ConnectTimeout == 0 {
		connConfig.ConnectTimeout = connect.DefaultConnectTimeout
	}
	db, err := ping(ctx, stdlib.OpenDB(*connConfig))
	if err != nil && create && serverCode(err) == "3D000" { // invalid_catalog_name
		if err := createPostgresDatabase(ctx, connConfig); err != nil {
			return nil, err
		}
		db, err = ping(ctx, stdlib.OpenDB(*connConfig))
	}
	if err != nil {
		if serverCode(err) == "" && !timedOut(err) {
			if wrong := notPostgres(ctx, connConfig, err); wrong != nil {
				return nil, wrong
			}
		}
		return nil, postgresError(connConfig, err)
	}
	return bun.NewDB(db, pgdialect.New()), nil
}

// checkNamesDatabase refuses a URL that leaves the database to libpq's
// default, a database named like the user, which Create would even create:
// postgres:// and postgres://:@ used to connect silently to the local
// server. The URL's path, its dbname= parameter, $PGDATABASE or a service
// (service=, $PGSERVICE) names it. No host is allowed, as in libpq: it is
// the local server's Unix socket.
func checkNamesDatabase(dsn string) error {
	u, err := url.Parse(dsn)
	if err != nil {
		return nil // pgx explains it
	}
	q := u.Query()
	if q.Get("service") != "" || os.Getenv("PGSERVICE") != "" ||
		strings.TrimPrefix(u.Path, "/") != "" || q.Get("dbname") != "" || os.Getenv("PGDATABASE") != "" {
		return nil
	}
	if u.Hostname() == "" && q.Get("host") == "" && os.Getenv("PGHOST") == "" {
		return fmt.Errorf("connect: %q names no host and no database: write %s (or set PGHOST and PGDATABASE)", connect.Redact(dsn), postgresForm)
	}
	return fmt.Errorf("connect: %q names no database: write %s (or set PGDATABASE)", connect.Redact(dsn), postgresForm)
}

// createPostgresDatabase creates connConfig's database, connected to the
// server's "postgres" maintenance database as psql's createdb does.
func createPostgresDatabase(ctx context.Context, connConfig *pgx.ConnConfig) error {
	maint := connConfig.Copy()
	maint.Database = "postgres"
	db, err := ping(ctx, stdlib.OpenDB(*maint))
	if err != nil {
		return fail(err, "cannot create PostgreSQL database %q: %s", connConfig.Database, postgresError(maint, err).msg)
	}
	defer db.Close()
	// A database name cannot be a bound parameter: quote it as an identifier.
	if _, err := db.ExecContext(ctx, "CREATE DATABASE "+ident.Quote(connConfig.Database)); err != nil && serverCode(err) != "42P04" { // duplicate_database: someone was faster
		return fail(err, "cannot create PostgreSQL database %q on %s (%s): create it yourself (createdb %s) or use a role with CREATEDB",
			connConfig.Database, postgresAddr(connConfig), serverCause(err), connConfig.Database)
	}
	return nil
}

// postgresError explains a failed connection: the server refused us (with
// its SQLSTATE), answered like no PostgreSQL, or could not be reached.
func postgresError(connConfig *pgx.ConnConfig, err error) *serverError {
	addr, cause, code := postgresAddr(connConfig), serverCause(err), serverCode(err)
	switch {
	case code == "3D000":
		return fail(err, "PostgreSQL at %s has no database %q (%s): create it (createdb %s), fix the name in the URL, or pass connect.Create()",
			addr, connConfig.Database, cause, connConfig.Database)
	case code == "28P01", code == "28000":
		return fail(err, "PostgreSQL at %s refused user %q (%s): check the user name and password in the URL", addr, connConfig.User, cause)
	case code != "":
		return fail(err, "PostgreSQL at %s: %s", addr, cause)
	case timedOut(err):
		return fail(err, "no answer from PostgreSQL at %s within the connect timeout (%s): check the host and port in the URL, or raise connect_timeout", addr, cause)
	case strings.Contains(err.Error(), "received unexpected message"), strings.Contains(err.Error(), "failed to receive message"):
		return fail(err, "the server at %s does not answer like PostgreSQL (%s): check the host and port in the URL (PostgreSQL usually listens on 5432)", addr, cause)
	}
	return fail(err, "cannot reach PostgreSQL at %s (%s): start the server, or fix the host and port in the URL", addr, cause)
}

// postgresAddr is host:port, or the socket directory, of the first host.
func postgresAddr(c *pgx.ConnConfig) string {
	if strings.HasPrefix(c.Host, "/") {
		return c.Host + " (Unix socket, port " + strconv.Itoa(int(c.Port)) + ")"
	}
	return net.JoinHostPort(c.Host, strconv.Itoa(int(c.Port)))
}

// unwrapParseError drops pgx's "cannot parse `…`:" prefix, which repeats
// the URL (and we quote it ourselves, redacted).
func unwrapParseError(err error) error {
	var parseErr *pgconn.ParseConfigError
	if errors.As(err, &parseErr) {
		if inner := parseErr.Unwrap(); inner != nil {
			return inner
		}
		msg := parseErr.Error()
		if i := strings.LastIndex(msg, "`: "); i >= 0 {
			return errors.New(msg[i+3:])
		}
	}
	return err
}

// greetingWait is how long notPostgres listens for a server that speaks
// first. A MySQL server greets at once; a PostgreSQL server never does.
const greetingWait = 500 * time.Millisecond

// notPostgres tells whether the server pgx failed to talk to speaks
// another protocol, and says which: pgx reports that case as "received
// unexpected message: %!w(<nil>)", "server refused TLS connection" or
// nothing at all. It dials the first host again and listens without
// sending a byte, since a PostgreSQL server waits for the client. It
// returns nil when the server kept quiet, could not be reached, or is a
// Unix socket.
func notPostgres(ctx context.Context, c *pgx.ConnConfig, cause error) error {
	if strings.HasPrefix(c.Host, "/") || ctx.Err() != nil {
		return nil
	}
	addr := postgresAddr(c)
	ctx, cancel := context.WithTimeout(ctx, 2*greetingWait)
	defer cancel()
	conn, err := (&net.Dialer{}).DialContext(ctx, "tcp", addr)
	if err != nil {
		return nil
	}
	defer conn.Close()
	conn.SetReadDeadline(time.Now().Add(greetingWait))
	buf := make([]byte, 256)
	n, _ := conn.Read(buf)
	if n == 0 {
		return nil
	}
	if version, ok := mysqlGreeting(buf[:n]); ok {
		return fail(cause, "the server at %s does not speak PostgreSQL: it greets like MySQL/MariaDB (%s): "+
			"is that MySQL's port? Use PostgreSQL's (usually 5432), or a mysql:// URL for MySQL/MariaDB", addr, version)
	}
	first := buf[:n]
	if i := bytes.IndexAny(first, "\r\n"); i >= 0 {
		first = first[:i]
	}
	return fail(cause, "the server at %s does not speak PostgreSQL: it spoke first (%s), which a PostgreSQL server never does: "+
		"check the host and port in the URL (PostgreSQL usually listens on 5432)", addr, strconv.QuoteToASCII(string(first)))
}

// mysqlGreeting recognises the first packet of a MySQL / MariaDB server: a
// 3-byte length, sequence number 0, then protocol version 10 and the
// server's version, or an error packet (0xff, as when the host is not
// allowed to connect). It returns the version, or the error's message.
func mysqlGreeting(p []byte) (string, bool) {
	if len(p) < 6 || p[3] != 0 {
		return "", false
	}
	body := p[4:]
	if length := int(p[0]) | int(p[1])<<8 | int(p[2])<<16; length < 2 || length > 1<<16 {
		return "", false
	} else if len(body) > length {
		body = body[:length]
	}
	var text []byte
	ok, prefix := false, ""
	switch {
	case body[0] == 10:
		text, _, ok = bytes.Cut(body[1:], []byte{0})
		ok = ok && len(text) > 0
	case body[0] == 0xff && len(body) >= 3:
		text, ok, prefix = body[3:], true, "error: "
		if len(text) > 6 && text[0] == '#' { // SQL state: #HY000
			text = text[6:]
		}
	}
	if !ok || bytes.ContainsFunc(text, func(r rune) bool { return r < 0x20 || r > 0x7e }) {
		return "", false
	}
	return prefix + string(text), true
}
