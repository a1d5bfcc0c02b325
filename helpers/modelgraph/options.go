package modelgraph

// Options adjust how Build maps a schema. They are the one declaration of
// the graph options: automap and codegen fill them from their own options
// (and bunacodegen's -noviews, -norelations, -nobackreferences, -nullstyle).
// The zero value maps every table and view, with relations and their back
// references, and types nullable columns as pointers.
type Options struct {
	// NullStyle types nullable columns as pointers (NullPointer, the
	// default) or as database/sql's Null types (NullSQL).
	NullStyle NullStyle
	// WithoutRelations maps columns only: no model gets a relation field.
	WithoutRelations bool
	// WithoutBackReferences keeps the relations a table's own foreign keys
	// declare (belongs-to) and drops their reverse side: no has-one/has-many,
	// and a many-to-many relation only on the model its association table's
	// first foreign key references (Playlist.Tracks but no Track.Playlists).
	WithoutBackReferences bool
	// WithoutViews leaves views out (listed in Graph.Skipped). By default a
	// view is mapped as a read-only model without relations.
	WithoutViews bool
	// Tables maps only the named tables (or "schema.table"); the others are
	// listed in Graph.Skipped and relations to them are dropped with a
	// warning. Build fails on a name the schema does not have. (codegen's
	// Tables adds the tables foreign keys point to before calling Build.)
	Tables []string
}
