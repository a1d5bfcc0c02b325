package automap_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/uptrace/bun"

	"github.com/bunbook/bunbook/helpers/automap"
	"github.com/bunbook/bunbook/helpers/connect"
	"github.com/bunbook/bunbook/helpers/repr"
	"github.com/bunbook/bunbook/internal/dbtest"
	"github.com/bunbook/bunbook/internal/shareddata"
)

// chinookServer describes Chinook in one of the test databases, as Bun's
// testEachDB lists its allDBs: the SQLite file itself, PostgreSQL (whose
// script names it in snake_case: album.album_id) and the MariaDB copy
// (which keeps the SQLite file's names: albums.AlbumId).
type chinookServer struct {
	name    string
	open    func(t *testing.T) *bun.DB
	models  string // Names()
	skipped string // Skipped(), one "table: reason" a line
	// Tables and columns in the server's spelling.
	albums, artists, playlists, tracks, employees, invoices, playlistTrack string
	albumID, artistID, playlistID, trackID, employeeID, invoiceID          string
	firstName, lastName                                                    string
	// The first album's repr and its types, in the server's spelling.
	albumRepr, albumTypes string
	// Invoice 1's date: the PostgreSQL script of Chinook 1.4.5 moved the
	// invoices twelve years later than the SQLite file.
	invoiceDate time.Time
}

var chinookServers = []chinookServer{
	{
		name: "sqlite",
		open: func(t *testing.T) *bun.DB {
			db, err := connect.Open(ctx, shareddata.Path(t, "chinook.db"))
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { db.Close() })
			return db
		},
		models: "albums, artists, customers, employees, genres, invoice_items, invoices, media_types, playlists, tracks",
		skipped: "playlist_track: association table for playlists ↔ tracks\n" +
			"sqlite_sequence: internal table (the database engine's own bookkeeping)\n" +
			"sqlite_stat1: internal table (the database engine's own bookkeeping)",
		albums: "albums", artists: "artists", playlists: "playlists", tracks: "tracks", employees: "employees",
		invoices: "invoices", playlistTrack: "playlist_track",
		albumID: "AlbumId", artistID: "ArtistId", playlistID: "PlaylistId", trackID: "TrackId",
		employeeID: "EmployeeId", invoiceID: "InvoiceId", firstName: "FirstName", lastName: "LastName",
		albumRepr:   `albums(AlbumId=1, Title="For Those About To Rock We Salute You", ArtistId=1)`,
		albumTypes:  `AlbumId int64 "bun:\"AlbumId,pk,autoincrement\""; Title string "bun:\"Title,notnull,type:nvarchar(160)\""; ArtistId int64 "bun:\"ArtistId,notnull\""`,
		invoiceDate: time.Date(2009, 1, 1, 0, 0, 0, 0, time.UTC),
	},
	{
		name: "postgres",
		open: func(t *testing.T) *bun.DB {
			db := dbtest.Postgres(t)
			dbtest.LoadChinookPostgres(t, db)
			return db
		},
		models:  "album, artist, customer, employee, genre, invoice, invoice_line, media_type, playlist, track",
		skipped: "%[1]s.playlist_track: association table for %[1]s.playlist ↔ %[1]s.track",
		albums:  "album", artists: "artist", playlists: "playlist", tracks: "track", employees: "employee",
		invoices: "invoice", playlistTrack: "playlist_track",
		albumID: "album_id", artistID: "artist_id", playlistID: "playlist_id", trackID: "track_id",
		employeeID: "employee_id", invoiceID: "invoice_id", firstName: "first_name", lastName: "last_name",
		albumRepr:   `album(AlbumId=1, Title="For Those About To Rock We Salute You", ArtistId=1)`,
		albumTypes:  `AlbumId int64 "bun:\"album_id,pk,type:integer\""; Title string "bun:\"title,notnull,type:character varying(160)\""; ArtistId int64 "bun:\"artist_id,notnull,type:integer\""`,
		invoiceDate: time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC),
	},
	{
		name: "mariadb",
		open: func(t *testing.T) *bun.DB {
			db := dbtest.MariaDB(t)
			dbtest.LoadChinookMariaDB(t, db)
			return db
		},
		models:  "albums, artists, customers, employees, genres, invoice_items, invoices, media_types, playlists, tracks",
		skipped: "%[1]s.playlist_track: association table for %[1]s.playlists ↔ %[1]s.tracks",
		albums:  "albums", artists: "artists", playlists: "playlists", tracks: "tracks", employees: "employees",
		invoices: "invoices", playlistTrack: "playlist_track",
		albumID: "AlbumId", artistID: "ArtistId", playlistID: "PlaylistId", trackID: "TrackId",
		employeeID: "EmployeeId", invoiceID: "InvoiceId", firstName: "FirstName", lastName: "LastName",
		albumRepr:   `albums(AlbumId=1, Title="For Those About To Rock We Salute You", ArtistId=1)`,
		albumTypes:  `AlbumId int64 "bun:\"AlbumId,pk,autoincrement,type:int(11)\""; Title string "bun:\"Title,notnull,type:varchar(160)\""; ArtistId int64 "bun:\"ArtistId,notnull,type:int(11)\""`,
		invoiceDate: time.Date(2009, 1, 1, 0, 0, 0, 0, time.UTC),
	},
}

// Automap on Chinook in each database (the SQLite file, and the same data
// loaded into the real PostgreSQL and MariaDB servers): the same ten
// models, every one reading its first row, and every kind of relation
// loading what SQL counts. One table of databases, one copy of each test.
func TestChinookEachDB(t *testing.T) {
	for _, srv := range chinookServers {
		t.Run(srv.name, func(t *testing.T) {
			db := srv.open(t)
			reg, err := automap.Map(ctx, db)
			if err != nil {
				t.Fatal(err)
			}
			t.Run("models", func(t *testing.T) { testServerModels(t, srv, db, reg) })
			t.Run("belongs-to", func(t *testing.T) { testServerBelongsTo(t, srv, db, reg) })
			t.Run("has-many", func(t *testing.T) { testServerHasMany(t, srv, db, reg) })
			t.Run("many-to-many", func(t *testing.T) { testServerManyToMany(t, srv, db, reg) })
			t.Run("self-reference", func(t *testing.T) { testServerSelfReference(t, srv, db, reg) })
			t.Run("values", func(t *testing.T) { testServerValues(t, srv, db) })
		})
	}
}

func testServerModels(t *testing.T, srv chinookServer, db *bun.DB, reg *automap.Registry) {
	if got := strings.Join(reg.Names(), ", "); got != srv.models {
		t.Errorf("Names() = %s, want %s", got, srv.models)
	}
	var skipped []string
	for _, s := range reg.Skipped() {
		skipped = append(skipped, s.Table+": "+s.Reason)
	}
	// On a server, Skipped names tables schema.table; MariaDB's schema is
	// the database, created afresh by dbtest.
	wantSkipped := srv.skipped
	if srv.name != "sqlite" {
		var schema string
		if err := db.NewRaw("SELECT "+map[string]string{"postgres": "current_schema()", "mariadb": "database()"}[srv.name]).Scan(ctx, &schema); err != nil {
			t.Fatal(err)
		}
		wantSkipped = fmt.Sprintf(srv.skipped, schema)
	}
	if got, want := strings.Join(skipped, "\n"), wantSkipped; got != want {
		t.Errorf("Skipped():\n%s\nwant:\n%s", got, want)
	}
	// The association table is looked up by its bare name, like the models.
	_, err := reg.Lookup("playlist_track")
	table, reason, _ := strings.Cut(strings.SplitN(wantSkipped, "\n", 2)[0], ": ")
	if want := fmt.Sprintf(`automap: table %q is not mapped: %s`, table, reason); err == nil || err.Error() != want {
		t.Errorf("Lookup(playlist_track) error = %v, want %s", err, want)
	}
	// Every model reads its first row.
	for _, m := range reg.Models() {
		row := m.New()
		key := m.Graph().Table.Columns[0].Name
		if err := db.NewSelect().Model(row).OrderExpr("?", bun.Ident(key)).Limit(1).Scan(ctx); err != nil {
			t.Errorf("%s: %v", m, err)
			continue
		}
		if got := get(t, row, m.Fields()[0]); got != int64(1) {
			t.Errorf("%s: first row has key %#v, want 1", m, got)
		}
	}
	album := reg.MustLookup(srv.albums).New()
	if err := db.NewSelect().Model(album).Where("? = 1", bun.Ident(srv.albumID)).Scan(ctx); err != nil {
		t.Fatal(err)
	}
	if got := repr.String(album); got != srv.albumRepr {
		t.Errorf("repr = %s, want %s", got, srv.albumRepr)
	}
	if got := fieldsOf(reg.MustLookup(srv.albums)); got != srv.albumTypes {
		t.Errorf("album fields:\n%s\nwant:\n%s", got, srv.albumTypes)
	}
}

// fieldsOf prints a model's column fields as reflect prints a struct type.
func fieldsOf(m *automap.Model) string {
	var parts []string
	for _, name := range m.Fields() {
		f, _ := m.Type().FieldByName(name)
		parts = append(parts, fmt.Sprintf("%s %s %q", f.Name, f.Type, f.Tag))
	}
	return strings.Join(parts, "; ")
}

func testServerBelongsTo(t *testing.T, srv chinookServer, db *bun.DB, reg *automap.Registry) {
	album := reg.MustLookup(srv.albums).New()
	if err := db.NewSelect().Model(album).Relation("Artist").Where("?TableAlias.? = 1", bun.Ident(srv.albumID)).Scan(ctx); err != nil {
		t.Fatal(err)
	}
	if got := get(t, get(t, album, "Artist"), "Name"); got != "AC/DC" {
		t.Errorf("album 1's artist = %#v, want AC/DC", got)
	}
	track := reg.MustLookup(srv.tracks).New()
	if err := db.NewSelect().Model(track).Relation("Album.Artist").Where("?TableAlias.? = 1", bun.Ident(srv.trackID)).Scan(ctx); err != nil {
		t.Fatal(err)
	}
	a := get(t, track, "Album")
	if got := fmt.Sprint(get(t, track, "Name"), " | ", get(t, a, "Title"), " | ", get(t, get(t, a, "Artist"), "Name")); got != "For Those About To Rock (We Salute You) | For Those About To Rock We Salute You | AC/DC" {
		t.Errorf("track 1 = %s", got)
	}
}

func testServerHasMany(t *testing.T, srv chinookServer, db *bun.DB, reg *automap.Registry) {
	artist := reg.MustLookup(srv.artists).New()
	err := db.NewSelect().Model(artist).
		Relation("Albums", func(q *bun.SelectQuery) *bun.SelectQuery { return q.OrderExpr("?", bun.Ident(srv.albumID)) }).
		Where("? = 1", bun.Ident(srv.artistID)).Scan(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var titles []string
	for _, a := range automap.Rows(get(t, artist, "Albums")) {
		titles = append(titles, get(t, a, "Title").(string))
	}
	if got, want := strings.Join(titles, " | "), "For Those About To Rock We Salute You | Let There Be Rock"; got != want {
		t.Errorf("AC/DC's albums = %s, want %s", got, want)
	}
}

func testServerManyToMany(t *testing.T, srv chinookServer, db *bun.DB, reg *automap.Registry) {
	playlist := reg.MustLookup(srv.playlists).New()
	if err := db.NewSelect().Model(playlist).Relation("Tracks").Where("?TableAlias.? = 1", bun.Ident(srv.playlistID)).Scan(ctx); err != nil {
		t.Fatal(err)
	}
	want := count(t, db, "SELECT count(*) FROM ? WHERE ? = 1", bun.Ident(srv.playlistTrack), bun.Ident(srv.playlistID))
	if got := len(automap.Rows(get(t, playlist, "Tracks"))); got != want || want != 3290 {
		t.Errorf("playlist 1 has %d tracks, SQL counts %d (want 3290)", got, want)
	}
	track := reg.MustLookup(srv.tracks).New()
	err := db.NewSelect().Model(track).
		Relation("Playlists", func(q *bun.SelectQuery) *bun.SelectQuery {
			return q.OrderExpr("?TableAlias.?", bun.Ident(srv.playlistID))
		}).
		Where("?TableAlias.? = 1", bun.Ident(srv.trackID)).Scan(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, p := range automap.Rows(get(t, track, "Playlists")) {
		names = append(names, fmt.Sprint(get(t, p, "PlaylistId"), "=", get(t, p, "Name")))
	}
	if got, want := strings.Join(names, " "), "1=Music 8=Music 17=Heavy Metal Classic"; got != want {
		t.Errorf("track 1's playlists = %s, want %s", got, want)
	}
}

func testServerSelfReference(t *testing.T, srv chinookServer, db *bun.DB, reg *automap.Registry) {
	employee := reg.MustLookup(srv.employees).New()
	err := db.NewSelect().Model(employee).Relation("ReportsToEmployee").
		Where("?TableAlias.? = ? AND ?TableAlias.? = ?", bun.Ident(srv.firstName), "Nancy", bun.Ident(srv.lastName), "Edwards").Scan(ctx)
	if err != nil {
		t.Fatal(err)
	}
	manager := get(t, employee, "ReportsToEmployee")
	if got := fmt.Sprint(get(t, manager, "FirstName"), " ", get(t, manager, "LastName")); got != "Andrew Adams" {
		t.Errorf("Nancy Edwards's manager = %s, want Andrew Adams", got)
	}
	boss := reg.MustLookup(srv.employees).New()
	err = db.NewSelect().Model(boss).
		Relation("ReportsToEmployees", func(q *bun.SelectQuery) *bun.SelectQuery { return q.OrderExpr("?", bun.Ident(srv.employeeID)) }).
		Where("?TableAlias.? = 1", bun.Ident(srv.employeeID)).Scan(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var reports []string
	for _, e := range automap.Rows(get(t, boss, "ReportsToEmployees")) {
		reports = append(reports, fmt.Sprint(get(t, e, "FirstName"), " ", get(t, e, "LastName")))
	}
	if got, want := strings.Join(reports, ", "), "Nancy Edwards, Michael Mitchell"; got != want {
		t.Errorf("Andrew Adams's reports = %s, want %s", got, want)
	}
}

// NUMERIC(10,2)/DECIMAL(10,2) read as exact text, TIMESTAMP/DATETIME as
// time.Time, NULL as nil.
func testServerValues(t *testing.T, srv chinookServer, db *bun.DB) {
	reg, err := automap.Map(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	invoice := reg.MustLookup(srv.invoices).New()
	if err := db.NewSelect().Model(invoice).Where("? = 1", bun.Ident(srv.invoiceID)).Scan(ctx); err != nil {
		t.Fatal(err)
	}
	if got, ok := get(t, invoice, "InvoiceDate").(time.Time); !ok || !got.Equal(srv.invoiceDate) || got.Location() != time.UTC {
		t.Errorf("InvoiceDate = %#v, want %v", get(t, invoice, "InvoiceDate"), srv.invoiceDate)
	}
	if got := get(t, invoice, "Total"); got != "1.98" {
		t.Errorf("Total = %#v, want \"1.98\"", got)
	}
	if got := get(t, invoice, "BillingState"); got != nil {
		t.Errorf("BillingState = %#v, want nil (NULL)", got)
	}
	track := reg.MustLookup(srv.tracks).New()
	if err := db.NewSelect().Model(track).Where("? = 1", bun.Ident(srv.trackID)).Scan(ctx); err != nil {
		t.Fatal(err)
	}
	if got := get(t, track, "UnitPrice"); got != "0.99" {
		t.Errorf("UnitPrice = %#v, want \"0.99\"", got)
	}
	employee := reg.MustLookup(srv.employees).New()
	if err := db.NewSelect().Model(employee).Where("? = 1", bun.Ident(srv.employeeID)).Scan(ctx); err != nil {
		t.Fatal(err)
	}
	if got := get(t, employee, "ReportsTo"); got != nil {
		t.Errorf("ReportsTo = %#v, want nil", got)
	}
	if got, ok := get(t, employee, "BirthDate").(time.Time); !ok || !got.Equal(time.Date(1962, 2, 18, 0, 0, 0, 0, time.UTC)) || got.Location() != time.UTC {
		t.Errorf("BirthDate = %#v", get(t, employee, "BirthDate"))
	}
	f, _ := reg.MustLookup(srv.employees).Type().FieldByName("BirthDate")
	if f.Type.String() != "*time.Time" {
		t.Errorf("BirthDate type = %s, want *time.Time", f.Type)
	}
}
