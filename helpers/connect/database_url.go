package connect

import (
	"context"
	"os"

	"github.com/uptrace/bun"
)

// EnvURL is the environment variable that points the lessons at a database
// server instead of their SQLite file:
//
//	export DATABASE_URL=postgres://postgres@127.0.0.1:5432/test?sslmode=disable
//	export DATABASE_URL=mysql://root@127.0.0.1:3306/test
//
// A server URL needs the server drivers, which a program links by
// importing [ServersImport] (see the package documentation):
//
//	import _ "github.com/bunbook/bunbook/helpers/connect/servers"
//
// In a GoNB notebook set the variable for the following cells with
// %env DATABASE_URL=postgres://…, or start JupyterLab with it set, and add
// that import in a cell of its own.
const EnvURL = "DATABASE_URL"

// OpenEnv opens $DATABASE_URL when it is set and fallback (usually an
// SQLite file such as "lesson1.db") when it is not, so one notebook runs
// unchanged on SQLite or on a server. The options apply either way: with
// [Create] a missing database is created on the server too.
//
// The server URLs (package servers documents them):
//
//	postgres://user:password@host:5432/dbname?sslmode=disable   (or postgresql://)
//	mysql://user:password@host:3306/dbname                      (or mariadb://)
//
// Connecting, handshake included, gives up after [DefaultConnectTimeout]
// unless the URL sets connect_timeout (PostgreSQL) or timeout (MySQL).
//
// An error about the variable's URL names the variable and the server's
// host:port, and says how to fall back to the file, e.g.
//
//	connect: DATABASE_URL: cannot reach PostgreSQL at 127.0.0.1:1 (dial tcp 127.0.0.1:1: connect: connection refused): start the server, or fix the host and port in the URL (or unset DATABASE_URL to use lesson1.db)
func OpenEnv(ctx context.Context, fallback string, opts ...Option) (*bun.DB, error) {
	dsn, ok := os.LookupEnv(EnvURL)
	if !ok || dsn == "" {
		return Open(ctx, fallback, opts...)
	}
	db, err := Open(ctx, dsn, opts...)
	if err != nil {
		return nil, &envError{err: err, fallback: fallback}
	}
	return db, nil
}

// MustOpenEnv is OpenEnv for a notebook cell: the same arguments, and a
// panic with OpenEnv's error instead of returning it.
func MustOpenEnv(ctx context.Context, fallback string, opts ...Option) *bun.DB {
	db, err := OpenEnv(ctx, fallback, opts...)
	if err != nil {
		panic(err)
	}
	return db
}

// envError says that the failing URL came from $DATABASE_URL.
type envError struct {
	err      error
	fallback string
}

func (e *envError) Error() string {
	msg := "connect: " + EnvURL + ": " + Reason(e.err)
	if e.fallback != "" {
		msg += " (or unset " + EnvURL + " to use " + e.fallback + ")"
	}
	return msg
}

func (e *envError) Unwrap() error { return e.err }
