package exercise

import (
	"context"
	"strings"
	"testing"

	"github.com/uptrace/bun"

	"github.com/bunbook/bunbook/internal/progress"
)

// TestTypicalWrongAnswers runs, per question, the mistakes students make
// (real queries on chinook.db) and pins the hint each one gets: it must
// name the actual difference — row count, order, columns or values — and
// never reveal an expected value.
func TestTypicalWrongAnswers(t *testing.T) {
	db := openBun(t)
	ctx := context.Background()
	scan := func(q *bun.SelectQuery, dest ...any) {
		t.Helper()
		if err := q.Scan(ctx, dest...); err != nil {
			t.Fatal(err)
		}
	}
	type nameTotal struct {
		Name  string `bun:"Name"`
		Total int64  `bun:"total"`
	}
	cases := []struct {
		q, mistake string
		answer     func() any
		want       string
	}{
		{"Q3", "DESC order, every column", func() any {
			var rows []Track
			scan(db.NewSelect().Model(&rows).Order("track.TrackId DESC").Limit(3))
			return rows
		}, "none of the 3 rows is an expected one: the first rows are the ones with the lowest TrackId"},
		{"Q3", "Limit(4)", func() any {
			var rows []Track
			scan(db.NewSelect().Model(&rows).Order("track.TrackId").Limit(4))
			return rows
		}, "expected 3 rows, got 4: too many (check the query's Limit)"},
		{"Q3", "two columns into maps", func() any {
			var rows []map[string]any
			scan(db.NewSelect().Table("tracks").Column("TrackId", "Name").Order("TrackId").Limit(3), &rows)
			return rows
		}, "row 1: has the columns name, trackid but no AlbumId: select it AS AlbumId"},
		{"Q3", "every other row (Offset)", func() any {
			var rows []Track
			scan(db.NewSelect().Model(&rows).Order("track.TrackId").Offset(1).Limit(3))
			return rows
		}, "row 1 is not the expected one (3 of the 3 rows are not): the first rows are the ones with the lowest TrackId"},
		{"Q4", "no join: album id instead of title", func() any {
			var rows []struct {
				Name    string `bun:"Name"`
				AlbumId int64  `bun:"Title"`
			}
			scan(db.NewSelect().Table("tracks").ColumnExpr("Name, AlbumId AS Title").Order("TrackId").Limit(20), &rows)
			return rows
		}, "row 1: the album title differs (20 rows differ); each track with the title of its own album"},
		{"Q4", "relation not loaded", func() any {
			var rows []Track
			scan(db.NewSelect().Model(&rows).Order("track.TrackId").Limit(20))
			return rows
		}, "row 1: has no album title: name its field Title, AlbumTitle, Album.Title or Album, or load its relation Album with the query's Relation"},
		{"Q4", "artist name instead of album title", func() any {
			var rows []struct{ TrackName, AlbumTitle string }
			scan(db.NewSelect().TableExpr("tracks AS t").ColumnExpr("t.Name AS track_name, ar.Name AS album_title").
				Join("JOIN albums AS a ON a.AlbumId = t.AlbumId").Join("JOIN artists AS ar ON ar.ArtistId = a.ArtistId").
				Order("t.TrackId").Limit(20), &rows)
			return rows
		}, "row 1: the album title differs (20 rows differ); each track with the title of its own album"},
		{"Q5a", "ordered by TrackId", func() any {
			var rows []InvoiceItem
			scan(db.NewSelect().Model(&rows).Order("invoice_item.TrackId").Limit(10))
			return rows
		}, "row 1 is not the expected one (10 of the 10 rows are not): the first invoice items are the ones with the lowest InvoiceLineId"},
		{"Q5b", "invoice id instead of quantity", func() any {
			var rows []struct {
				Name     string `bun:"Name"`
				Quantity int64  `bun:"quantity"`
			}
			scan(db.NewSelect().TableExpr("invoice_items AS ii").ColumnExpr("t.Name, ii.InvoiceId AS quantity").
				Join("JOIN tracks AS t USING (TrackId)").Order("ii.InvoiceLineId").Limit(10), &rows)
			return rows
		}, "row 3: the quantity differs (8 rows differ); the name of the item's track and the item's own quantity"},
		// The trap the question is about: ordered by the total alone,
		// SQLite returns the ties in TrackId order. This was ✅ when the
		// question broke ties by TrackId (probe 2026-12-05).
		{"Q6", "no tie-breaker", func() any {
			var rows []nameTotal
			scan(db.NewSelect().TableExpr("invoice_items AS ii").ColumnExpr("t.Name, SUM(ii.Quantity) AS total").
				Join("JOIN tracks AS t ON t.TrackId = ii.TrackId").Group("t.TrackId").
				OrderExpr("total DESC").Limit(10), &rows)
			return rows
		}, "row 1: the total is right but the track is another one: " + q6Ties},
		{"Q6", "ties broken by TrackId", func() any {
			var rows []nameTotal
			scan(db.NewSelect().TableExpr("invoice_items AS ii").ColumnExpr("t.Name, SUM(ii.Quantity) AS total").
				Join("JOIN tracks AS t ON t.TrackId = ii.TrackId").Group("t.TrackId").
				OrderExpr("total DESC, t.TrackId").Limit(10), &rows)
			return rows
		}, "row 1: the total is right but the track is another one: " + q6Ties},
		{"Q6", "ties by name, descending", func() any {
			var rows []nameTotal
			scan(db.NewSelect().TableExpr("invoice_items AS ii").ColumnExpr("t.Name, SUM(ii.Quantity) AS total").
				Join("JOIN tracks AS t ON t.TrackId = ii.TrackId").Group("t.TrackId").
				OrderExpr("total DESC, t.Name DESC").Limit(10), &rows)
			return rows
		}, "row 1: the total is right but the track is another one: " + q6Ties},
		{"Q6", "count of invoice items instead of quantity", func() any {
			var rows []nameTotal
			scan(db.NewSelect().TableExpr("invoice_items AS ii").ColumnExpr("t.Name, COUNT(*) * 3 AS total").
				Join("JOIN tracks AS t ON t.TrackId = ii.TrackId").Group("t.TrackId").
				OrderExpr("total DESC, t.Name, t.TrackId").Limit(10), &rows)
			return rows
		}, "row 1: the total sold differs (10 rows differ); the total adds up Quantity over the track's invoice items"},
		{"Q7", "grouped by album", func() any {
			var rows []nameTotal
			scan(db.NewSelect().TableExpr("invoice_items AS ii").ColumnExpr("ar.Name, SUM(ii.Quantity) AS total").
				Join("JOIN tracks AS t ON t.TrackId = ii.TrackId").Join("JOIN albums AS al ON al.AlbumId = t.AlbumId").
				Join("JOIN artists AS ar ON ar.ArtistId = al.ArtistId").Group("al.AlbumId").
				OrderExpr("total DESC").Limit(10), &rows)
			return rows
		}, "none of the 10 rows is an expected one: group by artist and order by the total descending"},
		{"Q7", "ascending", func() any {
			var rows []nameTotal
			scan(db.NewSelect().TableExpr("invoice_items AS ii").ColumnExpr("ar.Name, SUM(ii.Quantity) AS total").
				Join("JOIN tracks AS t ON t.TrackId = ii.TrackId").Join("JOIN albums AS al ON al.AlbumId = t.AlbumId").
				Join("JOIN artists AS ar ON ar.ArtistId = al.ArtistId").Group("ar.ArtistId").
				OrderExpr("total").Limit(10), &rows)
			return rows
		}, "none of the 10 rows is an expected one: group by artist and order by the total descending"},
	}
	secrets := answerSecrets(t)
	for _, c := range cases {
		r := Check(c.q, c.answer())
		if r.outcome != progress.Wrong || r.hint != c.want {
			t.Errorf("%s, %s:\n got %s\nwant hint %s", c.q, c.mistake, r, c.want)
		}
		for _, s := range secrets {
			if strings.Contains(r.hint, s) {
				t.Errorf("%s, %s: hint %q reveals %q", c.q, c.mistake, r.hint, s)
			}
		}
	}
}

const q6Ties = "many tracks tie at the same total, so which of them come first depends on the tie-breaker: order by the total descending, then by the track name (then TrackId, for tracks of the same name)"

// answerSecrets lists the expected cells a hint must never show.
func answerSecrets(t *testing.T) []string {
	var secrets []string
	for key, rows := range referenceAnswers(t) {
		if key == keySchemaColumns || key == keySchemaSQL {
			continue // table and column names are the student's own
		}
		for _, row := range rows {
			for _, c := range row {
				if len(c) >= 4 {
					secrets = append(secrets, c)
				}
			}
		}
	}
	return secrets
}
