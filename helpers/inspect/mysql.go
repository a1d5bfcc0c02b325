package inspect

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
)

// The MySQL backend reads a MariaDB or MySQL schema from information_schema
// (TABLES, COLUMNS, STATISTICS, KEY_COLUMN_USAGE, REFERENTIAL_CONSTRAINTS).
// On these servers a schema is a database: the connection's current one is
// read. Every name travels as a bound parameter, so hostile names need no
// quoting.

// mysqlFlavor is what the server's VERSION() says about how it reports
// defaults and expression indexes.
type mysqlFlavor struct {
	mariaDB bool
	// expressionIndexes is true from MySQL 8.0.13, whose STATISTICS has an
	// EXPRESSION column for functional key parts.
	expressionIndexes bool
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

// mysqlList lists the tables and views of the current database (DATABASE()).
// Sequences (MariaDB's CREATE SEQUENCE, listed among tables) are left out.
func mysqlList(ctx context.Context, tx *sql.Tx) ([]tableRef, error) {
	var schema sql.NullString
	if err := tx.QueryRowContext(ctx, `SELECT DATABASE()`).Scan(&schema); err != nil {
		return nil, fmt.Errorf("inspect: mysql: current database: %w", err)
	}
	if !schema.Valid {
		return nil, errors.New("inspect: mysql: the connection has no current database: name one in the DSN (user@tcp(host:3306)/dbname)")
	}
	var refs []tableRef
	err := queryRows(ctx, tx, `SELECT TABLE_NAME, TABLE_TYPE FROM information_schema.TABLES
		WHERE TABLE_SCHEMA = ? AND TABLE_TYPE <> 'SEQUENCE'`, []any{schema.String}, func(rows *sql.Rows) error {
		r := tableRef{Schema: schema.String, Kind: KindTable} // BASE TABLE, SYSTEM VERSIONED, TEMPORARY
		var typ string
		if err := rows.Scan(&r.Name, &typ); err != nil {
			return err
		}
		if typ == "VIEW" {
			r.Kind = KindView
		}
		refs = append(refs, r)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("inspect: mysql: list tables of %s: %w", schema.String, err)
	}
	return refs, nil
}

// mysqlTables maps a table name to the selected Table of that name. The
// key is exact: information_schema compares names case-insensitively, and
// on Linux "Foo" and "foo" are different tables.
type mysqlTables map[string]*Table

// mysqlRead fills in the selected tables, all of one database, with one
// information_schema query each for columns, indexes and foreign keys.
func mysqlRead(ctx context.Context, tx *sql.Tx, _, sel []tableRef, tables []Table) error {
	var version string
	if err := tx.QueryRowContext(ctx, `SELECT VERSION()`).Scan(&version); err != nil {
		return fmt.Errorf("inspect: mysql: server version: %w", err)
	}
	flavor := parseMySQLVersion(version)
	schema := sel[0].Schema
	byName := make(mysqlTables, len(sel))
	for i, r := range sel {
		byName[r.Name] = &tables[i]
	}
	if err := mysqlReadColumns(ctx, tx, flavor, schema, byName); err != nil {
		return fmt.Errorf("inspect: mysql: read columns of %s: %w", schema, err)
	}
	if err := mysqlReadIndexes(ctx, tx, flavor, schema, byName); err != nil {
		return fmt.Errorf("inspect: mysql: read indexes of %s: %w", schema, err)
	}
	if err := mysqlReadForeignKeys(ctx, tx, schema, byName); err != nil {
		return fmt.Errorf("inspect: mysql: read foreign keys of %s: %w", schema, err)
	}
	for i := range tables {
		if t := &tables[i]; t.Kind == KindView && len(t.Columns) == 0 {
			// The server lists a view over a dropped table or column but
			// cannot compute its columns; keep it listed and say why.
			t.Problem = "cannot read the view's columns: it references a table, column or function that does not exist (or its definer lacks rights); fix or drop the view"
		}
	}
	return nil
}

// mysqlReadColumns fills the Columns of the selected tables in
// ORDINAL_POSITION order. Type is COLUMN_TYPE, the full declared type
// ("int(11)", "varchar(160)", "decimal(10,2)", "enum('a','b')").
// AutoIncrement is EXTRA's auto_increment; Generated is a VIRTUAL or
// STORED generated column. A view's columns keep only name, type and
// nullability, as on the other backends.
func mysqlReadColumns(ctx context.Context, tx *sql.Tx, flavor mysqlFlavor, schema string, tables mysqlTables) error {
	return queryRows(ctx, tx, `SELECT TABLE_NAME, COLUMN_NAME, COLUMN_TYPE, DATA_TYPE, IS_NULLABLE,
			COLUMN_DEFAULT, EXTRA
		FROM information_schema.COLUMNS
		WHERE TABLE_SCHEMA = ?
		ORDER BY TABLE_NAME, ORDINAL_POSITION`, []any{schema}, func(rows *sql.Rows) error {
		var (
			table, nullable, dataType, extra string
			c                                Column
			dflt                             sql.NullString
		)
		if err := rows.Scan(&table, &c.Name, &c.Type, &dataType, &nullable, &dflt, &extra); err != nil {
			return err
		}
		t := tables[table]
		if t == nil {
			return nil // not selected
		}
		c.Nullable = nullable == "YES"
		if t.Kind == KindTable {
			extra = strings.ToUpper(extra)
			c.AutoIncrement = strings.Contains(extra, "AUTO_INCREMENT")
			c.Generated = strings.Contains(extra, "VIRTUAL") || strings.Contains(extra, "STORED") || strings.Contains(extra, "PERSISTENT")
			if !c.Generated {
				c.Default = mysqlDefault(flavor, dflt, dataType, extra)
			}
		}
		t.Columns = append(t.Columns, c)
		return nil
	})
}

// mysqlDefault turns COLUMN_DEFAULT into SQL text, nil for no default.
//
// MariaDB (10.2.7+) already reports SQL: 'text' literals quoted, numbers
// bare, expressions such as current_timestamp(), and the string NULL for a
// column whose default is NULL, which is the same as having none. MySQL
// reports a literal's bare value, and an expression (EXTRA
// DEFAULT_GENERATED) as its text; literals of non-numeric types are quoted
// here so Default is SQL on both.
func mysqlDefault(flavor mysqlFlavor, dflt sql.NullString, dataType, extra string) *string {
	if !dflt.Valid {
		return nil
	}
	d := dflt.String
	switch {
	case flavor.mariaDB:
		if d == "NULL" {
			return nil
		}
	case strings.Contains(extra, "DEFAULT_GENERATED"):
	case mysqlNumericTypes[strings.ToLower(dataType)]:
	default:
		d = "'" + strings.ReplaceAll(d, "'", "''") + "'"
	}
	return &d
}

var mysqlNumericTypes = map[string]bool{
	"tinyint": true, "smallint": true, "mediumint": true, "int": true, "integer": true, "bigint": true,
	"decimal": true, "numeric": true, "float": true, "double": true, "real": true, "year": true,
}

// mysqlReadIndexes fills the Indexes and primary keys of the selected
// tables from information_schema.STATISTICS.
//
// The primary key is the index named PRIMARY (Origin "primary key"). MySQL
// makes no difference between a UNIQUE constraint and a unique index (each
// is the other), so every other unique index has Origin "unique" and the
// rest "index" — including those InnoDB adds for a foreign key that had
// none. A prefix key part (col(10)) is listed by its column name; a MySQL
// 8 functional key part by its expression. Indexes are never partial.
func mysqlReadIndexes(ctx context.Context, tx *sql.Tx, flavor mysqlFlavor, schema string, tables mysqlTables) error {
	expression := "NULL"
	if flavor.expressionIndexes {
		expression = "EXPRESSION"
	}
	type key struct{ table, index string }
	found := map[key]*Index{}
	var order []key
	err := queryRows(ctx, tx, `SELECT TABLE_NAME, INDEX_NAME, NON_UNIQUE, SEQ_IN_INDEX, COLUMN_NAME, `+expression+`
		FROM information_schema.STATISTICS
		WHERE TABLE_SCHEMA = ?
		ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX`, []any{schema}, func(rows *sql.Rows) error {
		var (
			k            key
			nonUnique    bool
			seq          int
			column, expr sql.NullString
		)
		if err := rows.Scan(&k.table, &k.index, &nonUnique, &seq, &column, &expr); err != nil {
			return err
		}
		if tables[k.table] == nil {
			return nil // not selected
		}
		ix := found[k]
		if ix == nil {
			ix = &Index{Name: k.index, Unique: !nonUnique, Origin: "index"}
			switch {
			case k.index == "PRIMARY":
				ix.Origin = "primary key"
			case ix.Unique:
				ix.Origin = "unique"
			}
			found[k] = ix
			order = append(order, k)
		}
		// Rows come in SEQ_IN_INDEX order, but information_schema sorts
		// names case-insensitively, so place by position, not by arrival.
		name := column.String
		if !column.Valid {
			name = expr.String
		}
		ix.Columns = placeAt(ix.Columns, seq, name)
		return nil
	})
	if err != nil {
		return err
	}
	for _, k := range order {
		t, ix := tables[k.table], found[k]
		t.Indexes = append(t.Indexes, *ix)
		if ix.Origin == "primary key" {
			t.PrimaryKey = ix.Columns
			setKeyPositions(t, ix.Columns)
		}
	}
	return nil
}

// placeAt sets list[pos-1] to s, growing list as needed.
func placeAt(list []string, pos int, s string) []string {
	for len(list) < pos {
		list = append(list, "")
	}
	list[pos-1] = s
	return list
}

// mysqlReadForeignKeys fills the ForeignKeys of the selected tables:
// KEY_COLUMN_USAGE gives the column pairs in ORDINAL_POSITION order,
// REFERENTIAL_CONSTRAINTS the actions. MariaDB reports an action left out
// of the DDL as RESTRICT, which is what InnoDB does.
func mysqlReadForeignKeys(ctx context.Context, tx *sql.Tx, schema string, tables mysqlTables) error {
	type key struct{ table, constraint string }
	found := map[key]*ForeignKey{}
	var order []key
	err := queryRows(ctx, tx, `SELECT k.TABLE_NAME, k.CONSTRAINT_NAME, k.ORDINAL_POSITION, k.COLUMN_NAME,
			k.REFERENCED_TABLE_SCHEMA, k.REFERENCED_TABLE_NAME, k.REFERENCED_COLUMN_NAME,
			r.UPDATE_RULE, r.DELETE_RULE
		FROM information_schema.KEY_COLUMN_USAGE k
		JOIN information_schema.REFERENTIAL_CONSTRAINTS r
			ON r.CONSTRAINT_SCHEMA = k.CONSTRAINT_SCHEMA AND r.CONSTRAINT_NAME = k.CONSTRAINT_NAME
			AND r.TABLE_NAME = k.TABLE_NAME
		WHERE k.TABLE_SCHEMA = ? AND k.REFERENCED_TABLE_NAME IS NOT NULL
		ORDER BY k.TABLE_NAME, k.CONSTRAINT_NAME, k.ORDINAL_POSITION`, []any{schema}, func(rows *sql.Rows) error {
		var (
			k                 key
			column, refColumn string
			pos               int
			fk                ForeignKey
		)
		if err := rows.Scan(&k.table, &k.constraint, &pos, &column, &fk.RefSchema, &fk.RefTable, &refColumn,
			&fk.OnUpdate, &fk.OnDelete); err != nil {
			return err
		}
		if tables[k.table] == nil {
			return nil // not selected
		}
		have := found[k]
		if have == nil {
			fk.Name = k.constraint
			have = &fk
			found[k] = have
			order = append(order, k)
		}
		have.Columns = placeAt(have.Columns, pos, column)
		have.RefColumns = placeAt(have.RefColumns, pos, refColumn)
		return nil
	})
	if err != nil {
		return err
	}
	for _, k := range order {
		t := tables[k.table]
		t.ForeignKeys = append(t.ForeignKeys, *found[k])
	}
	return nil
}
