package servers

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"

	"github.com/bunbook/bunbook/helpers/connect"
	"github.com/bunbook/bunbook/internal/ident"
)

func init() {
	connect.Register(openPostgres, "postgres", "postgresql")
}

// openPostgres opens a postgres:// or postgresql:// URL, libpq's form:
//
//	postgres://user:password@host:5432/dbname?sslmode=disable
//
// with pgx's database/sql driver and Bun's pgdialect. Any libpq parameter
// pgx understands may follow the "?" (sslmode, connect_timeout,
// search_path, application_name, …); the PG* environment variables fill in
// what the URL leaves out, as with psql. With [Create], a database that
// does not exist yet is created first (the role needs CREATEDB).
func openPostgres(ctx context.Context, dsn string, create bool) (*bun.DB, error) {
	if err := checkUserinfo(dsn); err != nil {
		return nil, fmt.Errorf("connect: %q is not a valid PostgreSQL URL (%v): write postgres://user:password@host:5432/dbname?sslmode=disable",
			connect.Redact(dsn), err)
	}
	if err := checkNamesDatabase(dsn); err != nil {
		return nil, err
	}
	connConfig, err := pgx.ParseConfig(dsn)
	if err != nil {
		return nil, fmt.Errorf("connect: %q is not a valid PostgreSQL URL (%v): write postgres://user:password@host:5432/dbname?sslmode=disable",
			connect.Redact(dsn), unwrapParseError(err))
	}
	if connConfig.ConnectTimeout == 0 {
		connConfig.ConnectTimeout = connect.DefaultConnectTimeout
	}
	db, err := pingPostgres(ctx, connConfig)
	if err != nil && create && pgCode(err) == "3D000" { // invalid_catalog_name
		if err := createPostgresDatabase(ctx, connConfig); err != nil {
			return nil, err
		}
		db, err = pingPostgres(ctx, connConfig)
	}
	if err != nil {
		if pgCode(err) == "" && !errors.Is(err, context.DeadlineExceeded) && !errors.Is(err, context.Canceled) {
			if wrong := notPostgres(ctx, connConfig, err); wrong != nil {
				return nil, wrong
			}
		}
		return nil, postgresError(connConfig, err)
	}
	return bun.NewDB(db, pgdialect.New()), nil
}

// pingPostgres opens a pool for connConfig and proves the server answers.
func pingPostgres(ctx context.Context, connConfig *pgx.ConnConfig) (*sql.DB, error) {
	db := stdlib.OpenDB(*connConfig)
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// createPostgresDatabase creates connConfig's database, connected to the
// server's "postgres" maintenance database as psql's createdb does.
func createPostgresDatabase(ctx context.Context, connConfig *pgx.ConnConfig) error {
	maint := connConfig.Copy()
	maint.Database = "postgres"
	db, err := pingPostgres(ctx, maint)
	if err != nil {
		return &serverError{err, fmt.Sprintf("connect: cannot create PostgreSQL database %q: %s", connConfig.Database,
			connect.Reason(postgresError(maint, err)))}
	}
	defer db.Close()
	// A database name cannot be a bound parameter: quote it as an identifier.
	if _, err := db.ExecContext(ctx, "CREATE DATABASE "+ident.Quote(connConfig.Database)); err != nil && pgCode(err) != "42P04" { // duplicate_database: someone was faster
		return &serverError{err, fmt.Sprintf("connect: cannot create PostgreSQL database %q on %s (%s): create it yourself (createdb %s) or use a role with CREATEDB",
			connConfig.Database, postgresAddr(connConfig), serverCause(err), connConfig.Database)}
	}
	return nil
}

// postgresError explains a failed connection: the server refused us (with
// its SQLSTATE) or could not be reached at all.
func postgresError(connConfig *pgx.ConnConfig, err error) error {
	addr, cause := postgresAddr(connConfig), serverCause(err)
	switch pgCode(err) {
	case "":
	case "3D000":
		return &serverError{err, fmt.Sprintf("connect: PostgreSQL at %s has no database %q (%s): create it (createdb %s), fix the name in the URL, or pass connect.Create()",
			addr, connConfig.Database, cause, connConfig.Database)}
	case "28P01", "28000":
		return &serverError{err, fmt.Sprintf("connect: PostgreSQL at %s refused user %q (%s): check the user name and password in the URL",
			addr, connConfig.User, cause)}
	default:
		return &serverError{err, fmt.Sprintf("connect: PostgreSQL at %s: %s", addr, cause)}
	}
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) {
		return &serverError{err, fmt.Sprintf("connect: no answer from PostgreSQL at %s within the connect timeout (%s): check the host and port in the URL, or raise connect_timeout",
			addr, cause)}
	}
	if garbled(err) {
		return &serverError{err, fmt.Sprintf("connect: the server at %s does not answer like PostgreSQL (%s): check the host and port in the URL (PostgreSQL usually listens on 5432)",
			addr, cause)}
	}
	return &serverError{err, fmt.Sprintf("connect: cannot reach PostgreSQL at %s (%s): start the server, or fix the host and port in the URL", addr, cause)}
}

// garbled reports pgx's errors for a server that was reached and answered
// with messages PostgreSQL does not send.
func garbled(err error) bool {
	msg := err.Error()
	return strings.Contains(msg, "received unexpected message") || strings.Contains(msg, "failed to receive message")
}

// pgCode is the SQLSTATE of a server error in err's chain, "" for none.
func pgCode(err error) string {
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		return pgErr.Code
	}
	return ""
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
