package connect

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"github.com/bunbook/bunbook/helpers/connect/internal/hook"
)

// serversImport links the PostgreSQL and MySQL / MariaDB drivers (see the
// package documentation).
const serversImport = "github.com/bunbook/bunbook/helpers/connect/servers"

// DefaultConnectTimeout bounds connecting to a server, handshake included,
// when the URL sets no timeout of its own (PostgreSQL's connect_timeout,
// MySQL's timeout), so a wrong host or port fails within seconds instead of
// hanging the cell.
const DefaultConnectTimeout = 10 * time.Second

// Open opens the database named by dsn and checks that it answers. See the
// package documentation for the accepted forms. The caller closes the DB.
// A nil ctx is context.Background.
func Open(ctx context.Context, dsn string, opts ...Option) (*bun.DB, error) {
	if ctx == nil {
		ctx = context.Background()
	}
	if strings.TrimSpace(dsn) == "" {
		return nil, errors.New(`connect: empty data source name: pass a file path such as "lesson1.db", or ":memory:"`)
	}
	var cfg config
	for _, opt := range opts {
		if opt != nil {
			opt(&cfg)
		}
	}
	open, server := openSQLite, ""
	switch scheme := schemeOf(dsn); scheme {
	case "", "file", "sqlite", "sqlite3":
	case "postgres", "postgresql":
		open, server = hook.Open, "PostgreSQL"
	case "mysql", "mariadb":
		open, server = hook.Open, "MySQL/MariaDB"
	default:
		return nil, fmt.Errorf("connect: unsupported scheme %q in %q: use one of file://, sqlite://, sqlite3://, postgres://, postgresql://, mysql://, mariadb://, or a plain SQLite file path",
			scheme, Redact(dsn))
	}
	if open == nil {
		return nil, fmt.Errorf("connect: %q is a %s URL, but this program links SQLite only: add  import _ %q  to the cell's (or program's) imports for %s support",
			Redact(dsn), server, serversImport, server)
	}
	db, err := open(ctx, dsn, cfg.create)
	if err != nil {
		return nil, redactError(err, dsn)
	}
	addEcho(db, &cfg)
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
	if mysqlDSN.MatchString(dsn) {
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

// mysqlDSN matches go-sql-driver/mysql's native form,
// [user[:password]@]tcp(host:port)/dbname[?params] (also tcp4, tcp6 and
// unix(/path/to/socket)).
var mysqlDSN = regexp.MustCompile(`(^|@)(tcp[46]?|unix)\(.*\)/`)
