package automap

import "github.com/bunbook/bunbook/helpers/modelgraph"

// Option adjusts Map.
type Option func(*options)

type options struct {
	depth int
	graph []modelgraph.Option
}

// DefaultDepth is how many relations deep a chain can be loaded from a
// model's rows when Depth is not given: Relation("Album.Artist") on tracks.
const DefaultDepth = 2

// MaxDepth bounds Depth: every level adds one run-time type per model.
const MaxDepth = 6

// Depth sets how long a chain of relations Relation(...) can load from a
// model's rows: 1 allows Relation("Artist") on albums, 2 (the default) also
// Relation("Tracks.Album") on albums, and so on. Values are clamped to
// 1…MaxDepth. See the package documentation for why there is a limit.
func Depth(n int) Option {
	return func(o *options) { o.depth = min(max(n, 1), MaxDepth) }
}

// WithNullStyle types nullable columns as pointers (modelgraph.NullPointer,
// the default) or as database/sql's Null types (modelgraph.NullSQL).
func WithNullStyle(s modelgraph.NullStyle) Option {
	return func(o *options) { o.graph = append(o.graph, modelgraph.WithNullStyle(s)) }
}

// WithoutRelations maps columns only.
func WithoutRelations() Option {
	return func(o *options) { o.graph = append(o.graph, modelgraph.WithoutRelations()) }
}

// WithoutBackReferences keeps belongs-to relations only (see modelgraph).
func WithoutBackReferences() Option {
	return func(o *options) { o.graph = append(o.graph, modelgraph.WithoutBackReferences()) }
}

// Tables maps only the named tables; the others are listed by Skipped.
func Tables(names ...string) Option {
	return func(o *options) { o.graph = append(o.graph, modelgraph.Tables(names...)) }
}

// WithoutViews leaves views out. By default a view is mapped as a read-only
// model without relations; a view the database cannot run (one referring
// to a column that no longer exists) is skipped, with the database's error
// as the reason.
func WithoutViews() Option {
	return func(o *options) { o.graph = append(o.graph, modelgraph.WithoutViews()) }
}
