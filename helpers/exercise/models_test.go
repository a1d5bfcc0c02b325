package exercise

import (
	"cmp"
	"context"
	"database/sql"
	"slices"
	"testing"

	"github.com/bunbook/bunbook/helpers/inspect"
	"github.com/bunbook/bunbook/internal/shareddata"
	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/sqlitedialect"
	"github.com/uptrace/bun/driver/sqliteshim"
)

// Chinook models as a student would write them (the same shape codegen
// produces): Bun column names spelled out, since Chinook's are CamelCase.
type Artist struct {
	bun.BaseModel `bun:"table:artists,alias:artist"`
	ArtistID      int64   `bun:"ArtistId,pk,autoincrement"`
	Name          *string `bun:"Name"`
}

type Album struct {
	bun.BaseModel `bun:"table:albums,alias:album"`
	AlbumID       int64   `bun:"AlbumId,pk,autoincrement"`
	Title         string  `bun:"Title"`
	ArtistID      int64   `bun:"ArtistId"`
	Artist        *Artist `bun:"rel:belongs-to,join:ArtistId=ArtistId"`
}

type Track struct {
	bun.BaseModel `bun:"table:tracks,alias:track"`
	TrackID       int64          `bun:"TrackId,pk,autoincrement"`
	Name          string         `bun:"Name"`
	AlbumID       sql.NullInt64  `bun:"AlbumId"`
	MediaTypeID   int64          `bun:"MediaTypeId"`
	GenreID       *int64         `bun:"GenreId"`
	Composer      sql.NullString `bun:"Composer"`
	Milliseconds  int64          `bun:"Milliseconds"`
	Bytes         *int64         `bun:"Bytes"`
	UnitPrice     float64        `bun:"UnitPrice"`
	Album         *Album         `bun:"rel:belongs-to,join:AlbumId=AlbumId"`
	InvoiceItems  []InvoiceItem  `bun:"rel:has-many,join:TrackId=TrackId"`
}

type InvoiceItem struct {
	bun.BaseModel `bun:"table:invoice_items,alias:invoice_item"`
	InvoiceLineID int64   `bun:"InvoiceLineId,pk,autoincrement"`
	InvoiceID     int64   `bun:"InvoiceId"`
	TrackID       int64   `bun:"TrackId"`
	UnitPrice     float64 `bun:"UnitPrice"`
	Quantity      int64   `bun:"Quantity"`
	Track         *Track  `bun:"rel:belongs-to,join:TrackId=TrackId"`
}

func openBun(t testing.TB) *bun.DB {
	t.Helper()
	path := shareddata.Path(t, "chinook.db")
	sqldb, err := sql.Open(sqliteshim.ShimName, "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	db := bun.NewDB(sqldb, sqlitedialect.New())
	t.Cleanup(func() { db.Close() })
	return db
}

// solutions answers every question the way the solutions notebook does:
// with the query builder and with models. Each entry is one answer.
func solutions(t *testing.T, db *bun.DB) map[string][]any {
	ctx := context.Background()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	out := map[string][]any{"Q1": {db}}

	// Q2: sqlite_master through the query builder, and the inspected schema.
	var master []struct {
		Name string
		SQL  string `bun:"sql"`
	}
	must(db.NewSelect().Table("sqlite_master").Column("name", "sql").
		Where("type = 'table'").Order("name").Scan(ctx, &master))
	out["Q2"] = append(out["Q2"], master)
	schema, err := inspect.Inspect(ctx, db)
	must(err)
	columns := map[string][]string{}
	for _, tbl := range schema.Tables {
		for _, c := range tbl.Columns {
			columns[tbl.Name] = append(columns[tbl.Name], c.Name)
		}
	}
	out["Q2"] = append(out["Q2"], schema, columns)

	// Q3
	var trackMaps []map[string]any
	must(db.NewSelect().Table("tracks").Order("TrackId").Limit(3).Scan(ctx, &trackMaps))
	var tracks []Track
	must(db.NewSelect().Model(&tracks).Order("track.TrackId").Limit(3).Scan(ctx))
	out["Q3"] = []any{trackMaps, tracks}

	// Q4
	var q4 []struct {
		TrackName  string
		AlbumTitle string
	}
	must(db.NewSelect().TableExpr("tracks AS t").
		ColumnExpr("t.Name AS track_name").ColumnExpr("a.Title AS album_title").
		Join("JOIN albums AS a ON a.AlbumId = t.AlbumId").
		Order("t.TrackId").Limit(20).Scan(ctx, &q4))
	var q4m []Track
	must(db.NewSelect().Model(&q4m).Relation("Album").Order("track.TrackId").Limit(20).Scan(ctx))
	out["Q4"] = []any{q4, q4m}

	// Q5
	var items []InvoiceItem
	must(db.NewSelect().Model(&items).Relation("Track").Order("invoice_item.InvoiceLineId").Limit(10).Scan(ctx))
	rows, err := db.QueryContext(ctx, `SELECT t.Name, ii.Quantity FROM invoice_items ii
		JOIN tracks t USING (TrackId) ORDER BY ii.InvoiceLineId LIMIT 10`)
	must(err)
	out["Q5a"] = []any{items}
	out["Q5b"] = []any{items, rows}

	// Q6
	var q6 [][]any
	q6rows, err := db.NewSelect().TableExpr("invoice_items AS ii").
		ColumnExpr("t.Name").ColumnExpr("SUM(ii.Quantity) AS total").
		Join("JOIN tracks AS t ON t.TrackId = ii.TrackId").
		Group("t.TrackId").OrderExpr("total DESC, t.Name, t.TrackId").Limit(10).Rows(ctx)
	must(err)
	for q6rows.Next() {
		var name string
		var total int64
		must(q6rows.Scan(&name, &total))
		q6 = append(q6, []any{name, total})
	}
	q6rows.Close()
	out["Q6"] = []any{q6}

	// Q7
	// Q6 and Q7 with models: load every invoice item with its track (and
	// the track's album and artist), add up in Go.
	var all []InvoiceItem
	must(db.NewSelect().Model(&all).Relation("Track.Album.Artist").Scan(ctx))
	type trackSales struct {
		Track *Track
		Sold  int64
	}
	type artistSales struct {
		Artist *Artist
		Total  int64
	}
	byTrack := map[int64]*trackSales{}
	byArtist := map[int64]*artistSales{}
	for _, it := range all {
		ts := byTrack[it.TrackID]
		if ts == nil {
			ts = &trackSales{Track: it.Track}
			byTrack[it.TrackID] = ts
		}
		ts.Sold += it.Quantity
		ar := it.Track.Album.Artist
		as := byArtist[ar.ArtistID]
		if as == nil {
			as = &artistSales{Artist: ar}
			byArtist[ar.ArtistID] = as
		}
		as.Total += it.Quantity
	}
	var q6m []trackSales
	for _, ts := range byTrack {
		q6m = append(q6m, *ts)
	}
	slices.SortFunc(q6m, func(a, b trackSales) int {
		return cmp.Or(cmp.Compare(b.Sold, a.Sold), cmp.Compare(a.Track.Name, b.Track.Name), cmp.Compare(a.Track.TrackID, b.Track.TrackID))
	})
	out["Q6"] = append(out["Q6"], q6m[:10])
	var q7m []*artistSales
	for _, as := range byArtist {
		q7m = append(q7m, as)
	}
	slices.SortFunc(q7m, func(a, b *artistSales) int { return cmp.Compare(b.Total, a.Total) })
	out["Q7"] = append(out["Q7"], q7m[:10])

	var q7b []struct {
		ArtistName string
		Sold       int64
	}
	must(db.NewSelect().TableExpr("invoice_items AS ii").
		ColumnExpr("ar.Name AS artist_name").ColumnExpr("SUM(ii.Quantity) AS sold").
		Join("JOIN tracks AS t ON t.TrackId = ii.TrackId").
		Join("JOIN albums AS al ON al.AlbumId = t.AlbumId").
		Join("JOIN artists AS ar ON ar.ArtistId = al.ArtistId").
		Group("ar.ArtistId").OrderExpr("sold DESC").Limit(10).Scan(ctx, &q7b))
	out["Q7"] = append(out["Q7"], q7b)
	return out
}

// TestSolutionsPass answers each question in several natural Go forms
// (struct rows, maps, positional rows, *sql.Rows, models with relations)
// and requires every one to be correct.
func TestSolutionsPass(t *testing.T) {
	db := openBun(t)
	n := 0
	for q, answers := range solutions(t, db) {
		for i, a := range answers {
			if r := Check(q, a); !r.OK() {
				t.Errorf("%s answer %d (%T): %s", q, i, a, r)
			}
			n++
		}
	}
	if n != 15 {
		t.Errorf("checked %d answers, want 15", n)
	}
}

func openEmpty(t testing.TB) *bun.DB {
	t.Helper()
	sqldb, err := sql.Open(sqliteshim.ShimName, "file:"+t.TempDir()+"/new.db")
	if err != nil {
		t.Fatal(err)
	}
	db := bun.NewDB(sqldb, sqlitedialect.New())
	t.Cleanup(func() { db.Close() })
	return db
}
