package inspect

import (
	"cmp"
	"slices"
)

// The orderings below make Inspect deterministic whatever order the
// database reports things in; every backend applies them last.

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
