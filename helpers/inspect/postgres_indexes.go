package inspect

import (
	"context"
	"database/sql"
	"fmt"
)

// pgReadIndexes fills the Indexes of every table: those behind a PRIMARY
// KEY (Origin "primary key") or UNIQUE constraint ("unique") and those made
// by CREATE [UNIQUE] INDEX ("index"). Columns are the key columns in index
// order, INCLUDE columns left out; an expression key is listed as
// pg_get_indexdef prints it, e.g. lower((email)::text). Partial is set for
// an index with a WHERE clause.
func pgReadIndexes(ctx context.Context, tx *sql.Tx, oids []int64, tables map[int64]*Table) error {
	rows, err := tx.QueryContext(ctx, `
		SELECT i.indrelid::int8, ic.relname, i.indisunique, i.indisprimary, i.indpred IS NOT NULL,
			EXISTS (SELECT 1 FROM pg_constraint con
				WHERE con.conindid = i.indexrelid AND con.conrelid = i.indrelid AND con.contype = 'u'),
			(SELECT json_agg(CASE WHEN k.num = 0 THEN pg_get_indexdef(i.indexrelid, k.i::int, true)
					ELSE a.attname::text END ORDER BY k.i)
				FROM unnest(i.indkey::int2[]) WITH ORDINALITY k(num, i)
				LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.num
				WHERE k.i <= i.indnkeyatts)
		FROM pg_index i
		JOIN pg_class ic ON ic.oid = i.indexrelid
		WHERE i.indrelid IN (SELECT json_array_elements_text($1::text::json)::oid)`, jsonText(oids))
	if err != nil {
		return fmt.Errorf("inspect: pg: read indexes: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var (
			oid                 int64
			ix                  Index
			primary, constraint bool
			cols                sql.NullString
		)
		if err := rows.Scan(&oid, &ix.Name, &ix.Unique, &primary, &ix.Partial, &constraint, &cols); err != nil {
			return fmt.Errorf("inspect: pg: read indexes: %w", err)
		}
		t := tables[oid]
		if ix.Columns, err = jsonNames(cols); err != nil {
			return fmt.Errorf("inspect: pg: columns of index %s on %s: %w", ix.Name, t.QualifiedName(), err)
		}
		switch {
		case primary:
			ix.Origin = "primary key"
		case constraint:
			ix.Origin = "unique"
		default:
			ix.Origin = "index"
		}
		t.Indexes = append(t.Indexes, ix)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("inspect: pg: read indexes: %w", err)
	}
	return nil
}
