package connect

import (
	"context"
	"errors"
	"strings"

	"github.com/uptrace/bun"
)

// Open opens the database named by dsn and checks that it answers. See the
// package documentation for the accepted forms. The caller closes the DB.
func Open(ctx context.Context, dsn string, opts ...Option) (*bun.DB, error) {
	if strings.TrimSpace(dsn) == "" {
		return nil, errors.New(`connect: empty data source name: pass a file path such as "lesson1.db", or ":memory:"`)
	}
	cfg := newConfig(opts)
	open, err := opener(schemeOf(dsn), dsn)
	if err != nil {
		return nil, err
	}
	db, err := open(ctx, dsn, cfg.create)
	if err != nil {
		return nil, redactError(err, dsn)
	}
	addEcho(db, cfg)
	return db, nil
}

// MustOpen is Open for a notebook cell: it uses context.Background and
// panics with Open's error, which names the problem and the fix.
func MustOpen(dsn string, opts ...Option) *bun.DB {
	db, err := Open(context.Background(), dsn, opts...)
	if err != nil {
		panic(err)
	}
	return db
}

// schemeOf returns the lower-case URL scheme of dsn: the part before "://",
// "file" for an SQLite "file:" URI, "mysql" for go-sql-driver's native DSN
// (user:password@tcp(host:3306)/dbname), or "" for a plain path.
func schemeOf(dsn string) string {
	if i := strings.Index(dsn, "://"); i > 0 && isScheme(dsn[:i]) {
		return strings.ToLower(dsn[:i])
	}
	if len(dsn) >= 5 && strings.EqualFold(dsn[:5], "file:") {
		return "file"
	}
	if IsMySQLDSN(dsn) {
		return "mysql"
	}
	return ""
}

// isScheme reports whether s is an RFC 3986 scheme, so that a path such as
// "data/x://y.db" is not taken for a URL.
func isScheme(s string) bool {
	for i, r := range s {
		switch {
		case 'a' <= r && r <= 'z', 'A' <= r && r <= 'Z':
		case i > 0 && ('0' <= r && r <= '9' || r == '+' || r == '-' || r == '.'):
		default:
			return false
		}
	}
	return true
}
