package main

import (
	"context"
	"strings"
	"testing"

	"github.com/bunbook/bunbook/internal/shareddata"
)

func TestRunChinook(t *testing.T) {
	var b strings.Builder
	if err := run(context.Background(), &b, shareddata.Path(t, "chinook.db")); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{
		"Generated the following models:\n\t albums, artists, customers, employees, genres, invoice_items, invoices, media_types, playlists, tracks\n",
		"\t playlist_track: association table for playlists ↔ tracks\n",
		"\t columns:   albums.AlbumId, albums.Title, albums.ArtistId\n",
		`first row: albums(AlbumId=1, Title="For Those About To Rock We Salute You", ArtistId=1)`,
		"\t For Those About To Rock We Salute You: 10 tracks\n\t Let There Be Rock: 8 tracks\n",
		`Playlist "Music" (many-to-many through playlist_track): 3290 tracks`,
		"\t Nancy Edwards reports to Andrew Adams\n",
		"0          1  2009-01-01T00:00:00Z  Germany          1.98\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

func TestRunNorthwind(t *testing.T) {
	var b strings.Builder
	if err := run(context.Background(), &b, shareddata.Path(t, "northwind.db")); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{
		"Order Details (OrderDetail)\n\t columns:   Order Details.OrderID, Order Details.ProductID,",
		"\t EmployeeTerritories: association table for Employees ↔ Territories\n",
		"CustomerDemographics (CustomerDemographic)",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "AC/DC") {
		t.Error("the Chinook walk-through ran on Northwind")
	}
}

func TestRunMissingFile(t *testing.T) {
	err := run(context.Background(), &strings.Builder{}, t.TempDir()+"/nope.db")
	if err == nil || !strings.Contains(err.Error(), "nope.db") {
		t.Errorf("err = %v, want one naming the missing file", err)
	}
}
