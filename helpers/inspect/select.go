package inspect

import (
	"fmt"
	"strconv"
	"strings"
)

// tableRef names one table or view a backend found before reading its
// details; selectTables decides which of them the caller asked for.
type tableRef struct {
	Schema   string
	Name     string
	Kind     TableKind
	Internal bool
}

func (r tableRef) qualifiedName() string {
	if r.Schema == "" {
		return r.Name
	}
	return r.Schema + "." + r.Name
}

// selectTables applies WithInternal, WithoutViews and Tables to found.
//
// Without Tables, internal tables and (with WithoutViews) views are dropped.
// With Tables, exactly the named ones are kept: a name may be bare or
// "schema.name", matches exactly first and then ASCII case-insensitively (as
// SQL identifiers do), and an internal table named explicitly is kept even
// without WithInternal. Unknown names are one error naming all of them.
func (o options) selectTables(found []tableRef) ([]tableRef, error) {
	if len(o.tables) == 0 {
		var kept []tableRef
		for _, r := range found {
			if (r.Internal && !o.withInternal) || (r.Kind == KindView && o.withoutViews) {
				continue
			}
			kept = append(kept, r)
		}
		return kept, nil
	}

	chosen := make(map[int]bool)
	var unknown, views []string
	for _, name := range o.tables {
		i := findRef(found, name)
		switch {
		case i < 0:
			unknown = append(unknown, name)
		case found[i].Kind == KindView && o.withoutViews:
			views = append(views, strconv.Quote(name))
		default:
			chosen[i] = true
		}
	}
	if len(unknown) > 0 {
		known := make([]string, len(found))
		for i, r := range found {
			known[i] = r.qualifiedName()
		}
		return nil, fmt.Errorf("inspect: Tables: %w", &UnknownTablesError{Names: unknown, Known: known})
	}
	if len(views) > 0 {
		return nil, fmt.Errorf("inspect: Tables names view %s but WithoutViews was given: drop one of the two options",
			strings.Join(views, ", "))
	}
	var kept []tableRef
	for i, r := range found {
		if chosen[i] {
			kept = append(kept, r)
		}
	}
	return kept, nil
}

// findRef returns the index of the table called name by Schema.Lookup's
// rule (matchName); -1 when there is none.
func findRef(found []tableRef, name string) int {
	bare := make([]string, len(found))
	qualified := make([]string, len(found))
	for i, r := range found {
		bare[i], qualified[i] = r.Name, r.qualifiedName()
	}
	return matchName(bare, qualified, name)
}

// findInSchema returns the index of the table called name in schema, as a
// database resolves an unqualified reference there: exact spelling first,
// then ignoring ASCII case; -1 when there is none.
func findInSchema(found []tableRef, schema, name string) int {
	match := -1
	for i, r := range found {
		if r.Schema != schema {
			continue
		}
		if r.Name == name {
			return i
		}
		if match < 0 && asciiEqualFold(r.Name, name) {
			match = i
		}
	}
	return match
}

// asciiEqualFold compares like SQL identifiers do: case folds only for
// ASCII letters, so "É" and "é" stay different, as in SQLite.
func asciiEqualFold(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		ca, cb := a[i], b[i]
		if 'A' <= ca && ca <= 'Z' {
			ca += 'a' - 'A'
		}
		if 'A' <= cb && cb <= 'Z' {
			cb += 'a' - 'A'
		}
		if ca != cb {
			return false
		}
	}
	return true
}
