package inspect

import "strings"

// Schema is everything the inspector learned about one database.
//
// Tables holds ordinary tables and views (see [Table.Kind]), sorted by
// schema then name. Internal tables (SQLite's sqlite_* bookkeeping) are
// included only when asked for with [WithInternal].
type Schema struct {
	Dialect string // "sqlite", "pg" or "mysql"
	Tables  []Table
}

// TableKind tells ordinary tables from views.
type TableKind string

const (
	KindTable TableKind = "table"
	KindView  TableKind = "view"
)

// Table describes one table or view.
type Table struct {
	// Schema is the namespace the table lives in: "" on SQLite, "public"
	// (or another schema) on PostgreSQL, the database name on MySQL.
	Schema string
	Name   string
	Kind   TableKind
	// Internal marks bookkeeping tables of the engine itself, such as
	// sqlite_sequence and sqlite_stat1.
	Internal bool
	// Columns in declaration order.
	Columns []Column
	// PrimaryKey lists the primary-key columns in key order; empty when the
	// table has none (views, or tables declared without one).
	PrimaryKey []string
	// ForeignKeys in a deterministic order: by the first local column, then
	// by referenced table.
	ForeignKeys []ForeignKey
	// Indexes sorted by name. Indexes the engine creates on its own for a
	// PRIMARY KEY or UNIQUE constraint are included and marked by Origin.
	Indexes []Index
	// Problem is why the table's details could not be read, "" when they
	// were. A view whose query no longer compiles (Northwind's
	// ProductDetails_V joins on a column that does not exist) is still
	// listed, with no Columns and the database's error here, rather than
	// failing the whole inspection or vanishing silently.
	Problem string
}

// Column describes one column of a table or view.
type Column struct {
	Name string
	// Type is the declared type as the database reports it, e.g.
	// "NVARCHAR(40)" or "NUMERIC(10,2)". SQLite allows an empty type.
	Type     string
	Nullable bool
	// Default is the default expression as SQL text, nil when there is none.
	Default *string
	// PrimaryKey is the 1-based position of the column in the primary key,
	// 0 when it is not part of it.
	PrimaryKey int
	// AutoIncrement is true when the database generates the value: SQLite's
	// INTEGER PRIMARY KEY (rowid alias), serial/identity columns, MySQL's
	// AUTO_INCREMENT.
	AutoIncrement bool
	// Identity is true for a PostgreSQL identity column (GENERATED ALWAYS
	// or BY DEFAULT AS IDENTITY), where AutoIncrement is set too; false for
	// a serial column, whose values come from a sequence default. Bun
	// declares the two differently (`identity` against `autoincrement`).
	Identity bool
	// Generated is true for a computed column (GENERATED ALWAYS AS …): the
	// database derives its value, so it can be read but never written.
	Generated bool
}

// ForeignKey is one (possibly composite) foreign-key constraint.
type ForeignKey struct {
	// Name of the constraint; SQLite reports none, so it may be empty.
	Name       string
	Columns    []string
	RefSchema  string
	RefTable   string
	RefColumns []string
	// OnUpdate and OnDelete are the referential actions in upper case:
	// "NO ACTION", "RESTRICT", "CASCADE", "SET NULL" or "SET DEFAULT".
	OnUpdate string
	OnDelete string
}

// Index is one index of a table.
type Index struct {
	Name   string
	Unique bool
	// Columns in index order. An expression index lists the expression text.
	Columns []string
	// Origin says why the index exists: "index" (CREATE INDEX), "unique"
	// (a UNIQUE constraint) or "primary key".
	Origin string
	// Partial is true for an index with a WHERE clause.
	Partial bool
}

// Table returns the table or view named name, or nil. On dialects with
// schemas, name may be "schema.table"; a bare name matches the first table
// of that name in Tables order.
func (s *Schema) Table(name string) *Table {
	for i := range s.Tables {
		t := &s.Tables[i]
		if t.Name == name || (t.Schema != "" && t.Schema+"."+t.Name == name) {
			return t
		}
	}
	return nil
}

// Column returns the column named name, or nil.
func (t *Table) Column(name string) *Column {
	for i := range t.Columns {
		if t.Columns[i].Name == name {
			return &t.Columns[i]
		}
	}
	return nil
}

// QualifiedName is "schema.name", or just the name when Schema is empty.
func (t *Table) QualifiedName() string {
	if t.Schema == "" {
		return t.Name
	}
	return t.Schema + "." + t.Name
}

// Referenced returns the table that foreign key fk of table from points
// to, or nil when the schema lacks it. A key without a schema refers to
// from's schema first; an exact name wins over a case-insensitive match
// (SQLite compares identifiers ignoring ASCII case).
func (s *Schema) Referenced(from *Table, fk *ForeignKey) *Table {
	schema := fk.RefSchema
	if schema == "" {
		schema = from.Schema
	}
	var exact, folded *Table
	for i := range s.Tables {
		t := &s.Tables[i]
		switch {
		case t.Name == fk.RefTable && t.Schema == schema:
			return t
		case t.Name == fk.RefTable && exact == nil && fk.RefSchema == "":
			exact = t
		case strings.EqualFold(t.Name, fk.RefTable) && folded == nil && (t.Schema == schema || fk.RefSchema == ""):
			folded = t
		}
	}
	if exact != nil {
		return exact
	}
	return folded
}
