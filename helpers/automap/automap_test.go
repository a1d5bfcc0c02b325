package automap_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/uptrace/bun"

	"github.com/bunbook/bunbook/helpers/automap"
	"github.com/bunbook/bunbook/helpers/connect"
	"github.com/bunbook/bunbook/internal/shareddata"
)

var ctx = context.Background()

// open opens a shared sample database (only read) and maps it.
func open(t *testing.T, name string) (*bun.DB, *automap.Registry) {
	t.Helper()
	db, err := connect.Open(ctx, shareddata.Path(t, name))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	reg, err := automap.Map(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	return db, reg
}

func get(t *testing.T, row any, name string) any {
	t.Helper()
	v, err := automap.Get(row, name)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func count(t *testing.T, db *bun.DB, query string, args ...any) int {
	t.Helper()
	var n int
	if err := db.NewRaw(query, args...).Scan(ctx, &n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestChinookModels(t *testing.T) {
	_, reg := open(t, "chinook.db")
	if got, want := strings.Join(reg.Names(), ", "),
		"albums, artists, customers, employees, genres, invoice_items, invoices, media_types, playlists, tracks"; got != want {
		t.Errorf("Names() = %s, want %s", got, want)
	}
	var skipped []string
	for _, s := range reg.Skipped() {
		skipped = append(skipped, s.Table+": "+s.Reason)
	}
	if got, want := strings.Join(skipped, "\n"), `playlist_track: association table for playlists ↔ tracks
sqlite_sequence: internal table (the database engine's own bookkeeping)
sqlite_stat1: internal table (the database engine's own bookkeeping)`; got != want {
		t.Errorf("Skipped():\n%s\nwant:\n%s", got, want)
	}
	albums := reg.MustLookup("albums")
	if got := fmt.Sprint(albums.Columns()); got != "[albums.AlbumId albums.Title albums.ArtistId]" {
		t.Errorf("Columns() = %s", got)
	}
	if got := fmt.Sprint(albums.Relations()); got != "[Artist Tracks]" {
		t.Errorf("Relations() = %s", got)
	}
	if albums.Name() != "Album" || albums.Table() != "albums" || albums.String() != "albums" {
		t.Errorf("Name/Table/String = %s/%s/%s", albums.Name(), albums.Table(), albums)
	}
}

func TestLookup(t *testing.T) {
	_, reg := open(t, "chinook.db")
	if m, err := reg.Lookup("Albums"); err != nil || m.Table() != "albums" {
		t.Errorf("Lookup(Albums) = %v, %v; want albums (SQLite names ignore case)", m, err)
	}
	_, err := reg.Lookup("playlist_track")
	if err == nil || err.Error() != `automap: table "playlist_track" is not mapped: association table for playlists ↔ tracks` {
		t.Errorf("Lookup(playlist_track) error = %v", err)
	}
	_, err = reg.Lookup("album")
	if err == nil || !strings.Contains(err.Error(), `no table or view named "album" (did you mean "albums"?); this database has "albums", "artists",`) {
		t.Errorf("Lookup(album) error = %v", err)
	}
	defer func() {
		if r := recover(); r == nil {
			t.Error("MustLookup(nope) did not panic")
		}
	}()
	reg.MustLookup("nope")
}

// Every mapped model selects its first row.
func TestEveryModelSelectsFirstRow(t *testing.T) {
	for _, name := range []string{"chinook.db", "northwind.db"} {
		t.Run(name, func(t *testing.T) {
			db, reg := open(t, name)
			if len(reg.Models()) < 10 {
				t.Fatalf("only %d models", len(reg.Models()))
			}
			for _, m := range reg.Models() {
				row := m.New()
				err := db.NewSelect().Model(row).Limit(1).Scan(ctx)
				if n := count(t, db, "SELECT count(*) FROM ?", bun.Ident(m.Table())); n == 0 {
					if !errors.Is(err, sql.ErrNoRows) {
						t.Errorf("%s is empty, yet Scan gave %v", m, err)
					}
					continue // Northwind's CustomerDemographics
				}
				if err != nil {
					t.Errorf("%s: %v", m, err)
					continue
				}
				// The first column of every sample table is its key
				// (a view, mapped by default, has none).
				if m.Graph().ReadOnly {
					continue
				}
				if key := get(t, row, m.Fields()[0]); key == nil || key == int64(0) || key == "" {
					t.Errorf("%s: first row has key %v", m, key)
				}
			}
		})
	}
}

// TestChinookEachDB (automap_servers_test.go) checks the first album's
// repr, Chinook's values and every kind of relation on SQLite, PostgreSQL
// and MariaDB alike.

// Chains of relations load up to 2 hops.
func TestDepth(t *testing.T) {
	db, reg := open(t, "chinook.db")
	track := reg.MustLookup("tracks").New()
	if err := db.NewSelect().Model(track).Relation("Album.Artist").Where("track.TrackId = 1").Scan(ctx); err != nil {
		t.Fatal(err)
	}
	if got := get(t, get(t, get(t, track, "Album"), "Artist"), "Name"); got != "AC/DC" {
		t.Errorf("track 1's album's artist = %v", got)
	}

	artist := reg.MustLookup("artists").New()
	err := db.NewSelect().Model(artist).Relation("Albums.Tracks.Album").Where("artist.ArtistId = 1").Scan(ctx)
	if err == nil || !strings.Contains(err.Error(), `does not have relation="Albums.Tracks.Album"`) {
		t.Errorf("3 hops at depth 2: err = %v, want Bun's missing-relation error", err)
	}

}

func TestNorthwind(t *testing.T) {
	db, reg := open(t, "northwind.db")
	var tables []string
	for _, m := range reg.Models() {
		if !m.Graph().ReadOnly { // views are mapped too (TestNorthwindViews)
			tables = append(tables, m.Table())
		}
	}
	if got, want := strings.Join(tables, ", "), "Categories, CustomerDemographics, Customers, Employees, "+
		"Order Details, Orders, Products, Regions, Shippers, Suppliers, Territories"; got != want {
		t.Errorf("tables = %s, want %s", got, want)
	}
	reasons := map[string]string{}
	for _, s := range reg.Skipped() {
		reasons[s.Table] = s.Reason
	}
	for table, want := range map[string]string{
		"CustomerCustomerDemo": "association table for Customers ↔ CustomerDemographics",
		"EmployeeTerritories":  "association table for Employees ↔ Territories",
		"sqlite_sequence":      "internal table (the database engine's own bookkeeping)",
	} {
		if reasons[table] != want {
			t.Errorf("Skipped[%s] = %q, want %q", table, reasons[table], want)
		}
	}

	// A table name with a space, and its relations both ways.
	details := reg.MustLookup("Order Details")
	if got := fmt.Sprint(details.Columns()); got != "[Order Details.OrderID Order Details.ProductID Order Details.UnitPrice Order Details.Quantity Order Details.Discount]" {
		t.Errorf("Columns() = %s", got)
	}
	rows := details.NewSlice()
	err := db.NewSelect().Model(rows).Relation("Order").Relation("Product").
		Where("order_detail.OrderID = ?", 10248).Order("order_detail.ProductID").Scan(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, r := range automap.Rows(rows) {
		lines = append(lines, fmt.Sprint(get(t, get(t, r, "Product"), "ProductName"), " x", get(t, r, "Quantity"),
			" @", get(t, r, "UnitPrice"), " for ", get(t, get(t, r, "Order"), "CustomerID")))
	}
	if got, want := strings.Join(lines, "; "), "Queso Cabrales x12 @14 for VINET; "+
		"Singaporean Hokkien Fried Mee x10 @9.8 for VINET; Mozzarella di Giovanni x5 @34.8 for VINET"; got != want {
		t.Errorf("order 10248:\n got %s\nwant %s", got, want)
	}

	order := reg.MustLookup("Orders").New()
	if err := db.NewSelect().Model(order).Relation("OrderDetails").Relation("Shipper").Where("?TableAlias.OrderID = 10248").Scan(ctx); err != nil {
		t.Fatal(err)
	}
	if n := len(automap.Rows(get(t, order, "OrderDetails"))); n != 3 {
		t.Errorf("order 10248 has %d details, want 3", n)
	}
	if got := get(t, get(t, order, "Shipper"), "CompanyName"); got != "Federal Shipping" {
		t.Errorf("order 10248's shipper = %v", got)
	}

	// Northwind's m2m and self-reference.
	employee := reg.MustLookup("Employees").New()
	err = db.NewSelect().Model(employee).Relation("Territories").Relation("ReportsToEmployee").
		Where("employee.EmployeeID = 1").Scan(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := len(automap.Rows(get(t, employee, "Territories"))),
		count(t, db, "SELECT count(*) FROM EmployeeTerritories WHERE EmployeeID = 1"); got != want || want == 0 {
		t.Errorf("employee 1 territories = %d, want %d", got, want)
	}
	if got := get(t, get(t, employee, "ReportsToEmployee"), "LastName"); got != "Fuller" {
		t.Errorf("employee 1's manager = %v, want Fuller", got)
	}
}

func TestNorthwindViews(t *testing.T) {
	db, reg := open(t, "northwind.db")
	if got := len(reg.Names()); got != 11+16 {
		t.Errorf("%d models, want 11 tables and 16 views (the 17th is broken): %v", got, reg.Names())
	}
	for _, s := range reg.Skipped() {
		if s.Table == "ProductDetails_V" && !strings.HasPrefix(s.Reason, "cannot be read: ") {
			t.Errorf("broken view skipped for %q", s.Reason)
		}
	}
	view := reg.MustLookup("Current Product List")
	rows := view.NewSlice()
	if err := db.NewSelect().Model(rows).Order("ProductID").Limit(2).Scan(ctx); err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, r := range automap.Rows(rows) {
		names = append(names, get(t, r, "ProductName").(string))
	}
	if got := strings.Join(names, ", "); got != "Chai, Chang" {
		t.Errorf("Current Product List = %s", got)
	}
	for _, m := range reg.Models() {
		if err := db.NewSelect().Model(m.New()).Limit(1).Scan(ctx); err != nil && !errors.Is(err, sql.ErrNoRows) {
			t.Errorf("%s: %v", m, err)
		}
	}
}

func TestGet(t *testing.T) {
	_, reg := open(t, "northwind.db")
	row := reg.MustLookup("Order Details").New()
	if _, err := automap.Get(row, "Nope"); err == nil ||
		err.Error() != `automap: a Order Details row has no field or column "Nope"; fields: OrderID, ProductID, UnitPrice, Quantity, Discount, Order, Product` {
		t.Errorf("Get(Nope) error = %v", err)
	}
	if _, err := automap.Get(42, "x"); err == nil {
		t.Error("Get on an int succeeded")
	}
	var nilRow *struct{}
	if _, err := automap.Get(nilRow, "x"); err == nil {
		t.Error("Get on a nil row succeeded")
	}
	if got := get(t, row, "Order"); got != nil {
		t.Errorf("unloaded relation = %#v, want nil", got)
	}
	if got := automap.Rows(42); got != nil {
		t.Errorf("Rows(42) = %v", got)
	}
	// Pointers and sql.Null values come back plain.
	order := reg.MustLookup("Orders").New()
	reflectSet(t, order, "ShipRegion", ptr("RJ"))
	if got := get(t, order, "ShipRegion"); got != "RJ" {
		t.Errorf("ShipRegion = %#v", got)
	}
	if got := get(t, order, "ShipCity"); got != nil {
		t.Errorf("ShipCity = %#v, want nil", got)
	}
	var nullOrder struct {
		ShipRegion sql.NullString `bun:"ShipRegion"`
		ShipCity   sql.NullString `bun:"Ship City"`
	}
	nullOrder.ShipRegion = sql.NullString{String: "RJ", Valid: true}
	if got := get(t, &nullOrder, "ShipRegion"); got != "RJ" {
		t.Errorf("sql.NullString ShipRegion = %#v", got)
	}
	if got := get(t, nullOrder, "Ship City"); got != nil {
		t.Errorf("sql.NullString ShipCity = %#v, want nil", got)
	}
}

func TestMapErrors(t *testing.T) {
	if _, err := automap.Map(ctx, nil); err == nil || !strings.Contains(err.Error(), "nil *bun.DB") {
		t.Errorf("Map(nil) error = %v", err)
	}
}

// A hand-written join model on the same *bun.DB would make Bun's
// many-to-many lookup by table name ambiguous.
func TestMapRefusesForeignAssociationModel(t *testing.T) {
	db, err := connect.Open(ctx, shareddata.Path(t, "chinook.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	type PlaylistTrack struct {
		bun.BaseModel `bun:"table:playlist_track"`
		PlaylistID    int64 `bun:"PlaylistId,pk"`
		TrackID       int64 `bun:"TrackId,pk"`
	}
	db.RegisterModel((*PlaylistTrack)(nil))
	_, err = automap.Map(ctx, db)
	if err == nil || !strings.Contains(err.Error(), `registered for the association table "playlist_track"`) {
		t.Errorf("err = %v", err)
	}
}

// Mapping one *bun.DB again keeps working, also after a side of a
// many-to-many relation changed: the association's join model is then
// registered twice, with other relation field types.
func TestMapTwice(t *testing.T) {
	db := fixture(t,
		`CREATE TABLE playlists (PlaylistId INTEGER PRIMARY KEY, Name TEXT)`,
		`CREATE TABLE tracks (TrackId INTEGER PRIMARY KEY, Name TEXT)`,
		`CREATE TABLE playlist_track (PlaylistId INTEGER NOT NULL REFERENCES playlists, TrackId INTEGER NOT NULL REFERENCES tracks,
			PRIMARY KEY (PlaylistId, TrackId))`,
		`INSERT INTO playlists VALUES (1, 'Music')`,
		`INSERT INTO tracks VALUES (1, 'a'), (2, 'b'), (3, 'c')`,
		`INSERT INTO playlist_track VALUES (1, 1), (1, 3)`)
	reg := automap.MustMap(ctx, db)
	if _, err := db.ExecContext(ctx, `ALTER TABLE playlists ADD COLUMN Note TEXT`); err != nil {
		t.Fatal(err)
	}
	again, err := automap.Map(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range []*automap.Registry{reg, again} {
		if got := selectAll(t, db, r, "playlists", "Tracks"); !strings.HasSuffix(got, `Tracks: [tracks(TrackId=1, Name="a"), tracks(TrackId=3, Name="c")]`+"\n") {
			t.Errorf("playlist 1 with its tracks:\n%s", got)
		}
	}
}
