package main

import (
	"context"
	"database/sql"
	"net/url"
	"path/filepath"
	"strings"
	"testing"

	"github.com/uptrace/bun/driver/sqliteshim"

	"github.com/bunbook/bunbook/helpers/inspect"
	"github.com/bunbook/bunbook/internal/shareddata"
)

func TestReportChinook(t *testing.T) {
	db, err := openReadOnly(shareddata.Path(t, "chinook.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	all, err := inspect.Inspect(context.Background(), db, inspect.WithInternal())
	if err != nil {
		t.Fatal(err)
	}
	s, err := only(all, []string{"albums", "playlist_track", "sqlite_stat1"})
	if err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	if err := report(&out, s); err != nil {
		t.Fatal(err)
	}
	want := `albums (table)
  AlbumId   INTEGER        primary key #1, generated id, not null
  Title     NVARCHAR(160)  not null
  ArtistId  INTEGER        not null
  foreign key (ArtistId) -> artists (ArtistId) on update NO ACTION, on delete NO ACTION
  index IFK_AlbumArtistId (ArtistId)

playlist_track (table)
  PlaylistId  INTEGER  primary key #1, not null
  TrackId     INTEGER  primary key #2, not null
  foreign key (PlaylistId) -> playlists (PlaylistId) on update NO ACTION, on delete NO ACTION
  foreign key (TrackId) -> tracks (TrackId) on update NO ACTION, on delete NO ACTION
  index IFK_PlaylistTrackTrackId (TrackId)
  unique index sqlite_autoindex_playlist_track_1 [primary key] (PlaylistId, TrackId)

sqlite_stat1 (internal table)
  tbl   (no type)
  idx   (no type)
  stat  (no type)
`
	if got := out.String(); got != want {
		t.Errorf("report:\n%s\nwant:\n%s", got, want)
	}
}

func TestReportBrokenView(t *testing.T) {
	db, err := openReadOnly(shareddata.Path(t, "northwind.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	all, err := inspect.Inspect(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	s, err := only(all, []string{"ProductDetails_V", "Order Subtotals"})
	if err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	if err := report(&out, s); err != nil {
		t.Fatal(err)
	}
	want := `Order Subtotals (view)
  OrderID   INTEGER
  Subtotal  (no type)

ProductDetails_V (view)
  problem: cannot read the view's columns: SQL logic error: no such column: c.id (1); fix or drop the view
`
	if got := out.String(); got != want {
		t.Errorf("report:\n%s\nwant:\n%s", got, want)
	}
}

func TestOpenReadOnlyMissingFile(t *testing.T) {
	_, err := openReadOnly(t.TempDir() + "/missing.db")
	if err == nil || !strings.Contains(err.Error(), "give the path of an existing SQLite file") {
		t.Errorf("err = %v, want a missing-file error with the fix", err)
	}
}

func TestOpenReadOnlyOddPath(t *testing.T) {
	path := filepath.Join(t.TempDir(), "odd ?name# 'x'.db")
	dsn := url.URL{Scheme: "file", Path: path}
	sqldb, err := sql.Open(sqliteshim.ShimName, dsn.String())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := sqldb.Exec(`CREATE TABLE t (id INTEGER PRIMARY KEY)`); err != nil {
		t.Fatal(err)
	}
	sqldb.Close()

	db, err := openReadOnly(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	s, err := inspect.Inspect(context.Background(), db)
	if err != nil || len(s.Tables) != 1 || s.Tables[0].Name != "t" {
		t.Fatalf("Inspect = %v, %v; want the one table t", s, err)
	}
	if _, err := db.Exec(`CREATE TABLE u (id INTEGER)`); err == nil {
		t.Error("the database was opened writable")
	}
}
