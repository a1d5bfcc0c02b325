package automap

import (
	"fmt"
	"strings"

	"github.com/uptrace/bun"

	"github.com/bunbook/bunbook/helpers/modelgraph"
)

// Registry holds the models Map built, keyed by table name: the Go twin of
// SQLAlchemy's AutoMapBase.classes.
type Registry struct {
	db      *bun.DB
	graph   *modelgraph.Graph
	depth   int
	models  map[string]*Model
	names   []string
	skipped []modelgraph.Skipped
}

// Names returns the mapped tables' names, sorted: on Chinook albums,
// artists, customers, employees, genres, invoice_items, invoices,
// media_types, playlists, tracks.
func (r *Registry) Names() []string { return append([]string(nil), r.names...) }

// Models returns the models sorted by table name.
func (r *Registry) Models() []*Model {
	out := make([]*Model, len(r.names))
	for i, n := range r.names {
		out[i] = r.models[n]
	}
	return out
}

// Lookup returns the model of a table, named bare (users) or with its
// schema (public.users). The name is matched exactly, then ignoring case
// (SQLite's own rule) when that leaves a single table; an unknown name is
// an error saying why the table is not mapped, or listing the mapped ones.
func (r *Registry) Lookup(table string) (*Model, error) {
	if m, ok := r.models[table]; ok {
		return m, nil
	}
	for _, n := range r.names {
		if r.models[n].graph.Table.QualifiedName() == table {
			return r.models[n], nil
		}
	}
	var matches []string
	for _, n := range r.names {
		if strings.EqualFold(n, table) || strings.EqualFold(r.models[n].graph.Table.QualifiedName(), table) {
			matches = append(matches, n)
		}
	}
	switch len(matches) {
	case 1:
		return r.models[matches[0]], nil
	case 0:
	default:
		return nil, fmt.Errorf("automap: %q matches more than one table (%s) when case is ignored: write the name exactly",
			table, strings.Join(matches, ", "))
	}
	for _, s := range r.skipped {
		// Skipped names are schema-qualified on servers (public.playlist_track),
		// while models are looked up by their bare table name.
		if strings.EqualFold(s.Table, table) || strings.HasSuffix(strings.ToLower(s.Table), "."+strings.ToLower(table)) {
			return nil, fmt.Errorf("automap: table %q is not mapped: %s", s.Table, s.Reason)
		}
	}
	return nil, fmt.Errorf("automap: no table %q; mapped tables: %s", table, strings.Join(r.names, ", "))
}

// Model is Lookup for notebook cells and examples, where the name is
// written by hand: it panics with Lookup's error.
func (r *Registry) Model(table string) *Model {
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
	return append([]modelgraph.Skipped(nil), r.skipped...)
}

// Graph returns the model graph the registry was built from.
func (r *Registry) Graph() *modelgraph.Graph { return r.graph }

// DB returns the database the registry maps.
func (r *Registry) DB() *bun.DB { return r.db }

// Depth is how many relations deep a chain can be loaded (see Depth).
func (r *Registry) Depth() int { return r.depth }
