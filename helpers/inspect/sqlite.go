package inspect

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"

	"github.com/bunbook/bunbook/internal/ident"
	"github.com/uptrace/bun"
)

func init() { backends["sqlite"] = newSQLiteInspector }

// sqliteInspector reads a SQLite schema through its table-valued pragmas
// (pragma_table_xinfo, pragma_foreign_key_list, pragma_index_list,
// pragma_index_xinfo). Names travel as bound parameters, so hostile names
// need no quoting; the one spliced name, the database of sqlite_master, is
// quoted by quoteIdent.
type sqliteInspector struct {
	db *bun.DB
}

func newSQLiteInspector(db *bun.DB) schemaReader { return &sqliteInspector{db: db} }

// Inspect reads the selected tables and views inside one read transaction,
// so the result is a consistent snapshot even while another connection
// changes the schema. It uses database/sql directly rather than Bun's query
// methods: the pragmas need true bound parameters, and query hooks such as
// bundebug would only print dozens of pragma lookups.
func (in *sqliteInspector) Inspect(ctx context.Context, opts ...Option) (*Schema, error) {
	o := collect(opts)
	tx, err := in.db.DB.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("inspect: sqlite: begin read transaction: %w", err)
	}
	defer tx.Rollback() // read-only: nothing to commit

	databases, err := sqliteDatabases(ctx, tx, o.schemas)
	if err != nil {
		return nil, err
	}
	var found []tableRef
	for _, name := range databases {
		refs, err := sqliteTableRefs(ctx, tx, name)
		if err != nil {
			return nil, err
		}
		found = append(found, refs...)
	}
	selected, err := o.selectTables(found)
	if err != nil {
		return nil, err
	}

	s := &Schema{Dialect: "sqlite", Tables: make([]Table, 0, len(selected))}
	for _, ref := range selected {
		t, err := sqliteReadTable(ctx, tx, ref, found)
		if err != nil {
			return nil, err
		}
		s.Tables = append(s.Tables, t)
	}
	sortTables(s.Tables)
	return s, nil
}

// tableNames lists the tables of the main database, internal ones
// included, in byte order: what TableNames promises, from sqlite_master
// alone.
func (in *sqliteInspector) tableNames(ctx context.Context) ([]string, error) {
	tx, err := in.db.DB.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("inspect: sqlite: begin read transaction: %w", err)
	}
	defer tx.Rollback()
	refs, err := sqliteTableRefs(ctx, tx, "main")
	if err != nil {
		return nil, err
	}
	var names []string
	for _, r := range refs {
		if r.Kind == KindTable {
			names = append(names, r.Name)
		}
	}
	slices.Sort(names) // byte order, whatever collation ORDER BY used
	return names, nil
}

// sqliteReadTable reads everything about one table or view.
func sqliteReadTable(ctx context.Context, tx *sql.Tx, ref tableRef, found []tableRef) (Table, error) {
	t := Table{Schema: ref.Schema, Name: ref.Name, Kind: ref.Kind, Internal: ref.Internal}
	cols, err := sqliteColumns(ctx, tx, ref)
	if ref.Kind == KindView {
		// A view is compiled only when read, so one over a dropped table or
		// column fails here; report it on the view and read the rest.
		if err != nil && ctx.Err() == nil {
			t.Problem = fmt.Sprintf("cannot read the view's columns: %v; fix or drop the view", errors.Unwrap(err))
			return t, nil
		}
		t.Columns = viewColumns(cols)
		return t, err
	}
	if err != nil {
		return t, err
	}
	if t.Indexes, err = sqliteIndexes(ctx, tx, ref); err != nil {
		return t, err
	}
	t.Columns, t.PrimaryKey = tableColumns(cols, hasPrimaryKeyIndex(t.Indexes))
	if t.ForeignKeys, err = sqliteForeignKeys(ctx, tx, ref, found); err != nil {
		return t, err
	}
	return t, nil
}

// sqliteDB is the database name SQLite's pragmas expect for a Table.Schema:
// "" stands for the main database.
func sqliteDB(schema string) string {
	if schema == "" {
		return "main"
	}
	return schema
}

// quoteIdent quotes an SQL identifier (see internal/ident).
func quoteIdent(name string) string { return ident.Quote(name) }
