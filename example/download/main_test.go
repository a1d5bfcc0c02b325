package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/bunbook/bunbook/data/download"
	"github.com/bunbook/bunbook/internal/shareddata"
)

func TestRun(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "chinook.db")
	var out strings.Builder
	err := run(t.Context(), &out, dest,
		download.Source(shareddata.Path(t, "chinook.zip")), download.Output(&out))
	if err != nil {
		t.Fatal(err)
	}
	want := "ready: " + dest + " (884736 bytes, sha256 ok)\n" +
		"tables: albums, artists, customers, employees, genres, invoice_items, invoices, " +
		"media_types, playlist_track, playlists, tracks\n"
	if out.String() != want {
		t.Fatalf("output:\n%s\nwant:\n%s", out.String(), want)
	}
}
