package inspect

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
)

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
	rows, err := tx.QueryContext(ctx, `SELECT id, "table", "from", "to", on_update, on_delete
		FROM pragma_foreign_key_list(?, ?) ORDER BY id, seq`, ref.Name, sqliteDB(ref.Schema))
	if err != nil {
		return nil, fmt.Errorf("inspect: sqlite: foreign keys of %q: %w", ref.qualifiedName(), err)
	}
	var (
		fks      []ForeignKey
		lastID   = -1
		implicit []bool // per fk: REFERENCES named no columns
	)
	for rows.Next() {
		var (
			id                 int
			parent, from       string
			to                 sql.NullString
			onUpdate, onDelete string
		)
		if err := rows.Scan(&id, &parent, &from, &to, &onUpdate, &onDelete); err != nil {
			rows.Close()
			return nil, fmt.Errorf("inspect: sqlite: foreign keys of %q: %w", ref.qualifiedName(), err)
		}
		if id != lastID {
			lastID = id
			fks = append(fks, ForeignKey{
				RefSchema: ref.Schema, // SQLite foreign keys never leave their database
				RefTable:  parent,
				OnUpdate:  onUpdate,
				OnDelete:  onDelete,
			})
			implicit = append(implicit, !to.Valid)
		}
		fk := &fks[len(fks)-1]
		fk.Columns = append(fk.Columns, from)
		if to.Valid {
			fk.RefColumns = append(fk.RefColumns, to.String)
		}
	}
	err = rows.Err()
	rows.Close() // before the primary-key lookups below reuse the connection
	if err != nil {
		return nil, fmt.Errorf("inspect: sqlite: foreign keys of %q: %w", ref.qualifiedName(), err)
	}

	parents := make(map[string]sqliteParent)
	for i := range fks {
		fk := &fks[i]
		j := findInSchema(found, ref.Schema, fk.RefTable)
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
	sortForeignKeys(fks)
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
