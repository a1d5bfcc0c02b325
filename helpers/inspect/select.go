package inspect

import (
	"cmp"
	"slices"
)

// tableRef names one table or view a backend found before reading its
// details; selectTables decides which of them the caller asked for.
type tableRef struct {
	Schema   string
	Name     string
	Kind     TableKind
	Internal bool
	oid      int64 // PostgreSQL's pg_class oid
}

// selectTables applies WithInternal and WithoutViews to found.
func (o options) selectTables(found []tableRef) []tableRef {
	var kept []tableRef
	for _, r := range found {
		if (r.Internal && !o.withInternal) || (r.Kind == KindView && o.withoutViews) {
			continue
		}
		kept = append(kept, r)
	}
	return kept
}

// findTable returns the index of the table called name, as SQLite resolves
// a reference: exact spelling first, then ignoring ASCII case; -1 when
// there is none.
func findTable(found []tableRef, name string) int {
	match := -1
	for i, r := range found {
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

// The orderings below make Inspect deterministic whatever order the
// database reports things in; Inspect applies them last.

func sortTables(tables []Table) {
	slices.SortFunc(tables, func(a, b Table) int {
		return cmp.Or(cmp.Compare(a.Schema, b.Schema), cmp.Compare(a.Name, b.Name))
	})
}

func sortForeignKeys(fks []ForeignKey) {
	slices.SortFunc(fks, func(a, b ForeignKey) int {
		return cmp.Or(
			slices.Compare(a.Columns, b.Columns),
			cmp.Compare(a.RefSchema, b.RefSchema),
			cmp.Compare(a.RefTable, b.RefTable),
			slices.Compare(a.RefColumns, b.RefColumns),
			cmp.Compare(a.Name, b.Name),
		)
	})
}

func sortIndexes(indexes []Index) {
	slices.SortFunc(indexes, func(a, b Index) int { return cmp.Compare(a.Name, b.Name) })
}
