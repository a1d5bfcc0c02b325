package main

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/bunbook/bunbook/helpers/connect"
)

// The command prints connect's errors as they are: a locked database names
// the likely holder and the fix, never "is it an SQLite database file?".
func TestLockedDatabase(t *testing.T) {
	ctx := context.Background()
	code, out, errOut := runCLIWith(t, func(t *testing.T) {
		holder, err := connect.Open(ctx, "chinook.db")
		if err != nil {
			t.Fatal(err)
		}
		conn, err := holder.Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := conn.ExecContext(ctx, "BEGIN EXCLUSIVE"); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { conn.ExecContext(ctx, "ROLLBACK"); conn.Close(); holder.Close() })
	}, "file:chinook.db?_pragma=busy_timeout(200)")
	want := `bunacodegen: connect: SQLite database "chinook.db" is locked by another program (database is locked (5) (SQLITE_BUSY), still after waiting 200ms): ` +
		`most likely a DB browser with unsaved changes, or another notebook kernel (or program) in the middle of a transaction. ` +
		"Save or close it there (commit or roll back, or restart that kernel), then run this again\n"
	if code != 1 || out != "" || errOut != want {
		t.Errorf("exit %d, stdout %q, stderr:\n%s\nwant:\n%s", code, out, errOut, want)
	}
}

// An empty file is no database with no tables: the command says so.
func TestEmptyDatabaseFile(t *testing.T) {
	code, out, errOut := runCLIWith(t, func(t *testing.T) {
		if err := os.WriteFile("empty.db", nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}, "empty.db")
	want := `bunacodegen: connect: database file "empty.db" is empty (0 bytes), so it holds no database: a failed download or copy?`
	if code != 1 || out != "" || !strings.HasPrefix(errOut, want) {
		t.Errorf("exit %d, stdout %q, stderr:\n%s\nwant it to start with:\n%s", code, out, errOut, want)
	}
}

// runCLIWith is runCLI with prepare run first in the directory of the
// chinook.db copy.
func runCLIWith(t *testing.T, prepare func(t *testing.T), args ...string) (code int, stdout, stderr string) {
	t.Helper()
	runCLI(t, "-help") // copies chinook.db and changes into its directory
	prepare(t)
	return runCLIHere(t, args...)
}
