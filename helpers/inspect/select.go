package inspect

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/bunbook/bunbook/internal/suggest"
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
			if near := nearestRef(found, name); near != "" {
				unknown = append(unknown, fmt.Sprintf("%q (did you mean %q?)", name, near))
			} else {
				unknown = append(unknown, strconv.Quote(name))
			}
		case found[i].Kind == KindView && o.withoutViews:
			views = append(views, strconv.Quote(name))
		default:
			chosen[i] = true
		}
	}
	if len(unknown) > 0 {
		return nil, fmt.Errorf("inspect: Tables: no table or view named %s; this database has %s",
			strings.Join(unknown, ", "), summarizeRefs(found, 8))
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

// findRef returns the index of the table called name, preferring an exact
// match over a unique case-insensitive one; -1 when there is none.
func findRef(found []tableRef, name string) int {
	for i, r := range found {
		if r.Name == name || r.qualifiedName() == name {
			return i
		}
	}
	match := -1
	for i, r := range found {
		if asciiEqualFold(r.Name, name) || asciiEqualFold(r.qualifiedName(), name) {
			if match >= 0 {
				return -1 // ambiguous: "Foo" and "FOO" both exist
			}
			match = i
		}
	}
	return match
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

// summarizeRefs lists up to limit names of found, for error messages.
func summarizeRefs(found []tableRef, limit int) string {
	if len(found) == 0 {
		return "no tables or views at all (is this the right database file?)"
	}
	var names []string
	for i, r := range found {
		if i == limit {
			names = append(names, fmt.Sprintf("… and %d more (inspect.TableNames lists them all)", len(found)-limit))
			break
		}
		names = append(names, strconv.Quote(r.qualifiedName()))
	}
	return strings.Join(names, ", ")
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

// nearestRef suggests the found name closest to a mistyped one.
func nearestRef(found []tableRef, name string) string {
	names := make([]string, len(found))
	for i, r := range found {
		names[i] = r.qualifiedName()
	}
	return suggest.Nearest(name, names)
}
