package connect

import (
	"context"
	"os"
	"strings"

	"github.com/uptrace/bun"
)

// EnvURL is the environment variable that points the lessons at a database
// server instead of their SQLite file, once the program imports package
// servers (see the package documentation):
//
//	export DATABASE_URL=postgres://postgres@127.0.0.1:5432/test?sslmode=disable
//	export DATABASE_URL=mysql://root@127.0.0.1:3306/test
//
// In a GoNB notebook set it for the following cells with
// %env DATABASE_URL=postgres://…, or start JupyterLab with it set.
const EnvURL = "DATABASE_URL"

// OpenEnv opens $DATABASE_URL when it is set and fallback (usually an
// SQLite file such as "lesson1.db") when it is not, so one notebook runs
// unchanged on SQLite or on a server. The options apply either way: with
// [Create] a missing database is created on the server too. Connecting
// gives up after [DefaultConnectTimeout] unless the URL sets its own.
//
// An error about the variable's URL names the variable and says how to
// fall back to the file, e.g.
//
//	connect: DATABASE_URL: cannot reach PostgreSQL at 127.0.0.1:1 (dial tcp 127.0.0.1:1: connect: connection refused): start the server, or fix the host and port in the URL (or unset DATABASE_URL to use lesson1.db)
func OpenEnv(ctx context.Context, fallback string, opts ...Option) (*bun.DB, error) {
	dsn, ok := os.LookupEnv(EnvURL)
	if !ok || dsn == "" {
		return Open(ctx, fallback, opts...)
	}
	db, err := Open(ctx, dsn, opts...)
	if err != nil {
		msg := "connect: " + EnvURL + ": " + strings.TrimPrefix(err.Error(), "connect: ")
		if fallback != "" {
			msg += " (or unset " + EnvURL + " to use " + fallback + ")"
		}
		return nil, &wrapped{msg, err}
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
