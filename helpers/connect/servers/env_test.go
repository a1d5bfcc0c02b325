package servers

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"testing"

	"github.com/bunbook/bunbook/helpers/connect"
	"github.com/bunbook/bunbook/internal/dbtest"
)

func TestOpenEnvUsesTheVariable(t *testing.T) {
	t.Setenv(connect.EnvURL, dbtest.PostgresURL(t))
	db := connect.MustOpenEnv("lesson1.db")
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
	} {
		t.Setenv(connect.EnvURL, url)
		_, err := connect.OpenEnv(context.Background(), "lesson1.db")
		if err == nil || err.Error() != want {
			t.Errorf("DATABASE_URL=%s:\n got %v\nwant %s", url, err, want)
		}
	}
	// The driver's error stays reachable.
	t.Setenv(connect.EnvURL, "postgres://127.0.0.1:1/shop")
	_, err := connect.OpenEnv(context.Background(), "lesson1.db")
	var opErr *net.OpError
	if !errors.As(err, &opErr) {
		t.Errorf("errors.As(*net.OpError) fails on %v", err)
	}
}

// A lesson cell opens its SQLite file, or the server $DATABASE_URL names
// once the cell imports this package. Here the variable points at a port
// nothing listens on, so the error shows what a wrong URL looks like: the
// variable, the host, the fix.
func Example() {
	old, had := os.LookupEnv(connect.EnvURL)
	os.Setenv(connect.EnvURL, "postgres://postgres@127.0.0.1:1/test?sslmode=disable")
	defer func() {
		if had {
			os.Setenv(connect.EnvURL, old)
		} else {
			os.Unsetenv(connect.EnvURL)
		}
	}()

	_, err := connect.OpenEnv(context.Background(), "lesson1.db", connect.Create())
	fmt.Println(err)
	// Output:
	// connect: DATABASE_URL: cannot reach PostgreSQL at 127.0.0.1:1 (dial tcp 127.0.0.1:1: connect: connection refused): start the server, or fix the host and port in the URL (or unset DATABASE_URL to use lesson1.db)
}
