package connect

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"path/filepath"
	"strings"

	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/sqlitedialect"
	"github.com/uptrace/bun/driver/sqliteshim"
)

// busyTimeoutMillis is how long an SQLite connection waits for another
// writer's lock before failing with "database is locked".
const busyTimeoutMillis = 5000

// sqliteTarget is an SQLite DSN taken apart.
type sqliteTarget struct {
	path   string     // file path; ":memory:" for an in-memory database
	params url.Values // URI query parameters, the driver's included
}

func (t sqliteTarget) memory() bool {
	return t.path == ":memory:" || t.params.Get("mode") == "memory"
}

func openSQLite(ctx context.Context, dsn string, create bool) (*bun.DB, error) {
	t, err := parseSQLite(dsn)
	if err != nil {
		return nil, err
	}
	if err := t.checkFile(create); err != nil {
		return nil, err
	}
	driverDSN, err := t.driverDSN(sqliteshim.DriverName(), create)
	if err != nil {
		return nil, err
	}
	sqldb, err := sql.Open(sqliteshim.ShimName, driverDSN)
	if err != nil {
		return nil, fmt.Errorf("connect: open SQLite %q: %w", Redact(t.path), err)
	}
	if t.memory() {
		// Each connection to ":memory:" is a new, empty database: keep
		// exactly one, forever.
		sqldb.SetMaxOpenConns(1)
		sqldb.SetMaxIdleConns(1)
		sqldb.SetConnMaxLifetime(0)
		sqldb.SetConnMaxIdleTime(0)
	}
	if err := checkForeignKeys(ctx, sqldb); err != nil {
		sqldb.Close()
		return nil, t.explain(err)
	}
	if create && !t.memory() {
		if err := writeHeader(ctx, sqldb); err != nil {
			sqldb.Close()
			return nil, t.explain(err)
		}
	}
	return bun.NewDB(sqldb, sqlitedialect.New()), nil
}

// writeHeader writes a new database to disk at once: SQLite creates a
// file of 0 bytes and fills it only with the first write, and an empty
// file is what checkFile refuses without Create. A database that has
// pages is left as it is.
func writeHeader(ctx context.Context, sqldb *sql.DB) error {
	var pages int
	if err := sqldb.QueryRowContext(ctx, "PRAGMA page_count").Scan(&pages); err != nil || pages > 0 {
		return err
	}
	_, err := sqldb.ExecContext(ctx, "PRAGMA user_version = 0")
	return err
}

// checkForeignKeys proves the connection enforces foreign keys (the DSN
// pragma did its job) and that the file is an SQLite database: SQLite reads
// the file only when a statement needs the schema.
func checkForeignKeys(ctx context.Context, sqldb *sql.DB) error {
	var on, tables int
	if err := sqldb.QueryRowContext(ctx, "PRAGMA foreign_keys").Scan(&on); err != nil {
		return err
	}
	if on != 1 {
		return errors.New("foreign key enforcement could not be turned on")
	}
	return sqldb.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_master").Scan(&tables)
}

// parseSQLite accepts a plain path, an SQLite "file:" URI, or a
// SQLAlchemy-style "sqlite:///path" URL.
func parseSQLite(dsn string) (sqliteTarget, error) {
	var t sqliteTarget
	rest, uri := dsn, false
	switch s := schemeOf(dsn); s {
	case "sqlite", "sqlite3":
		rest = dsn[len(s)+len("://"):]
		// SQLAlchemy: sqlite:///rel.db is "rel.db", sqlite:////abs.db is "/abs.db".
		rest = strings.TrimPrefix(rest, "/")
		uri = true
	case "file":
		rest = dsn[len("file:"):]
		if strings.HasPrefix(rest, "//") { // file://host/path: only an empty host or localhost
			rest = rest[2:]
			slash := strings.IndexByte(rest, '/')
			if slash < 0 {
				slash = len(rest)
			}
			if host := rest[:slash]; host != "" && host != "localhost" {
				return t, fmt.Errorf("connect: SQLite URI %q names host %q: use file:/absolute/path or file:relative/path", Redact(dsn), host)
			}
			rest = rest[slash:]
		}
		uri = true
	}
	if uri {
		if i := strings.IndexByte(rest, '#'); i >= 0 {
			rest = rest[:i]
		}
		query := ""
		if i := strings.IndexByte(rest, '?'); i >= 0 {
			rest, query = rest[:i], rest[i+1:]
		}
		path, err := url.PathUnescape(rest)
		if err != nil {
			return t, fmt.Errorf("connect: bad escape in SQLite URI %q: %w", Redact(dsn), err)
		}
		params, err := url.ParseQuery(query)
		if err != nil {
			return t, fmt.Errorf("connect: bad query in SQLite URI %q: %w", Redact(dsn), err)
		}
		t.path, t.params = path, params
		if t.path == "" {
			if schemeOf(dsn) == "file" && !t.memory() {
				return t, fmt.Errorf("connect: SQLite URI %q names no file: write file:lesson1.db, or :memory:", Redact(dsn))
			}
			t.path = ":memory:" // SQLAlchemy: "sqlite://" is in memory
		}
	} else {
		t.path, t.params = dsn, url.Values{}
	}
	if t.params.Get("mode") == "memory" {
		t.path = ":memory:"
		t.params.Del("mode")
	}
	return t, t.checkPragmas(dsn)
}

// checkPragmas refuses a DSN that would switch foreign keys off, and drops
// one that switches them on (the driver DSN always adds it).
func (t sqliteTarget) checkPragmas(dsn string) error {
	var kept []string
	for _, p := range t.params["_pragma"] {
		name, value := splitPragma(p)
		if name != "foreign_keys" {
			kept = append(kept, p)
			continue
		}
		switch value {
		case "1", "on", "true", "yes":
		default:
			return fmt.Errorf("connect: %q sets _pragma=%s, but this course always enforces foreign keys: remove that parameter", Redact(dsn), p)
		}
	}
	if kept == nil {
		t.params.Del("_pragma")
	} else {
		t.params["_pragma"] = kept
	}
	return nil
}

// splitPragma splits "foreign_keys(1)" or "foreign_keys = 1" into its
// lower-case name and value.
func splitPragma(p string) (name, value string) {
	p = strings.ToLower(strings.TrimSpace(p))
	i := strings.IndexAny(p, "(=")
	if i < 0 {
		return p, ""
	}
	value = strings.Trim(strings.TrimSpace(p[i+1:]), ")'\" ")
	return strings.TrimSpace(p[:i]), value
}

// driverDSN renders the DSN for the SQLite driver sqliteshim picked:
// modernc.org/sqlite ("sqlite") or mattn/go-sqlite3 ("sqlite3").
func (t sqliteTarget) driverDSN(driver string, create bool) (string, error) {
	params := url.Values{}
	for k, v := range t.params {
		params[k] = append([]string(nil), v...)
	}
	if !t.memory() && params.Get("mode") == "" {
		// The checkFile above already said a missing file is an error;
		// mode=rw makes SQLite itself refuse to create one, closing the race.
		params.Set("mode", map[bool]string{false: "rw", true: "rwc"}[create])
	}
	switch driver {
	case "sqlite": // modernc: pragmas run on every new connection
		params.Add("_pragma", "foreign_keys(1)")
		if !hasPragma(params["_pragma"], "busy_timeout") {
			params.Add("_pragma", fmt.Sprintf("busy_timeout(%d)", busyTimeoutMillis))
		}
	case "sqlite3": // mattn
		params.Set("_foreign_keys", "1")
		if params.Get("_busy_timeout") == "" {
			params.Set("_busy_timeout", fmt.Sprint(busyTimeoutMillis))
		}
	default:
		return "", fmt.Errorf("connect: no SQLite driver for this platform (%s): build with cgo enabled", driver)
	}
	if t.memory() {
		return ":memory:?" + params.Encode(), nil
	}
	return "file:" + escapeURIPath(t.path) + "?" + params.Encode(), nil
}

func hasPragma(pragmas []string, name string) bool {
	for _, p := range pragmas {
		if n, _ := splitPragma(p); n == name {
			return true
		}
	}
	return false
}

// escapeURIPath escapes the characters that end or escape an SQLite URI
// path, so any file name survives the "file:" form.
func escapeURIPath(p string) string {
	return strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23").Replace(filepath.ToSlash(p))
}
