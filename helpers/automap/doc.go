// Package automap builds Bun models at run time from a live database: the
// Go twin of SQLAlchemy's automap_base, for when there are no model
// structs yet.
//
//	reg, err := automap.Map(ctx, db)       // inspect, name, type, relate, register
//	reg.Names()                            // [albums artists customers … tracks]
//	albums := reg.MustLookup("albums")
//	albums.Columns()                       // [albums.AlbumId albums.Title albums.ArtistId]
//
//	album := albums.New()                  // *struct{…}, a Bun model
//	err = db.NewSelect().Model(album).Relation("Artist").Limit(1).Scan(ctx)
//	automap.Get(album, "Title")            // For Those About To Rock We Salute You
//
// Rows are ordinary Bun models, so every query works as usual: Where,
// Order, Limit, Relation, Scan into NewSlice(). Get reads a field by Go or
// column name; Rows turns a slice (a query result or a has-many relation)
// into []any. The repr and display helpers print them; a row's type has no
// name of its own, so they name it after its table: albums(AlbumId=1, …).
//
// # What is mapped
//
// Map inspects the database (package inspect) and names, types and relates
// the tables with package modelgraph, whose documentation gives every rule:
// model and field names, the SQL-to-Go type table, relation names and
// their collision suffixes. A table becomes a model unless a rule excludes
// it, and Registry.Skipped names the rule for each: internal tables
// (sqlite_sequence), tables without a primary key, association tables
// (playlist_track: like SQLAlchemy, a pure link table is no model of its
// own, but its many-to-many relation is). On Chinook this leaves the ten
// models of the Python lesson. A view becomes a read-only model without
// relations; one the database cannot run is skipped with its error.
//
// A column Bun cannot name in a query (an empty name, *, a name with a dot,
// or one starting and ending with a double quote) is left out of its model;
// the rest of the table reads and writes. A computed column (GENERATED
// ALWAYS AS …) is read with the row but never written.
//
// # Relations and the depth limit
//
// A model's rows carry one field per relation, which Bun's Relation(...)
// loads: belongs-to (Album.Artist), has-many (Artist.Albums), many-to-many
// through an association table (Playlist.Tracks, Track.Playlists; Map
// registers the association's type with db.RegisterModel, as Bun requires),
// and self-references (Employee.ReportsToEmployee, the manager, and
// Employee.ReportsToEmployees, the reports).
//
// Types made with reflect.StructOf cannot refer to themselves or to a type
// not built yet, yet relations form cycles (Album → Artist → Albums → …,
// Employee → Employee). Map therefore unrolls each model into levels:
// level 0 has the columns only; level k adds the relation fields, each
// typed with the target's level k-1 type. A model's rows (New, NewSlice)
// are of level 2, so:
//
//   - every relation of a model loads: Relation("Artist"), Relation("Tracks");
//   - chains up to 2 relations long load too: on tracks,
//     Relation("Album.Artist"); on artists, Relation("Albums.Tracks");
//   - a longer chain fails with Bun's error, whose model name is empty
//     because run-time types have none: Relation("Albums.Tracks.Album") on
//     artists gives `model= does not have relation="Albums.Tracks.Album"`
//     (generated models from codegen have no such limit);
//   - related rows are of a lower level than the row holding them, so a
//     manager loaded through ReportsToEmployee is not the same Go type as
//     the employee: read both with Get, never by a type assertion.
//
// Every level of a model has the same columns in the same order, so Get,
// repr and display treat them alike. Each level's type spells out the
// previous level once per relation, so on a schema with very many
// relations per table the types grow steeply: Map refuses a schema whose
// types would take more than 64 MiB.
//
// Bun finds a many-to-many join model by its table name among the models
// registered with the *bun.DB. Map therefore refuses a database that
// already has a model registered for one of its association tables (a
// hand-written PlaylistTrack, say; mapping the same database again is
// fine), and hand-written models with many-to-many relations should not
// share a *bun.DB with automap either: give each its own connection. Map
// turns a model Bun rejects into an error instead of a panic at query time.
//
// # PostgreSQL and MySQL/MariaDB
//
// Map works the same on a server opened with connect.Open or
// connect.OpenEnv (DATABASE_URL), reading the default schema (public) or
// the connected MySQL database: on Chinook loaded into PostgreSQL
// (snake_case) it maps album, artist, … track, with the relations of
// SQLite. Models are named by their bare table name; Skipped names tables
// schema.table (public.playlist_track), and Lookup accepts either. The
// server types follow modelgraph's table (numeric(10,2) keeps its type tag,
// arrays are slices, json is json.RawMessage, MySQL's tinyint(1) a bool).
package automap
