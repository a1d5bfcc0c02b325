package codegen

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/bunbook/bunbook/helpers/inspect"
	"github.com/bunbook/bunbook/internal/suggest"
)

// UnknownTablesError reports names in Options.Tables that the database does
// not have. The bunacodegen command exits with status 2 on it.
type UnknownTablesError struct {
	Names         []string // the unknown names, as given
	Known         []string // the tables and views the database has
	ViewsExcluded bool     // WithoutViews was set, so views were not looked at
}

func (e *UnknownTablesError) Error() string {
	q := make([]string, len(e.Names))
	for i, n := range e.Names {
		q[i] = strconv.Quote(n)
		if near := suggest.Nearest(n, e.Known); near != "" {
			q[i] += fmt.Sprintf(" (did you mean %q?)", near)
		}
	}
	noun := "table"
	if len(q) > 1 {
		noun = "tables"
	}
	msg := fmt.Sprintf("codegen: unknown %s %s: pick from %s", noun, strings.Join(q, ", "), strings.Join(e.Known, ", "))
	if e.ViewsExcluded {
		msg += " (views are left out by -noviews)"
	}
	return msg
}

// selectTables narrows s to the tables asked for in o.Tables plus, unless
// relations are off, every table they reach through foreign keys: a
// belongs-to field needs its target model (sqlacodegen, through
// SQLAlchemy's reflection, does the same). It returns the narrowed schema
// in s's order; s itself is not changed.
func selectTables(s *inspect.Schema, o Options) (*inspect.Schema, error) {
	if len(o.Tables) == 0 {
		return s, nil
	}
	chosen := map[*inspect.Table]bool{}
	var queue []*inspect.Table
	var unknown []string
	for _, name := range o.Tables {
		t := findTable(s, name)
		if t == nil {
			unknown = append(unknown, name)
			continue
		}
		if !chosen[t] {
			chosen[t] = true
			queue = append(queue, t)
		}
	}
	if len(unknown) > 0 {
		var known []string
		for _, t := range s.Tables {
			known = append(known, t.QualifiedName())
		}
		return nil, &UnknownTablesError{Names: unknown, Known: known, ViewsExcluded: o.WithoutViews}
	}
	for !o.WithoutRelations && len(queue) > 0 {
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

// findTable looks a name up as given, then (SQLite and MySQL compare
// table names without regard to case) case-insensitively when exactly one
// table matches that way.
func findTable(s *inspect.Schema, name string) *inspect.Table {
	if t := s.Table(name); t != nil {
		return t
	}
	if s.Dialect == "pg" {
		return nil
	}
	var found *inspect.Table
	for i := range s.Tables {
		t := &s.Tables[i]
		if strings.EqualFold(t.Name, name) || strings.EqualFold(t.QualifiedName(), name) {
			if found != nil {
				return nil
			}
			found = t
		}
	}
	return found
}
