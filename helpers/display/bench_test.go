package display

import (
	"context"
	"testing"
)

// BenchmarkFetchLargeTable: showing a 100 000-row table must cost a few
// small queries, not a full read.
func BenchmarkFetchLargeTable(b *testing.B) {
	db, _ := itemsDB(b, 100_000)
	q := db.NewSelect().Model((*item)(nil)).Order("id")
	ctx := context.Background()
	b.ResetTimer()
	for b.Loop() {
		r, err := fetch(ctx, q)
		if err != nil || r.Total != 100_000 {
			b.Fatal(r.Total, err)
		}
	}
}

// BenchmarkReadRowsLargeTable is the raw-rows path, which must read every
// row to count them.
func BenchmarkReadRowsLargeTable(b *testing.B) {
	db, _ := itemsDB(b, 100_000)
	ctx := context.Background()
	b.ResetTimer()
	for b.Loop() {
		rows, err := db.QueryContext(ctx, "SELECT * FROM items")
		if err != nil {
			b.Fatal(err)
		}
		if r, err := readRows(rows); err != nil || r.Total != 100_000 {
			b.Fatal(r.Total, err)
		}
	}
}

func BenchmarkRenderHTML(b *testing.B) {
	r := resultTable{Columns: []string{"id", "name", "price", "note"}, Total: 60}
	for i := range 60 {
		r.Head = append(r.Head, []any{int64(i), "<item> & co", float64(i) / 3, nil})
	}
	for b.Loop() {
		_ = renderHTML(r)
	}
}

func BenchmarkRenderText(b *testing.B) {
	r := resultTable{Columns: []string{"id", "name", "price", "note"}, Total: 60}
	for i := range 60 {
		r.Head = append(r.Head, []any{int64(i), "<item> & co", float64(i) / 3, nil})
	}
	for b.Loop() {
		_ = renderText(r)
	}
}
