package servers

import (
	"bytes"
	"context"
	"net/url"
	"strings"
	"testing"

	"github.com/uptrace/bun"

	"github.com/bunbook/bunbook/helpers/connect"
	"github.com/bunbook/bunbook/internal/dbtest"
)

type serverNote struct {
	bun.BaseModel `bun:"table:server_notes"`
	ID            int64 `bun:",pk,autoincrement"`
	Text          string
}

// roundTrip creates a table, inserts and reads back a row through db.
func roundTrip(t *testing.T, db *bun.DB) {
	t.Helper()
	ctx := context.Background()
	if _, err := db.NewCreateTable().Model((*serverNote)(nil)).Exec(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := db.NewInsert().Model(&serverNote{Text: "it's déjà vu?"}).Exec(ctx); err != nil {
		t.Fatal(err)
	}
	var got serverNote
	if err := db.NewSelect().Model(&got).Where("id = ?", 1).Scan(ctx); err != nil {
		t.Fatal(err)
	}
	if got.Text != "it's déjà vu?" {
		t.Errorf("read back %q", got.Text)
	}
}

func TestOpenPostgres(t *testing.T) {
	u := dbtest.PostgresURL(t)
	for _, scheme := range []string{"postgres", "postgresql"} {
		t.Run(scheme, func(t *testing.T) {
			var echo bytes.Buffer
			db, err := connect.Open(context.Background(), scheme+strings.TrimPrefix(u, "postgres"), connect.Echo(&echo))
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			if name := db.Dialect().Name().String(); name != "pg" {
				t.Errorf("dialect %s, want pg", name)
			}
			db.NewDropTable().Model((*serverNote)(nil)).IfExists().Exec(context.Background())
			roundTrip(t, db)
			for _, want := range []string{
				`CREATE TABLE "server_notes" ("id" BIGSERIAL NOT NULL, "text" VARCHAR, PRIMARY KEY ("id"))`,
				`INSERT INTO "server_notes" ("id", "text") VALUES (DEFAULT, 'it''s déjà vu?') RETURNING "id"`,
			} {
				if !strings.Contains(echo.String(), want) {
					t.Errorf("echo lacks %s:\n%s", want, echo.String())
				}
			}
		})
	}
}

func TestOpenPostgresUnreachable(t *testing.T) {
	_, err := connect.Open(context.Background(), "postgres://alice:s3cret@127.0.0.1:1/shop?sslmode=disable")
	want := "connect: cannot reach PostgreSQL at 127.0.0.1:1 (dial tcp 127.0.0.1:1: connect: connection refused): start the server, or fix the host and port in the URL"
	if err == nil || err.Error() != want {
		t.Errorf("error:\n got %v\nwant %s", err, want)
	}
}

func TestOpenPostgresBadURL(t *testing.T) {
	for dsn, want := range map[string]string{
		"postgres://alice:s3cret@127.0.0.1:port/shop": `connect: "postgres://alice:xxxxx@127.0.0.1:port/shop" is not a valid PostgreSQL URL (invalid port): write postgres://user:password@host:5432/dbname?sslmode=disable`,
		"postgresql://127.0.0.1/shop?sslmode=maybe":   `connect: "postgresql://127.0.0.1/shop?sslmode=maybe" is not a valid PostgreSQL URL (sslmode is invalid): write postgres://user:password@host:5432/dbname?sslmode=disable`,
	} {
		if _, err := connect.Open(context.Background(), dsn); err == nil || err.Error() != want {
			t.Errorf("Open(%q):\n got %v\nwant %s", dsn, err, want)
		}
	}
}

func TestOpenPostgresMissingDatabaseAndCreate(t *testing.T) {
	ctx := context.Background()
	u := dbtest.PostgresURL(t) // dropped again, whoever created it last, when the test ends
	parsed, err := url.Parse(u)
	if err != nil {
		t.Fatal(err)
	}
	name := strings.TrimPrefix(parsed.Path, "/")
	admin, err := connect.Open(ctx, dbtest.PostgresAdminURL())
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	if _, err := admin.ExecContext(ctx, "DROP DATABASE ? WITH (FORCE)", bun.Ident(name)); err != nil {
		t.Fatal(err)
	}

	_, err = connect.Open(ctx, u)
	want := `connect: PostgreSQL at 127.0.0.1:5432 has no database "` + name + `" (database "` + name +
		`" does not exist (SQLSTATE 3D000)): create it (createdb ` + name + `), fix the name in the URL, or pass connect.Create()`
	if err == nil || err.Error() != want {
		t.Fatalf("without Create:\n got %v\nwant %s", err, want)
	}

	db, err := connect.Open(ctx, u, connect.Create())
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var current string
	if err := db.QueryRowContext(ctx, "SELECT current_database()").Scan(&current); err != nil || current != name {
		t.Errorf("current_database() = %q (err %v), want %q", current, err, name)
	}
	roundTrip(t, db)
}
