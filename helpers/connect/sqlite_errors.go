package connect

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// SQLite's primary result codes that Open explains.
const (
	sqliteBusy    = 5  // SQLITE_BUSY: another connection holds a lock
	sqliteLocked  = 6  // SQLITE_LOCKED: a lock inside this process
	sqliteCorrupt = 11 // SQLITE_CORRUPT: "database disk image is malformed"
	sqliteNotADB  = 26 // SQLITE_NOTADB: "file is not a database"
)

// explain turns the SQLite driver's error on opening t into one that
// names the problem and the fix; the driver's error stays reachable.
func (t sqliteTarget) explain(err error) error {
	switch sqliteCode(err) {
	case sqliteBusy, sqliteLocked:
		return fmt.Errorf("connect: SQLite database %q is locked by another program (%w, still after waiting %s): "+
			"most likely a DB browser with unsaved changes, or another notebook kernel (or program) in the middle of a transaction. "+
			"Save or close it there (commit or roll back, or restart that kernel), then run this again",
			Redact(t.path), err, t.busyTimeout())
	case sqliteCorrupt, sqliteNotADB:
		return fmt.Errorf("connect: %q is not an SQLite database file, or a damaged one (%w): check the path, or download or copy the file again",
			Redact(t.path), err)
	}
	return fmt.Errorf("connect: open SQLite %q: %w", Redact(t.path), err)
}

// sqliteCode is the primary result code of an SQLite driver error, 0 when
// err is none. modernc.org/sqlite has a Code method (the extended code);
// mattn/go-sqlite3 has none, so its message is read.
func sqliteCode(err error) int {
	var coded interface{ Code() int }
	if errors.As(err, &coded) {
		return coded.Code() & 0xff
	}
	msg := err.Error()
	for text, code := range map[string]int{
		"database is locked":               sqliteBusy,
		"database table is locked":         sqliteLocked,
		"database disk image is malformed": sqliteCorrupt,
		"file is not a database":           sqliteNotADB,
	} {
		if strings.Contains(msg, text) {
			return code
		}
	}
	return 0
}

// busyTimeout is how long each connection waits for a lock: the DSN's
// own busy_timeout, or busyTimeoutMillis.
func (t sqliteTarget) busyTimeout() time.Duration {
	ms := busyTimeoutMillis
	for _, p := range t.params["_pragma"] {
		if name, value := splitPragma(p); name == "busy_timeout" {
			if n, err := strconv.Atoi(value); err == nil {
				ms = n
			}
		}
	}
	if v := t.params.Get("_busy_timeout"); v != "" {
		if n, err := strconv.Atoi(v); err == nil {
			ms = n
		}
	}
	return time.Duration(ms) * time.Millisecond
}
