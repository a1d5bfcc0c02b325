package inspect

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/uptrace/bun"
)

func init() { backends["pg"] = newPostgresInspector }

// postgresInspector reads a PostgreSQL schema from the system catalogs
// (pg_class, pg_attribute, pg_constraint, pg_index), PostgreSQL 12 or newer.
//
// Every name and list travels as a bound parameter: a list is sent as one
// JSON text (json_array_elements_text unpacks it), which any driver can
// bind, so nothing is quoted by hand and hostile names are harmless.
type postgresInspector struct {
	db *bun.DB
}

func newPostgresInspector(db *bun.DB) schemaReader { return &postgresInspector{db: db} }

// pgRelation is a table or view found in the catalogs, with its oid.
type pgRelation struct {
	tableRef
	oid int64
}

// Inspect reads the selected tables and views of the chosen schemas (by
// default the current schema, normally "public") inside one read-only
// REPEATABLE READ transaction, so all catalog queries see one snapshot.
// Like the SQLite backend it uses database/sql directly: query hooks such
// as bundebug would only print catalog queries.
//
// Partitions are left out (their partitioned parent is listed), and tables
// created by an extension (PostGIS's spatial_ref_sys, …) are Internal.
func (in *postgresInspector) Inspect(ctx context.Context, opts ...Option) (*Schema, error) {
	o := collect(opts)
	tx, err := in.db.DB.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true})
	if err != nil {
		return nil, fmt.Errorf("inspect: pg: begin read transaction: %w", err)
	}
	defer tx.Rollback() // read-only: nothing to commit

	schemas, err := pgSchemas(ctx, tx, o.schemas)
	if err != nil {
		return nil, err
	}
	rels, err := pgRelations(ctx, tx, schemas)
	if err != nil {
		return nil, err
	}
	found := make([]tableRef, len(rels))
	for i, r := range rels {
		found[i] = r.tableRef
	}
	selected, err := o.selectTables(found)
	if err != nil {
		return nil, err
	}

	byRef := make(map[tableRef]int64, len(rels))
	for _, r := range rels {
		byRef[r.tableRef] = r.oid
	}
	tables := make(map[int64]*Table, len(selected))
	oids := make([]int64, 0, len(selected))
	s := &Schema{Dialect: "pg", Tables: make([]Table, len(selected))}
	for i, ref := range selected {
		s.Tables[i] = Table{Schema: ref.Schema, Name: ref.Name, Kind: ref.Kind, Internal: ref.Internal}
		oid := byRef[ref]
		tables[oid] = &s.Tables[i]
		oids = append(oids, oid)
	}
	if len(oids) > 0 {
		if err := pgReadColumns(ctx, tx, oids, tables); err != nil {
			return nil, err
		}
		if err := pgReadConstraints(ctx, tx, oids, tables); err != nil {
			return nil, err
		}
		if err := pgReadIndexes(ctx, tx, oids, tables); err != nil {
			return nil, err
		}
	}
	for i := range s.Tables {
		sortForeignKeys(s.Tables[i].ForeignKeys)
		sortIndexes(s.Tables[i].Indexes)
	}
	sortTables(s.Tables)
	return s, nil
}

// pgSchemas resolves the Schemas option: without it, the current schema
// (the first existing one of the search_path, normally "public").
func pgSchemas(ctx context.Context, tx *sql.Tx, wanted []string) ([]string, error) {
	if len(wanted) == 0 {
		var current sql.NullString
		if err := tx.QueryRowContext(ctx, `SELECT current_schema()`).Scan(&current); err != nil {
			return nil, fmt.Errorf("inspect: pg: current schema: %w", err)
		}
		if !current.Valid {
			return nil, fmt.Errorf("inspect: pg: the search_path names no existing schema: pass inspect.Schemas(\"public\") or fix the search_path")
		}
		return []string{current.String}, nil
	}
	have, err := pgQueryStrings(ctx, tx, `SELECT nspname FROM pg_namespace ORDER BY nspname`)
	if err != nil {
		return nil, fmt.Errorf("inspect: pg: list schemas: %w", err)
	}
	exists := make(map[string]bool, len(have))
	for _, h := range have {
		exists[h] = true
	}
	var names, unknown []string
	for _, w := range wanted {
		switch {
		case exists[w]:
			names = append(names, w)
		case exists[strings.ToLower(w)]:
			// An unquoted identifier folds to lower case in PostgreSQL.
			names = append(names, strings.ToLower(w))
		default:
			unknown = append(unknown, strconv.Quote(w))
		}
	}
	if len(unknown) > 0 {
		var user []string
		for _, h := range have {
			if !strings.HasPrefix(h, "pg_") && h != "information_schema" {
				user = append(user, strconv.Quote(h))
			}
		}
		return nil, fmt.Errorf("inspect: Schemas: this PostgreSQL database has no schema named %s; it has %s",
			strings.Join(unknown, ", "), strings.Join(user, ", "))
	}
	return names, nil
}

// pgRelations lists the tables (ordinary, partitioned, foreign) and views
// (plain and materialized) of the schemas.
func pgRelations(ctx context.Context, tx *sql.Tx, schemas []string) ([]pgRelation, error) {
	rows, err := tx.QueryContext(ctx, `
		SELECT c.oid::int8, n.nspname, c.relname, c.relkind IN ('v', 'm'),
			EXISTS (SELECT 1 FROM pg_depend d
				WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
		FROM pg_class c
		JOIN pg_namespace n ON n.oid = c.relnamespace
		WHERE n.nspname IN (SELECT json_array_elements_text($1::text::json))
			AND c.relkind IN ('r', 'p', 'f', 'v', 'm')
			AND NOT c.relispartition`, jsonText(schemas))
	if err != nil {
		return nil, fmt.Errorf("inspect: pg: list tables: %w", err)
	}
	defer rows.Close()
	var rels []pgRelation
	for rows.Next() {
		var r pgRelation
		var view bool
		if err := rows.Scan(&r.oid, &r.Schema, &r.Name, &view, &r.Internal); err != nil {
			return nil, fmt.Errorf("inspect: pg: list tables: %w", err)
		}
		r.Kind = KindTable
		if view {
			r.Kind = KindView
		}
		rels = append(rels, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("inspect: pg: list tables: %w", err)
	}
	return rels, nil
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

func pgQueryStrings(ctx context.Context, tx *sql.Tx, query string, args ...any) ([]string, error) {
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}
