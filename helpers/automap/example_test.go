package automap_test

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/uptrace/bun"

	"github.com/bunbook/bunbook/helpers/automap"
	"github.com/bunbook/bunbook/helpers/connect"
	"github.com/bunbook/bunbook/helpers/repr"
	"github.com/bunbook/bunbook/internal/shareddata"
)

// chinook opens the shared Chinook sample (examples have no *testing.T).
func chinook() *bun.DB {
	dir, err := shareddata.Dir()
	if err != nil {
		panic(err)
	}
	return connect.MustOpen(context.Background(), filepath.Join(dir, "chinook.db"))
}

// The lesson's automap_database(engine): one call maps every table.
func ExampleMap() {
	ctx := context.Background()
	db := chinook()
	defer db.Close()

	reg, err := automap.Map(ctx, db)
	if err != nil {
		panic(err)
	}
	fmt.Println("Generated the following models:")
	fmt.Println("\t", strings.Join(reg.Names(), ", "))
	// Output:
	// Generated the following models:
	//	 albums, artists, customers, employees, genres, invoice_items, invoices, media_types, playlists, tracks
}

// Tables that became no model, and the rule that excluded each.
func ExampleRegistry_Skipped() {
	db := chinook()
	defer db.Close()
	reg := automap.MustMap(context.Background(), db)

	for _, s := range reg.Skipped() {
		fmt.Printf("%s: %s\n", s.Table, s.Reason)
	}
	// Output:
	// playlist_track: association table for playlists ↔ tracks
	// sqlite_sequence: internal table (the database engine's own bookkeeping)
	// sqlite_stat1: internal table (the database engine's own bookkeeping)
}

// The lesson's Album = AutoMapBase.classes['albums'], its columns, and the
// first album.
func ExampleModel() {
	ctx := context.Background()
	db := chinook()
	defer db.Close()
	reg := automap.MustMap(ctx, db)

	albums := reg.MustLookup("albums")
	fmt.Println("columns for", albums, "model:")
	fmt.Println("\t", albums.Columns())

	firstAlbum := albums.New()
	if err := db.NewSelect().Model(firstAlbum).Limit(1).Scan(ctx); err != nil {
		panic(err)
	}
	fmt.Println("first album:", repr.String(firstAlbum))
	fmt.Println("\t", automap.MustGet(firstAlbum, "AlbumId"), automap.MustGet(firstAlbum, "Title"),
		automap.MustGet(firstAlbum, "ArtistId"))
	// Output:
	// columns for albums model:
	//	 [albums.AlbumId albums.Title albums.ArtistId]
	// first album: albums(AlbumId=1, Title="For Those About To Rock We Salute You", ArtistId=1)
	//	 1 For Those About To Rock We Salute You 1
}

// Filters, ordering and a slice of rows.
func ExampleModel_NewSlice() {
	ctx := context.Background()
	db := chinook()
	defer db.Close()
	reg := automap.MustMap(ctx, db)

	customers := reg.MustLookup("customers").NewSlice()
	err := db.NewSelect().Model(customers).
		Where("Country = ?", "Canada").Order("LastName").Limit(3).
		Scan(ctx)
	if err != nil {
		panic(err)
	}
	for _, c := range automap.Rows(customers) {
		fmt.Println(automap.MustGet(c, "FirstName"), automap.MustGet(c, "LastName"), automap.MustGet(c, "City"))
	}
	// Output:
	// Robert Brown Toronto
	// Edward Francis Ottawa
	// Aaron Mitchell Winnipeg
}

// Relations load with Bun's Relation, whichever their kind.
func ExampleRegistry_relations() {
	ctx := context.Background()
	db := chinook()
	defer db.Close()
	reg := automap.MustMap(ctx, db)
	fmt.Println("album relations:", reg.MustLookup("albums").Relations())
	fmt.Println("employee relations:", reg.MustLookup("employees").Relations())

	// belongs-to: album → artist.
	album := reg.MustLookup("albums").New()
	if err := db.NewSelect().Model(album).Relation("Artist").Where("album.AlbumId = 1").Scan(ctx); err != nil {
		panic(err)
	}
	fmt.Println("album 1 is by", automap.MustGet(automap.MustGet(album, "Artist"), "Name"))

	// has-many: artist → albums.
	artist := reg.MustLookup("artists").New()
	err := db.NewSelect().Model(artist).Where("artist.Name = ?", "AC/DC").
		Relation("Albums", func(q *bun.SelectQuery) *bun.SelectQuery { return q.Order("AlbumId") }).
		Scan(ctx)
	if err != nil {
		panic(err)
	}
	for _, a := range automap.Rows(automap.MustGet(artist, "Albums")) {
		fmt.Println("AC/DC album:", automap.MustGet(a, "Title"))
	}

	// many-to-many through playlist_track.
	playlist := reg.MustLookup("playlists").New()
	if err := db.NewSelect().Model(playlist).Relation("Tracks").Where("playlist.PlaylistId = 1").Scan(ctx); err != nil {
		panic(err)
	}
	fmt.Println("playlist 1 has", len(automap.Rows(automap.MustGet(playlist, "Tracks"))), "tracks")

	// self-reference: employee → manager.
	nancy := reg.MustLookup("employees").New()
	err = db.NewSelect().Model(nancy).Relation("ReportsToEmployee").
		Where("employee.FirstName = ? AND employee.LastName = ?", "Nancy", "Edwards").Scan(ctx)
	if err != nil {
		panic(err)
	}
	manager := automap.MustGet(nancy, "ReportsToEmployee")
	fmt.Println("Nancy Edwards reports to", automap.MustGet(manager, "FirstName"), automap.MustGet(manager, "LastName"))
	// Output:
	// album relations: [Artist Tracks]
	// employee relations: [ReportsToEmployee Customers ReportsToEmployees]
	// album 1 is by AC/DC
	// AC/DC album: For Those About To Rock We Salute You
	// AC/DC album: Let There Be Rock
	// playlist 1 has 3290 tracks
	// Nancy Edwards reports to Andrew Adams
}
