package connect

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/uptrace/bun"
)

// opener opens the database a DSN names for one family of URL schemes and
// returns a *bun.DB with the right dialect, already proven to answer (a
// ping or a first query under ctx) and closed again on any error. It honours
// cfg.create its own way (SQLite makes the file). Open adds the echo hook.
// Errors start with "connect: " and name the fix.
type opener func(ctx context.Context, dsn string, cfg *config) (*bun.DB, error)

// openers maps a lower-case URL scheme ("sqlite", "postgres", …) to its
// opener. The empty scheme is a plain file path. Each dialect's file
// registers its schemes from init.
var openers = map[string]opener{}

func register(o opener, schemes ...string) {
	for _, s := range schemes {
		if _, dup := openers[s]; dup {
			panic("connect: scheme " + s + " registered twice")
		}
		openers[s] = o
	}
}

// Open opens the database named by dsn and checks that it answers. See the
// package documentation for the accepted forms. The caller closes the DB.
func Open(ctx context.Context, dsn string, opts ...Option) (*bun.DB, error) {
	if strings.TrimSpace(dsn) == "" {
		return nil, errors.New(`connect: empty data source name: pass a file path such as "lesson1.db", or ":memory:"`)
	}
	cfg := newConfig(opts)
	scheme := schemeOf(dsn)
	open, ok := openers[scheme]
	if !ok {
		return nil, fmt.Errorf("connect: unsupported scheme %q in %q: use one of %s, or a plain SQLite file path",
			scheme, redact(dsn), strings.Join(Schemes(), ", "))
	}
	db, err := open(ctx, dsn, cfg)
	if err != nil {
		return nil, err
	}
	addEcho(db, cfg)
	return db, nil
}

// MustOpen is Open for a notebook cell: the same arguments, and a panic
// with Open's error (which names the problem and the fix) instead of
// returning it.
func MustOpen(ctx context.Context, dsn string, opts ...Option) *bun.DB {
	db, err := Open(ctx, dsn, opts...)
	if err != nil {
		panic(err)
	}
	return db
}

// Schemes lists the URL schemes Open accepts, sorted, as "scheme://".
func Schemes() []string {
	var list []string
	for s := range openers {
		if s != "" {
			list = append(list, s+"://")
		}
	}
	sort.Strings(list)
	return list
}

// schemeOf returns the lower-case URL scheme of dsn: the part before "://",
// "file" for an SQLite "file:" URI, or "" for a plain path.
func schemeOf(dsn string) string {
	if i := strings.Index(dsn, "://"); i > 0 && isScheme(dsn[:i]) {
		return strings.ToLower(dsn[:i])
	}
	if len(dsn) >= 5 && strings.EqualFold(dsn[:5], "file:") {
		return "file"
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

// redact hides a password in a URL-form DSN so errors can quote it.
func redact(dsn string) string {
	i := strings.Index(dsn, "://")
	if i < 0 {
		return dsn
	}
	rest := dsn[i+3:]
	end := strings.IndexAny(rest, "/?#")
	if end < 0 {
		end = len(rest)
	}
	at := strings.LastIndex(rest[:end], "@")
	colon := strings.Index(rest[:max(at, 0)], ":")
	if at < 0 || colon < 0 {
		return dsn
	}
	return dsn[:i+3] + rest[:colon] + ":xxxxx" + rest[at:]
}
