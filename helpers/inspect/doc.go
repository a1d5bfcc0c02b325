// Package inspect reads the schema of a live database: tables and views,
// columns in declaration order, primary keys, foreign keys and indexes.
//
// It is the Go counterpart of SQLAlchemy's reflection: the result is a plain
// value ([Schema]) that automap, codegen and erd build on:
//
//	s, err := inspect.Inspect(ctx, db) // tables and views, no internal ones
//	albums := s.Table("albums")        // columns, keys, indexes
//
// [Inspect] takes options: [WithInternal] and [WithoutViews].
// To keep some tables, look them up in the result ([Schema.LookupAll]:
// exact, else ignoring case; unknown names are an error listing what
// exists).
//
// # Guarantees
//
// Every backend returns the same shape in the same order, so output can be
// compared, diffed and printed in tests: tables sorted by schema then name
// (byte order, as Go compares strings: "Order Details" before "Orders",
// upper case before lower case), columns in declaration order, primary-key
// columns in key order, foreign keys sorted by their local columns, then by
// the referenced table, indexes sorted by name with columns in index order.
// Names are reported exactly as the database spells them; spaces, quotes,
// reserved words and non-ASCII letters need nothing special.
//
// # Dialects
//
// Inspect picks the backend by the Bun dialect's name: sqlite.go,
// postgres.go and mysql.go each hold one, a pair of functions that list the
// tables and read the selected ones. A backend reads one schema: SQLite's
// main database, PostgreSQL's current schema (normally "public"), the
// MySQL connection's current database.
//
// # SQLite
//
// The SQLite backend reads main's sqlite_master and the table-valued pragmas
// pragma_table_xinfo, pragma_foreign_key_list, pragma_index_list and
// pragma_index_xinfo, passing table names as bound parameters (no quoting,
// so no injection). All reads happen in one transaction: a consistent
// snapshot. They go through database/sql directly, not Bun's query hooks, so
// bundebug does not print dozens of pragma lookups. What it reports:
//
//   - Internal: names starting with "sqlite_" are reserved by SQLite for its
//     own tables (sqlite_sequence, sqlite_stat1, …), and the shadow tables of
//     a virtual table (FTS5's docs_data, docs_idx, …) are its module's
//     storage; they are left out unless [WithInternal] is given (with it,
//     Chinook has the 13 tables the Python lesson lists). A virtual table itself is a
//     table whose hidden columns (FTS5's rank, …) are not listed.
//   - Type is the declared type verbatim ("NVARCHAR(160)"), "" when the
//     column was declared without one.
//   - AutoIncrement means SQLite fills the value in when an INSERT leaves it
//     out. That is true of a rowid alias: the single-column INTEGER PRIMARY
//     KEY of an ordinary table (Chinook's albums.AlbumId), with or without
//     the AUTOINCREMENT keyword, which only stops SQLite from reusing the ids
//     of deleted rows. It is false for INT PRIMARY KEY, composite keys,
//     INTEGER PRIMARY KEY DESC and WITHOUT ROWID tables: SQLite keeps an
//     index for those keys, and that index is how a rowid alias is told apart.
//   - Nullable follows NOT NULL, except that a rowid alias is never NULL.
//     Other primary-key columns of ordinary tables may hold NULL unless
//     declared NOT NULL (a documented SQLite quirk), and are reported so.
//   - Default is the default's SQL text as SQLite keeps it: "0",
//     "'N/A'" (a string literal, quotes included, inner quotes doubled),
//     "CURRENT_TIMESTAMP", "lower('X')" for DEFAULT (lower('X')).
//   - Generated marks GENERATED ALWAYS AS columns (virtual or stored).
//   - Foreign keys: SQLite keeps no constraint names, so Name is "". The
//     referenced table and columns are given their real spelling
//     (REFERENCES "order" (ID) finds table "Order", column "Id", as SQLite
//     does), and REFERENCES t without columns is resolved to t's primary
//     key. A dangling key, whose parent table does not exist, is reported as
//     declared (SQLite itself complains only when the key is used).
//   - Indexes: every index pragma_index_list reports, including the
//     sqlite_autoindex_* ones SQLite creates for a PRIMARY KEY (Origin
//     "primary key") or UNIQUE constraint (Origin "unique"). A rowid alias has
//     no index, being the rowid itself; so Chinook has 11 indexes: 10
//     CREATE INDEX plus playlist_track's composite key. Columns lists key
//     columns only; a key on an expression shows the expression's text from
//     the CREATE INDEX statement ("<expr>" if that cannot be recovered).
//   - Views have columns (types derived from the underlying columns, "" for
//     expressions) and no keys or indexes. A view whose query no longer
//     compiles is listed with no columns and the error in [Table.Problem]
//     (Northwind ships one: ProductDetails_V).
//   - Schema is "": attached and temp databases are not read.
//
// # Why not Bun's migrate/sqlschema
//
// Bun ships schema-inspection interfaces in migrate/sqlschema, implemented
// upstream for PostgreSQL only (pgdialect's inspector; sqlitedialect has
// none). They are built for Bun's auto-migrator, which diffs tables against
// models, and they drop what a course about reading a database needs: a
// foreign key is only a pair of column sets, without ON DELETE/ON UPDATE;
// sqlschema.Columns sorts the column names and joins them with commas, which
// loses the key order of composite keys and breaks on names containing a
// comma; there are no indexes (only unique constraints) and no views. This
// package therefore keeps its own, richer model, plain structs that print
// and compare well in notebooks. On PostgreSQL, where both exist,
// the tests check that the two agree wherever they report the same fact.
package inspect
