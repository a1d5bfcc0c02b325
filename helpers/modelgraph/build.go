package modelgraph

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/bunbook/bunbook/helpers/inspect"
)

// Build maps an inspected schema to models and relations. It is
// deterministic: the same schema and options always give the same Graph.
// It fails only on bad input (a nil schema, an unknown table in Tables).
func Build(s *inspect.Schema, o Options) (*Graph, error) {
	if s == nil {
		return nil, errors.New("modelgraph: nil schema: pass the result of inspect.Inspect")
	}
	b := &builder{s: s, o: o, g: &Graph{}, models: map[*inspect.Table]*Model{}}
	if err := b.selectTables(); err != nil {
		return nil, err
	}
	b.classify()
	b.name()
	if !o.WithoutRelations {
		b.relate()
	}
	return b.g, nil
}

type builder struct {
	s        *inspect.Schema
	o        Options
	g        *Graph
	selected map[*inspect.Table]bool // nil: every table
	// skip holds the reason a table is no model ("" for models); filled by
	// classify for every table.
	skip   map[*inspect.Table]string
	assoc  map[*inspect.Table]bool
	models map[*inspect.Table]*Model // models and associations
}

func (b *builder) selectTables() error {
	if len(b.o.Tables) == 0 {
		return nil
	}
	tables, err := b.s.LookupAll(b.o.Tables...)
	if err != nil {
		return fmt.Errorf("modelgraph: Tables: %w", err)
	}
	b.selected = map[*inspect.Table]bool{}
	for _, t := range tables {
		b.selected[t] = true
	}
	return nil
}

// baseSkipReason says why a table cannot be a model whatever the others are.
func (b *builder) baseSkipReason(t *inspect.Table) string {
	switch {
	case t.Internal:
		return "internal table (the database engine's own bookkeeping)"
	case b.selected != nil && !b.selected[t]:
		return "not among the tables asked for (Tables option)"
	case t.Kind == inspect.KindView && b.o.WithoutViews:
		return "view, left out by the WithoutViews option"
	case strings.Contains(t.Name, "."):
		return "its name holds a dot, which Bun reads as schema.table; rename the table to map it"
	case t.Problem != "":
		return "cannot be read: " + t.Problem
	case len(t.Columns) == 0:
		return "no columns"
	case t.Kind != inspect.KindView && len(t.PrimaryKey) == 0:
		return "no primary key: a Bun model needs one to update, delete and relate rows; add a PRIMARY KEY to map it"
	}
	for _, name := range t.PrimaryKey {
		if why := unspellableColumn(name); why != "" {
			return fmt.Sprintf("its primary-key column %q cannot be mapped: %s; rename it to map the table", name, why)
		}
	}
	return ""
}

// unspellableColumn says why Bun cannot read or write a column of this
// name, "" when it can. Such a column is left out of its model (with a
// warning): selecting it would read NULL, fail, or — for a lone quote —
// panic inside Rows.Scan, which deadlocks the query.
func unspellableColumn(name string) string {
	switch {
	case name == "":
		return "its name is empty, and Bun ignores a result column without a name"
	case name == "*":
		return "its name is *, which Bun writes unquoted, meaning every column"
	case name[0] == '"' && name[len(name)-1] == '"':
		return `its name starts and ends with ", which Bun strips from a result column (a lone " makes it panic)`
	case strings.Contains(name, "."):
		return "its name holds a dot, which Bun reads as table.column"
	}
	return ""
}

// classify decides, in table order, which tables are models, which are
// association tables and which are skipped.
func (b *builder) classify() {
	b.skip = map[*inspect.Table]string{}
	for i := range b.s.Tables {
		t := &b.s.Tables[i]
		b.skip[t] = b.baseSkipReason(t)
	}
	b.assoc = map[*inspect.Table]bool{}
	for i := range b.s.Tables {
		t := &b.s.Tables[i]
		if b.skip[t] != "" || !associationShaped(t) {
			continue
		}
		left, right := b.s.Referenced(t, &t.ForeignKeys[0]), b.s.Referenced(t, &t.ForeignKeys[1])
		if !b.mappableTarget(left) || !b.mappableTarget(right) {
			continue
		}
		b.assoc[t] = true
		b.skip[t] = fmt.Sprintf("association table for %s ↔ %s", left.QualifiedName(), right.QualifiedName())
	}
	for i := range b.s.Tables {
		t := &b.s.Tables[i]
		if reason := b.skip[t]; reason != "" {
			b.g.Skipped = append(b.g.Skipped, Skipped{Table: t.QualifiedName(), Reason: reason})
		}
	}
}

// mappableTarget reports whether t can be the far side of an association.
func (b *builder) mappableTarget(t *inspect.Table) bool {
	return t != nil && b.skip[t] == "" && t.Kind == inspect.KindTable && !associationShaped(t)
}

// associationShaped reports whether every column of t belongs to its
// primary key and to exactly one of its two foreign keys: a pure link
// table such as playlist_track(PlaylistId, TrackId).
func associationShaped(t *inspect.Table) bool {
	if t.Kind != inspect.KindTable || len(t.ForeignKeys) != 2 || len(t.Columns) != len(t.PrimaryKey) {
		return false
	}
	seen := map[string]int{}
	for _, fk := range t.ForeignKeys {
		for _, c := range fk.Columns {
			seen[c]++
		}
	}
	if len(seen) != len(t.Columns) {
		return false
	}
	for _, c := range t.Columns {
		if seen[c.Name] != 1 {
			return false
		}
	}
	return true
}

// name creates the models and associations with their Go names, aliases
// and fields, in table order.
func (b *builder) name() {
	taken := nameSet{}
	for i := range b.s.Tables {
		t := &b.s.Tables[i]
		if b.skip[t] != "" && !b.assoc[t] {
			continue
		}
		goName := modelNameOf(t.Name)
		if goName == "" {
			goName = "Table"
		}
		m := &Model{Table: t, GoName: taken.unique(goName), ReadOnly: t.Kind == inspect.KindView}
		m.Alias = bunUnderscore(m.GoName) // as Bun derives it from the type name
		m.Fields = b.fields(t)
		b.models[t] = m
		if b.assoc[t] {
			b.g.Associations = append(b.g.Associations, m)
		} else {
			b.g.Models = append(b.g.Models, m)
		}
	}
}

func (b *builder) fields(t *inspect.Table) []Field {
	taken := nameSet{"BaseModel": true} // every model embeds bun.BaseModel
	fields := make([]Field, 0, len(t.Columns))
	for i := range t.Columns {
		c := &t.Columns[i]
		if why := unspellableColumn(c.Name); why != "" {
			b.g.Warnings = append(b.g.Warnings, fmt.Sprintf("%s(%q): column left out: %s; rename the column to map it",
				t.QualifiedName(), c.Name, why))
			continue
		}
		name := goIdent(c.Name)
		if name == "" {
			name = "Column" + strconv.Itoa(i+1)
		}
		fields = append(fields, Field{
			Column: c,
			GoName: taken.unique(name),
			Type:   typeOfColumn(b.s.Dialect, c, b.o.NullStyle),
		})
	}
	return fields
}
