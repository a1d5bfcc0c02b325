// Package erd draws an entity-relationship diagram of an inspected schema:
// a self-contained SVG (boxes for tables, lines for foreign keys), shown in
// a notebook as an <img> so that every renderer of the saved
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

import (
	"fmt"

	"github.com/bunbook/bunbook/helpers/inspect"
)

// option adjusts what the diagram includes (used by the tests and the
// package itself; the notebooks draw the whole schema).
type option func(*options)

type options struct {
	withoutViews bool
	internal     bool
	tables       []string
	types        bool
}

// WithoutViews leaves views out. By default they are drawn, as boxes
// without lines (a view has no keys).
func withoutViewsOpt() option { return func(o *options) { o.withoutViews = true } }

// WithInternal also draws the engine's bookkeeping tables (sqlite_sequence…).
func withInternal() option { return func(o *options) { o.internal = true } }

// Tables limits the diagram to the named tables and views, matched as
// inspect.Schema.Lookup matches them; foreign keys to tables outside the
// selection are not drawn. A name the schema lacks is drawn as the error
// (with a "did you mean"), never as an empty diagram.
func tablesOpt(names ...string) option {
	return func(o *options) { o.tables = append(o.tables, names...) }
}

// WithoutTypes leaves the column types out, for a narrower picture.
func withoutTypes() option { return func(o *options) { o.types = false } }

func collect(opts []option) options {
	o := options{types: true}
	for _, opt := range opts {
		opt(&o)
	}
	return o
}

// selected returns the tables the diagram draws, in schema order, or the
// error of a Tables name the schema lacks.
func selected(s *inspect.Schema, o options) ([]*inspect.Table, error) {
	var only map[*inspect.Table]bool
	if len(o.tables) > 0 {
		tables, err := s.LookupAll(o.tables...)
		if err != nil {
			return nil, fmt.Errorf("erd: Tables: %w", err)
		}
		only = map[*inspect.Table]bool{}
		for _, t := range tables {
			only[t] = true
		}
	}
	var out []*inspect.Table
	for i := range s.Tables {
		t := &s.Tables[i]
		switch {
		case only != nil && !only[t]:
		case t.Internal && !o.internal && only == nil:
		case t.Kind == inspect.KindView && o.withoutViews:
		default:
			out = append(out, t)
		}
	}
	return out, nil
}
