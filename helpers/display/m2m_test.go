package display

import (
	"testing"

	"github.com/uptrace/bun"
)

type m2mTrack struct {
	bun.BaseModel `bun:"table:tracks"`

	TrackId   int64          `bun:"TrackId,pk"`
	Name      string         `bun:"Name"`
	Playlists []*m2mPlaylist `bun:"m2m:playlist_track,join:Track=Playlist"`
}

type m2mPlaylist struct {
	bun.BaseModel `bun:"table:playlists"`

	PlaylistId int64 `bun:"PlaylistId,pk"`
}

// Models of a type with a many-to-many relation show their columns even
// though Bun alone cannot describe the type (its join model is unknown).
func TestModelsWithManyToMany(t *testing.T) {
	r, err := ModelsResult([]m2mTrack{{TrackId: 1, Name: "Balls to the Wall"}})
	if err != nil {
		t.Fatal(err)
	}
	want := "   TrackId  Name\n0        1  Balls to the Wall\n[1 row × 2 columns]\n"
	if got := Text(r); got != want {
		t.Errorf("Text:\n%q\nwant:\n%q", got, want)
	}
}
