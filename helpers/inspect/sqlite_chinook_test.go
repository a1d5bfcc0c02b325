package inspect_test

import (
	"context"
	"testing"

	"github.com/bunbook/bunbook/helpers/inspect"
)

func TestChinookTableNames(t *testing.T) {
	db := openShared(t, "chinook.db")
	s, err := inspect.Inspect(context.Background(), db, inspect.WithInternal(), inspect.WithoutViews())
	if err != nil {
		t.Fatal(err)
	}
	// The 13 names of the Python lesson's engine.table_names(), byte order.
	equal(t, "tables", tableNames(s), []string{
		"albums", "artists", "customers", "employees", "genres", "invoice_items", "invoices",
		"media_types", "playlist_track", "playlists", "sqlite_sequence", "sqlite_stat1", "tracks",
	})
}

func inspectChinook(t *testing.T, opts ...inspect.Option) *inspect.Schema {
	t.Helper()
	s, err := inspect.Inspect(context.Background(), openShared(t, "chinook.db"), opts...)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestChinookTables(t *testing.T) {
	s := inspectChinook(t)
	if s.Dialect != "sqlite" {
		t.Errorf("Dialect = %q, want sqlite", s.Dialect)
	}
	equal(t, "tables without internal ones", tableNames(s), []string{
		"albums", "artists", "customers", "employees", "genres", "invoice_items", "invoices",
		"media_types", "playlist_track", "playlists", "tracks",
	})
	indexes := 0
	for _, tb := range s.Tables {
		if tb.Kind != inspect.KindTable || tb.Internal || tb.Schema != "" {
			t.Errorf("%s: Kind %q Internal %v Schema %q", tb.Name, tb.Kind, tb.Internal, tb.Schema)
		}
		indexes += len(tb.Indexes)
	}
	// 10 CREATE INDEX IFK_* plus playlist_track's composite primary key;
	// the INTEGER PRIMARY KEY tables have none (the key is the rowid).
	if indexes != 11 {
		t.Errorf("%d indexes, want 11", indexes)
	}

	internal := inspectChinook(t, inspect.WithInternal())
	equal(t, "sqlite_stat1", *mustTable(t, internal, "sqlite_stat1"), inspect.Table{
		Name: "sqlite_stat1", Kind: inspect.KindTable, Internal: true,
		Columns: []inspect.Column{col("tbl", ""), col("idx", ""), col("stat", "")},
	})
}

func TestChinookAlbums(t *testing.T) {
	s := inspectChinook(t)
	equal(t, "albums", *mustTable(t, s, "albums"), inspect.Table{
		Name: "albums",
		Kind: inspect.KindTable,
		Columns: []inspect.Column{
			rowidPK("AlbumId"),
			notNull(col("Title", "NVARCHAR(160)")),
			notNull(col("ArtistId", "INTEGER")),
		},
		PrimaryKey:  []string{"AlbumId"},
		ForeignKeys: []inspect.ForeignKey{fk([]string{"ArtistId"}, "artists", []string{"ArtistId"})},
		Indexes: []inspect.Index{
			{Name: "IFK_AlbumArtistId", Columns: []string{"ArtistId"}, Origin: "index"},
		},
	})
}

func TestChinookEmployees(t *testing.T) {
	s := inspectChinook(t)
	employees := mustTable(t, s, "employees")
	equal(t, "employees columns", employees.Columns, []inspect.Column{
		rowidPK("EmployeeId"),
		notNull(col("LastName", "NVARCHAR(20)")),
		notNull(col("FirstName", "NVARCHAR(20)")),
		col("Title", "NVARCHAR(30)"),
		col("ReportsTo", "INTEGER"),
		col("BirthDate", "DATETIME"),
		col("HireDate", "DATETIME"),
		col("Address", "NVARCHAR(70)"),
		col("City", "NVARCHAR(40)"),
		col("State", "NVARCHAR(40)"),
		col("Country", "NVARCHAR(40)"),
		col("PostalCode", "NVARCHAR(10)"),
		col("Phone", "NVARCHAR(24)"),
		col("Fax", "NVARCHAR(24)"),
		col("Email", "NVARCHAR(60)"),
	})
	// Self-reference: the manager of an employee is an employee.
	equal(t, "employees foreign keys", employees.ForeignKeys, []inspect.ForeignKey{
		fk([]string{"ReportsTo"}, "employees", []string{"EmployeeId"}),
	})
}

func TestChinookPlaylistTrack(t *testing.T) {
	s := inspectChinook(t)
	equal(t, "playlist_track", *mustTable(t, s, "playlist_track"), inspect.Table{
		Name: "playlist_track",
		Kind: inspect.KindTable,
		Columns: []inspect.Column{
			{Name: "PlaylistId", Type: "INTEGER", PrimaryKey: 1},
			{Name: "TrackId", Type: "INTEGER", PrimaryKey: 2},
		},
		PrimaryKey: []string{"PlaylistId", "TrackId"},
		ForeignKeys: []inspect.ForeignKey{
			fk([]string{"PlaylistId"}, "playlists", []string{"PlaylistId"}),
			fk([]string{"TrackId"}, "tracks", []string{"TrackId"}),
		},
		Indexes: []inspect.Index{
			{Name: "IFK_PlaylistTrackTrackId", Columns: []string{"TrackId"}, Origin: "index"},
			{Name: "sqlite_autoindex_playlist_track_1", Unique: true, Columns: []string{"PlaylistId", "TrackId"}, Origin: "primary key"},
		},
	})
}

func TestChinookTracksAndInvoiceItems(t *testing.T) {
	s := inspectChinook(t)
	equal(t, "tracks foreign keys", mustTable(t, s, "tracks").ForeignKeys, []inspect.ForeignKey{
		fk([]string{"AlbumId"}, "albums", []string{"AlbumId"}),
		fk([]string{"GenreId"}, "genres", []string{"GenreId"}),
		fk([]string{"MediaTypeId"}, "media_types", []string{"MediaTypeId"}),
	})
	equal(t, "invoice_items", *mustTable(t, s, "invoice_items"), inspect.Table{
		Name: "invoice_items",
		Kind: inspect.KindTable,
		Columns: []inspect.Column{
			rowidPK("InvoiceLineId"),
			notNull(col("InvoiceId", "INTEGER")),
			notNull(col("TrackId", "INTEGER")),
			notNull(col("UnitPrice", "NUMERIC(10,2)")),
			notNull(col("Quantity", "INTEGER")),
		},
		PrimaryKey: []string{"InvoiceLineId"},
		ForeignKeys: []inspect.ForeignKey{
			fk([]string{"InvoiceId"}, "invoices", []string{"InvoiceId"}),
			fk([]string{"TrackId"}, "tracks", []string{"TrackId"}),
		},
		Indexes: []inspect.Index{
			{Name: "IFK_InvoiceLineInvoiceId", Columns: []string{"InvoiceId"}, Origin: "index"},
			{Name: "IFK_InvoiceLineTrackId", Columns: []string{"TrackId"}, Origin: "index"},
		},
	})
}
