package erd

import (
	"context"
	"database/sql"
	"encoding/base64"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/sqlitedialect"
	"github.com/uptrace/bun/driver/sqliteshim"

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
	svg := SVG(s)
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
	mermaid := Mermaid(s)
	for _, line := range []string{"    artists ||--o{ albums : \"ArtistId\"\n", "        NUMERIC(10-2) UnitPrice\n"} {
		if !strings.Contains(mermaid, line) {
			t.Errorf("Mermaid lacks %q", line)
		}
	}
}

func TestNorthwindDiagram(t *testing.T) {
	s := inspectShared(t, "northwind.db")
	svg := SVG(s)
	if !strings.Contains(svg, `<g data-table="Order Details">`) {
		t.Error("the table with a space in its name is not drawn")
	}
	if n := strings.Count(svg, "<g data-table="); n != 30 {
		t.Errorf("%d boxes, want Northwind's 13 tables + 17 views (views drawn by default)", n)
	}
	if !strings.Contains(Mermaid(s), `Order_Details["Order Details"] {`) {
		t.Error("Mermaid does not alias the table with a space in its name")
	}
}

// The lesson's diagram is an <img> of the SVG as a data: URI, sized to the
// notebook's output width, readable at that size, with the table names as
// its alt text.
func TestChinookHTML(t *testing.T) {
	s := inspectShared(t, "chinook.db")
	html := renderHTML(s)
	m := regexp.MustCompile(`^<img src="data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)" width="(\d+)" height="(\d+)" alt="Entity-relationship diagram of 11 tables: [a-z_, ]+" style="max-width:100%;height:auto">$`).FindStringSubmatch(html)
	if m == nil {
		t.Fatalf("HTML = %.300s…", html)
	}
	svg, err := base64.StdEncoding.DecodeString(m[1])
	if err != nil || string(svg) != SVG(s) {
		t.Fatalf("the data: URI is not the diagram's SVG (%v)", err)
	}
	w, _ := strconv.Atoi(m[2])
	h, _ := strconv.Atoi(m[3])
	natural := regexp.MustCompile(`width="([\d.]+)" height="([\d.]+)"`).FindStringSubmatch(string(svg))
	nw, _ := strconv.ParseFloat(natural[1], 64)
	nh, _ := strconv.ParseFloat(natural[2], 64)
	if w > displayWidth || w < displayWidth-2 {
		t.Errorf("shown %d px wide (natural %v), want it fitted to %d", w, nw, displayWidth)
	}
	if ratio := float64(h) / float64(w); ratio < nh/nw-0.01 || ratio > nh/nw+0.01 {
		t.Errorf("shown %dx%d, natural %vx%v: aspect ratio changed", w, h, nw, nh)
	}
	// The 12 px text must stay at least 10 px on screen.
	if scale := float64(w) / nw; 12*scale < 10 {
		t.Errorf("scaled to %.2f: text %.1f px, too small to read; make the layout narrower", scale, 12*scale)
	}
}
