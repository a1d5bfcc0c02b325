package inspect

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/bunbook/bunbook/internal/suggest"
)

// Lookup returns the table or view called name, bare ("albums") or with
// its schema ("public.albums"). This is the one table-name rule of every
// helper (modelgraph's, automap's, codegen's and erd's Tables options,
// automap's Registry.Lookup): the exact spelling wins; otherwise
// the one table whose name matches ignoring ASCII case, as SQLite and
// MySQL compare names and as PostgreSQL folds unquoted ones. An unknown
// name, or one that fits two tables when case is ignored (Users, users),
// is an *UnknownTablesError with a "did you mean" hint.
func (s *Schema) Lookup(name string) (*Table, error) {
	tables, err := s.LookupAll(name)
	if err != nil {
		return nil, err
	}
	return tables[0], nil
}

// LookupAll is Lookup for several names: the tables in the order asked
// (each once), or one *UnknownTablesError naming every name not found.
func (s *Schema) LookupAll(names ...string) ([]*Table, error) {
	bare := make([]string, len(s.Tables))
	qualified := make([]string, len(s.Tables))
	for i := range s.Tables {
		bare[i], qualified[i] = s.Tables[i].Name, s.Tables[i].QualifiedName()
	}
	var out []*Table
	seen := map[*Table]bool{}
	var unknown []string
	for _, name := range names {
		i := matchName(bare, qualified, name)
		if i < 0 {
			unknown = append(unknown, name)
			continue
		}
		if t := &s.Tables[i]; !seen[t] {
			seen[t] = true
			out = append(out, t)
		}
	}
	if len(unknown) > 0 {
		return nil, &UnknownTablesError{Names: unknown, Known: qualified}
	}
	return out, nil
}

// matchName returns the index of name among the tables whose bare and
// schema-qualified names are given: an exact match, else the only one
// equal ignoring ASCII case; -1 when there is none or more than one.
func matchName(bare, qualified []string, name string) int {
	for i := range bare {
		if bare[i] == name || qualified[i] == name {
			return i
		}
	}
	match := -1
	for i := range bare {
		if asciiEqualFold(bare[i], name) || asciiEqualFold(qualified[i], name) {
			if match >= 0 {
				return -1 // ambiguous: "Foo" and "FOO" both exist
			}
			match = i
		}
	}
	return match
}

// UnknownTablesError reports table names a schema does not have (or has
// twice, differing only in case). Callers add their package's prefix;
// bunacodegen exits with status 2 on it.
type UnknownTablesError struct {
	Names []string // the names not found, as given
	Known []string // the schema's tables and views, schema-qualified
}

func (e *UnknownTablesError) Error() string {
	var unknown, ambiguous []string
	for _, n := range e.Names {
		if fits := e.fits(n); len(fits) > 1 {
			ambiguous = append(ambiguous, fmt.Sprintf("%q matches more than one table (%s) when case is ignored: write the name exactly",
				n, strings.Join(fits, ", ")))
			continue
		}
		q := strconv.Quote(n)
		if near := suggest.Nearest(n, e.candidates(n)); near != "" {
			q += fmt.Sprintf(" (did you mean %q?)", near)
		}
		unknown = append(unknown, q)
	}
	var parts []string
	switch {
	case len(unknown) > 0 && len(e.Known) == 0:
		parts = append(parts, fmt.Sprintf("no table or view named %s: the schema has no tables or views at all (is this the right database?)",
			strings.Join(unknown, ", ")))
	case len(unknown) > 0:
		parts = append(parts, fmt.Sprintf("no table or view named %s; this database has %s", strings.Join(unknown, ", "), summarizeNames(e.Known, 8)))
	}
	return strings.Join(append(parts, ambiguous...), "; ")
}

// candidates are the names to suggest for a mistyped name: as Known
// gives them, or bare when the name was typed without a schema.
func (e *UnknownTablesError) candidates(name string) []string {
	if strings.Contains(name, ".") {
		return e.Known
	}
	bare := make([]string, len(e.Known))
	for i, k := range e.Known {
		bare[i] = k[strings.LastIndexByte(k, '.')+1:]
	}
	return bare
}

// fits lists the tables (bare names) equal to name ignoring ASCII case.
func (e *UnknownTablesError) fits(name string) []string {
	var out []string
	for _, k := range e.Known {
		bare := k[strings.LastIndexByte(k, '.')+1:]
		if asciiEqualFold(k, name) || asciiEqualFold(bare, name) {
			out = append(out, bare)
		}
	}
	return out
}

// summarizeNames quotes up to limit names, for error messages.
func summarizeNames(names []string, limit int) string {
	var q []string
	for i, n := range names {
		if i == limit {
			q = append(q, fmt.Sprintf("… and %d more (Schema.Tables lists them all)", len(names)-limit))
			break
		}
		q = append(q, strconv.Quote(n))
	}
	return strings.Join(q, ", ")
}
