package codegen

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/bunbook/bunbook/helpers/inspect"
)

// UnknownTablesError reports names in Options.Tables that the database does
// not have. The bunacodegen command exits with status 2 on it.
type UnknownTablesError struct {
	Names         []string // the unknown names, as given
	Known         []string // the tables and views the database has
	ViewsExcluded bool     // NoViews was set, so views were not looked at
}

func (e *UnknownTablesError) Error() string {
	q := make([]string, len(e.Names))
	for i, n := range e.Names {
		q[i] = strconv.Quote(n)
		if near := nearest(n, e.Known); near != "" {
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
		return nil, &UnknownTablesError{Names: unknown, Known: known, ViewsExcluded: o.NoViews}
	}
	for !o.NoRelations && len(queue) > 0 {
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

// nearest is the known name closest to name when it is close enough to
// be a typo or a singular/plural slip ("artist" for "artists").
func nearest(name string, known []string) string {
	best, bestDist := "", -1
	for _, k := range known {
		d := editDistance(strings.ToLower(name), strings.ToLower(k))
		if bestDist < 0 || d < bestDist {
			best, bestDist = k, d
		}
	}
	if bestDist < 0 || bestDist > 2 || bestDist*3 > len(name) {
		return ""
	}
	return best
}

// editDistance is the Levenshtein distance between a and b, in runes.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
