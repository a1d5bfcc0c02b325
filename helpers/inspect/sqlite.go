package inspect

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
)

// The SQLite backend reads the main database through sqlite_master and the
// table-valued pragmas (pragma_table_xinfo, pragma_foreign_key_list,
// pragma_index_list, pragma_index_xinfo). Names travel as bound
// parameters, so hostile names need no quoting.

// sqliteList lists the tables and views of sqlite_master. Names starting
// with "sqlite_" are reserved by SQLite for its own tables
// (sqlite_sequence, sqlite_stat1, …) and marked Internal, as are the shadow
// tables of virtual tables.
func sqliteList(ctx context.Context, tx *sql.Tx) ([]tableRef, error) {
	var refs []tableRef
	err := queryRows(ctx, tx, `SELECT type, name FROM main.sqlite_master
		WHERE type IN ('table', 'view') ORDER BY name`, nil, func(rows *sql.Rows) error {
		var kind, name string
		if err := rows.Scan(&kind, &name); err != nil {
			return err
		}
		internal := len(name) >= 7 && asciiEqualFold(name[:7], "sqlite_")
		refs = append(refs, tableRef{Name: name, Kind: TableKind(kind), Internal: internal})
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("inspect: sqlite: list tables of main: %w", err)
	}
	shadow, err := sqliteShadowTables(ctx, tx)
	if err != nil {
		return nil, err
	}
	for i := range refs {
		if shadow[refs[i].Name] {
			refs[i].Internal = true
		}
	}
	return refs, nil
}

// sqliteShadowTables names the shadow tables of virtual tables (FTS5's
// docs_data, docs_idx, …): storage a module manages, so Internal like
// SQLite's own. pragma_table_list (SQLite 3.37+) tells them apart; an older
// SQLite without it simply yields none.
func sqliteShadowTables(ctx context.Context, tx *sql.Tx) (map[string]bool, error) {
	shadow := make(map[string]bool)
	err := queryRows(ctx, tx, `SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'shadow'`, nil,
		func(rows *sql.Rows) error {
			var name string
			if err := rows.Scan(&name); err != nil {
				return err
			}
			shadow[name] = true
			return nil
		})
	switch {
	case err != nil && strings.Contains(err.Error(), "pragma_table_list"):
		return nil, nil // "no such table: pragma_table_list": SQLite before 3.37
	case err != nil:
		return nil, fmt.Errorf("inspect: sqlite: list shadow tables of main: %w", err)
	}
	return shadow, nil
}

// sqliteRead reads the selected tables and views one by one.
func sqliteRead(ctx context.Context, tx *sql.Tx, found, sel []tableRef, tables []Table) error {
	for i, ref := range sel {
		if err := sqliteReadTable(ctx, tx, ref, found, &tables[i]); err != nil {
			return err
		}
	}
	return nil
}

// sqliteReadTable reads everything about one table or view.
func sqliteReadTable(ctx context.Context, tx *sql.Tx, ref tableRef, found []tableRef, t *Table) error {
	cols, err := sqliteColumns(ctx, tx, ref)
	if ref.Kind == KindView {
		// A view is compiled only when read, so one over a dropped table or
		// column fails here; report it on the view and read the rest.
		if err != nil && ctx.Err() == nil {
			t.Problem = fmt.Sprintf("cannot read the view's columns: %v; fix or drop the view", errors.Unwrap(err))
			return nil
		}
		t.Columns = viewColumns(cols)
		return err
	}
	if err != nil {
		return err
	}
	if t.Indexes, err = sqliteIndexes(ctx, tx, ref); err != nil {
		return err
	}
	t.Columns, t.PrimaryKey = tableColumns(cols, hasPrimaryKeyIndex(t.Indexes))
	t.ForeignKeys, err = sqliteForeignKeys(ctx, tx, ref, found)
	return err
}

// sqliteColumn is one row of pragma_table_xinfo.
type sqliteColumn struct {
	name    string
	typ     string
	notNull bool
	dflt    sql.NullString
	pk      int
	hidden  int // 0 ordinary, 1 hidden (virtual tables), 2/3 generated virtual/stored
}

// sqliteColumns reads pragma_table_xinfo, which unlike pragma_table_info
// also reports generated columns. Hidden columns of virtual tables (hidden
// = 1, e.g. FTS5's rank) are not part of the declared table and are skipped.
func sqliteColumns(ctx context.Context, tx *sql.Tx, ref tableRef) ([]sqliteColumn, error) {
	var cols []sqliteColumn
	err := queryRows(ctx, tx, `SELECT name, type, "notnull", dflt_value, pk, hidden
		FROM pragma_table_xinfo(?, 'main') ORDER BY cid`, []any{ref.Name}, func(rows *sql.Rows) error {
		var c sqliteColumn
		if err := rows.Scan(&c.name, &c.typ, &c.notNull, &c.dflt, &c.pk, &c.hidden); err != nil {
			return err
		}
		if c.hidden != 1 {
			cols = append(cols, c)
		}
		return nil
	})
	switch {
	case err != nil && ref.Kind == KindView:
		return nil, fmt.Errorf("inspect: sqlite: columns of view %q: %w (fix or drop the view)", ref.Name, err)
	case err != nil:
		return nil, fmt.Errorf("inspect: sqlite: columns of table %q: %w", ref.Name, err)
	}
	return cols, nil
}

// tableColumns turns pragma rows into Columns and the primary key.
//
// hasPKIndex is true when SQLite keeps an index for the primary key. A
// rowid table whose single-column key is declared INTEGER and has no such
// index is a rowid alias: the column IS the rowid, so it is never NULL and
// SQLite fills it in when an INSERT leaves it out. That is what
// AutoIncrement reports, with or without the AUTOINCREMENT keyword (which
// only forbids reusing the numbers of deleted rows). INT PRIMARY KEY, a
// composite key, INTEGER PRIMARY KEY DESC and WITHOUT ROWID tables all have
// an index and so are not rowid aliases.
func tableColumns(raw []sqliteColumn, hasPKIndex bool) ([]Column, []string) {
	pkCount := 0
	for _, c := range raw {
		if c.pk > 0 {
			pkCount++
		}
	}
	pk := make([]string, pkCount)
	cols := make([]Column, 0, len(raw))
	for _, c := range raw {
		col := Column{
			Name:       c.name,
			Type:       c.typ,
			Nullable:   !c.notNull,
			PrimaryKey: c.pk,
			Generated:  c.hidden == 2 || c.hidden == 3,
		}
		if c.dflt.Valid {
			d := c.dflt.String
			col.Default = &d
		}
		if c.pk > 0 && c.pk <= pkCount {
			pk[c.pk-1] = c.name
		}
		if c.pk == 1 && pkCount == 1 && !hasPKIndex && strings.EqualFold(c.typ, "INTEGER") {
			col.AutoIncrement = true
			col.Nullable = false // a rowid is never NULL, whatever notnull says
		}
		cols = append(cols, col)
	}
	if pkCount == 0 {
		pk = nil
	}
	return cols, pk
}

// viewColumns turns pragma rows of a view into Columns. A view has no keys;
// its column types are those SQLite derives from the underlying columns
// ("" for expressions), and every column may be NULL.
func viewColumns(raw []sqliteColumn) []Column {
	cols := make([]Column, 0, len(raw))
	for _, c := range raw {
		cols = append(cols, Column{Name: c.name, Type: c.typ, Nullable: !c.notNull})
	}
	return cols
}

// sqliteForeignKeys reads pragma_foreign_key_list: one row per column, a
// composite key's rows sharing an id and ordered by seq.
//
// SQLite keeps no constraint names there, so Name stays empty. The parent
// table and columns are reported as written in the REFERENCES clause; they
// are given the existing table's and columns' own spelling (SQLite matches
// them ignoring ASCII case), and "REFERENCES t" without columns is resolved
// to t's primary key. A dangling key, whose parent does not exist, is kept
// as declared (SQLite reports it only when the key is used).
func sqliteForeignKeys(ctx context.Context, tx *sql.Tx, ref tableRef, found []tableRef) ([]ForeignKey, error) {
	var (
		fks      []ForeignKey
		lastID   = -1
		implicit []bool // per fk: REFERENCES named no columns
	)
	err := queryRows(ctx, tx, `SELECT id, "table", "from", "to", on_update, on_delete
		FROM pragma_foreign_key_list(?, 'main') ORDER BY id, seq`, []any{ref.Name}, func(rows *sql.Rows) error {
		var (
			id                 int
			parent, from       string
			to                 sql.NullString
			onUpdate, onDelete string
		)
		if err := rows.Scan(&id, &parent, &from, &to, &onUpdate, &onDelete); err != nil {
			return err
		}
		if id != lastID {
			lastID = id
			fks = append(fks, ForeignKey{RefTable: parent, OnUpdate: onUpdate, OnDelete: onDelete})
			implicit = append(implicit, !to.Valid)
		}
		fk := &fks[len(fks)-1]
		fk.Columns = append(fk.Columns, from)
		if to.Valid {
			fk.RefColumns = append(fk.RefColumns, to.String)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("inspect: sqlite: foreign keys of %q: %w", ref.Name, err)
	}

	parents := make(map[string]sqliteParent)
	for i := range fks {
		fk := &fks[i]
		j := findTable(found, fk.RefTable)
		if j < 0 || found[j].Kind != KindTable {
			continue // dangling: keep the key exactly as declared
		}
		fk.RefTable = found[j].Name
		parent, ok := parents[fk.RefTable]
		if !ok {
			if parent, err = sqliteReadParent(ctx, tx, found[j]); err != nil {
				return nil, err
			}
			parents[fk.RefTable] = parent
		}
		if implicit[i] {
			fk.RefColumns = slices.Clone(parent.primaryKey)
			continue
		}
		for k, name := range fk.RefColumns {
			fk.RefColumns[k] = parent.spelling(name)
		}
	}
	return fks, nil
}

// sqliteParent is what resolving a foreign key needs of its parent table.
type sqliteParent struct {
	columns    []string
	primaryKey []string // in key order
}

// spelling returns the parent's own spelling of a column a REFERENCES
// clause names: SQLite matches it ignoring ASCII case and reports it as
// written ("ID" for a column "Id"); unknown names are kept as written.
func (p sqliteParent) spelling(name string) string {
	if slices.Contains(p.columns, name) {
		return name
	}
	for _, c := range p.columns {
		if asciiEqualFold(c, name) {
			return c
		}
	}
	return name
}

// sqliteReadParent reads the column names and primary key of a table.
func sqliteReadParent(ctx context.Context, tx *sql.Tx, ref tableRef) (sqliteParent, error) {
	var p sqliteParent
	cols, err := sqliteColumns(ctx, tx, ref)
	if err != nil {
		return p, err
	}
	key := make(map[int]string)
	for _, c := range cols {
		p.columns = append(p.columns, c.name)
		if c.pk > 0 {
			key[c.pk] = c.name
		}
	}
	for i := 1; i <= len(key); i++ {
		p.primaryKey = append(p.primaryKey, key[i])
	}
	return p, nil
}

// sqliteIndexOrigins maps pragma_index_list's origin codes to Index.Origin.
var sqliteIndexOrigins = map[string]string{
	"c":  "index",
	"u":  "unique",
	"pk": "primary key",
}

// sqliteIndexes reads every index pragma_index_list reports for a table,
// including the sqlite_autoindex_* ones SQLite creates for a PRIMARY KEY or
// UNIQUE constraint (Chinook: 10 CREATE INDEX + playlist_track's composite
// key = 11). A rowid-alias primary key has no index, being the rowid itself.
func sqliteIndexes(ctx context.Context, tx *sql.Tx, ref tableRef) ([]Index, error) {
	var indexes []Index
	err := queryRows(ctx, tx, `SELECT name, "unique", origin, partial FROM pragma_index_list(?, 'main')`,
		[]any{ref.Name}, func(rows *sql.Rows) error {
			var ix Index
			var origin string
			if err := rows.Scan(&ix.Name, &ix.Unique, &origin, &ix.Partial); err != nil {
				return err
			}
			ix.Origin = sqliteIndexOrigins[origin]
			if ix.Origin == "" {
				ix.Origin = origin // a future code: pass it on rather than lose it
			}
			indexes = append(indexes, ix)
			return nil
		})
	if err != nil {
		return nil, fmt.Errorf("inspect: sqlite: indexes of %q: %w", ref.Name, err)
	}
	for i := range indexes {
		if indexes[i].Columns, err = sqliteIndexColumns(ctx, tx, ref, indexes[i].Name); err != nil {
			return nil, err
		}
	}
	return indexes, nil
}

// sqliteIndexColumns lists an index's key columns in index order, from
// pragma_index_xinfo (key = 1 leaves out the rowid every index carries).
// A key on an expression has no column name (cid -2): its text is recovered
// from the CREATE INDEX statement, or "<expr>" when that fails.
func sqliteIndexColumns(ctx context.Context, tx *sql.Tx, ref tableRef, index string) ([]string, error) {
	var cols []string
	hasExpr := false
	err := queryRows(ctx, tx, `SELECT cid, name FROM pragma_index_xinfo(?, 'main') WHERE key ORDER BY seqno`,
		[]any{index}, func(rows *sql.Rows) error {
			var cid int
			var name sql.NullString
			if err := rows.Scan(&cid, &name); err != nil {
				return err
			}
			switch {
			case name.Valid:
				cols = append(cols, name.String)
			case cid == -1:
				cols = append(cols, "rowid")
			default:
				cols = append(cols, "")
				hasExpr = true
			}
			return nil
		})
	if err != nil {
		return nil, fmt.Errorf("inspect: sqlite: columns of index %q on %q: %w", index, ref.Name, err)
	}
	if !hasExpr {
		return cols, nil
	}
	var stmt sql.NullString
	err = tx.QueryRowContext(ctx, `SELECT sql FROM main.sqlite_master WHERE type = 'index' AND name = ?`, index).Scan(&stmt)
	if err != nil && err != sql.ErrNoRows {
		return nil, fmt.Errorf("inspect: sqlite: definition of index %q: %w", index, err)
	}
	terms := indexKeyTerms(stmt.String) // nil when there is no statement or it cannot be parsed
	for i, c := range cols {
		if c != "" {
			continue
		}
		if len(terms) == len(cols) {
			cols[i] = terms[i]
		} else {
			cols[i] = "<expr>"
		}
	}
	return cols, nil
}

// hasPrimaryKeyIndex reports whether SQLite keeps an index for the primary
// key, which it does for every primary key except a rowid alias.
func hasPrimaryKeyIndex(indexes []Index) bool {
	for _, ix := range indexes {
		if ix.Origin == "primary key" {
			return true
		}
	}
	return false
}
