// Package modelgraph turns an inspected schema into the models an ORM needs:
// one model per mappable table, Go names for models and fields, Go types
// for columns, and the relations between models (belongs-to, has-one,
// has-many, many-to-many through an association table, self-references),
// each with a predictable name.
//
// Automap (models built at run time) and codegen (model source code) both
// start from the same [Graph], so a model is named and related the same way
// whichever of the two a student uses. [Build] is deterministic: the same
// schema and options always give the same graph.
//
// # Which tables become models
//
// In table order, each table is checked against these rules; the first
// that applies puts it in [Graph.Skipped] with its reason:
//
//   - internal tables (sqlite_sequence, sqlite_stat1, …): "internal table";
//   - tables left out by Options.Tables;
//   - views, with Options.WithoutViews: "view, left out by the WithoutViews option"
//     (otherwise a view is a read-only model without relations);
//   - tables whose name holds a dot: Bun reads "a.b" as table b of schema a;
//   - tables and views the inspector could not read (inspect.Table.Problem,
//     e.g. a view whose query refers to a dropped column), with its error;
//   - tables without a primary key: Bun needs one to update, delete and
//     relate rows;
//   - association tables: every column is part of the primary key and of
//     exactly one of its two foreign keys, both referencing mappable
//     tables (playlist_track(PlaylistId, TrackId)). Like SQLAlchemy's
//     automap, they are no user model; they are kept in
//     [Graph.Associations] because Bun's many-to-many relations need a join
//     model. A link table with extra columns (Northwind's "Order Details",
//     with UnitPrice and Quantity) is an ordinary model.
//
// On Chinook this leaves the ten models of the Python lesson: albums,
// artists, customers, employees, genres, invoice_items, invoices,
// media_types, playlists, tracks.
//
// # Names
//
// Fields: GoName of the column name. Characters that are not letters or
// digits (spaces, underscores, punctuation) separate words, each word's
// first letter is upper-cased and the rest kept as written (AlbumId stays
// AlbumId, "first name" → FirstName, first_name → FirstName, select →
// Select); Unicode letters and digits are kept (café → Café). A name that
// would not start with an upper-case letter gets an "X" prefix, as
// protoc-gen-go does (2nd_place → X2ndPlace, 名前 → X名前). A column with no
// letter or digit at all is named Column<position> (Column3). Go keywords
// need no care: they are all lower case, fields are exported.
//
// Models: ModelName, the GoName of the table with its last word made
// singular by github.com/jinzhu/inflection (albums → Album, invoice_items →
// InvoiceItem, "Order Details" → OrderDetail, media_types → MediaType).
// The Bun alias is the snake_case of the model name (invoice_item).
//
// Duplicates: names are handed out in column (or table) order; a name
// already taken gets "_2", then "_3", … (first name, first_name →
// FirstName, FirstName_2; tables Order and orders → Order, Order_2).
// GoName never produces an underscore, so a suffixed name cannot steal the
// name of a later column. "BaseModel" is reserved (every model embeds
// bun.BaseModel): a column base_model becomes BaseModel_2.
//
// # Types
//
// A column's Go type comes from its declared type, upper-cased, with
// parameters, UNSIGNED and ZEROFILL set aside. Names known on any dialect
// are matched first:
//
//	BOOL, BOOLEAN on PostgreSQL                           bool
//	BOOL, BOOLEAN on SQLite and MySQL, MySQL TINYINT(1)   int64
//	INT, INTEGER, INT2/4/8, TINY/SMALL/MEDIUM/BIGINT,     int64
//	  SERIAL, BIGSERIAL, SMALLSERIAL, YEAR
//	BIGINT UNSIGNED                                       uint64
//	REAL, FLOAT, FLOAT4, FLOAT8, DOUBLE [PRECISION]       float64
//	DATE, DATETIME, TIMESTAMP, TIMESTAMPTZ, TIMESTAMP     time.Time
//	  WITH/WITHOUT TIME ZONE, DATETIME2, SMALLDATETIME
//	NUMERIC, DECIMAL, DEC, NUMBER, MONEY                  string (see below)
//	UUID, XML, TIME, TIMETZ, INTERVAL,                    string
//	  INET, CIDR, MACADDR, ENUM, SET, BIT
//	JSON, JSONB                                           json.RawMessage
//	BYTEA, BLOB, TINY/MEDIUM/LONGBLOB, BINARY,            []byte
//	  VARBINARY, IMAGE, MySQL BIT
//	PostgreSQL arrays: integer[], bigint[], …             []int64
//	  real[], double precision[]                          []float64
//	  boolean[]                                           []bool
//	  any other element type (text[], uuid[], numeric[])  []string
//
// A PostgreSQL array keeps its declared type in the tag (type:text[]),
// which makes Bun's pgdialect scan and write it as a Go slice; a
// multi-dimensional array does not fit a flat slice and fails to scan.
// Elsewhere a type spelled as an array is the array's text, a string.
//
// JSON and JSONB columns are json.RawMessage, the document's bytes: Bun
// encodes a field declared json with encoding/json, so a Go string would
// be written back as a JSON string literal ("{\"a\": 1}" instead of
// {"a": 1}). A nullable one is tagged nullzero, so a nil RawMessage is
// written as NULL rather than the JSON null. (MariaDB reports its JSON
// columns as LONGTEXT: strings there.)
//
// Keys the database numbers are tagged autoincrement (SQLite's INTEGER
// PRIMARY KEY, MySQL's AUTO_INCREMENT, PostgreSQL's serial and identity
// columns); a PostgreSQL serial column's type tag says serial, an identity
// column adds identity, so CREATE TABLE from the model numbers rows again.
//
// Any other name follows SQLite's affinity rules, in SQLite's order
// (https://sqlite.org/datatype3.html): contains INT → int64 (on SQLite
// only; elsewhere INT inside a name such as POINT means nothing);
// contains CHAR, CLOB or TEXT (VARCHAR, NVARCHAR(40), CHARACTER VARYING)
// → string; contains BLOB → []byte; no type at all → any (SQLite then
// keeps each value as given: integer, real, text or blob, as in computed
// view columns; any holds them all, nil is NULL); contains REAL,
// FLOA or DOUB → float64; anything else (NUMERIC affinity, or a type the
// dialect's driver returns as text) → string.
//
// No mapping silently loses data: NUMERIC and DECIMAL are strings because
// a float64 would round (Chinook's invoices.Total reads "1.98", exactly);
// DATETIME and DATE text scan into time.Time (UTC); a value a Go type
// cannot hold fails the scan, never truncates; BOOLEAN is a bool only on
// PostgreSQL, because SQLite and MySQL columns declared so hold any integer
// (there it is an int64 tagged type:boolean or type:tinyint(1)).
//
// Nullable columns are pointers by default, or sql.Null* values with
// NullSQL; []byte, slices and any stay as they are (nil is NULL). A
// primary-key column is never a pointer, even where SQLite lets a composite
// key hold NULL (Bun cannot join a many-to-many relation through a pointer
// key). [GoType.SQLType] keeps the declared type, lower-cased, whenever Bun
// would declare the Go type differently on that dialect, so CREATE TABLE
// from the model matches the database (nvarchar(40), numeric(10,2)).
//
// # Relations
//
// Every foreign key whose target is a model gives a belongs-to relation
// on its table and a back reference on the target; every association
// table gives a many-to-many relation on each side. A belongs-to tag
// carries the foreign key's actions other than NO ACTION
// (on_delete:CASCADE, on_update:SET NULL), so CREATE TABLE … WithForeignKeys
// from the model recreates them. Names:
//
//   - belongs-to: the foreign-key column without an id suffix (Id, ID,
//     _id, " id"): Track.Album, Album.Artist, Customer.SupportRep (from
//     SupportRepId), manager_id → Manager; a column without the suffix
//     takes the target's name when it is the table's only foreign key to
//     another table (Northwind's Order.ShipVia → Order.Shipper), else the
//     column name followed by the target's name: Chinook's self-reference
//     employees.ReportsTo gives Employee.ReportsToEmployee (the employee's
//     manager).
//   - has-many (has-one when the foreign-key columns are the source's
//     primary key or a unique index; then singular): the plural of the
//     source model when it is the source's only foreign key to the target
//     and not a self-reference (Artist.Albums, Employee.Customers);
//     otherwise prefixed with the column name without its id suffix
//     (Employee.ReportsToEmployees: the employees reporting to one).
//   - many-to-many: the plural of the far model (Playlist.Tracks,
//     Track.Playlists), followed by "Via" and the association's name when
//     several association tables join the same two models; a
//     self-referencing association (friends(user_id, friend_id)) names each
//     direction after the far column (Friends, Users).
//
// Collisions: each model's relation names are settled in a fixed order —
// its own foreign keys in order, then back references (source models in
// table order), then many-to-many relations (associations in table order).
// A name equal to a field, to BaseModel, to the model's own name (Bun would
// alias the join like the table itself) or to an earlier relation gets
// "Rel" appended, then "_2", "_3", … (Artist → ArtistRel → ArtistRel_2).
// So does a belongs-to or has-one relation whose name Bun would turn into
// the same join alias (its snake_case) as the model's or an earlier join's:
// relation NODE on model Node (alias node) becomes NODERel.
// Model.Relations is then sorted by kind, then name.
//
// A foreign key that cannot become a relation (its target is skipped, an
// association or a view; columns missing; a column name holding ',' or
// '=' or starting or ending with a space, which Bun's join tag cannot
// express) is listed in Graph.Warnings, and so is a belongs-to or has-one
// relation whose joined table has a column name holding the identifier
// quote (" or MySQL's `): Bun aliases joined columns without escaping it.
//
// [Options] holds the graph options, declared here once; automap and
// codegen fill it from their own options.
package modelgraph
