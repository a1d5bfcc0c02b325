// Package codegen writes Go source for Bun models of an existing database:
// the Go twin of sqlacodegen, which the Python lesson runs as
// `sqlacodegen sqlite:///chinook.db --tables …` and pastes into the
// notebook. The bunacodegen command (cmd/bunacodegen) is its command line.
//
// In a GoNB cell, print the models below the cell:
//
//	db := connect.MustOpen(ctx, "chinook.db")
//	codegen.Print(ctx, db, codegen.Tables("albums", "artists", "tracks"), codegen.Cell())
//
// or, like the lesson's `!sqlacodegen …` line:
//
//	!go run github.com/bunbook/bunbook/cmd/bunacodegen -cell -tables albums,artists,tracks chinook.db
//
// # Pipeline
//
// [Print] and [Write] run one straight line: the options are validated
// once, the schema is read with helpers/inspect (views left out there when
// [WithoutViews] is given), the tables are selected (see below), the model
// graph is built with helpers/modelgraph — which applies [WithoutViews],
// [WithoutRelations], [WithoutBackReferences] and [WithNullStyle] — and
// rendered as Bun structs. Naming, type mapping and relation discovery all
// live in modelgraph, so the source codegen writes and the types automap
// builds at run time always agree.
//
// # What a model looks like
//
//	// Album is a row of table "albums".
//	//
//	// Indexes (struct tags cannot declare them; db.NewCreateIndex() can):
//	//   - IFK_AlbumArtistId (ArtistId)
//	type Album struct {
//		bun.BaseModel `bun:"table:albums,alias:album"`
//
//		AlbumId  int64  `bun:"AlbumId,pk,autoincrement"`
//		Title    string `bun:"Title,notnull,type:nvarchar(160)"`
//		ArtistId int64  `bun:"ArtistId,notnull"`
//
//		Artist *Artist  `bun:"rel:belongs-to,join:ArtistId=ArtistId"`
//		Tracks []*Track `bun:"rel:has-many,join:AlbumId=AlbumId"`
//	}
//
// The rules behind it:
//
//   - Every field's tag names its column as the database spells it, so
//     any Go name reaches the right column. Names Bun's tag parser would
//     misread are quoted inside the tag ("Order,ID" becomes
//     bun:"\"Order,ID\"") and round-trip; spaces need nothing
//     (table:Order Details). A tag holding a back quote is written as an
//     interpreted string literal.
//   - pk, autoincrement and notnull follow the schema; type:… is written
//     only when the declared type differs from what Bun would declare for
//     the Go type, so CreateTable recreates the original column types.
//   - Relations are modelgraph's; the join models of many-to-many
//     relations come last. Bun must know a join model before it resolves
//     the relation: the file header and the join model's comment both
//     show the db.RegisterModel((*PlaylistTrack)(nil)) call to make.
//   - Views become read-only models (no primary key) unless WithoutViews.
//   - UNIQUE constraints become `unique` tags (`unique:name` on each column
//     of a composite one). Plain indexes cannot be struct tags: they are
//     listed in the model's comment so nothing is lost. Column defaults are
//     shown as trailing comments, not `default:` tags, because Bun replaces
//     a zero value by the default on insert, which would turn a deliberate
//     0 or "" into the default. Generated columns get a comment telling to
//     exclude them from inserts and updates.
//
// # Types
//
// The mapping is modelgraph's (its package documentation has the full
// table): INTEGER is int64, NVARCHAR(n) a string with type:nvarchar(n)
// kept in the tag, NUMERIC(10,2) an exact string, DATETIME time.Time,
// BLOB []byte. A nullable column becomes a pointer (nil is NULL), or with
// WithNullStyle(modelgraph.NullSQL) (-nullstyle sqlnull) sql.NullString,
// sql.NullTime, …; []byte is nil for NULL either way.
//
// # Table selection
//
// [Tables] (-tables) names tables and views; an unknown name is an
// [inspect.UnknownTablesError] naming it and listing the known tables. Tables the
// selected ones refer to through foreign keys are added, transitively, as
// sqlacodegen does (the lesson's selection brings media_types along,
// because tracks refers to it), so every belongs-to field has its target;
// the header lists what was added. Back-references and many-to-many
// relations appear only between generated tables. With WithoutRelations nothing
// is added.
//
// # Output
//
// The source is gofmt-formatted (go/format) and deterministic: models in
// table order, then join models; fields in column order; relations in
// modelgraph's order; imports sorted; no timestamps. The header comment
// says where the models came from and the bunacodegen command line that
// regenerates them. It is not marked "Code generated … DO NOT EDIT." by
// default, because like sqlacodegen's output it is meant to be pasted and
// edited; Generated adds that line for files that are regenerated instead.
// Cell omits the package clause (GoNB writes `package main` itself and
// rejects another); imports stay, as GoNB accepts them in cells.
//
// # Limits
//
// Bun reads a dot in a table name as schema.table, so a SQLite table
// named "a.b" is skipped (the header's "Skipped:" list says so). A
// relation modelgraph cannot build — its join columns contain "," or "="
// or start or end with a space, its target is missing or skipped, a
// joined column holds the identifier quote — and a column Bun cannot name
// (empty, *, a dot, or "x") are left out, and the header's "Left out:"
// list says why, one line each. A database with no models still gives a
// file that compiles. Check constraints are not read by the inspector and
// do not appear.
package codegen
