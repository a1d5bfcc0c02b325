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

// NullStyle types nullable columns as pointers (modelgraph.NullPointer, the
// default) or as database/sql's Null types (modelgraph.NullSQL).
func NullStyle(s modelgraph.NullStyle) Option {
	return func(o *options) { o.graph = append(o.graph, modelgraph.WithNullStyle(s)) }
}

// NoRelations maps columns only.
func NoRelations() Option {
	return func(o *options) { o.graph = append(o.graph, modelgraph.NoRelations()) }
}

// NoBackReferences keeps belongs-to relations only (see modelgraph).
func NoBackReferences() Option {
	return func(o *options) { o.graph = append(o.graph, modelgraph.NoBackReferences()) }
}

// Tables maps only the named tables; the others are listed by Skipped.
func Tables(names ...string) Option {
	return func(o *options) { o.graph = append(o.graph, modelgraph.Tables(names...)) }
}

// IncludeViews maps views too, as read-only models without relations. A
// view the database cannot run (one referring to a column that no longer
// exists) stays skipped, with the database's error as the reason.
func IncludeViews() Option {
	return func(o *options) { o.graph = append(o.graph, modelgraph.IncludeViews()) }
}
