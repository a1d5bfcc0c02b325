package erd_test

import (
	"context"
	"database/sql"
	"strings"
	"testing"

	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/sqlitedialect"
	"github.com/uptrace/bun/driver/sqliteshim"

	"github.com/bunbook/bunbook/helpers/erd"
	"github.com/bunbook/bunbook/helpers/inspect"
	"github.com/bunbook/bunbook/internal/shareddata"
)

func inspectShared(t *testing.T, name string) *inspect.Schema {
	t.Helper()
	sqldb, err := sql.Open(sqliteshim.ShimName, "file:"+shareddata.Path(t, name)+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	db := bun.NewDB(sqldb, sqlitedialect.New())
	t.Cleanup(func() { db.Close() })
	s, err := inspect.Inspect(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestChinookDiagram(t *testing.T) {
	s := inspectShared(t, "chinook.db")
	svg := erd.SVG(s)
	if n := strings.Count(svg, "<g data-table="); n != 11 {
		t.Errorf("%d tables drawn, want Chinook's 11", n)
	}
	for _, fk := range []string{
		`data-fk="albums.ArtistId -&gt; artists.ArtistId"`,
		`data-fk="employees.ReportsTo -&gt; employees.EmployeeId"`,
		`data-fk="playlist_track.TrackId -&gt; tracks.TrackId"`,
		`data-fk="invoice_items.InvoiceId -&gt; invoices.InvoiceId"`,
	} {
		if !strings.Contains(svg, fk) {
			t.Errorf("relation %s not drawn", fk)
		}
	}
	if n := strings.Count(svg, "data-fk="); n != 11 {
		t.Errorf("%d relation lines, want Chinook's 11 foreign keys", n)
	}
	mermaid := erd.Mermaid(s)
	for _, line := range []string{"    artists ||--o{ albums : \"ArtistId\"\n", "        NUMERIC(10-2) UnitPrice\n"} {
		if !strings.Contains(mermaid, line) {
			t.Errorf("Mermaid lacks %q", line)
		}
	}
}

func TestNorthwindDiagram(t *testing.T) {
	s := inspectShared(t, "northwind.db")
	svg := erd.SVG(s)
	if !strings.Contains(svg, `<g data-table="Order Details">`) {
		t.Error("the table with a space in its name is not drawn")
	}
	if n := strings.Count(svg, "<g data-table="); n != 30 {
		t.Errorf("%d boxes, want Northwind's 13 tables + 17 views (views drawn by default)", n)
	}
	if n := strings.Count(erd.SVG(s, erd.WithoutViews()), "<g data-table="); n != 13 {
		t.Errorf("%d boxes without views, want 13 tables", n)
	}
	if !strings.Contains(erd.Mermaid(s), `Order_Details["Order Details"] {`) {
		t.Error("Mermaid does not alias the table with a space in its name")
	}
}
