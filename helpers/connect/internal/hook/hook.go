// Package hook is how helpers/connect/servers adds PostgreSQL and MySQL /
// MariaDB to connect.Open without connect linking their drivers.
package hook

import (
	"context"

	"github.com/uptrace/bun"
)

// Open opens a postgres://, postgresql://, mysql:// or mariadb:// URL, or a
// native MySQL DSN, and returns it proven to answer (closed again on any
// error); with create it makes a missing database. Errors start with
// "connect: " and never quote a password. Package servers sets it in its
// init; it is nil in a program that does not link servers.
var Open func(ctx context.Context, dsn string, create bool) (*bun.DB, error)
