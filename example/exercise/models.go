package main

import "github.com/uptrace/bun"

// The Chinook models the model-based answers use, as bunacodegen writes
// them for these tables (lesson 2): Chinook's columns are CamelCase, so
// every bun tag spells out the column name.

// Artist is a row of table "artists".
type Artist struct {
	bun.BaseModel `bun:"table:artists,alias:artist"`

	ArtistID int64   `bun:"ArtistId,pk,autoincrement"`
	Name     *string `bun:"Name"`

	Albums []*Album `bun:"rel:has-many,join:ArtistId=ArtistId"`
}

// Album is a row of table "albums".
type Album struct {
	bun.BaseModel `bun:"table:albums,alias:album"`

	AlbumID  int64  `bun:"AlbumId,pk,autoincrement"`
	Title    string `bun:"Title,notnull"`
	ArtistID int64  `bun:"ArtistId,notnull"`

	Artist *Artist  `bun:"rel:belongs-to,join:ArtistId=ArtistId"`
	Tracks []*Track `bun:"rel:has-many,join:AlbumId=AlbumId"`
}

// Track is a row of table "tracks".
type Track struct {
	bun.BaseModel `bun:"table:tracks,alias:track"`

	TrackID      int64   `bun:"TrackId,pk,autoincrement"`
	Name         string  `bun:"Name,notnull"`
	AlbumID      *int64  `bun:"AlbumId"`
	MediaTypeID  int64   `bun:"MediaTypeId,notnull"`
	GenreID      *int64  `bun:"GenreId"`
	Composer     *string `bun:"Composer"`
	Milliseconds int64   `bun:"Milliseconds,notnull"`
	Bytes        *int64  `bun:"Bytes"`
	UnitPrice    float64 `bun:"UnitPrice,type:NUMERIC(10,2),notnull"`

	Album        *Album         `bun:"rel:belongs-to,join:AlbumId=AlbumId"`
	InvoiceItems []*InvoiceItem `bun:"rel:has-many,join:TrackId=TrackId"`
}

// InvoiceItem is a row of table "invoice_items".
type InvoiceItem struct {
	bun.BaseModel `bun:"table:invoice_items,alias:invoice_item"`

	InvoiceLineID int64   `bun:"InvoiceLineId,pk,autoincrement"`
	InvoiceID     int64   `bun:"InvoiceId,notnull"`
	TrackID       int64   `bun:"TrackId,notnull"`
	UnitPrice     float64 `bun:"UnitPrice,type:NUMERIC(10,2),notnull"`
	Quantity      int64   `bun:"Quantity,notnull"`

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
