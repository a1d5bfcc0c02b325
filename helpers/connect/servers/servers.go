package servers

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net"
	"strconv"
	"strings"

	"github.com/go-sql-driver/mysql"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/uptrace/bun"

	"github.com/bunbook/bunbook/helpers/connect/internal/hook"
)

func init() {
	hook.Open = open
}

// open hands a server DSN to the opener of its scheme; connect.Open calls
// it only with postgres://, postgresql://, mysql:// and mariadb:// URLs and
// native MySQL DSNs.
func open(ctx context.Context, dsn string, create bool) (*bun.DB, error) {
	switch scheme, _, _ := strings.Cut(dsn, "://"); strings.ToLower(scheme) {
	case "postgres", "postgresql":
		return openPostgres(ctx, dsn, create)
	}
	return openMySQL(ctx, dsn, create)
}

// ping proves that the pool db answers, and closes it when it does not.
func ping(ctx context.Context, db *sql.DB) (*sql.DB, error) {
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// serverError is a connection failure told in one line, problem and fix
// first; the driver's own error stays reachable with errors.As/Is.
type serverError struct {
	err error
	msg string // without the "connect: " of Error
}

func (e *serverError) Error() string { return "connect: " + e.msg }
func (e *serverError) Unwrap() error { return e.err }

func fail(err error, format string, args ...any) *serverError {
	return &serverError{err, fmt.Sprintf(format, args...)}
}

// timedOut reports a connection that got no answer in time.
func timedOut(err error) bool {
	var netErr net.Error
	return errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) || errors.As(err, &netErr) && netErr.Timeout()
}

// serverCode is the error code of a server error in err's chain:
// PostgreSQL's SQLSTATE, MySQL's error number; "" for none.
func serverCode(err error) string {
	var pgErr *pgconn.PgError
	var myErr *mysql.MySQLError
	switch {
	case errors.As(err, &pgErr):
		return pgErr.Code
	case errors.As(err, &myErr):
		return strconv.Itoa(int(myErr.Number))
	}
	return ""
}

// serverCause is the root of a driver's connection error in a few words:
// the server's message, the network error ("dial tcp 127.0.0.1:1:
// connect: connection refused"), or the first line of anything else.
// Drivers repeat themselves (pgx lists every attempt, TLS and plain),
// notebooks want one line.
func serverCause(err error) string {
	var pgErr *pgconn.PgError
	var myErr *mysql.MySQLError
	if errors.As(err, &pgErr) {
		return pgErr.Message + " (SQLSTATE " + pgErr.Code + ")"
	}
	if errors.As(err, &myErr) {
		return myErr.Message + " (error " + strconv.Itoa(int(myErr.Number)) + ")"
	}
	var dnsErr *net.DNSError
	if errors.As(err, &dnsErr) {
		return dnsErr.Error()
	}
	var opErr *net.OpError
	if errors.As(err, &opErr) {
		return opErr.Error()
	}
	if errors.Is(err, context.DeadlineExceeded) {
		return "timed out"
	}
	// pgx formats a nil error with %w in "received unexpected message".
	msg := strings.TrimSpace(strings.ReplaceAll(err.Error(), ": %!w(<nil>)", ""))
	if i := strings.IndexByte(msg, '\n'); i >= 0 {
		msg = strings.TrimSpace(msg[:i])
	}
	return msg
}

// errUnescapedUserinfo explains a URL whose password (or user name) holds
// a character that ends the user information early: the URL parser would
// take part of the password for the host, and quote it in its error.
var errUnescapedUserinfo = errors.New(`the user name or password holds '/', '?', '#' or '@': percent-encode them (/ as %2F, ? as %3F, # as %23, @ as %40)`)

// checkUserinfo refuses a URL whose user information is not escaped: more
// than one '@' before the path, or an '@' after a '/', '?' or '#' that is
// not inside a query value.
func checkUserinfo(dsn string) error {
	rest := dsn
	if i := strings.Index(dsn, "://"); i >= 0 {
		rest = dsn[i+3:]
	}
	end := strings.IndexAny(rest, "/?#")
	if end < 0 {
		end = len(rest)
	}
	if strings.Count(rest[:end], "@") > 1 {
		return errUnescapedUserinfo
	}
	if at := strings.IndexByte(rest[end:], '@'); at >= 0 && !strings.Contains(rest[end:end+at], "=") {
		return errUnescapedUserinfo
	}
	return nil
}
