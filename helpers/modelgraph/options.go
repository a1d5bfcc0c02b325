package modelgraph

// Option adjusts how Build maps a schema.
type Option func(*options)

type options struct {
	nullStyle        NullStyle
	noRelations      bool
	noBackReferences bool
	includeViews     bool
	tables           []string
}

// WithNullStyle types nullable columns as pointers (NullPointer, the
// default) or as database/sql's Null types (NullSQL).
func WithNullStyle(s NullStyle) Option { return func(o *options) { o.nullStyle = s } }

// NoRelations maps columns only: no model gets a relation field.
func NoRelations() Option { return func(o *options) { o.noRelations = true } }

// NoBackReferences keeps the relations a table's own foreign keys declare
// (belongs-to) and drops their reverse side: no has-one/has-many, and a
// many-to-many relation only on the model its association table's first
// foreign key references (Playlist.Tracks but no Track.Playlists).
func NoBackReferences() Option { return func(o *options) { o.noBackReferences = true } }

// IncludeViews maps views too, as read-only models without relations.
func IncludeViews() Option { return func(o *options) { o.includeViews = true } }

// Tables maps only the named tables (or "schema.table"); the others are
// listed in Graph.Skipped and relations to them are dropped with a warning.
// Build fails on a name the schema does not have.
func Tables(names ...string) Option { return func(o *options) { o.tables = names } }
