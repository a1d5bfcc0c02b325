// Package erd draws an entity-relationship diagram of an inspected schema:
// a self-contained SVG (boxes for tables, lines for foreign keys), shown in
// a notebook as an <img> so that every renderer of the saved
// notebook shows it, and the same diagram as Mermaid text for Markdown
// documents.
//
// The picture is computed from the live schema (see package inspect), so
// the lesson's Chinook diagram is never an image copied from elsewhere and
// stays true when the database changes. Views are drawn too, as boxes
// without lines (a view has no keys); the engine's bookkeeping tables
// (sqlite_sequence…) are left out.
//
// In a GoNB cell:
//
//	s, _ := inspect.Inspect(ctx, db)
//	erd.Show(s)
package erd

import "github.com/bunbook/bunbook/helpers/inspect"

// drawn returns the tables and views the diagram draws, in schema order:
// all but the engine's bookkeeping tables (sqlite_sequence…).
func drawn(s *inspect.Schema) []*inspect.Table {
	var out []*inspect.Table
	for i := range s.Tables {
		if !s.Tables[i].Internal {
			out = append(out, &s.Tables[i])
		}
	}
	return out
}

// foreignKeyColumns is the set of t's columns that are part of a foreign key.
func foreignKeyColumns(t *inspect.Table) map[string]bool {
	fk := map[string]bool{}
	for _, k := range t.ForeignKeys {
		for _, c := range k.Columns {
			fk[c] = true
		}
	}
	return fk
}
