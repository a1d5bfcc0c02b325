package connect

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"time"

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
	busy   int        // the DSN's busy_timeout pragma in ms, -1 for none
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
	// sqliteshim links modernc.org/sqlite on the platforms it supports, and
	// elsewhere mattn/go-sqlite3 (cgo), whose DSN and errors differ.
	if driver := sqliteshim.DriverName(); driver != "sqlite" {
		return nil, fmt.Errorf("connect: this program was built without modernc.org/sqlite (SQLite driver %q): build it for Linux, macOS or Windows (amd64), without the cgosqlite tag", driver)
	}
	sqldb, err := sql.Open(sqliteshim.ShimName, t.driverDSN(create))
	if err != nil {
		return nil, fmt.Errorf("connect: open SQLite %q: %w", Redact(t.path), err)
	}
	if t.memory() {
		// Each connection to ":memory:" is a new, empty database: keep
		// exactly one (database/sql's defaults never close it).
		sqldb.SetMaxOpenConns(1)
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
	t := sqliteTarget{path: dsn, params: url.Values{}, busy: -1}
	rest := dsn
	switch s := schemeOf(dsn); s {
	case "":
		return t, nil
	case "sqlite", "sqlite3":
		// SQLAlchemy: sqlite:///rel.db is "rel.db", sqlite:////abs.db is "/abs.db".
		rest = strings.TrimPrefix(dsn[len(s)+len("://"):], "/")
	case "file":
		rest = dsn[len("file:"):]
		if after, ok := strings.CutPrefix(rest, "//"); ok { // file://host/path: only an empty host or localhost
			host, _, _ := strings.Cut(after, "/")
			if host != "" && host != "localhost" {
				return t, fmt.Errorf("connect: SQLite URI %q names host %q: use file:/absolute/path or file:relative/path", Redact(dsn), host)
			}
			rest = after[len(host):]
		}
	}
	rest, _, _ = strings.Cut(rest, "#")
	rest, query, _ := strings.Cut(rest, "?")
	path, err := url.PathUnescape(rest)
	if err != nil {
		return t, fmt.Errorf("connect: bad escape in SQLite URI %q: %w", Redact(dsn), err)
	}
	if t.params, err = url.ParseQuery(query); err != nil {
		return t, fmt.Errorf("connect: bad query in SQLite URI %q: %w", Redact(dsn), err)
	}
	t.path = path
	if t.path == "" {
		if schemeOf(dsn) == "file" && !t.memory() {
			return t, fmt.Errorf("connect: SQLite URI %q names no file: write file:lesson1.db, or :memory:", Redact(dsn))
		}
		t.path = ":memory:" // SQLAlchemy: "sqlite://" is in memory
	}
	if t.params.Get("mode") == "memory" {
		t.path = ":memory:"
		t.params.Del("mode")
	}
	return t, t.checkPragmas(dsn)
}

// checkPragmas refuses a DSN that would switch foreign keys off, drops one
// that switches them on (the driver DSN always adds it), and notes the
// DSN's busy timeout.
func (t *sqliteTarget) checkPragmas(dsn string) error {
	var kept []string
	for _, p := range t.params["_pragma"] {
		switch name, value := splitPragma(p); name {
		case "foreign_keys":
			if value != "1" && value != "on" && value != "true" && value != "yes" {
				return fmt.Errorf("connect: %q sets _pragma=%s, but this course always enforces foreign keys: remove that parameter", Redact(dsn), p)
			}
			continue
		case "busy_timeout":
			t.busy, _ = strconv.Atoi(value)
		}
		kept = append(kept, p)
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

// driverDSN renders the DSN for modernc.org/sqlite, which runs the
// _pragma parameters on every new connection.
func (t sqliteTarget) driverDSN(create bool) string {
	params := url.Values{}
	for k, v := range t.params {
		params[k] = append([]string(nil), v...)
	}
	if !t.memory() && params.Get("mode") == "" {
		// The checkFile above already said a missing file is an error;
		// mode=rw makes SQLite itself refuse to create one, closing the race.
		params.Set("mode", map[bool]string{false: "rw", true: "rwc"}[create])
	}
	params.Add("_pragma", "foreign_keys(1)")
	if t.busy < 0 {
		params.Add("_pragma", fmt.Sprintf("busy_timeout(%d)", busyTimeoutMillis))
	}
	if t.memory() {
		return ":memory:?" + params.Encode()
	}
	return "file:" + escapeURIPath(t.path) + "?" + params.Encode()
}

// escapeURIPath escapes the characters that end or escape an SQLite URI
// path, so any file name survives the "file:" form.
func escapeURIPath(p string) string {
	return strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23").Replace(filepath.ToSlash(p))
}

// explain turns the SQLite driver's error on opening t into one that
// names the problem and the fix; the driver's error stays reachable.
func (t sqliteTarget) explain(err error) error {
	var coded interface{ Code() int } // modernc.org/sqlite's extended result code
	if errors.As(err, &coded) {
		switch coded.Code() & 0xff {
		case 5, 6: // SQLITE_BUSY, SQLITE_LOCKED
			busy := t.busy
			if busy < 0 {
				busy = busyTimeoutMillis
			}
			return fmt.Errorf("connect: SQLite database %q is locked by another program (%w, still after waiting %s): "+
				"most likely a DB browser with unsaved changes, or another notebook kernel (or program) in the middle of a transaction. "+
				"Save or close it there (commit or roll back, or restart that kernel), then run this again",
				Redact(t.path), err, time.Duration(busy)*time.Millisecond)
		case 11, 26: // SQLITE_CORRUPT, SQLITE_NOTADB
			return fmt.Errorf("connect: %q is not an SQLite database file, or a damaged one (%w): check the path, or download or copy the file again",
				Redact(t.path), err)
		}
	}
	return fmt.Errorf("connect: open SQLite %q: %w", Redact(t.path), err)
}
