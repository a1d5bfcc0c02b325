package erd_test

import (
	"fmt"

	"github.com/bunbook/bunbook/helpers/erd"
	"github.com/bunbook/bunbook/helpers/inspect"
)

// The Mermaid form of a two-table schema: one artist has many albums.
func ExampleMermaid() {
	s := &inspect.Schema{Tables: []inspect.Table{
		{Name: "artists", Kind: inspect.KindTable, PrimaryKey: []string{"ArtistId"},
			Columns: []inspect.Column{{Name: "ArtistId", Type: "INTEGER", PrimaryKey: 1}, {Name: "Name", Type: "NVARCHAR(120)", Nullable: true}}},
		{Name: "albums", Kind: inspect.KindTable, PrimaryKey: []string{"AlbumId"},
			Columns:     []inspect.Column{{Name: "AlbumId", Type: "INTEGER", PrimaryKey: 1}, {Name: "ArtistId", Type: "INTEGER"}},
			ForeignKeys: []inspect.ForeignKey{{Columns: []string{"ArtistId"}, RefTable: "artists", RefColumns: []string{"ArtistId"}}}},
	}}
	fmt.Print(erd.Mermaid(s))
	// Output:
	// erDiagram
	//     artists {
	//         INTEGER ArtistId PK
	//         NVARCHAR(120) Name
	//     }
	//     albums {
	//         INTEGER AlbumId PK
	//         INTEGER ArtistId FK
	//     }
	//     artists ||--o{ albums : "ArtistId"
}
