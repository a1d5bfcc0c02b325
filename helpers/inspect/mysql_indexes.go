package inspect

import (
	"context"
	"database/sql"
	"fmt"
)

// mysqlReadIndexes fills the Indexes and primary keys of the schema's
// selected tables from information_schema.STATISTICS.
//
// The primary key is the index named PRIMARY (Origin "primary key"). MySQL
// makes no difference between a UNIQUE constraint and a unique index (each
// is the other), so every other unique index has Origin "unique" and the
// rest "index" — including those InnoDB adds for a foreign key that had
// none. A prefix key part (col(10)) is listed by its column name; a MySQL
// 8 functional key part by its expression. Indexes are never partial.
func mysqlReadIndexes(ctx context.Context, tx *sql.Tx, flavor mysqlFlavor, schema string, tables map[tableRef]*Table) error {
	expression := "NULL"
	if flavor.expressionIndexes {
		expression = "EXPRESSION"
	}
	rows, err := tx.QueryContext(ctx, `SELECT TABLE_NAME, INDEX_NAME, NON_UNIQUE, SEQ_IN_INDEX, COLUMN_NAME, `+expression+`
		FROM information_schema.STATISTICS
		WHERE TABLE_SCHEMA = ?
		ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX`, schema)
	if err != nil {
		return fmt.Errorf("inspect: mysql: read indexes of %s: %w", schema, err)
	}
	defer rows.Close()
	type key struct {
		table tableRef
		index string
	}
	found := map[key]*Index{}
	var order []key
	for rows.Next() {
		var (
			table, index string
			nonUnique    bool
			seq          int
			column, expr sql.NullString
		)
		if err := rows.Scan(&table, &index, &nonUnique, &seq, &column, &expr); err != nil {
			return fmt.Errorf("inspect: mysql: read indexes of %s: %w", schema, err)
		}
		k := key{mysqlTableKey(schema, table), index}
		if tables[k.table] == nil {
			continue // not selected
		}
		ix := found[k]
		if ix == nil {
			ix = &Index{Name: index, Unique: !nonUnique, Origin: "index"}
			switch {
			case index == "PRIMARY":
				ix.Origin = "primary key"
			case ix.Unique:
				ix.Origin = "unique"
			}
			found[k] = ix
			order = append(order, k)
		}
		// Rows come in SEQ_IN_INDEX order, but information_schema sorts
		// names case-insensitively, so place by position, not by arrival.
		for len(ix.Columns) < seq {
			ix.Columns = append(ix.Columns, "")
		}
		name := column.String
		if !column.Valid {
			name = expr.String
		}
		ix.Columns[seq-1] = name
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("inspect: mysql: read indexes of %s: %w", schema, err)
	}
	for _, k := range order {
		t, ix := tables[k.table], found[k]
		t.Indexes = append(t.Indexes, *ix)
		if ix.Origin == "primary key" {
			t.PrimaryKey = ix.Columns
			for pos, name := range ix.Columns {
				if c := t.Column(name); c != nil {
					c.PrimaryKey = pos + 1
				}
			}
		}
	}
	return nil
}
