package inspect

import (
	"context"
	"database/sql"
	"fmt"
)

// pgActions maps pg_constraint's confupdtype/confdeltype codes.
var pgActions = map[string]string{
	"a": "NO ACTION",
	"r": "RESTRICT",
	"c": "CASCADE",
	"n": "SET NULL",
	"d": "SET DEFAULT",
}

// pgReadConstraints fills the primary keys (PrimaryKey and each column's
// position in it) and the foreign keys. Key columns come in constraint
// order (conkey/confkey unnested WITH ORDINALITY), so a composite foreign
// key pairs its columns correctly.
func pgReadConstraints(ctx context.Context, tx *sql.Tx, oids []int64, tables map[int64]*Table) error {
	rows, err := tx.QueryContext(ctx, `
		SELECT con.conrelid::int8, con.conname, con.contype = 'p',
			(SELECT json_agg(a.attname ORDER BY k.i)
				FROM unnest(con.conkey) WITH ORDINALITY k(num, i)
				JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.num),
			rn.nspname, rc.relname,
			(SELECT json_agg(a.attname ORDER BY k.i)
				FROM unnest(con.confkey) WITH ORDINALITY k(num, i)
				JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.num),
			con.confupdtype::text, con.confdeltype::text
		FROM pg_constraint con
		LEFT JOIN pg_class rc ON rc.oid = con.confrelid
		LEFT JOIN pg_namespace rn ON rn.oid = rc.relnamespace
		WHERE con.conrelid IN (SELECT json_array_elements_text($1::text::json)::oid)
			AND con.contype IN ('p', 'f')`, jsonText(oids))
	if err != nil {
		return fmt.Errorf("inspect: pg: read keys: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var (
			oid                 int64
			name                string
			primary             bool
			cols, refCols       sql.NullString
			refSchema, refTable sql.NullString
			onUpdate, onDelete  string
		)
		if err := rows.Scan(&oid, &name, &primary, &cols, &refSchema, &refTable, &refCols, &onUpdate, &onDelete); err != nil {
			return fmt.Errorf("inspect: pg: read keys: %w", err)
		}
		t := tables[oid]
		columns, err := jsonNames(cols)
		if err != nil {
			return fmt.Errorf("inspect: pg: columns of %s on %s: %w", name, t.QualifiedName(), err)
		}
		if primary {
			t.PrimaryKey = columns
			for pos, colName := range columns {
				if c := t.Column(colName); c != nil {
					c.PrimaryKey = pos + 1
				}
			}
			continue
		}
		referenced, err := jsonNames(refCols)
		if err != nil {
			return fmt.Errorf("inspect: pg: referenced columns of %s on %s: %w", name, t.QualifiedName(), err)
		}
		t.ForeignKeys = append(t.ForeignKeys, ForeignKey{
			Name:       name,
			Columns:    columns,
			RefSchema:  refSchema.String,
			RefTable:   refTable.String,
			RefColumns: referenced,
			OnUpdate:   pgActions[onUpdate],
			OnDelete:   pgActions[onDelete],
		})
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("inspect: pg: read keys: %w", err)
	}
	return nil
}
