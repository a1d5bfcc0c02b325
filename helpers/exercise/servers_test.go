package exercise

import (
	"context"
	"testing"

	"github.com/uptrace/bun"

	"github.com/bunbook/bunbook/internal/dbtest"
	"github.com/bunbook/bunbook/internal/shareddata"
)

type artistTotal struct {
	Name  string `bun:"name"`
	Total int64  `bun:"total"`
}

// topArtists answers Q7 on a server, with its table and column names.
func topArtists(t *testing.T, db *bun.DB, sql string) []artistTotal {
	t.Helper()
	var rows []artistTotal
	if err := db.NewRaw(sql).Scan(context.Background(), &rows); err != nil {
		t.Fatal(err)
	}
	return rows
}

// TestServerAnswers: a student who loaded Chinook into a server answers
// from there, and the checks compare with the chinook.db next to the
// notebook. MariaDB gets a copy of that file (tables tracks, …);
// PostgreSQL gets the official Chinook 1.4.5 script, whose tables are
// singular and snake_case (track.track_id, …).
func TestServerAnswers(t *testing.T) {
	t.Run("MariaDB", func(t *testing.T) {
		db := dbtest.MariaDB(t)
		// An empty database: MariaDB says "doesn't exist", which Q1 used to
		// report as a database that does not answer.
		if r := Check("Q1", db); r.hint != "this database has no tracks table, so it is not Chinook: open the chinook.db the download cell prepared (or, on a server, the database Chinook was loaded into)" {
			t.Errorf("Q1 on an empty database: %s", r)
		}
		dbtest.CopySQLiteToMariaDB(t, db, shareddata.Path(t, "chinook.db"))
		if r := Check("Q1", db); !r.OK() {
			t.Errorf("Q1: %s", r)
		}
		rows := topArtists(t, db, `SELECT ar.Name AS name, SUM(ii.Quantity) AS total FROM invoice_items AS ii
			JOIN tracks AS t ON t.TrackId = ii.TrackId JOIN albums AS al ON al.AlbumId = t.AlbumId
			JOIN artists AS ar ON ar.ArtistId = al.ArtistId
			GROUP BY ar.ArtistId, ar.Name ORDER BY total DESC, ar.Name LIMIT 10`)
		if r := Check("Q7", rows); !r.OK() {
			t.Errorf("Q7: %s", r)
		}
		// Q6's ties are ordered by name byte by byte, as SQLite and Go
		// compare strings; MariaDB's default collation ignores case and
		// accents (Açai before Azul), so a server answer names the binary one.
		tracks := topArtists(t, db, `SELECT t.Name AS name, SUM(ii.Quantity) AS total FROM invoice_items AS ii
			JOIN tracks AS t ON t.TrackId = ii.TrackId
			GROUP BY t.TrackId, t.Name ORDER BY total DESC, t.Name COLLATE utf8mb4_bin, t.TrackId LIMIT 10`)
		if r := Check("Q6", tracks); !r.OK() {
			t.Errorf("Q6: %s", r)
		}
	})
	t.Run("PostgreSQL", func(t *testing.T) {
		db := dbtest.Postgres(t)
		dbtest.LoadChinookPostgres(t, db)
		if r := Check("Q1", db); !r.OK() {
			t.Errorf("Q1: %s", r)
		}
		rows := topArtists(t, db, `SELECT ar.name, SUM(ii.quantity) AS total FROM invoice_line AS ii
			JOIN track AS t ON t.track_id = ii.track_id JOIN album AS al ON al.album_id = t.album_id
			JOIN artist AS ar ON ar.artist_id = al.artist_id
			GROUP BY ar.artist_id, ar.name ORDER BY total DESC, ar.name LIMIT 10`)
		if r := Check("Q7", rows); !r.OK() {
			t.Errorf("Q7: %s", r)
		}
		tracks := topArtists(t, db, `SELECT t.name, SUM(ii.quantity) AS total FROM invoice_line AS ii
			JOIN track AS t ON t.track_id = ii.track_id
			GROUP BY t.track_id, t.name ORDER BY total DESC, t.name COLLATE "C", t.track_id LIMIT 10`)
		if r := Check("Q6", tracks); !r.OK() {
			t.Errorf("Q6: %s", r)
		}
	})
}
