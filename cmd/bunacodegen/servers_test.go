package main

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/uptrace/bun"

	"github.com/bunbook/bunbook/helpers/connect"
	"github.com/bunbook/bunbook/internal/dbtest"
)

// The command reads a PostgreSQL or MariaDB server named by URL, as
// students pass their own DATABASE_URL: the same models as the codegen
// package's golden files, with the URL (password hidden) in the header.
func TestServerURLs(t *testing.T) {
	cases := []struct {
		name, golden, tables string
		url                  func(t *testing.T) string
	}{
		{"postgres", "chinook_postgres.golden", "album,artist,track", func(t *testing.T) string {
			url := dbtest.PostgresURL(t)
			dbtest.LoadChinookPostgres(t, open(t, url))
			return url
		}},
		{"mariadb", "chinook_mariadb.golden", "albums,artists,customers,employees,genres,invoice_items,invoices,tracks", func(t *testing.T) string {
			cfg := dbtest.MariaDBConfig(t)
			url := "mysql://" + cfg.User + "@" + cfg.Addr + "/" + cfg.DBName
			dbtest.LoadChinookMariaDB(t, open(t, url))
			return url
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			want := golden(t, c.golden)
			url := c.url(t)
			var out, errOut bytes.Buffer
			if code := run(context.Background(), []string{"-tables", c.tables, url}, &out, &errOut); code != 0 {
				t.Fatalf("exit %d: %s", code, errOut.String())
			}
			// The golden files name their source "chinook"; the command
			// names the URL it read (the test servers need no password, so
			// there is none to hide), in the header and the regenerate line.
			shown := url
			want = strings.Replace(want, "models for chinook,", "models for "+shown+",", 1)
			if strings.ContainsAny(shown, "?&") {
				shown = "'" + shown + "'" // the regenerate line is a shell command
			}
			want = strings.Replace(want, " "+c.tables+" chinook\n", " "+c.tables+" "+shown+"\n", 1)
			if got := out.String(); got != want {
				t.Errorf("bunacodegen %s printed:\n%s\nwant (%s):\n%s", url, got, c.golden, want)
			}
		})
	}
}

// A server that does not answer is exit status 1 with one line naming it.
func TestServerUnreachable(t *testing.T) {
	var out, errOut bytes.Buffer
	code := run(context.Background(), []string{"postgres://postgres@127.0.0.1:1/chinook?connect_timeout=2"}, &out, &errOut)
	if code != 1 || out.Len() != 0 {
		t.Fatalf("exit %d, stdout %q, stderr %s", code, out.String(), errOut.String())
	}
	if msg := errOut.String(); !strings.HasPrefix(msg, "bunacodegen: ") || !strings.Contains(msg, "127.0.0.1:1") || strings.Count(msg, "\n") != 1 {
		t.Errorf("stderr = %q, want one line naming 127.0.0.1:1", msg)
	}
}

func open(t *testing.T, url string) *bun.DB {
	t.Helper()
	db, err := connect.Open(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}
