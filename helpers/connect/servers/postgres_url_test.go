package servers

import (
	"context"
	"net"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/bunbook/bunbook/helpers/connect"
	"github.com/bunbook/bunbook/internal/dbtest"
)

// unsetPGEnv clears the libpq variables that fill in a URL's gaps.
func unsetPGEnv(t *testing.T) {
	for _, v := range []string{"PGHOST", "PGDATABASE", "PGSERVICE", "PGSERVICEFILE"} {
		t.Setenv(v, "")
	}
}

// A URL naming no database used to connect silently to libpq's default, a
// database named like the user (and Create would create that): it says
// what is missing instead. A URL naming a database but no host means the
// local server's Unix socket, as for psql.
func TestOpenPostgresURLMustNameHostAndDatabase(t *testing.T) {
	unsetPGEnv(t)
	const form = "write postgres://user:password@host:5432/dbname?sslmode=disable"
	for dsn, want := range map[string]string{
		"postgres://":               `connect: "postgres://" names no host and no database: ` + form + ` (or set PGHOST and PGDATABASE)`,
		"postgres://:@":             `connect: "postgres://:@" names no host and no database: ` + form + ` (or set PGHOST and PGDATABASE)`,
		"postgresql://":             `connect: "postgresql://" names no host and no database: ` + form + ` (or set PGHOST and PGDATABASE)`,
		"postgres://alice:s3cret@/": `connect: "postgres://alice:xxxxx@/" names no host and no database: ` + form + ` (or set PGHOST and PGDATABASE)`,
		"postgres://127.0.0.1:5432": `connect: "postgres://127.0.0.1:5432" names no database: ` + form + ` (or set PGDATABASE)`,
		"postgres://127.0.0.1/":     `connect: "postgres://127.0.0.1/" names no database: ` + form + ` (or set PGDATABASE)`,
	} {
		if _, err := connect.Open(context.Background(), dsn); err == nil || err.Error() != want {
			t.Errorf("Open(%q):\n got %v\nwant %s", dsn, err, want)
		}
	}
	// No host: the local Unix socket, as documented.
	_, err := connect.Open(context.Background(), "postgres:///no_such_db_here?sslmode=disable")
	if err == nil || strings.Contains(err.Error(), "names no") || !strings.Contains(err.Error(), "(Unix socket, port ") {
		t.Errorf("postgres:///no_such_db_here: %v", err)
	}
	// Host and database as libpq parameters count: this reaches the host.
	_, err = connect.Open(context.Background(), "postgres://?host=127.0.0.1&port=1&dbname=shop&sslmode=disable")
	if err == nil || !strings.HasPrefix(err.Error(), "connect: cannot reach PostgreSQL at 127.0.0.1:1") {
		t.Errorf("host= and dbname= parameters: %v", err)
	}
}

// As documented, the PG* variables fill in what the URL leaves out.
func TestOpenPostgresURLFilledInByPGEnv(t *testing.T) {
	unsetPGEnv(t)
	u, err := url.Parse(dbtest.PostgresURL(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Setenv("PGHOST", u.Hostname())
	t.Setenv("PGPORT", u.Port())
	t.Setenv("PGDATABASE", strings.TrimPrefix(u.Path, "/"))
	t.Setenv("PGUSER", u.User.Username())
	t.Setenv("PGSSLMODE", "disable")
	db, err := connect.Open(context.Background(), "postgres://")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var current string
	if err := db.QueryRowContext(context.Background(), "SELECT current_database()").Scan(&current); err != nil || current != strings.TrimPrefix(u.Path, "/") {
		t.Errorf("current_database() = %q (%v), want %s", current, err, u.Path)
	}
}

// pgx pointed at MariaDB's port used to say "received unexpected message:
// %!w(<nil>)" (or nothing, or "server refused TLS connection").
func TestOpenPostgresAtMySQLPort(t *testing.T) {
	addr := dbtest.MariaDBConfig(t).Addr
	want := "connect: the server at " + addr + " does not speak PostgreSQL: it greets like MySQL/MariaDB ("
	fix := "): is that MySQL's port? Use PostgreSQL's (usually 5432), or a mysql:// URL for MySQL/MariaDB"
	for _, sslmode := range []string{"", "?sslmode=disable", "?sslmode=prefer", "?sslmode=require"} {
		_, err := connect.Open(context.Background(), "postgres://postgres:s3cret@"+addr+"/test"+sslmode)
		if err == nil || !strings.HasPrefix(err.Error(), want) || !strings.HasSuffix(err.Error(), fix) ||
			strings.Contains(err.Error(), "%!") || strings.Contains(err.Error(), "s3cret") {
			t.Errorf("sslmode %q:\n got %v\nwant %s…%s", sslmode, err, want, fix)
		}
	}
}

// loopback serves every connection on 127.0.0.1 with handle, each for at
// most 5 s, until the test ends; it returns the address.
func loopback(t *testing.T, handle func(c net.Conn)) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func() {
				defer c.Close()
				c.SetDeadline(time.Now().Add(5 * time.Second))
				handle(c)
			}()
		}
	}()
	return ln.Addr().String()
}

// talker greets every connection with greeting, as servers of other
// protocols (SMTP, SSH, MySQL) do before the client speaks.
func talker(t *testing.T, greeting string) string {
	return loopback(t, func(c net.Conn) {
		c.Write([]byte(greeting))
		c.Read(make([]byte, 1024))
	})
}

func TestOpenPostgresAtOtherProtocol(t *testing.T) {
	addr := talker(t, "SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n")
	_, err := connect.Open(context.Background(), "postgres://postgres@"+addr+"/test?sslmode=disable")
	want := "connect: the server at " + addr + ` does not speak PostgreSQL: it spoke first ("SSH-2.0-OpenSSH_9.2p1 Debian-2"), which a PostgreSQL server never does: check the host and port in the URL (PostgreSQL usually listens on 5432)`
	if err == nil || err.Error() != want {
		t.Errorf("error\n got %v\nwant %s", err, want)
	}
}

// replier answers the client's first message with reply: a server that
// waits like PostgreSQL, then says the wrong thing.
func replier(t *testing.T, reply string) string {
	return loopback(t, func(c net.Conn) {
		if _, err := c.Read(make([]byte, 1024)); err == nil {
			c.Write([]byte(reply))
			c.Read(make([]byte, 1024))
		}
	})
}

// A server that answers with the wrong messages is not called unreachable,
// and pgx's "%!w(<nil>)" never reaches a message.
func TestOpenPostgresUnexpectedReplyReadsClean(t *testing.T) {
	addr := replier(t, "D\x00\x00\x00\x06\x00\x00") // a DataRow during start-up
	_, err := connect.Open(context.Background(), "postgres://postgres@"+addr+"/test?sslmode=disable")
	want := "connect: the server at " + addr + " does not answer like PostgreSQL (failed to connect to `user=postgres database=test`: " + addr +
		" (127.0.0.1): received unexpected message): check the host and port in the URL (PostgreSQL usually listens on 5432)"
	if err == nil || err.Error() != want {
		t.Errorf("error\n got %v\nwant %s", err, want)
	}
}
