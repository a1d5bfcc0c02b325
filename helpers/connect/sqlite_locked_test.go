package connect

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"
)

// holdWriteLock opens path and keeps an exclusive lock on it until the test
// ends, as a DB browser with unsaved changes or another kernel in the middle
// of a transaction does.
func holdWriteLock(t *testing.T, path string) {
	t.Helper()
	ctx := context.Background()
	holder := mustOpen(t, path)
	conn, err := holder.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := conn.ExecContext(ctx, "BEGIN EXCLUSIVE"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		conn.ExecContext(ctx, "ROLLBACK")
		conn.Close()
	})
}

// A database another program holds locked is reported as locked, with the
// likely culprit and the fix, not as "is it an SQLite database file?".
func TestOpenLockedDatabase(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	db := mustOpen(t, "locked.db", Create())
	if _, err := db.ExecContext(context.Background(), "CREATE TABLE t (x)"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	holdWriteLock(t, filepath.Join(dir, "locked.db"))

	// A short busy timeout of the DSN's own keeps the test quick.
	_, err := Open(context.Background(), "file:locked.db?_pragma=busy_timeout(200)")
	if err == nil {
		t.Fatal("Open of a locked database succeeded")
	}
	want := `connect: SQLite database "locked.db" is locked by another program (database is locked`
	fix := `most likely a DB browser with unsaved changes, or another notebook kernel (or program) in the middle of a transaction. ` +
		`Save or close it there (commit or roll back, or restart that kernel), then run this again`
	if msg := err.Error(); !strings.HasPrefix(msg, want) || !strings.HasSuffix(msg, fix) || strings.Contains(msg, "is it an SQLite database") {
		t.Errorf("error\n got: %s\nwant: %s…%s", msg, want, fix)
	}
	if errors.Unwrap(err) == nil {
		t.Error("the driver's error is not reachable")
	}
}
