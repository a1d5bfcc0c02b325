package inspect

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// mysqlReadColumns fills the Columns of the schema's selected tables in
// ORDINAL_POSITION order. Type is COLUMN_TYPE, the full declared type
// ("int(11)", "varchar(160)", "decimal(10,2)", "enum('a','b')").
// AutoIncrement is EXTRA's auto_increment; Generated is a VIRTUAL or
// STORED generated column. A view's columns keep only name, type and
// nullability, as on the other backends.
func mysqlReadColumns(ctx context.Context, tx *sql.Tx, flavor mysqlFlavor, schema string, tables map[tableRef]*Table) error {
	rows, err := tx.QueryContext(ctx, `SELECT TABLE_NAME, COLUMN_NAME, COLUMN_TYPE, DATA_TYPE, IS_NULLABLE,
			COLUMN_DEFAULT, EXTRA
		FROM information_schema.COLUMNS
		WHERE TABLE_SCHEMA = ?
		ORDER BY TABLE_NAME, ORDINAL_POSITION`, schema)
	if err != nil {
		return fmt.Errorf("inspect: mysql: read columns of %s: %w", schema, err)
	}
	defer rows.Close()
	for rows.Next() {
		var (
			table, nullable, dataType, extra string
			c                                Column
			dflt                             sql.NullString
		)
		if err := rows.Scan(&table, &c.Name, &c.Type, &dataType, &nullable, &dflt, &extra); err != nil {
			return fmt.Errorf("inspect: mysql: read columns of %s: %w", schema, err)
		}
		t := tables[mysqlTableKey(schema, table)]
		if t == nil {
			continue // not selected
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
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("inspect: mysql: read columns of %s: %w", schema, err)
	}
	return nil
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
