package inspect

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
)

// The PostgreSQL backend reads the current schema (the first existing one
// of the search_path, normally "public") from the system catalogs
// (pg_class, pg_attribute, pg_constraint, pg_index), PostgreSQL 12 or
// newer. Every name and list travels as a bound parameter: a list is sent
// as one JSON text (json_array_elements_text unpacks it), which any driver
// can bind, so nothing is quoted by hand and hostile names are harmless.

// pgList lists the tables (ordinary, partitioned, foreign) and views (plain
// and materialized) of the current schema. Partitions are left out (their
// partitioned parent is listed), and tables created by an extension
// (PostGIS's spatial_ref_sys, …) are Internal.
func pgList(ctx context.Context, tx *sql.Tx) ([]tableRef, error) {
	var current sql.NullString
	if err := tx.QueryRowContext(ctx, `SELECT current_schema()`).Scan(&current); err != nil {
		return nil, fmt.Errorf("inspect: pg: current schema: %w", err)
	}
	if !current.Valid {
		return nil, errors.New("inspect: pg: the search_path names no existing schema: set it, e.g. SET search_path TO public")
	}
	var refs []tableRef
	err := queryRows(ctx, tx, `
		SELECT c.oid::int8, n.nspname, c.relname, c.relkind IN ('v', 'm'),
			EXISTS (SELECT 1 FROM pg_depend d
				WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
		FROM pg_class c
		JOIN pg_namespace n ON n.oid = c.relnamespace
		WHERE n.nspname = $1
			AND c.relkind IN ('r', 'p', 'f', 'v', 'm')
			AND NOT c.relispartition`, []any{current.String}, func(rows *sql.Rows) error {
		r := tableRef{Kind: KindTable}
		var view bool
		if err := rows.Scan(&r.oid, &r.Schema, &r.Name, &view, &r.Internal); err != nil {
			return err
		}
		if view {
			r.Kind = KindView
		}
		refs = append(refs, r)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("inspect: pg: list tables: %w", err)
	}
	return refs, nil
}

// pgRead fills in the selected tables with one catalog query each for
// columns, keys and indexes.
func pgRead(ctx context.Context, tx *sql.Tx, _, sel []tableRef, tables []Table) error {
	byOID := make(map[int64]*Table, len(sel))
	oids := make([]int64, len(sel))
	for i, r := range sel {
		byOID[r.oid], oids[i] = &tables[i], r.oid
	}
	list := jsonText(oids)
	if err := pgReadColumns(ctx, tx, list, byOID); err != nil {
		return fmt.Errorf("inspect: pg: read columns: %w", err)
	}
	if err := pgReadConstraints(ctx, tx, list, byOID); err != nil {
		return fmt.Errorf("inspect: pg: read keys: %w", err)
	}
	if err := pgReadIndexes(ctx, tx, list, byOID); err != nil {
		return fmt.Errorf("inspect: pg: read indexes: %w", err)
	}
	return nil
}

// jsonText encodes a list as JSON, the one form of a list every driver binds.
func jsonText[T any](list []T) string {
	b, err := json.Marshal(list)
	if err != nil {
		panic(err) // strings and integers always marshal
	}
	return string(b)
}

// jsonNames decodes a json_agg of names; NULL (no rows) is an empty list.
func jsonNames(raw sql.NullString) ([]string, error) {
	if !raw.Valid {
		return nil, nil
	}
	var names []string
	err := json.Unmarshal([]byte(raw.String), &names)
	return names, err
}

// pgReadColumns fills the Columns of every table, in attnum order.
//
// Type is format_type's text, the type as PostgreSQL itself writes it
// ("character varying(160)", "numeric(10,2)", "integer"). AutoIncrement is
// set for identity columns (which also have Identity) and for columns
// defaulting to nextval(…): serial columns and any other sequence-fed key.
// The nextval default of a serial column (its sequence owned by the
// column) is implied by AutoIncrement and not repeated in Default, as in
// Bun's own inspector; a nextval of some other sequence stays in Default,
// so the sequence's name is not lost. A generated column (GENERATED ALWAYS
// AS … STORED) has Generated set and no Default: its expression is not a
// default.
func pgReadColumns(ctx context.Context, tx *sql.Tx, oids string, tables map[int64]*Table) error {
	return queryRows(ctx, tx, `
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
		ORDER BY a.attrelid, a.attnum`, []any{oids}, func(rows *sql.Rows) error {
		var (
			oid                 int64
			c                   Column
			notNull, ownsSeq    bool
			dflt                sql.NullString
			identity, generated string
		)
		if err := rows.Scan(&oid, &c.Name, &c.Type, &notNull, &dflt, &identity, &generated, &ownsSeq); err != nil {
			return err
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
		return nil
	})
}

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
func pgReadConstraints(ctx context.Context, tx *sql.Tx, oids string, tables map[int64]*Table) error {
	return queryRows(ctx, tx, `
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
			AND con.contype IN ('p', 'f')`, []any{oids}, func(rows *sql.Rows) error {
		var (
			oid                 int64
			name                string
			primary             bool
			cols, refCols       sql.NullString
			refSchema, refTable sql.NullString
			onUpdate, onDelete  string
		)
		if err := rows.Scan(&oid, &name, &primary, &cols, &refSchema, &refTable, &refCols, &onUpdate, &onDelete); err != nil {
			return err
		}
		t := tables[oid]
		columns, err := jsonNames(cols)
		if err != nil {
			return fmt.Errorf("columns of %s on %s: %w", name, t.QualifiedName(), err)
		}
		if primary {
			t.PrimaryKey = columns
			setKeyPositions(t, columns)
			return nil
		}
		referenced, err := jsonNames(refCols)
		if err != nil {
			return fmt.Errorf("referenced columns of %s on %s: %w", name, t.QualifiedName(), err)
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
		return nil
	})
}

// setKeyPositions numbers the primary-key columns of t in key order.
func setKeyPositions(t *Table, key []string) {
	for pos, name := range key {
		if c := t.Column(name); c != nil {
			c.PrimaryKey = pos + 1
		}
	}
}

// pgReadIndexes fills the Indexes of every table: those behind a PRIMARY
// KEY (Origin "primary key") or UNIQUE constraint ("unique") and those made
// by CREATE [UNIQUE] INDEX ("index"). Columns are the key columns in index
// order, INCLUDE columns left out; an expression key is listed as
// pg_get_indexdef prints it, e.g. lower((email)::text). Partial is set for
// an index with a WHERE clause.
func pgReadIndexes(ctx context.Context, tx *sql.Tx, oids string, tables map[int64]*Table) error {
	return queryRows(ctx, tx, `
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
		WHERE i.indrelid IN (SELECT json_array_elements_text($1::text::json)::oid)`, []any{oids}, func(rows *sql.Rows) error {
		var (
			oid                 int64
			ix                  Index
			primary, constraint bool
			cols                sql.NullString
		)
		if err := rows.Scan(&oid, &ix.Name, &ix.Unique, &primary, &ix.Partial, &constraint, &cols); err != nil {
			return err
		}
		t := tables[oid]
		var err error
		if ix.Columns, err = jsonNames(cols); err != nil {
			return fmt.Errorf("columns of index %s on %s: %w", ix.Name, t.QualifiedName(), err)
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
		return nil
	})
}
