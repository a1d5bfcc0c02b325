package inspect

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"

	"github.com/uptrace/bun"
)

func init() { backends["mysql"] = newMySQLInspector }

// mysqlInspector reads a MariaDB or MySQL schema from information_schema
// (TABLES, COLUMNS, STATISTICS, KEY_COLUMN_USAGE,
// REFERENTIAL_CONSTRAINTS). On these servers a schema is a database: the
// default is the connection's current database. Every name travels as a
// bound parameter, so hostile names need no quoting.
type mysqlInspector struct {
	db *bun.DB
}

func newMySQLInspector(db *bun.DB) schemaReader { return &mysqlInspector{db: db} }

// mysqlFlavor is what the server's VERSION() says about how it reports
// defaults and expression indexes.
type mysqlFlavor struct {
	mariaDB bool
	// expressionIndexes is true from MySQL 8.0.13, whose STATISTICS has an
	// EXPRESSION column for functional key parts.
	expressionIndexes bool
}

// Inspect reads the selected tables and views inside one read-only
// REPEATABLE READ transaction. Like the other backends it uses
// database/sql directly, so query hooks (bundebug) stay quiet.
//
// Sequences (MariaDB's CREATE SEQUENCE, listed among tables) are left out.
func (in *mysqlInspector) Inspect(ctx context.Context, opts ...Option) (*Schema, error) {
	o := collect(opts)
	tx, err := in.db.DB.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true})
	if err != nil {
		return nil, fmt.Errorf("inspect: mysql: begin read transaction: %w", err)
	}
	defer tx.Rollback() // read-only: nothing to commit

	var version string
	if err := tx.QueryRowContext(ctx, `SELECT VERSION()`).Scan(&version); err != nil {
		return nil, fmt.Errorf("inspect: mysql: server version: %w", err)
	}
	flavor := parseMySQLVersion(version)

	schemas, err := mysqlSchemas(ctx, tx, o.schemas)
	if err != nil {
		return nil, err
	}
	var found []tableRef
	for _, schema := range schemas {
		refs, err := mysqlTableRefs(ctx, tx, schema)
		if err != nil {
			return nil, err
		}
		found = append(found, refs...)
	}
	selected, err := o.selectTables(found)
	if err != nil {
		return nil, err
	}

	s := &Schema{Dialect: "mysql", Tables: make([]Table, len(selected))}
	tables := make(map[tableRef]*Table, len(selected))
	for i, ref := range selected {
		s.Tables[i] = Table{Schema: ref.Schema, Name: ref.Name, Kind: ref.Kind}
		tables[tableRef{Schema: ref.Schema, Name: ref.Name}] = &s.Tables[i]
	}
	for _, schema := range schemas {
		if err := mysqlReadColumns(ctx, tx, flavor, schema, tables); err != nil {
			return nil, err
		}
		if err := mysqlReadIndexes(ctx, tx, flavor, schema, tables); err != nil {
			return nil, err
		}
		if err := mysqlReadForeignKeys(ctx, tx, schema, tables); err != nil {
			return nil, err
		}
	}
	for i := range s.Tables {
		t := &s.Tables[i]
		if t.Kind == KindView && len(t.Columns) == 0 {
			// The server lists a view over a dropped table or column but
			// cannot compute its columns; keep it listed and say why.
			t.Problem = "cannot read the view's columns: it references a table, column or function that does not exist (or its definer lacks rights); fix or drop the view"
		}
		sortForeignKeys(t.ForeignKeys)
		sortIndexes(t.Indexes)
	}
	sortTables(s.Tables)
	return s, nil
}

// parseMySQLVersion reads VERSION(), e.g. "10.11.19-MariaDB-0+deb12u1" or
// "8.0.36".
func parseMySQLVersion(version string) mysqlFlavor {
	if strings.Contains(version, "MariaDB") {
		return mysqlFlavor{mariaDB: true}
	}
	var major, minor, patch int
	fmt.Sscanf(version, "%d.%d.%d", &major, &minor, &patch)
	return mysqlFlavor{expressionIndexes: major > 8 || major == 8 && (minor > 0 || patch >= 13)}
}

// mysqlTableKey finds the Table a row of information_schema belongs to.
// The key is exact: information_schema compares names case-insensitively,
// and on Linux "Foo" and "foo" are different tables.
func mysqlTableKey(schema, name string) tableRef { return tableRef{Schema: schema, Name: name} }

// mysqlSystemSchemas are the server's own databases, never a default.
var mysqlSystemSchemas = map[string]bool{
	"information_schema": true, "mysql": true, "performance_schema": true, "sys": true,
}

// mysqlSchemas resolves the Schemas option: without it, the database the
// connection uses (DATABASE()).
func mysqlSchemas(ctx context.Context, tx *sql.Tx, wanted []string) ([]string, error) {
	if len(wanted) == 0 {
		var current sql.NullString
		if err := tx.QueryRowContext(ctx, `SELECT DATABASE()`).Scan(&current); err != nil {
			return nil, fmt.Errorf("inspect: mysql: current database: %w", err)
		}
		if !current.Valid {
			return nil, fmt.Errorf("inspect: mysql: the connection has no current database: name one in the DSN (user@tcp(host:3306)/dbname) or pass inspect.Schemas(\"dbname\")")
		}
		return []string{current.String}, nil
	}
	rows, err := tx.QueryContext(ctx, `SELECT SCHEMA_NAME FROM information_schema.SCHEMATA ORDER BY SCHEMA_NAME`)
	if err != nil {
		return nil, fmt.Errorf("inspect: mysql: list databases: %w", err)
	}
	defer rows.Close()
	var have []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return nil, fmt.Errorf("inspect: mysql: list databases: %w", err)
		}
		have = append(have, name)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("inspect: mysql: list databases: %w", err)
	}
	var names, unknown []string
	for _, w := range wanted {
		match := ""
		for _, h := range have {
			if h == w {
				match = h
				break
			}
			if match == "" && asciiEqualFold(h, w) {
				match = h
			}
		}
		if match == "" {
			unknown = append(unknown, strconv.Quote(w))
		} else {
			names = append(names, match)
		}
	}
	if len(unknown) > 0 {
		var user []string
		for _, h := range have {
			if !mysqlSystemSchemas[h] {
				user = append(user, strconv.Quote(h))
			}
		}
		return nil, fmt.Errorf("inspect: Schemas: this server has no database named %s; it has %s",
			strings.Join(unknown, ", "), strings.Join(user, ", "))
	}
	return names, nil
}

// mysqlTableRefs lists the tables and views of one database.
func mysqlTableRefs(ctx context.Context, tx *sql.Tx, schema string) ([]tableRef, error) {
	rows, err := tx.QueryContext(ctx, `SELECT TABLE_NAME, TABLE_TYPE FROM information_schema.TABLES
		WHERE TABLE_SCHEMA = ? AND TABLE_TYPE <> 'SEQUENCE'`, schema)
	if err != nil {
		return nil, fmt.Errorf("inspect: mysql: list tables of %s: %w", schema, err)
	}
	defer rows.Close()
	var refs []tableRef
	for rows.Next() {
		var name, typ string
		if err := rows.Scan(&name, &typ); err != nil {
			return nil, fmt.Errorf("inspect: mysql: list tables of %s: %w", schema, err)
		}
		kind := KindTable // BASE TABLE, SYSTEM VERSIONED, TEMPORARY
		if typ == "VIEW" {
			kind = KindView
		}
		refs = append(refs, tableRef{Schema: schema, Name: name, Kind: kind})
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("inspect: mysql: list tables of %s: %w", schema, err)
	}
	return refs, nil
}
