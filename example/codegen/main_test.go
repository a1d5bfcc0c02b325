package main

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/bunbook/bunbook/internal/shareddata"
)

func TestPrintsTheLessonModelsForACell(t *testing.T) {
	var out bytes.Buffer
	if err := run(context.Background(), shareddata.Path(t, "chinook.db"), &out); err != nil {
		t.Fatal(err)
	}
	src := out.String()
	if strings.Contains(src, "\npackage ") {
		t.Error("a GoNB cell must not hold a package clause")
	}
	for _, want := range []string{
		"//\tbunacodegen -tables albums,artists,customers,employees,genres,invoice_items,invoices,tracks -cell chinook.db\n",
		"// Added because a selected table refers to them: media_types.\n",
		"type Track struct {\n\tbun.BaseModel `bun:\"table:tracks,alias:track\"`\n",
		"\tAlbum        *Album         `bun:\"rel:belongs-to,join:AlbumId=AlbumId\"`\n",
		"\tArtist *Artist  `bun:\"rel:belongs-to,join:ArtistId=ArtistId\"`\n",
		"\tTotal             string    `bun:\"Total,notnull,type:numeric(10,2)\"`\n",
	} {
		if !strings.Contains(src, want) {
			t.Errorf("output lacks %q", want)
		}
	}
	if n := strings.Count(src, " struct {\n"); n != 9 {
		t.Errorf("%d models, want 9 (the 8 asked for and media_types)", n)
	}
}
