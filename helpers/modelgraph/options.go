package modelgraph

// Option adjusts how Build maps a schema.
type Option func(*options)

type options struct {
	nullStyle             NullStyle
	noRelations           bool
	withoutBackReferences bool
	withoutViews          bool
	tables                []string
}

// WithNullStyle types nullable columns as pointers (NullPointer, the
// default) or as database/sql's Null types (NullSQL).
func WithNullStyle(s NullStyle) Option { return func(o *options) { o.nullStyle = s } }

// WithoutRelations maps columns only: no model gets a relation field.
func WithoutRelations() Option { return func(o *options) { o.noRelations = true } }

// WithoutBackReferences keeps the relations a table's own foreign keys declare
// (belongs-to) and drops their reverse side: no has-one/has-many, and a
// many-to-many relation only on the model its association table's first
// foreign key references (Playlist.Tracks but no Track.Playlists).
func WithoutBackReferences() Option { return func(o *options) { o.withoutBackReferences = true } }

// WithoutViews leaves views out (listed in Graph.Skipped). By default a
// view is mapped as a read-only model without relations.
func WithoutViews() Option { return func(o *options) { o.withoutViews = true } }

// Tables maps only the named tables (or "schema.table"); the others are
// listed in Graph.Skipped and relations to them are dropped with a warning.
// Build fails on a name the schema does not have.
func Tables(names ...string) Option {
	return func(o *options) { o.tables = append(o.tables, names...) }
}
