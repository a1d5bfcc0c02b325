package servers

import (
	"context"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/bunbook/bunbook/helpers/connect"
	"github.com/bunbook/bunbook/internal/dbtest"
)

// S2: no connect error quotes a password, whatever form it is given in.
func TestErrorsNeverQuoteThePassword(t *testing.T) {
	for _, tc := range []struct{ dsn, secret, want string }{
		{"postgres://user:pa/ss@127.0.0.1:5432/x", "pa/ss", `"postgres://user:xxxxx@127.0.0.1:5432/x" is not a valid PostgreSQL URL (the user name or password holds '/', '?', '#' or '@': percent-encode them`},
		{"mysql://root:pa/ss@127.0.0.1:3306/x", "pa/ss", `"mysql://root:xxxxx@127.0.0.1:3306/x" is not a valid MySQL/MariaDB URL (the user name or password holds`},
		{"postgres://user:p@ss@127.0.0.1:1/x", "p@ss", `"postgres://user:xxxxx@127.0.0.1:1/x" is not a valid PostgreSQL URL (the user name or password holds`},
		{"mysql://root:p@ss@127.0.0.1:1/x", "p@ss", `"mysql://root:xxxxx@127.0.0.1:1/x" is not a valid MySQL/MariaDB URL (the user name or password holds`},
		{"postgres://user:pa?ss@127.0.0.1:1/x", "pa?ss", `"postgres://user:xxxxx@127.0.0.1:1/x" is not a valid PostgreSQL URL`},
		{"postgres://user@127.0.0.1:1/x?password=s3cret&sslmode=disable", "s3cret", "cannot reach PostgreSQL at 127.0.0.1:1"},
		{"postgres://user@127.0.0.1:port/x?sslpassword=s3cret", "s3cret", `"postgres://user@127.0.0.1:port/x?sslpassword=xxxxx" is not a valid PostgreSQL URL`},
		{"root:s3cret@tcp(127.0.0.1:1)/db", "s3cret", "cannot reach MySQL/MariaDB at 127.0.0.1:1"},
		{"root:s3cret@tcp(127.0.0.1:1)/db?parseTime=maybe", "s3cret", `"root:xxxxx@tcp(127.0.0.1:1)/db?parseTime=maybe" is not a valid MySQL/MariaDB URL (invalid bool value: maybe)`},
		{"mysql://root@127.0.0.1:3306/db?password=s3cret", "s3cret", `"mysql://root@127.0.0.1:3306/db?password=xxxxx" is not a valid MySQL/MariaDB URL (parameter password is not a MySQL URL parameter: put the user and password before the host`},
	} {
		_, err := connect.Open(context.Background(), tc.dsn)
		if err == nil {
			t.Errorf("Open(%q) succeeded", tc.dsn)
			continue
		}
		if strings.Contains(err.Error(), tc.secret) {
			t.Errorf("Open(%q) quotes the password %q: %v", tc.dsn, tc.secret, err)
		}
		if !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Open(%q):\n got %v\nwant it to contain %s", tc.dsn, err, tc.want)
		}
	}
}

// S2: go-sql-driver's native DSN opens MariaDB like the mysql:// URL.
func TestOpenNativeMySQLDSN(t *testing.T) {
	cfg := dbtest.MariaDBConfig(t)
	dsn := cfg.User + "@tcp(" + cfg.Addr + ")/" + cfg.DBName
	if cfg.Passwd != "" {
		dsn = cfg.User + ":" + cfg.Passwd + "@tcp(" + cfg.Addr + ")/" + cfg.DBName
	}
	db, err := connect.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var current string
	if err := db.QueryRowContext(context.Background(), "SELECT DATABASE()").Scan(&current); err != nil || current != cfg.DBName {
		t.Errorf("DATABASE() = %q (%v), want %q", current, err, cfg.DBName)
	}
	var now time.Time // parseTime is on, as for URLs
	if err := db.QueryRowContext(context.Background(), "SELECT NOW()").Scan(&now); err != nil {
		t.Errorf("DATETIME into time.Time: %v", err)
	}
}

// S2: a parameter the driver does not know is refused, never sent to the
// server as SET name=value: ?password=PASSWORD('changed') used to change
// the account's password. That value is only parsed here, never sent: a
// regression would change the test server's password.
func TestMySQLUnknownParametersAreRefused(t *testing.T) {
	for query, want := range map[string]string{
		"?password=PASSWORD('changed')":   "parameter password is not a MySQL URL parameter: put the user and password before the host",
		"?sql_mode='ANSI'&autocommit=0":   "unknown parameter autocommit, sql_mode: use only the driver's parameters",
		"?charset=utf8mb4&init_connect=x": "unknown parameter init_connect: use only the driver's parameters",
	} {
		for _, dsn := range []string{"mysql://root@127.0.0.1:3306/db" + query, "root@tcp(127.0.0.1:3306)/db" + query} {
			_, err := parseMySQL(dsn)
			if err == nil || !strings.Contains(err.Error(), want) {
				t.Errorf("parseMySQL(%s): %v, want an error containing %q", dsn, err, want)
			}
		}
	}
}

// S2, on the server: harmless unknown parameters (a SET of them would be a
// syntax error or a session setting) are refused before connecting, and
// the driver's own parameters still work.
func TestMySQLUnknownParametersNeverReachTheServer(t *testing.T) {
	cfg := dbtest.MariaDBConfig(t)
	base := mysqlURL("mysql", cfg)
	for _, tc := range []struct{ query, want string }{
		{"?password=s3cret", "parameter password is not a MySQL URL parameter"},
		{"?sql_mode='ANSI'", "unknown parameter sql_mode: use only the driver's parameters"},
	} {
		_, err := connect.Open(context.Background(), base+tc.query)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Open(%s): %v, want an error containing %q", tc.query, err, tc.want)
		}
		if err != nil && strings.Contains(err.Error(), "s3cret") {
			t.Errorf("Open(%s) quotes the password parameter: %v", tc.query, err)
		}
	}
	db, err := connect.Open(context.Background(), base+"?charset=utf8mb4&loc=UTC&readTimeout=30s")
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
}

// blackhole listens on loopback, accepts every connection and never
// writes a byte: a server that does not speak the protocol asked for.
func blackhole(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	t.Cleanup(func() { close(done); ln.Close() })
	go func() {
		var conns []net.Conn
		defer func() {
			for _, c := range conns {
				c.Close()
			}
		}()
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			conns = append(conns, c)
		}
	}()
	return ln.Addr().String()
}

// H2: every open gives up when the server accepts TCP and never answers,
// after the URL's timeout (or DefaultConnectTimeout), with an error saying so.
func TestOpenBoundsTheHandshake(t *testing.T) {
	addr := blackhole(t)
	for _, tc := range []struct{ dsn, want string }{
		{"mysql://root@" + addr + "/x?timeout=1s", "connect: no answer from MySQL/MariaDB at " + addr + " within the connect timeout"},
		{"root@tcp(" + addr + ")/x?timeout=1s", "connect: no answer from MySQL/MariaDB at " + addr + " within the connect timeout"},
		{"postgres://postgres@" + addr + "/x?connect_timeout=1&sslmode=disable", "connect: no answer from PostgreSQL at " + addr + " within the connect timeout"},
	} {
		start := time.Now()
		errc := make(chan error, 1)
		go func() {
			_, err := connect.Open(context.Background(), tc.dsn)
			errc <- err
		}()
		select {
		case err := <-errc:
			if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
				t.Errorf("Open(%s):\n got %v\nwant %s…", tc.dsn, err, tc.want)
			}
			if d := time.Since(start); d > 5*time.Second {
				t.Errorf("Open(%s) took %v with a 1 s timeout", tc.dsn, d)
			}
		case <-time.After(20 * time.Second):
			t.Fatalf("Open(%s) still hangs after 20 s", tc.dsn)
		}
	}
}

// H2: without a timeout in the URL, DefaultConnectTimeout bounds the
// handshake too (not only the dial).
func TestOpenMySQLDefaultTimeoutCoversTheHandshake(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: waits DefaultConnectTimeout")
	}
	addr := blackhole(t)
	errc := make(chan error, 1)
	go func() {
		_, err := connect.Open(context.Background(), "mysql://root@"+addr+"/x")
		errc <- err
	}()
	select {
	case err := <-errc:
		if err == nil || !strings.Contains(err.Error(), "within the connect timeout") {
			t.Errorf("got %v", err)
		}
	case <-time.After(connect.DefaultConnectTimeout + 10*time.Second):
		t.Fatal("Open still hangs after DefaultConnectTimeout")
	}
}
