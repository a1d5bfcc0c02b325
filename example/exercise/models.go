package main

import "github.com/uptrace/bun"

// The Chinook models the model-based answers use, as bunacodegen writes
// them (lesson 2), trimmed to the four tables the exercises touch: Chinook's
// columns are CamelCase, so every bun tag spells out the column name.

// Artist is a row of table "artists".
type Artist struct {
	bun.BaseModel `bun:"table:artists,alias:artist"`

	ArtistId int64   `bun:"ArtistId,pk,autoincrement"`
	Name     *string `bun:"Name,type:nvarchar(120)"`

	Albums []*Album `bun:"rel:has-many,join:ArtistId=ArtistId"`
}

// Album is a row of table "albums".
type Album struct {
	bun.BaseModel `bun:"table:albums,alias:album"`

	AlbumId  int64  `bun:"AlbumId,pk,autoincrement"`
	Title    string `bun:"Title,notnull,type:nvarchar(160)"`
	ArtistId int64  `bun:"ArtistId,notnull"`

	Artist *Artist  `bun:"rel:belongs-to,join:ArtistId=ArtistId"`
	Tracks []*Track `bun:"rel:has-many,join:AlbumId=AlbumId"`
}

// Track is a row of table "tracks".
type Track struct {
	bun.BaseModel `bun:"table:tracks,alias:track"`

	TrackId      int64   `bun:"TrackId,pk,autoincrement"`
	Name         string  `bun:"Name,notnull,type:nvarchar(200)"`
	AlbumId      *int64  `bun:"AlbumId"`
	MediaTypeId  int64   `bun:"MediaTypeId,notnull"`
	GenreId      *int64  `bun:"GenreId"`
	Composer     *string `bun:"Composer,type:nvarchar(220)"`
	Milliseconds int64   `bun:"Milliseconds,notnull"`
	Bytes        *int64  `bun:"Bytes"`
	UnitPrice    string  `bun:"UnitPrice,notnull,type:numeric(10,2)"`

	Album        *Album         `bun:"rel:belongs-to,join:AlbumId=AlbumId"`
	InvoiceItems []*InvoiceItem `bun:"rel:has-many,join:TrackId=TrackId"`
}

// InvoiceItem is a row of table "invoice_items": one track on one invoice.
type InvoiceItem struct {
	bun.BaseModel `bun:"table:invoice_items,alias:invoice_item"`

	InvoiceLineId int64  `bun:"InvoiceLineId,pk,autoincrement"`
	InvoiceId     int64  `bun:"InvoiceId,notnull"`
	TrackId       int64  `bun:"TrackId,notnull"`
	UnitPrice     string `bun:"UnitPrice,notnull,type:numeric(10,2)"`
	Quantity      int64  `bun:"Quantity,notnull"`

	Track *Track `bun:"rel:belongs-to,join:TrackId=TrackId"`
}

// SchemaObject is a row of sqlite_master, SQLite's catalogue of tables,
// indexes, views and triggers.
type SchemaObject struct {
	bun.BaseModel `bun:"table:sqlite_master,alias:m"`

	Type    string `bun:"type"`
	Name    string `bun:"name"`
	TblName string `bun:"tbl_name"`
	SQL     string `bun:"sql"`
}
