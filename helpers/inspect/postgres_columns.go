package inspect

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// pgReadColumns fills the Columns of every table, in attnum order.
//
// Type is format_type's text, the type as PostgreSQL itself writes it
// ("character varying(160)", "numeric(10,2)", "integer"). AutoIncrement is
// set for identity columns (which also have Identity) and for columns
// defaulting to nextval(…): serial columns and any other sequence-fed key. The nextval default of a serial
// column (its sequence owned by the column) is implied by AutoIncrement and
// not repeated in Default, as in Bun's own inspector; a nextval of some
// other sequence stays in Default, so the sequence's name is not lost.
// A generated column (GENERATED ALWAYS AS … STORED) has Generated set and
// no Default: its expression is not a default.
func pgReadColumns(ctx context.Context, tx *sql.Tx, oids []int64, tables map[int64]*Table) error {
	rows, err := tx.QueryContext(ctx, `
		SELECT a.attrelid::int8, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull,
			pg_get_expr(d.adbin, d.adrelid), a.attidentity::text, a.attgenerated::text,
			EXISTS (SELECT 1 FROM pg_depend dep
				JOIN pg_class seq ON seq.oid = dep.objid AND seq.relkind = 'S'
				WHERE dep.classid = 'pg_class'::regclass AND dep.refclassid = 'pg_class'::regclass
					AND dep.refobjid = a.attrelid AND dep.refobjsubid = a.attnum AND dep.deptype = 'a')
		FROM pg_attribute a
		LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
		WHERE a.attrelid IN (SELECT json_array_elements_text($1::text::json)::oid)
			AND a.attnum > 0 AND NOT a.attisdropped
		ORDER BY a.attrelid, a.attnum`, jsonText(oids))
	if err != nil {
		return fmt.Errorf("inspect: pg: read columns: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var (
			oid                 int64
			c                   Column
			notNull, ownsSeq    bool
			dflt                sql.NullString
			identity, generated string
		)
		if err := rows.Scan(&oid, &c.Name, &c.Type, &notNull, &dflt, &identity, &generated, &ownsSeq); err != nil {
			return fmt.Errorf("inspect: pg: read columns: %w", err)
		}
		c.Nullable = !notNull
		c.Generated = generated != ""
		nextval := dflt.Valid && strings.HasPrefix(dflt.String, "nextval(")
		c.Identity = identity != ""
		c.AutoIncrement = c.Identity || nextval
		if dflt.Valid && !c.Generated && !(nextval && ownsSeq) {
			d := dflt.String
			c.Default = &d
		}
		t := tables[oid]
		t.Columns = append(t.Columns, c)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("inspect: pg: read columns: %w", err)
	}
	return nil
}
