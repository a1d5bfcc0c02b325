// Package erd draws an entity-relationship diagram of an inspected schema:
// a self-contained SVG (boxes for tables, lines for foreign keys), shown in
// a notebook as an <img> (see HTML) so that every renderer of the saved
// notebook shows it, and the same diagram as Mermaid text for Markdown
// documents.
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
	views    bool
	internal bool
	tables   map[string]bool
	types    bool
}

// WithViews also draws views (they have no keys, so no lines).
func WithViews() Option { return func(o *options) { o.views = true } }

// WithInternal also draws the engine's bookkeeping tables (sqlite_sequence…).
func WithInternal() Option { return func(o *options) { o.internal = true } }

// OnlyTables limits the diagram to the named tables; foreign keys to tables
// outside the selection are not drawn.
func OnlyTables(names ...string) Option {
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
		case t.Kind == inspect.KindView && !o.views:
		case o.tables != nil && !o.tables[t.Name] && !o.tables[t.QualifiedName()]:
		default:
			out = append(out, t)
		}
	}
	return out
}
