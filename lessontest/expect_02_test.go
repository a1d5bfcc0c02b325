package lessontest_test

import (
	"errors"
	"io/fs"
	"os"
	"strings"
	"testing"

	"github.com/bunbook/bunbook/internal/nbrun"
)

func init() {
	expect("02_reflect_existing_database.ipynb", expectation{Setup: firstRun02, Check: check02})
}

// firstRun02 starts lesson 2 from a student's first-run state: the database
// it downloads (an ignored file, which `make clean` removes too) is removed,
// so run 1 downloads it and run 2 finds it cached; both must read the same
// (nbrun.Normalize drops the erased progress bar and ", cached").
func firstRun02(t *testing.T) {
	if err := os.Remove("chinook.db"); err != nil && !errors.Is(err, fs.ErrNotExist) {
		t.Fatal(err)
	}
}

// check02 asserts lesson 2's outputs: the verified download, the 13 table
// names, a row in a map and rows in a struct with plain Bun, the schema
// picture drawn from the inspected schema, the automap models and the
// struct behind the albums model, the generated source (the very code pasted
// into the next cell) and the first track with its album and artist.
func check02(t *testing.T, nb *nbrun.Notebook) {
	// The bar's display becomes the ready line: no empty output above it.
	if got, want := strings.Join(cellByID(t, nb, "download").HTML(), "|"),
		"<pre class=\"chinook-download\">\nready: <repo>/notebooks/chinook.db (884736 bytes, sha256 ok)\n</pre>"; got != want {
		t.Errorf("download showed %q, want only %q", got, want)
	}

	tables := []string{"albums", "artists", "customers", "employees", "genres", "invoice_items", "invoices",
		"media_types", "playlist_track", "playlists", "sqlite_sequence", "sqlite_stat1", "tracks"}
	if got, want := cellByID(t, nb, "table-names").Stdout(), "13 tables:\n\t"+strings.Join(tables, "\n\t")+"\n"; got != want {
		t.Errorf("table-names printed\n%s\nwant\n%s", got, want)
	}

	requireLine(t, "scan-map", cellByID(t, nb, "scan-map").Stdout(),
		"map[AlbumId:1 ArtistId:1 Title:For Those About To Rock We Salute You]", 1)
	if got, want := cellByID(t, nb, "scan-struct").Stdout(),
		"AC/DC — For Those About To Rock We Salute You\nAC/DC — Let There Be Rock\n"; got != want {
		t.Errorf("scan-struct printed\n%s\nwant\n%s", got, want)
	}

	pic := cellByID(t, nb, "schema-picture")
	var svg, mermaid string
	for _, o := range pic.Outputs {
		if o.Type == "display_data" {
			svg, mermaid = o.Data["image/svg+xml"], o.Data["text/plain"]
		}
	}
	if !strings.HasPrefix(strings.TrimSpace(svg), "<svg") || !strings.HasPrefix(strings.TrimSpace(mermaid), "erDiagram") {
		t.Fatalf("schema-picture: want an SVG with a Mermaid text fallback, got outputs %v", pic.Outputs)
	}
	for _, table := range tables[:10] {
		if table == "sqlite_sequence" || table == "sqlite_stat1" {
			continue
		}
		if !strings.Contains(svg, ">"+table+"<") {
			t.Errorf("schema-picture: the SVG has no box titled %s", table)
		}
	}
	if !strings.Contains(svg, ">tracks<") || strings.Contains(svg, "sqlite_sequence") {
		t.Errorf("schema-picture: want the 11 Chinook tables, not SQLite's own")
	}

	models := cellByID(t, nb, "automap-models").Stdout()
	requireLine(t, "automap-models", models, "Generated the following models:", 1)
	for _, m := range [][2]string{
		{"albums", "Album"}, {"artists", "Artist"}, {"customers", "Customer"}, {"employees", "Employee"},
		{"genres", "Genre"}, {"invoice_items", "InvoiceItem"}, {"invoices", "Invoice"},
		{"media_types", "MediaType"}, {"playlists", "Playlist"}, {"tracks", "Track"},
	} {
		requireLine(t, "automap-models", models, "\t"+padRight(m[0], 14)+" → "+m[1], 1)
	}
	if !strings.Contains(models, "\tplaylist_track  association table") {
		t.Errorf("automap-models: playlist_track is not listed as not mapped:\n%s", models)
	}

	album := cellByID(t, nb, "automap-album").Stdout()
	for _, line := range []string{
		"\tBaseModel schema.BaseModel `bun:\"table:albums,alias:album\"`",
		"\tAlbumId int64 `bun:\"AlbumId,pk,autoincrement\"`",
		"\tTitle string `bun:\"Title,notnull,type:nvarchar(160)\"`",
		"\tArtist *struct{…} `bun:\"rel:belongs-to,join:ArtistId=ArtistId\"`",
		"Title: For Those About To Rock We Salute You",
	} {
		requireLine(t, "automap-album", album, line, 1)
	}

	generated := strings.TrimSpace(cellByID(t, nb, "codegen").Stdout())
	pasted := strings.TrimSpace(cellByID(t, nb, "generated-models").Source)
	if generated != pasted {
		t.Errorf("the generated-models cell is not exactly what the codegen cell prints; paste the fresh output.\ncodegen printed:\n%s", generated)
	}
	for _, want := range []string{"type Album struct {", "type Track struct {", "type MediaType struct {",
		"// Added because a selected table refers to them: media_types."} {
		if !strings.Contains(generated, want) {
			t.Errorf("codegen: the source has no %q", want)
		}
	}

	first := cellByID(t, nb, "generated-query").Stdout()
	requireLine(t, "generated-query", first, "main.Track", 1)
	requireLine(t, "generated-query", first,
		"Song: For Those About To Rock (We Salute You) | Album: For Those About To Rock We Salute You | Artist: AC/DC", 1)
}

func padRight(s string, n int) string {
	if len(s) >= n {
		return s
	}
	return s + strings.Repeat(" ", n-len(s))
}
