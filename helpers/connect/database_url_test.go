package connect

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"testing"

	"github.com/bunbook/bunbook/internal/dbtest"
)

func TestOpenEnvFallsBackToSQLite(t *testing.T) {
	t.Setenv(EnvURL, "")
	path := filepath.Join(t.TempDir(), "lesson1.db")
	db, err := OpenEnv(context.Background(), path, Create())
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if name := db.Dialect().Name().String(); name != "sqlite" {
		t.Errorf("dialect %s, want sqlite", name)
	}
}

func TestOpenEnvUsesTheVariable(t *testing.T) {
	t.Setenv(EnvURL, dbtest.PostgresURL(t))
	db := MustOpenEnv(context.Background(), "lesson1.db")
	defer db.Close()
	if name := db.Dialect().Name().String(); name != "pg" {
		t.Errorf("dialect %s, want pg", name)
	}
	roundTrip(t, db)
}

func TestOpenEnvErrorsNameTheVariable(t *testing.T) {
	for url, want := range map[string]string{
		"postgres://alice:s3cret@127.0.0.1:1/shop": "connect: DATABASE_URL: cannot reach PostgreSQL at 127.0.0.1:1 (dial tcp 127.0.0.1:1: connect: connection refused): start the server, or fix the host and port in the URL (or unset DATABASE_URL to use lesson1.db)",
		"mysql://alice:s3cret@127.0.0.1:1/shop":    "connect: DATABASE_URL: cannot reach MySQL/MariaDB at 127.0.0.1:1 (dial tcp 127.0.0.1:1: connect: connection refused): start the server, or fix the host and port in the URL (or unset DATABASE_URL to use lesson1.db)",
		"postgres://alice:s3cret@127.0.0.1:x/shop": `connect: DATABASE_URL: "postgres://alice:xxxxx@127.0.0.1:x/shop" is not a valid PostgreSQL URL (invalid port): write postgres://user:password@host:5432/dbname?sslmode=disable (or unset DATABASE_URL to use lesson1.db)`,
		"oracle://scott@127.0.0.1/orcl":            `connect: DATABASE_URL: unsupported scheme "oracle" in "oracle://scott@127.0.0.1/orcl": use one of ` + joinSchemes() + `, or a plain SQLite file path (or unset DATABASE_URL to use lesson1.db)`,
	} {
		t.Setenv(EnvURL, url)
		_, err := OpenEnv(context.Background(), "lesson1.db")
		if err == nil || err.Error() != want {
			t.Errorf("DATABASE_URL=%s:\n got %v\nwant %s", url, err, want)
		}
	}
	// The driver's error stays reachable.
	t.Setenv(EnvURL, "postgres://127.0.0.1:1/shop")
	_, err := OpenEnv(context.Background(), "lesson1.db")
	var opErr *net.OpError
	if !errors.As(err, &opErr) {
		t.Errorf("errors.As(*net.OpError) fails on %v", err)
	}
}

func joinSchemes() string {
	s := ""
	for i, scheme := range Schemes() {
		if i > 0 {
			s += ", "
		}
		s += scheme
	}
	return s
}

// A lesson cell opens its SQLite file, or the server $DATABASE_URL names.
// Here the variable points at a port nothing listens on, so the error
// shows what a wrong URL looks like: the variable, the host, the fix.
func ExampleOpenEnv() {
	old, had := os.LookupEnv(EnvURL)
	os.Setenv(EnvURL, "postgres://postgres@127.0.0.1:1/test?sslmode=disable")
	defer func() {
		if had {
			os.Setenv(EnvURL, old)
		} else {
			os.Unsetenv(EnvURL)
		}
	}()

	_, err := OpenEnv(context.Background(), "lesson1.db", Create())
	fmt.Println(err)
	// Output:
	// connect: DATABASE_URL: cannot reach PostgreSQL at 127.0.0.1:1 (dial tcp 127.0.0.1:1: connect: connection refused): start the server, or fix the host and port in the URL (or unset DATABASE_URL to use lesson1.db)
}
