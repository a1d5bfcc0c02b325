package inspect

import (
	"context"
	"database/sql"
	"fmt"
)

// sqliteForeignKeys reads pragma_foreign_key_list: one row per column, a
// composite key's rows sharing an id and ordered by seq.
//
// SQLite keeps no constraint names there, so Name stays empty. The parent
// table is reported as written in the REFERENCES clause; it is resolved to
// the existing table's exact spelling (SQLite matches it case-insensitively),
// and "REFERENCES t" without columns is resolved to t's primary key.
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

	for i := range fks {
		fk := &fks[i]
		parent := tableRef{Schema: ref.Schema, Name: fk.RefTable}
		if j := findRef(found, parent.qualifiedName()); j >= 0 && found[j].Schema == ref.Schema {
			fk.RefTable = found[j].Name
			parent = found[j]
		}
		if implicit[i] {
			if fk.RefColumns, err = sqlitePrimaryKey(ctx, tx, parent); err != nil {
				return nil, err
			}
		}
	}
	sortForeignKeys(fks)
	return fks, nil
}

// sqlitePrimaryKey lists the primary-key columns of a table in key order;
// empty when the table has none or does not exist (a dangling foreign key,
// which SQLite only reports when the key is used).
func sqlitePrimaryKey(ctx context.Context, tx *sql.Tx, ref tableRef) ([]string, error) {
	rows, err := tx.QueryContext(ctx, `SELECT name FROM pragma_table_xinfo(?, ?) WHERE pk > 0 ORDER BY pk`,
		ref.Name, sqliteDB(ref.Schema))
	if err != nil {
		return nil, fmt.Errorf("inspect: sqlite: primary key of %q: %w", ref.qualifiedName(), err)
	}
	defer rows.Close()
	var names []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return nil, fmt.Errorf("inspect: sqlite: primary key of %q: %w", ref.qualifiedName(), err)
		}
		names = append(names, name)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("inspect: sqlite: primary key of %q: %w", ref.qualifiedName(), err)
	}
	return names, nil
}
