package automap

import (
	"fmt"
	"slices"

	"github.com/bunbook/bunbook/helpers/inspect"
	"github.com/bunbook/bunbook/helpers/modelgraph"
)

// Registry holds the models Map built, keyed by table name: the Go twin of
// SQLAlchemy's AutoMapBase.classes.
type Registry struct {
	graph   *modelgraph.Graph         // for the tests (export_test.go)
	schema  *inspect.Schema           // as inspected, for Lookup
	models  []*Model                  // sorted by table name
	byTable map[*inspect.Table]*Model // the models of schema's tables
	skipped []modelgraph.Skipped
}

// Names returns the mapped tables' names, sorted: on Chinook albums,
// artists, customers, employees, genres, invoice_items, invoices,
// media_types, playlists, tracks.
func (r *Registry) Names() []string {
	names := make([]string, len(r.models))
	for i, m := range r.models {
		names[i] = m.Table()
	}
	return names
}

// Models returns the models sorted by table name.
func (r *Registry) Models() []*Model { return slices.Clone(r.models) }

// Lookup returns the model of a table, named bare (users) or with its
// schema (public.users), matched as inspect.Schema.Lookup matches names:
// exactly, else ignoring ASCII case when that leaves a single table. An
// unknown name is an error with a "did you mean"; a table that is no model
// is an error saying why (Skipped).
func (r *Registry) Lookup(table string) (*Model, error) {
	t, err := r.schema.Lookup(table)
	if err != nil {
		return nil, fmt.Errorf("automap: %w", err)
	}
	if m := r.byTable[t]; m != nil {
		return m, nil
	}
	for _, s := range r.skipped {
		if s.Table == t.QualifiedName() {
			return nil, fmt.Errorf("automap: table %q is not mapped: %s", s.Table, s.Reason)
		}
	}
	return nil, fmt.Errorf("automap: table %q is not mapped", t.QualifiedName())
}

// MustLookup is Lookup for notebook cells and examples, where the name is
// written by hand: it panics with Lookup's error.
func (r *Registry) MustLookup(table string) *Model {
	m, err := r.Lookup(table)
	if err != nil {
		panic(err)
	}
	return m
}

// Skipped lists the tables (and views) that became no model, sorted by
// name, each with the rule that excluded it: internal tables, association
// tables (playlist_track: "association table for playlists ↔ tracks"),
// tables without a primary key, views.
func (r *Registry) Skipped() []modelgraph.Skipped {
	return slices.Clone(r.skipped)
}
