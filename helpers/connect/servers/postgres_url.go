package servers

import (
	"fmt"
	"net/url"
	"os"
	"strings"

	"github.com/bunbook/bunbook/helpers/connect"
)

// postgresForm is how a PostgreSQL URL is written, for messages.
const postgresForm = "postgres://user:password@host:5432/dbname?sslmode=disable"

// checkNamesDatabase refuses a URL that leaves the database to libpq's
// default, a database named like the user, which Create would even create:
// postgres:// and postgres://:@ used to connect silently to the local
// server. The URL's path, its dbname= parameter, $PGDATABASE or a service
// (service=, $PGSERVICE) names it. No host is allowed, as in libpq: it is
// the local server's Unix socket.
func checkNamesDatabase(dsn string) error {
	u, err := url.Parse(dsn)
	if err != nil {
		return nil // pgx explains it
	}
	q := u.Query()
	if q.Get("service") != "" || os.Getenv("PGSERVICE") != "" {
		return nil
	}
	if strings.TrimPrefix(u.Path, "/") != "" || q.Get("dbname") != "" || os.Getenv("PGDATABASE") != "" {
		return nil
	}
	if u.Hostname() == "" && q.Get("host") == "" && os.Getenv("PGHOST") == "" {
		return fmt.Errorf("connect: %q names no host and no database: write %s (or set PGHOST and PGDATABASE)", connect.Redact(dsn), postgresForm)
	}
	return fmt.Errorf("connect: %q names no database: write %s (or set PGDATABASE)", connect.Redact(dsn), postgresForm)
}
