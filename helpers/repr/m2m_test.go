package repr

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

	PlaylistId int64  `bun:"PlaylistId,pk"`
	Name       string `bun:"Name"`
}

// Bun cannot describe an m2m model without its join model registered on a
// *bun.DB; repr must still print its columns (and leave the relation out).
func TestManyToManyModel(t *testing.T) {
	tr := &m2mTrack{TrackId: 1, Name: "For Those About To Rock (We Salute You)", Playlists: []*m2mPlaylist{{PlaylistId: 1, Name: "Music"}}}
	want := `m2mTrack(TrackId=1, Name="For Those About To Rock (We Salute You)")`
	if got := String(tr); got != want {
		t.Errorf("String = %s, want %s", got, want)
	}
}
