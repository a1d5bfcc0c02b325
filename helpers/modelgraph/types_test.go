package modelgraph

import (
	"testing"

	"github.com/bunbook/bunbook/helpers/inspect"
)

func TestTypeOf(t *testing.T) {
	tests := []struct {
		dialect, declared string
		nullable          bool
		style             NullStyle
		expr, sqlType     string
	}{
		// Chinook and Northwind on SQLite.
		{"sqlite", "INTEGER", false, NullPointer, "int64", ""},
		{"sqlite", "INTEGER", true, NullPointer, "*int64", ""},
		{"sqlite", "INTEGER", true, NullSQL, "sql.NullInt64", ""},
		{"sqlite", "NVARCHAR(160)", false, NullPointer, "string", "nvarchar(160)"},
		{"sqlite", "NVARCHAR(120)", true, NullPointer, "*string", "nvarchar(120)"},
		{"sqlite", "NVARCHAR(120)", true, NullSQL, "sql.NullString", "nvarchar(120)"},
		{"sqlite", "NUMERIC(10,2)", false, NullPointer, "string", "numeric(10,2)"},
		{"sqlite", "NUMERIC", true, NullSQL, "sql.NullString", "numeric"},
		{"sqlite", "DATETIME", false, NullPointer, "time.Time", "datetime"},
		{"sqlite", "DATETIME", true, NullPointer, "*time.Time", "datetime"},
		{"sqlite", "DATETIME", true, NullSQL, "sql.NullTime", "datetime"},
		{"sqlite", "DATE", true, NullPointer, "*time.Time", "date"},
		{"sqlite", "TEXT", true, NullPointer, "*string", "text"},
		{"sqlite", "BLOB", true, NullPointer, "[]byte", ""},
		{"sqlite", "BLOB", true, NullSQL, "[]byte", ""},
		{"sqlite", "", true, NullPointer, "any", ""},
		{"sqlite", "", false, NullSQL, "any", ""},
		{"sqlite", "REAL", false, NullPointer, "float64", "real"},
		{"sqlite", "DOUBLE PRECISION", true, NullSQL, "sql.NullFloat64", ""},
		// SQLite's BOOLEAN holds any integer (2, -5): an int64 keeps it.
		{"sqlite", "BOOLEAN", false, NullPointer, "int64", "boolean"},
		{"sqlite", "BOOLEAN", true, NullSQL, "sql.NullInt64", "boolean"},
		{"sqlite", "decimal(10, 2)", false, NullPointer, "string", "decimal(10, 2)"},
		// SQLite affinity for names nobody lists.
		{"sqlite", "UNSIGNED BIG INT", false, NullPointer, "int64", "unsigned big int"},
		{"sqlite", "VARYING CHARACTER(255)", false, NullPointer, "string", "varying character(255)"},
		{"sqlite", "FLOATING POINT", false, NullPointer, "int64", "floating point"}, // contains INT: SQLite's own rule
		{"sqlite", "STRING", false, NullPointer, "string", "string"},                // NUMERIC affinity
		{"sqlite", "TIME", false, NullPointer, "string", "time"},
		// PostgreSQL.
		{"pg", "integer", false, NullPointer, "int64", "integer"},
		{"pg", "bigint", false, NullPointer, "int64", ""},
		{"pg", "bigserial", false, NullPointer, "int64", "bigserial"},
		{"pg", "character varying(40)", true, NullPointer, "*string", "character varying(40)"},
		{"pg", "numeric(10,2)", false, NullPointer, "string", "numeric(10,2)"},
		{"pg", "timestamp without time zone", false, NullPointer, "time.Time", "timestamp without time zone"},
		{"pg", "timestamptz", true, NullSQL, "sql.NullTime", ""},
		{"pg", "boolean", false, NullPointer, "bool", ""},
		{"pg", "bytea", true, NullPointer, "[]byte", ""},
		{"pg", "uuid", false, NullPointer, "string", "uuid"},
		{"pg", "integer[]", false, NullPointer, "[]int64", "integer[]"},
		{"pg", "point", false, NullPointer, "string", "point"},
		{"pg", "double precision", false, NullPointer, "float64", ""},
		// MySQL / MariaDB.
		{"mysql", "tinyint(1)", false, NullPointer, "int64", "tinyint(1)"}, // MySQL's BOOLEAN: any integer
		{"mysql", "boolean", true, NullPointer, "*int64", "boolean"},
		{"mysql", "tinyint(4)", false, NullPointer, "int64", "tinyint(4)"},
		{"mysql", "bigint(20) unsigned", false, NullPointer, "uint64", "bigint(20) unsigned"},
		{"mysql", "bigint unsigned", true, NullSQL, "sql.Null[uint64]", "bigint unsigned"},
		{"mysql", "int(10) unsigned", false, NullPointer, "int64", "int(10) unsigned"},
		{"mysql", "datetime", false, NullPointer, "time.Time", ""},
		{"mysql", "decimal(10,2)", false, NullPointer, "string", "decimal(10,2)"},
		{"mysql", "varchar(255)", false, NullPointer, "string", ""},
		{"mysql", "longtext", false, NullPointer, "string", "longtext"},
		{"mysql", "enum('a','b')", false, NullPointer, "string", "enum('a','b')"},
		{"mysql", "bit(1)", false, NullPointer, "[]byte", "bit(1)"},
		{"mysql", "mediumblob", true, NullPointer, "[]byte", "mediumblob"},
		{"mysql", "multipoint", false, NullPointer, "string", "multipoint"},
	}
	for _, tt := range tests {
		c := &inspect.Column{Name: "c", Type: tt.declared, Nullable: tt.nullable}
		got := TypeOf(tt.dialect, c, tt.style)
		if got.Expr != tt.expr || got.SQLType != tt.sqlType {
			t.Errorf("TypeOf(%s, %q, nullable=%v, %s) = %s %q, want %s %q",
				tt.dialect, tt.declared, tt.nullable, tt.style, got.Expr, got.SQLType, tt.expr, tt.sqlType)
		}
		if got.Reflect == nil || got.Reflect.String() != tt.expr && got.Reflect.String() != "[]uint8" && got.Reflect.String() != "interface {}" {
			t.Errorf("TypeOf(%s, %q).Reflect = %v, want %s", tt.dialect, tt.declared, got.Reflect, tt.expr)
		}
		wantImport := ""
		switch {
		case len(tt.expr) > 4 && tt.expr[:4] == "sql.":
			wantImport = "database/sql"
		case tt.expr == "time.Time" || tt.expr == "*time.Time":
			wantImport = "time"
		}
		if got.Import != wantImport {
			t.Errorf("TypeOf(%s, %q).Import = %q, want %q", tt.dialect, tt.declared, got.Import, wantImport)
		}
	}
}
