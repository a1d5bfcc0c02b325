package codegen

import (
	"fmt"

	"github.com/bunbook/bunbook/helpers/modelgraph"
)

// config control what is read and how the source is written. The zero
// value generates every table and view, with relations, back-references,
// unique tags and index comments, pointers for nullable columns, in
// package "models".
type config struct {
	// What to read.

	// Tables limits generation to these tables and views. Tables they refer
	// to through a foreign key are added (transitively, as sqlacodegen
	// does) so that every belongs-to relation has its target; the header
	// names what was added. Unless WithoutRelations is set. Empty means all.
	Tables []string
	// WithoutViews leaves views out (a view named in Tables is then an error).
	WithoutViews bool
	// NullStyle types nullable columns: modelgraph.NullPointer (the
	// default) or modelgraph.NullSQL.
	NullStyle modelgraph.NullStyle

	// What to write.

	// WithoutIndexes drops the comments that list each table's indexes.
	WithoutIndexes bool
	// WithoutConstraints drops `unique` tags (UNIQUE constraints) and the
	// comments that show column defaults.
	WithoutConstraints bool
	// WithoutRelations drops every relation field (and with them the join
	// models of many-to-many relations and the auto-added tables).
	WithoutRelations bool
	// WithoutBackReferences drops the reverse side of each foreign key:
	// has-many and has-one fields, and the second side of a many-to-many
	// relation.
	WithoutBackReferences bool

	// How to write it.

	// Package is the package clause's name; "" means "models".
	Package string
	// Cell omits the package clause so the source can be pasted into (or
	// printed for) a GoNB notebook cell; GoNB supplies `package main` itself
	// and accepts import declarations in cells.
	Cell bool
	// Generated starts the file with Go's "Code generated … DO NOT EDIT."
	// line, for files that are regenerated rather than edited. Off by
	// default: like sqlacodegen's output, the models are a start to edit.
	Generated bool
	// Source names the database in the header comment, e.g. "chinook.db".
	Source string
}

// Option sets one of the options of [Print] and [Write].
type Option func(*config)

// Tables limits generation to the named tables and views (see the package documentation).
func Tables(names ...string) Option {
	return func(o *config) { o.Tables = append(o.Tables, names...) }
}

// WithoutViews leaves views out.
func WithoutViews() Option { return func(o *config) { o.WithoutViews = true } }

// WithoutIndexes drops index comments.
func WithoutIndexes() Option { return func(o *config) { o.WithoutIndexes = true } }

// WithoutConstraints drops unique tags and default comments.
func WithoutConstraints() Option { return func(o *config) { o.WithoutConstraints = true } }

// WithoutRelations drops relation fields.
func WithoutRelations() Option { return func(o *config) { o.WithoutRelations = true } }

// WithoutBackReferences drops has-many/has-one fields and the reverse side of m2m.
func WithoutBackReferences() Option { return func(o *config) { o.WithoutBackReferences = true } }

// WithNullStyle types nullable columns as pointers or sql.Null* values.
func WithNullStyle(s modelgraph.NullStyle) Option { return func(o *config) { o.NullStyle = s } }

// Package sets the package name (default "models").
func Package(name string) Option { return func(o *config) { o.Package = name } }

// Cell omits the package clause, for a GoNB cell.
func Cell() Option { return func(o *config) { o.Cell = true } }

// Generated adds the "Code generated … DO NOT EDIT." line.
func Generated() Option { return func(o *config) { o.Generated = true } }

// Source names the database in the header comment.
func Source(name string) Option { return func(o *config) { o.Source = name } }

// newConfig applies opts to the zero config.
func newConfig(opts ...Option) config {
	var o config
	for _, opt := range opts {
		opt(&o)
	}
	return o
}

func (o config) packageName() string {
	if o.Package == "" {
		return "models"
	}
	return o.Package
}

// Validate reports options that cannot produce valid Go (a bad package
// name, an unknown null style) before any database is read.
func (o config) validate() error {
	if o.packageName() == "_" {
		return fmt.Errorf("codegen: package name %q is the blank identifier, which cannot name a package: use e.g. \"models\"", o.Package)
	}
	if !isIdentifier(o.packageName()) {
		return fmt.Errorf("codegen: package name %q is not a Go identifier: use lower-case letters, digits and _, e.g. \"models\"", o.Package)
	}
	switch o.NullStyle {
	case modelgraph.NullPointer, modelgraph.NullSQL:
	default:
		return fmt.Errorf("codegen: unknown null style %d: use modelgraph.NullPointer or modelgraph.NullSQL", o.NullStyle)
	}
	return nil
}

// Validate reports options that cannot produce valid Go (a bad package
// name, an unknown null style), so a command can reject them before it
// opens a database. Write and Print check the same, once, themselves.
func Validate(opts ...Option) error { return newConfig(opts...).validate() }
