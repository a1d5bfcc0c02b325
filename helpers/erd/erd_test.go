package erd

import (
	"encoding/xml"
	"io"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/bunbook/bunbook/helpers/inspect"
)

// musicSchema is a small Chinook-like schema with a self-reference, a
// nullable key and a hostile table name.
func musicSchema() *inspect.Schema {
	return &inspect.Schema{Dialect: "sqlite", Tables: []inspect.Table{
		{Name: "albums", Kind: inspect.KindTable,
			Columns: []inspect.Column{
				{Name: "AlbumId", Type: "INTEGER", PrimaryKey: 1, AutoIncrement: true},
				{Name: "Title", Type: "NVARCHAR(160)"},
				{Name: "ArtistId", Type: "INTEGER"},
			},
			PrimaryKey:  []string{"AlbumId"},
			ForeignKeys: []inspect.ForeignKey{{Columns: []string{"ArtistId"}, RefTable: "artists", RefColumns: []string{"ArtistId"}}},
		},
		{Name: "artists", Kind: inspect.KindTable,
			Columns:    []inspect.Column{{Name: "ArtistId", Type: "INTEGER", PrimaryKey: 1}, {Name: "Name", Type: "NVARCHAR(120)", Nullable: true}},
			PrimaryKey: []string{"ArtistId"},
		},
		{Name: "employees", Kind: inspect.KindTable,
			Columns:     []inspect.Column{{Name: "EmployeeId", Type: "INTEGER", PrimaryKey: 1}, {Name: "ReportsTo", Type: "INTEGER", Nullable: true}},
			PrimaryKey:  []string{"EmployeeId"},
			ForeignKeys: []inspect.ForeignKey{{Columns: []string{"ReportsTo"}, RefTable: "employees", RefColumns: []string{"EmployeeId"}}},
		},
		{Name: `<script>alert("x")</script> & co`, Kind: inspect.KindTable,
			Columns:     []inspect.Column{{Name: "id", Type: "NUMERIC(10,2)", PrimaryKey: 1}, {Name: "album id", Type: "INTEGER", Nullable: true}},
			PrimaryKey:  []string{"id"},
			ForeignKeys: []inspect.ForeignKey{{Columns: []string{"album id"}, RefTable: "ALBUMS", RefColumns: []string{"AlbumId"}}},
		},
		{Name: "sqlite_sequence", Kind: inspect.KindTable, Internal: true, Columns: []inspect.Column{{Name: "name"}, {Name: "seq"}}},
		{Name: "album_titles", Kind: inspect.KindView, Columns: []inspect.Column{{Name: "Title", Type: "NVARCHAR(160)"}}},
	}}
}

func TestMermaid(t *testing.T) {
	got := Mermaid(musicSchema())
	want := `erDiagram
    albums {
        INTEGER AlbumId PK
        NVARCHAR(160) Title
        INTEGER ArtistId FK
    }
    artists {
        INTEGER ArtistId PK
        NVARCHAR(120) Name
    }
    employees {
        INTEGER EmployeeId PK
        INTEGER ReportsTo FK
    }
    script_alert_x_script_co["<script>alert('x')</script> & co"] {
        NUMERIC(10-2) id PK
        INTEGER album_id FK "album id"
    }
    album_titles {
        NVARCHAR(160) Title
    }
    artists ||--o{ albums : "ArtistId"
    employees |o--o{ employees : "ReportsTo"
    albums |o--o{ script_alert_x_script_co : "album id"
`
	if got != want {
		t.Errorf("Mermaid:\n%s\nwant:\n%s", got, want)
	}
}

// svgElement is the part of an SVG element the tests look at.
type svgElement struct {
	name  string
	attrs map[string]string
	text  string
}

// parseSVG checks that the SVG is well-formed XML and returns its elements.
func parseSVG(t *testing.T, svg string) []svgElement {
	t.Helper()
	dec := xml.NewDecoder(strings.NewReader(svg))
	var out []svgElement
	var open []int // indexes into out of the elements not yet closed
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return out
		}
		if err != nil {
			t.Fatalf("SVG is not well-formed: %v\n%s", err, svg)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			e := svgElement{name: tok.Name.Local, attrs: map[string]string{}}
			for _, a := range tok.Attr {
				e.attrs[a.Name.Local] = a.Value
			}
			out = append(out, e)
			open = append(open, len(out)-1)
		case xml.EndElement:
			open = open[:len(open)-1]
		case xml.CharData:
			if len(open) > 0 {
				out[open[len(open)-1]].text += string(tok)
			}
		}
	}
}

func TestSVG(t *testing.T) {
	svg := SVG(musicSchema())
	if strings.Contains(svg, "<script") {
		t.Fatalf("hostile table name reached the SVG unescaped:\n%s", svg)
	}
	elems := parseSVG(t, svg)

	boxes := map[string]float64{} // table → x of its box
	var fks []string
	texts := map[string]bool{}
	for i, e := range elems {
		switch {
		case e.name == "g" && e.attrs["data-table"] != "":
			x, _ := strconv.ParseFloat(elems[i+1].attrs["x"], 64)
			boxes[e.attrs["data-table"]] = x
		case e.name == "path" && e.attrs["data-fk"] != "":
			fks = append(fks, e.attrs["data-fk"])
			if !strings.HasPrefix(e.attrs["marker-start"], "url(#many-erd") || !strings.HasPrefix(e.attrs["marker-end"], "url(#one-erd") {
				t.Errorf("relation %s lacks its markers: %v", e.attrs["data-fk"], e.attrs)
			}
		case e.name == "text":
			texts[e.text] = true
		}
	}
	wantTables := []string{"albums", "artists", "employees", `<script>alert("x")</script> & co`}
	if _, ok := boxes["album_titles"]; !ok || len(boxes) != len(wantTables)+1 {
		t.Errorf("boxes %v, want %v and the view (no internal tables)", boxes, wantTables)
	}
	for _, name := range wantTables {
		if _, ok := boxes[name]; !ok {
			t.Errorf("no box for %q", name)
		}
		if !texts[name] {
			t.Errorf("table name %q not drawn as text", name)
		}
	}
	// Referenced tables sit left of the tables referencing them.
	if !(boxes["artists"] < boxes["albums"] && boxes["albums"] < boxes[`<script>alert("x")</script> & co`]) {
		t.Errorf("layers out of order: %v", boxes)
	}
	wantFKs := []string{
		"albums.ArtistId -> artists.ArtistId",
		"employees.ReportsTo -> employees.EmployeeId",
		`<script>alert("x")</script> & co.album id -> albums.AlbumId`,
	}
	if strings.Join(fks, "|") != strings.Join(wantFKs, "|") {
		t.Errorf("relations %q, want %q", fks, wantFKs)
	}
	for _, text := range []string{"AlbumId", "NVARCHAR(160)", "PK", "FK", "album id", "album_titles (view)"} {
		if !texts[text] {
			t.Errorf("text %q missing", text)
		}
	}
	if SVG(musicSchema()) != svg {
		t.Error("SVG is not deterministic")
	}
}

func TestSVGSizeFitsBoxes(t *testing.T) {
	svg := SVG(musicSchema())
	m := regexp.MustCompile(`^<svg [^>]*width="([0-9.]+)" height="([0-9.]+)"`).FindStringSubmatch(svg)
	if m == nil {
		t.Fatalf("no size on the svg element:\n%s", svg)
	}
	w, _ := strconv.ParseFloat(m[1], 64)
	h, _ := strconv.ParseFloat(m[2], 64)
	for _, e := range parseSVG(t, svg) {
		if e.name != "rect" || e.attrs["x"] == "" {
			continue
		}
		x, _ := strconv.ParseFloat(e.attrs["x"], 64)
		y, _ := strconv.ParseFloat(e.attrs["y"], 64)
		bw, _ := strconv.ParseFloat(e.attrs["width"], 64)
		bh, _ := strconv.ParseFloat(e.attrs["height"], 64)
		if x+bw > w || y+bh > h {
			t.Errorf("box %v outside the %vx%v canvas", e.attrs, w, h)
		}
	}
}

func TestReferenceCycle(t *testing.T) {
	// a → b → a: a cycle must not hang the layout and both lines are drawn.
	s := &inspect.Schema{Tables: []inspect.Table{
		{Name: "a", Kind: inspect.KindTable, Columns: []inspect.Column{{Name: "id", PrimaryKey: 1}, {Name: "b_id", Nullable: true}},
			ForeignKeys: []inspect.ForeignKey{{Columns: []string{"b_id"}, RefTable: "b", RefColumns: []string{"id"}}}},
		{Name: "b", Kind: inspect.KindTable, Columns: []inspect.Column{{Name: "id", PrimaryKey: 1}, {Name: "a_id"}},
			ForeignKeys: []inspect.ForeignKey{{Columns: []string{"a_id"}, RefTable: "a", RefColumns: []string{"id"}}}},
	}}
	if n := strings.Count(SVG(s), "data-fk="); n != 2 {
		t.Errorf("%d relation lines, want 2", n)
	}
}
