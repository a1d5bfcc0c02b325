package codegen

import (
	"reflect"

	"github.com/bunbook/bunbook/helpers/inspect"
	"github.com/bunbook/bunbook/helpers/modelgraph"
)

// handGraph is a model graph built by hand, as modelgraph.Build would build
// it for a small schema: belongs-to and has-many (artists/albums), a
// self-reference (employees.ReportsTo), a many-to-many through an
// association table (playlists/tracks via playlist_track), a view, and a
// table whose names are hostile to Go and to Bun's tag parser.
func handGraph() *modelgraph.Graph {
	def0 := "0"
	s := &inspect.Schema{Dialect: "sqlite", Tables: []inspect.Table{
		{Name: "albums", Kind: inspect.KindTable, PrimaryKey: []string{"AlbumId"},
			Columns: []inspect.Column{
				{Name: "AlbumId", Type: "INTEGER", PrimaryKey: 1, AutoIncrement: true},
				{Name: "Title", Type: "NVARCHAR(160)"},
				{Name: "ArtistId", Type: "INTEGER"},
			},
			ForeignKeys: []inspect.ForeignKey{{Columns: []string{"ArtistId"}, RefTable: "artists", RefColumns: []string{"ArtistId"}}},
			Indexes:     []inspect.Index{{Name: "IFK_AlbumArtistId", Columns: []string{"ArtistId"}, Origin: "index"}},
		},
		{Name: "artists", Kind: inspect.KindTable, PrimaryKey: []string{"ArtistId"},
			Columns: []inspect.Column{
				{Name: "ArtistId", Type: "INTEGER", PrimaryKey: 1, AutoIncrement: true},
				{Name: "Name", Type: "NVARCHAR(120)", Nullable: true},
			},
		},
		{Name: "employees", Kind: inspect.KindTable, PrimaryKey: []string{"EmployeeId"},
			Columns: []inspect.Column{
				{Name: "EmployeeId", Type: "INTEGER", PrimaryKey: 1, AutoIncrement: true},
				{Name: "ReportsTo", Type: "INTEGER", Nullable: true},
				{Name: "BirthDate", Type: "DATETIME", Nullable: true},
				{Name: "Email", Type: "TEXT"},
			},
			ForeignKeys: []inspect.ForeignKey{{Columns: []string{"ReportsTo"}, RefTable: "employees", RefColumns: []string{"EmployeeId"}}},
			Indexes:     []inspect.Index{{Name: "sqlite_autoindex_employees_1", Unique: true, Columns: []string{"Email"}, Origin: "unique"}},
		},
		{Name: "Order Details", Kind: inspect.KindTable, PrimaryKey: []string{"Order,ID", "type"},
			Columns: []inspect.Column{
				{Name: "Order,ID", Type: "INTEGER", PrimaryKey: 1},
				{Name: "type", Type: "INTEGER", PrimaryKey: 2},
				{Name: "Unit Price", Type: "NUMERIC(10,2)", Default: &def0},
				{Name: `say "hi"`, Type: "TEXT", Nullable: true},
				{Name: "Total", Type: "REAL", Generated: true},
			},
			Indexes: []inspect.Index{
				{Name: "sqlite_autoindex_Order Details_1", Unique: true, Columns: []string{"Order,ID", "type"}, Origin: "primary key"},
				{Name: "sqlite_autoindex_Order Details_2", Unique: true, Columns: []string{"Unit Price", `say "hi"`}, Origin: "unique"},
			},
		},
		{Name: "playlist_track", Kind: inspect.KindTable, PrimaryKey: []string{"PlaylistId", "TrackId"},
			Columns: []inspect.Column{
				{Name: "PlaylistId", Type: "INTEGER", PrimaryKey: 1},
				{Name: "TrackId", Type: "INTEGER", PrimaryKey: 2},
			},
			ForeignKeys: []inspect.ForeignKey{
				{Columns: []string{"PlaylistId"}, RefTable: "playlists", RefColumns: []string{"PlaylistId"}},
				{Columns: []string{"TrackId"}, RefTable: "tracks", RefColumns: []string{"TrackId"}},
			},
		},
		{Name: "playlists", Kind: inspect.KindTable, PrimaryKey: []string{"PlaylistId"},
			Columns: []inspect.Column{
				{Name: "PlaylistId", Type: "INTEGER", PrimaryKey: 1, AutoIncrement: true},
				{Name: "Name", Type: "NVARCHAR(120)", Nullable: true},
			},
		},
		{Name: "top albums", Kind: inspect.KindView,
			Columns: []inspect.Column{
				{Name: "Title", Type: "NVARCHAR(160)", Nullable: true},
				{Name: "Plays", Type: "", Nullable: true},
			},
		},
		{Name: "tracks", Kind: inspect.KindTable, PrimaryKey: []string{"TrackId"},
			Columns: []inspect.Column{
				{Name: "TrackId", Type: "INTEGER", PrimaryKey: 1, AutoIncrement: true},
				{Name: "Name", Type: "NVARCHAR(200)"},
				{Name: "UnitPrice", Type: "NUMERIC(10,2)"},
			},
		},
	}}
	tb := func(name string) *inspect.Table { return s.Table(name) }
	col := func(t, c string) *inspect.Column { return tb(t).Column(c) }

	str := goType("string", "", "")
	i64 := goType("int64", "", "")
	dec := goType("string", "", "NUMERIC(10,2)")
	pstr := goType("*string", "", "")
	pi64 := goType("*int64", "", "")
	ptime := goType("*time.Time", "time", "DATETIME")
	f64 := goType("float64", "", "")
	pany := goType("any", "", "")

	artist := &modelgraph.Model{Table: tb("artists"), GoName: "Artist", Alias: "artist", Fields: []modelgraph.Field{
		{Column: col("artists", "ArtistId"), GoName: "ArtistID", Type: i64},
		{Column: col("artists", "Name"), GoName: "Name", Type: pstr},
	}}
	album := &modelgraph.Model{Table: tb("albums"), GoName: "Album", Alias: "album", Fields: []modelgraph.Field{
		{Column: col("albums", "AlbumId"), GoName: "AlbumID", Type: i64},
		{Column: col("albums", "Title"), GoName: "Title", Type: str},
		{Column: col("albums", "ArtistId"), GoName: "ArtistID", Type: i64},
	}}
	employee := &modelgraph.Model{Table: tb("employees"), GoName: "Employee", Alias: "employee", Fields: []modelgraph.Field{
		{Column: col("employees", "EmployeeId"), GoName: "EmployeeID", Type: i64},
		{Column: col("employees", "ReportsTo"), GoName: "ReportsTo", Type: pi64},
		{Column: col("employees", "BirthDate"), GoName: "BirthDate", Type: ptime},
		{Column: col("employees", "Email"), GoName: "Email", Type: str},
	}}
	detail := &modelgraph.Model{Table: tb("Order Details"), GoName: "OrderDetail", Alias: "order_detail", Fields: []modelgraph.Field{
		{Column: col("Order Details", "Order,ID"), GoName: "OrderID", Type: i64},
		{Column: col("Order Details", "type"), GoName: "Type", Type: i64},
		{Column: col("Order Details", "Unit Price"), GoName: "UnitPrice", Type: dec},
		{Column: col("Order Details", `say "hi"`), GoName: "SayHi", Type: pstr},
		{Column: col("Order Details", "Total"), GoName: "Total", Type: f64},
	}}
	playlist := &modelgraph.Model{Table: tb("playlists"), GoName: "Playlist", Alias: "playlist", Fields: []modelgraph.Field{
		{Column: col("playlists", "PlaylistId"), GoName: "PlaylistID", Type: i64},
		{Column: col("playlists", "Name"), GoName: "Name", Type: pstr},
	}}
	track := &modelgraph.Model{Table: tb("tracks"), GoName: "Track", Alias: "track", Fields: []modelgraph.Field{
		{Column: col("tracks", "TrackId"), GoName: "TrackID", Type: i64},
		{Column: col("tracks", "Name"), GoName: "Name", Type: str},
		{Column: col("tracks", "UnitPrice"), GoName: "UnitPrice", Type: dec},
	}}
	top := &modelgraph.Model{Table: tb("top albums"), GoName: "TopAlbum", Alias: "top_album", Fields: []modelgraph.Field{
		{Column: col("top albums", "Title"), GoName: "Title", Type: pstr},
		{Column: col("top albums", "Plays"), GoName: "Plays", Type: pany},
	}}
	pt := &modelgraph.Model{Table: tb("playlist_track"), GoName: "PlaylistTrack", Alias: "playlist_track", Fields: []modelgraph.Field{
		{Column: col("playlist_track", "PlaylistId"), GoName: "PlaylistID", Type: i64},
		{Column: col("playlist_track", "TrackId"), GoName: "TrackID", Type: i64},
	}}

	albumFK := &tb("albums").ForeignKeys[0]
	empFK := &tb("employees").ForeignKeys[0]
	ptPlaylist, ptTrack := &tb("playlist_track").ForeignKeys[0], &tb("playlist_track").ForeignKeys[1]

	album.Relations = []modelgraph.Relation{
		{Kind: modelgraph.BelongsTo, Name: "Artist", Target: artist, ForeignKey: albumFK, Join: []modelgraph.JoinPair{{Local: "ArtistId", Remote: "ArtistId"}}},
	}
	artist.Relations = []modelgraph.Relation{
		{Kind: modelgraph.HasMany, Name: "Albums", Target: album, ForeignKey: albumFK, Join: []modelgraph.JoinPair{{Local: "ArtistId", Remote: "ArtistId"}}},
	}
	employee.Relations = []modelgraph.Relation{
		{Kind: modelgraph.BelongsTo, Name: "Manager", Target: employee, ForeignKey: empFK, Join: []modelgraph.JoinPair{{Local: "ReportsTo", Remote: "EmployeeId"}}},
		{Kind: modelgraph.HasMany, Name: "Reports", Target: employee, ForeignKey: empFK, Join: []modelgraph.JoinPair{{Local: "EmployeeId", Remote: "ReportsTo"}}},
	}
	pt.Relations = []modelgraph.Relation{
		{Kind: modelgraph.BelongsTo, Name: "Playlist", Target: playlist, ForeignKey: ptPlaylist, Join: []modelgraph.JoinPair{{Local: "PlaylistId", Remote: "PlaylistId"}}},
		{Kind: modelgraph.BelongsTo, Name: "Track", Target: track, ForeignKey: ptTrack, Join: []modelgraph.JoinPair{{Local: "TrackId", Remote: "TrackId"}}},
	}
	playlist.Relations = []modelgraph.Relation{
		{Kind: modelgraph.ManyToMany, Name: "Tracks", Target: track, ForeignKey: ptPlaylist, Through: pt, ThroughSelf: "Playlist", ThroughTarget: "Track"},
	}
	track.Relations = []modelgraph.Relation{
		{Kind: modelgraph.ManyToMany, Name: "Playlists", Target: playlist, ForeignKey: ptTrack, Through: pt, ThroughSelf: "Track", ThroughTarget: "Playlist"},
	}

	return &modelgraph.Graph{
		Models:       []*modelgraph.Model{album, artist, employee, detail, playlist, top, track},
		Associations: []*modelgraph.Model{pt},
		Skipped: []modelgraph.Skipped{
			{Table: "playlist_track", Reason: "association table"},
			{Table: "sqlite_sequence", Reason: "internal table"},
		},
	}
}

// goType builds a GoType from its source form; the reflect type is not
// needed by codegen and is left to modelgraph.
func goType(expr, imp, sqlType string) modelgraph.GoType {
	return modelgraph.GoType{Reflect: reflect.TypeFor[any](), Expr: expr, Import: imp, SQLType: sqlType}
}
