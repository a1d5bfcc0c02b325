package inspect

import (
	"context"
	"database/sql"
	"fmt"
)

// mysqlReadForeignKeys fills the ForeignKeys of the schema's selected
// tables: KEY_COLUMN_USAGE gives the column pairs in ORDINAL_POSITION
// order, REFERENTIAL_CONSTRAINTS the actions. MariaDB reports an action
// left out of the DDL as RESTRICT, which is what InnoDB does.
func mysqlReadForeignKeys(ctx context.Context, tx *sql.Tx, schema string, tables map[tableRef]*Table) error {
	rows, err := tx.QueryContext(ctx, `SELECT k.TABLE_NAME, k.CONSTRAINT_NAME, k.ORDINAL_POSITION, k.COLUMN_NAME,
			k.REFERENCED_TABLE_SCHEMA, k.REFERENCED_TABLE_NAME, k.REFERENCED_COLUMN_NAME,
			r.UPDATE_RULE, r.DELETE_RULE
		FROM information_schema.KEY_COLUMN_USAGE k
		JOIN information_schema.REFERENTIAL_CONSTRAINTS r
			ON r.CONSTRAINT_SCHEMA = k.CONSTRAINT_SCHEMA AND r.CONSTRAINT_NAME = k.CONSTRAINT_NAME
			AND r.TABLE_NAME = k.TABLE_NAME
		WHERE k.TABLE_SCHEMA = ? AND k.REFERENCED_TABLE_NAME IS NOT NULL
		ORDER BY k.TABLE_NAME, k.CONSTRAINT_NAME, k.ORDINAL_POSITION`, schema)
	if err != nil {
		return fmt.Errorf("inspect: mysql: read foreign keys of %s: %w", schema, err)
	}
	defer rows.Close()
	type key struct {
		table      tableRef
		constraint string
	}
	found := map[key]*ForeignKey{}
	var order []key
	for rows.Next() {
		var (
			table, name, column, refColumn string
			pos                            int
			fk                             ForeignKey
		)
		if err := rows.Scan(&table, &name, &pos, &column, &fk.RefSchema, &fk.RefTable, &refColumn,
			&fk.OnUpdate, &fk.OnDelete); err != nil {
			return fmt.Errorf("inspect: mysql: read foreign keys of %s: %w", schema, err)
		}
		k := key{mysqlTableKey(schema, table), name}
		if tables[k.table] == nil {
			continue // not selected
		}
		have := found[k]
		if have == nil {
			fk.Name = name
			have = &fk
			found[k] = have
			order = append(order, k)
		}
		for len(have.Columns) < pos {
			have.Columns = append(have.Columns, "")
			have.RefColumns = append(have.RefColumns, "")
		}
		have.Columns[pos-1], have.RefColumns[pos-1] = column, refColumn
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("inspect: mysql: read foreign keys of %s: %w", schema, err)
	}
	for _, k := range order {
		t := tables[k.table]
		t.ForeignKeys = append(t.ForeignKeys, *found[k])
	}
	return nil
}
