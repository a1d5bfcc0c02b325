package structcols

import (
	"reflect"
	"testing"

	"github.com/uptrace/bun"
)

type Track struct {
	bun.BaseModel `bun:"table:tracks"`

	TrackId   int64       `bun:"TrackId,pk"`
	Name      string      `bun:"Name"`
	Playlists []*Playlist `bun:"m2m:playlist_track,join:Track=Playlist"`
}

type Playlist struct {
	bun.BaseModel `bun:"table:playlists"`

	PlaylistId int64    `bun:"PlaylistId,pk"`
	Tracks     []*Track `bun:"m2m:playlist_track,join:Playlist=Track"`
}

type Audit struct {
	CreatedBy string `bun:"created_by"`
}

type Album struct {
	bun.BaseModel `bun:"table:albums,alias:al"`
	Audit

	AlbumId  int64 `bun:",pk"`
	Title    string
	ArtistId int64   `bun:"ArtistId"`
	Artist   *Artist `bun:"rel:belongs-to,join:ArtistId=ArtistId"`
	Secret   string  `bun:"-"`
}

type Artist struct {
	bun.BaseModel `bun:"table:artists"`
	ArtistId      int64 `bun:"ArtistId,pk"`
}

func names(t Table) (goNames, sqlNames []string) {
	for _, c := range t.Columns {
		goNames = append(goNames, c.GoName)
		sqlNames = append(sqlNames, c.SQLName)
	}
	return goNames, sqlNames
}

func TestOf(t *testing.T) {
	for _, tc := range []struct {
		typ            reflect.Type
		table          string
		goNames, names []string
	}{
		// Bun reads it directly: relations left out, embedded struct flattened.
		{reflect.TypeFor[Album](), "albums", []string{"CreatedBy", "AlbumId", "Title", "ArtistId"}, []string{"created_by", "album_id", "title", "ArtistId"}},
		// Bun alone refuses an m2m model whose join model is not registered.
		{reflect.TypeFor[Track](), "tracks", []string{"TrackId", "Name"}, []string{"TrackId", "Name"}},
		{reflect.TypeFor[Playlist](), "playlists", []string{"PlaylistId"}, []string{"PlaylistId"}},
		// Not a bun model at all.
		{reflect.TypeFor[struct{ A, B int }](), "", []string{"A", "B"}, []string{"a", "b"}},
	} {
		got := Of(tc.typ)
		goNames, sqlNames := names(got)
		if got.Name != tc.table || !reflect.DeepEqual(goNames, tc.goNames) || !reflect.DeepEqual(sqlNames, tc.names) {
			t.Errorf("Of(%v) = %q %q %q, want %q %q %q", tc.typ, got.Name, goNames, sqlNames, tc.table, tc.goNames, tc.names)
		}
	}
}

func TestIndexPointsIntoTheOriginal(t *testing.T) {
	tr := Track{TrackId: 7, Name: "Balls to the Wall"}
	v := reflect.ValueOf(tr)
	var got []any
	for _, c := range Of(reflect.TypeFor[Track]()).Columns {
		got = append(got, v.FieldByIndex(c.Index).Interface())
	}
	if want := []any{int64(7), "Balls to the Wall"}; !reflect.DeepEqual(got, want) {
		t.Errorf("values through Index = %v, want %v", got, want)
	}
	al := Album{Audit: Audit{CreatedBy: "ann"}, Title: "IV"}
	c := Of(reflect.TypeFor[Album]()).Columns[0]
	if got := reflect.ValueOf(al).FieldByIndex(c.Index).Interface(); got != "ann" {
		t.Errorf("embedded column through Index = %v, want ann", got)
	}
}
