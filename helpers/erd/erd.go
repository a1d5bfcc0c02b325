// Package erd draws an entity-relationship diagram of an inspected schema:
// a self-contained SVG (boxes for tables, lines for foreign keys) that a
// notebook shows inline and GitHub renders from the saved output, and the
// same diagram as Mermaid text for Markdown documents.
//
// The picture is computed from the live schema (see package inspect), so
// the lesson's Chinook diagram is never an image copied from elsewhere and
// stays true when the database changes.
//
// In a GoNB cell:
//
//	s, _ := inspect.Inspect(ctx, db)
//	erd.Show(s)
package erd

import "github.com/bunbook/bunbook/helpers/inspect"

// Option adjusts what the diagram includes.
type Option func(*options)

type options struct {
	withoutViews bool
	internal     bool
	tables       map[string]bool
	types        bool
}

// WithoutViews leaves views out. By default they are drawn, as boxes
// without lines (a view has no keys).
func WithoutViews() Option { return func(o *options) { o.withoutViews = true } }

// WithInternal also draws the engine's bookkeeping tables (sqlite_sequence…).
func WithInternal() Option { return func(o *options) { o.internal = true } }

// Tables limits the diagram to the named tables; foreign keys to tables
// outside the selection are not drawn.
func Tables(names ...string) Option {
	return func(o *options) {
		o.tables = map[string]bool{}
		for _, n := range names {
			o.tables[n] = true
		}
	}
}

// WithoutTypes leaves the column types out, for a narrower picture.
func WithoutTypes() Option { return func(o *options) { o.types = false } }

func collect(opts []Option) options {
	o := options{types: true}
	for _, opt := range opts {
		opt(&o)
	}
	return o
}

// selected returns the tables the diagram draws, in schema order.
func selected(s *inspect.Schema, o options) []*inspect.Table {
	var out []*inspect.Table
	for i := range s.Tables {
		t := &s.Tables[i]
		switch {
		case t.Internal && !o.internal:
		case t.Kind == inspect.KindView && o.withoutViews:
		case o.tables != nil && !o.tables[t.Name] && !o.tables[t.QualifiedName()]:
		default:
			out = append(out, t)
		}
	}
	return out
}
