package codegen

import (
	"fmt"

	"github.com/bunbook/bunbook/helpers/inspect"
)

// selectTables narrows s to the tables asked for in o.tables plus, unless
// relations are off, every table they reach through foreign keys: a
// belongs-to field needs its target model (sqlacodegen, through
// SQLAlchemy's reflection, does the same). It returns the narrowed schema
// in s's order; s itself is not changed.
func selectTables(s *inspect.Schema, o config) (*inspect.Schema, error) {
	if len(o.tables) == 0 {
		return s, nil
	}
	queue, err := s.LookupAll(o.tables...)
	if err != nil {
		if o.graph.WithoutViews {
			return nil, fmt.Errorf("codegen: Tables: %w (views are left out by WithoutViews, -noviews)", err)
		}
		return nil, fmt.Errorf("codegen: Tables: %w", err)
	}
	chosen := map[*inspect.Table]bool{}
	for _, t := range queue {
		chosen[t] = true
	}
	for !o.graph.WithoutRelations && len(queue) > 0 {
		t := queue[0]
		queue = queue[1:]
		for i := range t.ForeignKeys {
			ref := s.Referenced(t, &t.ForeignKeys[i])
			if ref != nil && !chosen[ref] {
				chosen[ref] = true
				queue = append(queue, ref)
			}
		}
	}
	out := &inspect.Schema{Dialect: s.Dialect}
	for i := range s.Tables {
		if chosen[&s.Tables[i]] {
			out.Tables = append(out.Tables, s.Tables[i])
		}
	}
	return out, nil
}
