package dbtest_test

import (
	"context"
	"database/sql"
	"strings"
	"testing"
	"time"

	"github.com/uptrace/bun"

	"github.com/bunbook/bunbook/internal/dbtest"
)

// chinookCounts are the row counts of Chinook 1.4.5, keyed by the SQLite
// file's table names; pgNames maps them to the PostgreSQL script's.
var chinookCounts = map[string]int{
	"albums": 347, "artists": 275, "customers": 59, "employees": 8, "genres": 25,
	"invoices": 412, "invoice_items": 2240, "media_types": 5, "playlists": 18,
	"playlist_track": 8715, "tracks": 3503,
}

var pgNames = map[string]string{
	"albums": "album", "artists": "artist", "customers": "customer", "employees": "employee",
	"genres": "genre", "invoices": "invoice", "invoice_items": "invoice_line",
	"media_types": "media_type", "playlists": "playlist", "playlist_track": "playlist_track",
	"tracks": "track",
}

func count(t *testing.T, db *bun.DB, table string) int {
	t.Helper()
	n, err := db.NewSelect().TableExpr("?", bun.Ident(table)).Count(context.Background())
	if err != nil {
		t.Fatalf("count %s: %v", table, err)
	}
	return int(n)
}

func TestPostgresIsFreshAndDropped(t *testing.T) {
	ctx := context.Background()
	var name string
	t.Run("use", func(t *testing.T) {
		db := dbtest.Postgres(t)
		if err := db.QueryRowContext(ctx, "SELECT current_database()").Scan(&name); err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(name, "bunbook_test_") {
			t.Errorf("database %q lacks the bunbook_test_ prefix", name)
		}
		var tables int
		if err := db.QueryRowContext(ctx, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'").Scan(&tables); err != nil {
			t.Fatal(err)
		}
		if tables != 0 {
			t.Errorf("fresh database has %d tables", tables)
		}
	})
	if t.Skipped() || name == "" {
		return
	}
	admin, err := sql.Open("pgx", dbtest.PostgresAdminURL())
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	var exists bool
	if err := admin.QueryRowContext(ctx, "SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)", name).Scan(&exists); err != nil {
		t.Fatal(err)
	}
	if exists {
		t.Errorf("database %s still exists after the test", name)
	}
}

func TestLoadChinookPostgres(t *testing.T) {
	db := dbtest.Postgres(t)
	dbtest.LoadChinookPostgres(t, db)
	for sqliteName, want := range chinookCounts {
		if got := count(t, db, pgNames[sqliteName]); got != want {
			t.Errorf("%s has %d rows, want %d", pgNames[sqliteName], got, want)
		}
	}
	var track, album, artist string
	err := db.QueryRowContext(context.Background(), `
		SELECT t.name, al.title, ar.name
		FROM track t JOIN album al USING (album_id) JOIN artist ar USING (artist_id)
		WHERE t.track_id = 1`).Scan(&track, &album, &artist)
	if err != nil {
		t.Fatal(err)
	}
	if track != "For Those About To Rock (We Salute You)" || album != "For Those About To Rock We Salute You" || artist != "AC/DC" {
		t.Errorf("first track = %q on %q by %q", track, album, artist)
	}
	var jobim bool // UTF-8 survives the load
	if err := db.QueryRowContext(context.Background(), "SELECT EXISTS (SELECT 1 FROM artist WHERE name = ?)", "Antônio Carlos Jobim").Scan(&jobim); err != nil || !jobim {
		t.Errorf("artist Antônio Carlos Jobim missing (err %v)", err)
	}
}

func TestMariaDBIsFreshAndDropped(t *testing.T) {
	ctx := context.Background()
	var name, charset string
	t.Run("use", func(t *testing.T) {
		db := dbtest.MariaDB(t)
		if err := db.QueryRowContext(ctx, "SELECT DATABASE(), @@character_set_database").Scan(&name, &charset); err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(name, "bunbook_test_") || charset != "utf8mb4" {
			t.Errorf("database %q (charset %s), want bunbook_test_… in utf8mb4", name, charset)
		}
		var now time.Time // parseTime=true
		if err := db.QueryRowContext(ctx, "SELECT NOW()").Scan(&now); err != nil {
			t.Errorf("scan DATETIME into time.Time: %v", err)
		}
	})
	if t.Skipped() || name == "" {
		return
	}
	admin := dbtest.MariaDB(t)
	var exists bool
	if err := admin.QueryRowContext(ctx, "SELECT EXISTS (SELECT 1 FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?)", name).Scan(&exists); err != nil {
		t.Fatal(err)
	}
	if exists {
		t.Errorf("database %s still exists after the test", name)
	}
}

func TestLoadChinookMariaDB(t *testing.T) {
	ctx := context.Background()
	db := dbtest.MariaDB(t)
	dbtest.LoadChinookMariaDB(t, db)
	for table, want := range chinookCounts {
		if got := count(t, db, table); got != want {
			t.Errorf("%s has %d rows, want %d", table, got, want)
		}
	}
	var track, album, artist string
	var price float64
	err := db.QueryRowContext(ctx, `
		SELECT t.Name, al.Title, ar.Name, t.UnitPrice
		FROM tracks t JOIN albums al ON al.AlbumId = t.AlbumId JOIN artists ar ON ar.ArtistId = al.ArtistId
		WHERE t.TrackId = 1`).Scan(&track, &album, &artist, &price)
	if err != nil {
		t.Fatal(err)
	}
	if track != "For Those About To Rock (We Salute You)" || album != "For Those About To Rock We Salute You" || artist != "AC/DC" || price != 0.99 {
		t.Errorf("first track = %q on %q by %q at %v", track, album, artist, price)
	}

	var total string
	if err := db.QueryRowContext(ctx, "SELECT SUM(Total) FROM invoices").Scan(&total); err != nil || total != "2328.60" {
		t.Errorf("SUM(invoices.Total) = %s (err %v), want 2328.60", total, err)
	}
	var hired time.Time
	if err := db.QueryRowContext(ctx, "SELECT HireDate FROM employees WHERE EmployeeId = 2").Scan(&hired); err != nil || !hired.Equal(time.Date(2002, 5, 1, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("employee 2 hired %v (err %v), want 2002-05-01", hired, err)
	}
	var jobim bool
	if err := db.QueryRowContext(ctx, "SELECT EXISTS (SELECT 1 FROM artists WHERE Name = ?)", "Antônio Carlos Jobim").Scan(&jobim); err != nil || !jobim {
		t.Errorf("artist Antônio Carlos Jobim missing (err %v)", err)
	}

	// Keys: AUTO_INCREMENT ids, composite primary key, 11 foreign keys.
	var extra string
	if err := db.QueryRowContext(ctx, "SELECT EXTRA FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'albums' AND COLUMN_NAME = 'AlbumId'").Scan(&extra); err != nil || extra != "auto_increment" {
		t.Errorf("albums.AlbumId EXTRA = %q (err %v), want auto_increment", extra, err)
	}
	var pk string
	if err := db.QueryRowContext(ctx, "SELECT GROUP_CONCAT(COLUMN_NAME ORDER BY SEQ_IN_INDEX) FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'playlist_track' AND INDEX_NAME = 'PRIMARY'").Scan(&pk); err != nil || pk != "PlaylistId,TrackId" {
		t.Errorf("playlist_track primary key = %q (err %v)", pk, err)
	}
	var fks int
	if err := db.QueryRowContext(ctx, "SELECT COUNT(*) FROM information_schema.REFERENTIAL_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = DATABASE()").Scan(&fks); err != nil || fks != 11 {
		t.Errorf("foreign keys = %d (err %v), want 11", fks, err)
	}
	if _, err := db.ExecContext(ctx, "INSERT INTO albums (Title, ArtistId) VALUES (?, ?)", "Nowhere", 99999); err == nil {
		t.Error("an album of a missing artist was accepted: foreign keys are not enforced")
	}
}
