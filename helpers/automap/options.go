package automap

import "github.com/bunbook/bunbook/helpers/modelgraph"

// opt adjusts Map.
type opt func(*options)

type options struct {
	depth int
	graph modelgraph.Options
}

// defaultDepth is how many relations deep a chain can be loaded from a
// model's rows when Depth is not given: Relation("Album.Artist") on tracks.
const defaultDepth = 2

// maxDepth bounds Depth: every level adds one run-time type per model.
const maxDepth = 6

// Depth sets how long a chain of relations Relation(...) can load from a
// model's rows: 1 allows Relation("Artist") on albums, 2 (the default) also
// Relation("Tracks.Album") on albums, and so on. Values are clamped to
// 1…maxDepth. See the package documentation for why there is a limit.
func withDepth(n int) opt {
	return func(o *options) { o.depth = min(max(n, 1), maxDepth) }
}

// WithNullStyle types nullable columns as pointers (modelgraph.NullPointer,
// the default) or as database/sql's Null types (modelgraph.NullSQL).
func withNullStyle(s modelgraph.NullStyle) opt {
	return func(o *options) { o.graph.NullStyle = s }
}

// WithoutRelations maps columns only.
func withoutRelations() opt {
	return func(o *options) { o.graph.WithoutRelations = true }
}

// WithoutBackReferences keeps belongs-to relations only (see modelgraph).
func withoutBackReferences() opt {
	return func(o *options) { o.graph.WithoutBackReferences = true }
}

// Tables maps only the named tables; the others are listed by Skipped.
func tablesOpt(names ...string) opt {
	return func(o *options) { o.graph.Tables = append(o.graph.Tables, names...) }
}

// WithoutViews leaves views out. By default a view is mapped as a read-only
// model without relations; a view the database cannot run (one referring
// to a column that no longer exists) is skipped, with the database's error
// as the reason.
func withoutViews() opt {
	return func(o *options) { o.graph.WithoutViews = true }
}
