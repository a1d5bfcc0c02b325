package main

import (
	"cmp"
	"context"
	"slices"

	"github.com/uptrace/bun"

	"github.com/bunbook/bunbook/helpers/inspect"
)

// solution is one way of answering one question.
type solution struct {
	question string // "Q1" … "Q7", "Q5a", "Q5b"
	how      string // "query builder", "models", …
	solve    func(ctx context.Context, db *bun.DB) (any, error)
}

// solutions answers every question with Bun's query builder and with
// models. The solutions notebook runs the same code, cell by cell.
var solutions = []solution{
	{"Q1", "connect", func(ctx context.Context, db *bun.DB) (any, error) { return db, nil }},

	{"Q2", "query builder", func(ctx context.Context, db *bun.DB) (any, error) {
		var tables []struct {
			Name string `bun:"name"`
			SQL  string `bun:"sql"`
		}
		err := db.NewSelect().Table("sqlite_master").Column("name", "sql").
			Where("type = ?", "table").Order("name").Scan(ctx, &tables)
		return tables, err
	}},
	{"Q2", "models", func(ctx context.Context, db *bun.DB) (any, error) {
		var tables []SchemaObject
		err := db.NewSelect().Model(&tables).Where("type = ?", "table").Order("name").Scan(ctx)
		return tables, err
	}},
	{"Q2", "inspect", func(ctx context.Context, db *bun.DB) (any, error) {
		return inspect.Inspect(ctx, db)
	}},

	{"Q3", "query builder", func(ctx context.Context, db *bun.DB) (any, error) {
		var rows []map[string]any
		err := db.NewSelect().Table("tracks").Order("TrackId").Limit(3).Scan(ctx, &rows)
		return rows, err
	}},
	{"Q3", "models", func(ctx context.Context, db *bun.DB) (any, error) {
		var tracks []Track
		err := db.NewSelect().Model(&tracks).Order("track.TrackId").Limit(3).Scan(ctx)
		return tracks, err
	}},

	{"Q4", "query builder", func(ctx context.Context, db *bun.DB) (any, error) {
		var rows []struct {
			TrackName  string
			AlbumTitle string
		}
		err := db.NewSelect().
			TableExpr("tracks AS t").
			ColumnExpr("t.Name AS track_name").
			ColumnExpr("a.Title AS album_title").
			Join("JOIN albums AS a ON a.AlbumId = t.AlbumId").
			Order("t.TrackId").
			Limit(20).
			Scan(ctx, &rows)
		return rows, err
	}},
	{"Q4", "models", func(ctx context.Context, db *bun.DB) (any, error) {
		var tracks []Track
		err := db.NewSelect().Model(&tracks).Relation("Album").Order("track.TrackId").Limit(20).Scan(ctx)
		return tracks, err
	}},

	{"Q5a", "query builder", func(ctx context.Context, db *bun.DB) (any, error) {
		var rows []map[string]any
		err := db.NewSelect().Table("invoice_items").Order("InvoiceLineId").Limit(10).Scan(ctx, &rows)
		return rows, err
	}},
	{"Q5a", "models", func(ctx context.Context, db *bun.DB) (any, error) {
		var items []InvoiceItem
		err := db.NewSelect().Model(&items).Order("invoice_item.InvoiceLineId").Limit(10).Scan(ctx)
		return items, err
	}},
	{"Q5b", "query builder", func(ctx context.Context, db *bun.DB) (any, error) {
		var rows []struct {
			TrackName string
			Quantity  int64
		}
		err := db.NewSelect().
			TableExpr("invoice_items AS ii").
			ColumnExpr("t.Name AS track_name").
			ColumnExpr("ii.Quantity AS quantity").
			Join("JOIN tracks AS t ON t.TrackId = ii.TrackId").
			Order("ii.InvoiceLineId").
			Limit(10).
			Scan(ctx, &rows)
		return rows, err
	}},
	{"Q5b", "models", func(ctx context.Context, db *bun.DB) (any, error) {
		var items []InvoiceItem
		err := db.NewSelect().Model(&items).Relation("Track").Order("invoice_item.InvoiceLineId").Limit(10).Scan(ctx)
		return items, err
	}},

	{"Q6", "query builder", func(ctx context.Context, db *bun.DB) (any, error) {
		var rows []TrackSales
		err := db.NewSelect().
			TableExpr("invoice_items AS ii").
			ColumnExpr("t.TrackId, t.Name").
			ColumnExpr("SUM(ii.Quantity) AS sold").
			Join("JOIN tracks AS t ON t.TrackId = ii.TrackId").
			Group("t.TrackId").
			OrderExpr("sold DESC, t.Name ASC, t.TrackId ASC"). // 256 tracks tie at 2: the name breaks the tie
			Limit(10).
			Scan(ctx, &rows)
		return rows, err
	}},
	{"Q6", "models", func(ctx context.Context, db *bun.DB) (any, error) {
		var items []InvoiceItem
		if err := db.NewSelect().Model(&items).Relation("Track").Scan(ctx); err != nil {
			return nil, err
		}
		sold := map[int64]*TrackSales{}
		for _, it := range items {
			s := sold[it.TrackId]
			if s == nil {
				s = &TrackSales{TrackId: it.TrackId, Name: it.Track.Name}
				sold[it.TrackId] = s
			}
			s.Sold += it.Quantity
		}
		return topN(sold, 10, func(a, b *TrackSales) int {
			return cmp.Or(cmp.Compare(b.Sold, a.Sold), cmp.Compare(a.Name, b.Name), cmp.Compare(a.TrackId, b.TrackId))
		}), nil
	}},

	{"Q7", "query builder", func(ctx context.Context, db *bun.DB) (any, error) {
		var rows []ArtistSales
		err := db.NewSelect().
			TableExpr("invoice_items AS ii").
			ColumnExpr("ar.ArtistId, ar.Name").
			ColumnExpr("SUM(ii.Quantity) AS sold").
			Join("JOIN tracks AS t ON t.TrackId = ii.TrackId").
			Join("JOIN albums AS al ON al.AlbumId = t.AlbumId").
			Join("JOIN artists AS ar ON ar.ArtistId = al.ArtistId").
			Group("ar.ArtistId").
			OrderExpr("sold DESC, ar.Name ASC").
			Limit(10).
			Scan(ctx, &rows)
		return rows, err
	}},
	{"Q7", "models", func(ctx context.Context, db *bun.DB) (any, error) {
		var items []InvoiceItem
		if err := db.NewSelect().Model(&items).Relation("Track.Album.Artist").Scan(ctx); err != nil {
			return nil, err
		}
		sold := map[int64]*ArtistSales{}
		for _, it := range items {
			artist := it.Track.Album.Artist
			s := sold[artist.ArtistId]
			if s == nil {
				s = &ArtistSales{ArtistId: artist.ArtistId, Name: *artist.Name}
				sold[artist.ArtistId] = s
			}
			s.Sold += it.Quantity
		}
		return topN(sold, 10, func(a, b *ArtistSales) int {
			return cmp.Or(cmp.Compare(b.Sold, a.Sold), cmp.Compare(a.Name, b.Name))
		}), nil
	}},
}

// TrackSales is one line of the track sales chart (Q6).
type TrackSales struct {
	TrackId int64  `bun:"TrackId"`
	Name    string `bun:"Name"`
	Sold    int64  `bun:"sold"`
}

// ArtistSales is one line of the artist sales chart (Q7).
type ArtistSales struct {
	ArtistId int64  `bun:"ArtistId"`
	Name     string `bun:"Name"`
	Sold     int64  `bun:"sold"`
}

// topN sorts the values of m with cmp and keeps the first n.
func topN[K comparable, V any](m map[K]*V, n int, cmp func(a, b *V) int) []*V {
	list := make([]*V, 0, len(m))
	for _, v := range m {
		list = append(list, v)
	}
	slices.SortFunc(list, cmp)
	return list[:min(n, len(list))]
}
