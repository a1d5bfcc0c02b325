package modelgraph

import (
	"testing"

	"github.com/bunbook/bunbook/helpers/inspect"
)

// PostgreSQL arrays become the slices Bun's pgdialect scans and writes;
// the declared type stays in the tag, spelled with [] as pgdialect needs.
func TestTypeOfPostgresArrays(t *testing.T) {
	tests := []struct {
		declared      string
		nullable      bool
		style         NullStyle
		expr, sqlType string
	}{
		{"integer[]", false, NullPointer, "[]int64", "integer[]"},
		{"bigint[]", true, NullPointer, "[]int64", "bigint[]"},
		{"smallint[]", true, NullSQL, "[]int64", "smallint[]"},
		{"double precision[]", true, NullPointer, "[]float64", "double precision[]"},
		{"real[]", false, NullPointer, "[]float64", "real[]"},
		{"boolean[]", true, NullSQL, "[]bool", "boolean[]"},
		{"text[]", true, NullPointer, "[]string", "text[]"},
		{"character varying(20)[]", true, NullPointer, "[]string", "character varying(20)[]"},
		{"numeric(10,2)[]", false, NullPointer, "[]string", "numeric(10,2)[]"},
		{"uuid[]", false, NullPointer, "[]string", "uuid[]"},
		{"timestamp without time zone[]", false, NullPointer, "[]string", "timestamp without time zone[]"},
		{"integer[][]", false, NullPointer, "[]int64", "integer[][]"},
		{"_int4", false, NullPointer, "[]int64", "int4[]"},
		{"text ARRAY", true, NullPointer, "[]string", "text[]"},
	}
	for _, tt := range tests {
		c := &inspect.Column{Name: "c", Type: tt.declared, Nullable: tt.nullable}
		got := TypeOf("pg", c, tt.style)
		if got.Expr != tt.expr || got.SQLType != tt.sqlType || got.Reflect.String() != tt.expr || got.Import != "" {
			t.Errorf("TypeOf(pg, %q, nullable=%v, %s) = %s %q (%v, import %q), want %s %q",
				tt.declared, tt.nullable, tt.style, got.Expr, got.SQLType, got.Reflect, got.Import, tt.expr, tt.sqlType)
		}
	}
	// Only PostgreSQL has arrays; elsewhere the spelling is the text form.
	for _, dialect := range []string{"sqlite", "mysql"} {
		got := TypeOf(dialect, &inspect.Column{Name: "c", Type: "integer[]"}, NullPointer)
		if got.Expr != "string" {
			t.Errorf("TypeOf(%s, integer[]) = %s, want string", dialect, got.Expr)
		}
	}
}

// PostgreSQL's serial and identity keys: both numbered by the database
// (autoincrement), told apart so CREATE TABLE from the model makes the
// same kind of key again.
func TestTagPostgresKeys(t *testing.T) {
	tests := []struct {
		col  inspect.Column
		want string
	}{
		{inspect.Column{Name: "id", Type: "integer", PrimaryKey: 1, AutoIncrement: true}, "id,pk,autoincrement,type:serial"},
		{inspect.Column{Name: "id", Type: "smallint", PrimaryKey: 1, AutoIncrement: true}, "id,pk,autoincrement,type:smallserial"},
		{inspect.Column{Name: "id", Type: "bigint", PrimaryKey: 1, AutoIncrement: true}, "id,pk,autoincrement,type:bigserial"},
		{inspect.Column{Name: "id", Type: "integer", PrimaryKey: 1, AutoIncrement: true, Identity: true}, "id,pk,autoincrement,identity,type:integer"},
		{inspect.Column{Name: "seq", Type: "bigint", AutoIncrement: true, Identity: true}, "seq,autoincrement,identity,notnull"},
		{inspect.Column{Name: "n", Type: "integer", Nullable: true}, "n,type:integer"},
	}
	for _, tt := range tests {
		f := &Field{Column: &tt.col, Type: TypeOf("pg", &tt.col, NullPointer)}
		if got := f.Tag(); got != tt.want {
			t.Errorf("Tag(%+v) = %s, want %s", tt.col, got, tt.want)
		}
	}
	// SQLite and MySQL keep their declared types.
	col := inspect.Column{Name: "id", Type: "int(11)", PrimaryKey: 1, AutoIncrement: true}
	if got := (&Field{Column: &col, Type: TypeOf("mysql", &col, NullPointer)}).Tag(); got != "id,pk,autoincrement,type:int(11)" {
		t.Errorf("mysql Tag = %s", got)
	}
}

// JSON documents are json.RawMessage on every dialect: Bun writes a field
// declared json through encoding/json, which would quote a Go string.
func TestTypeOfJSON(t *testing.T) {
	tests := []struct {
		dialect, declared string
		nullable          bool
		style             NullStyle
		sqlType, tag      string
	}{
		{"pg", "jsonb", true, NullPointer, "jsonb", "doc,nullzero,type:jsonb"},
		{"pg", "json", false, NullSQL, "json", "doc,notnull,type:json"},
		{"mysql", "json", true, NullSQL, "json", "doc,nullzero,type:json"},
		{"sqlite", "JSON", true, NullPointer, "json", "doc,nullzero,type:json"},
	}
	for _, tt := range tests {
		c := &inspect.Column{Name: "doc", Type: tt.declared, Nullable: tt.nullable}
		got := TypeOf(tt.dialect, c, tt.style)
		if got.Expr != "json.RawMessage" || got.Reflect.String() != "json.RawMessage" || got.Import != "encoding/json" || got.SQLType != tt.sqlType {
			t.Errorf("TypeOf(%s, %q) = %s %v %q %q", tt.dialect, tt.declared, got.Expr, got.Reflect, got.Import, got.SQLType)
		}
		if tag := (&Field{Column: c, Type: got}).Tag(); tag != tt.tag {
			t.Errorf("Tag(%s, %q) = %s, want %s", tt.dialect, tt.declared, tag, tt.tag)
		}
	}
}
