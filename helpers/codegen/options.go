package codegen

import (
	"fmt"
	"go/token"

	"github.com/bunbook/bunbook/helpers/modelgraph"
)

// config is what the options set; the package documentation says what
// each does. The zero value generates every table and view, with
// relations, unique tags and index comments, in package "models".
type config struct {
	// graph is passed to modelgraph.Build as it is; its Tables stays empty,
	// because codegen's Tables also adds the tables foreign keys reach
	// (selectTables) before the graph is built.
	graph              modelgraph.Options
	tables             []string
	withoutIndexes     bool
	withoutConstraints bool
	pkg                string // "" means "models"
	cell               bool
	generated          bool
	source             string
}

// Option sets one of the options of [Print] and [Write].
type Option func(*config)

// Tables limits generation to the named tables and views (see the package documentation).
func Tables(names ...string) Option {
	return func(o *config) { o.tables = append(o.tables, names...) }
}

// WithoutViews leaves views out.
func WithoutViews() Option { return func(o *config) { o.graph.WithoutViews = true } }

// WithoutIndexes drops index comments.
func WithoutIndexes() Option { return func(o *config) { o.withoutIndexes = true } }

// WithoutConstraints drops unique tags and default comments.
func WithoutConstraints() Option { return func(o *config) { o.withoutConstraints = true } }

// WithoutRelations drops relation fields.
func WithoutRelations() Option { return func(o *config) { o.graph.WithoutRelations = true } }

// WithoutBackReferences drops has-many/has-one fields and the reverse side of m2m.
func WithoutBackReferences() Option { return func(o *config) { o.graph.WithoutBackReferences = true } }

// WithNullStyle types nullable columns as pointers or sql.Null* values.
func WithNullStyle(s modelgraph.NullStyle) Option { return func(o *config) { o.graph.NullStyle = s } }

// Package sets the package name (default "models").
func Package(name string) Option { return func(o *config) { o.pkg = name } }

// Cell omits the package clause, for a GoNB cell.
func Cell() Option { return func(o *config) { o.cell = true } }

// Generated adds the "Code generated … DO NOT EDIT." line.
func Generated() Option { return func(o *config) { o.generated = true } }

// Source names the database in the header comment.
func Source(name string) Option { return func(o *config) { o.source = name } }

// newConfig applies opts to the zero config.
func newConfig(opts ...Option) config {
	var o config
	for _, opt := range opts {
		opt(&o)
	}
	return o
}

func (o config) packageName() string {
	if o.pkg == "" {
		return "models"
	}
	return o.pkg
}

func (o config) validate() error {
	if o.packageName() == "_" {
		return fmt.Errorf("codegen: package name %q is the blank identifier, which cannot name a package: use e.g. \"models\"", o.pkg)
	}
	if !token.IsIdentifier(o.packageName()) {
		return fmt.Errorf("codegen: package name %q is not a Go identifier: use lower-case letters, digits and _, e.g. \"models\"", o.pkg)
	}
	switch o.graph.NullStyle {
	case modelgraph.NullPointer, modelgraph.NullSQL:
	default:
		return fmt.Errorf("codegen: unknown null style %d: use modelgraph.NullPointer or modelgraph.NullSQL", o.graph.NullStyle)
	}
	return nil
}

// Validate reports options that cannot produce valid Go (a bad package
// name, an unknown null style), so a command can reject them before it
// opens a database. Write and Print check the same, once, themselves.
func Validate(opts ...Option) error { return newConfig(opts...).validate() }
