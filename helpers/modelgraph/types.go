package modelgraph

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"reflect"
	"regexp"
	"strings"
	"time"

	"github.com/bunbook/bunbook/helpers/inspect"
)

// NullStyle says how a nullable column is typed.
type NullStyle int

const (
	// NullPointer types a nullable column as a pointer: *string, *int64,
	// *time.Time (nil is NULL). The default.
	NullPointer NullStyle = iota
	// NullSQL types a nullable column with database/sql's wrappers:
	// sql.NullString, sql.NullInt64, sql.NullFloat64, sql.NullTime,
	// sql.NullBool (sql.Null[uint64] for unsigned 64-bit integers).
	NullSQL
)

// String returns the style's name as ParseNullStyle and bunacodegen's
// -nullstyle flag spell it: "pointer" or "sqlnull".
func (s NullStyle) String() string {
	if s == NullSQL {
		return "sqlnull"
	}
	return "pointer"
}

// ParseNullStyle reads a null style by name: "pointer" (nullable columns
// as *T, the default; also "" and "ptr") or "sqlnull" (sql.NullString,
// sql.NullInt64, …; also "sql" and "sql.null"), ignoring case.
func ParseNullStyle(name string) (NullStyle, error) {
	switch strings.ToLower(strings.TrimSpace(name)) {
	case "pointer", "pointers", "ptr", "":
		return NullPointer, nil
	case "sqlnull", "sql", "sql.null":
		return NullSQL, nil
	}
	return 0, fmt.Errorf("modelgraph: unknown null style %q: use \"pointer\" (*string, *int64, …) or \"sqlnull\" (sql.NullString, sql.NullInt64, …)", name)
}

// baseType is a column's Go type before nullability is applied.
type baseType int

const (
	goInt64 baseType = iota
	goUint64
	goFloat64
	goString
	goBytes
	goTime
	goBool
	goAny
	goJSON
	// PostgreSQL arrays, scanned and written by pgdialect as Go slices.
	goInt64s
	goFloat64s
	goBools
	goStrings
)

var baseTypes = [...]struct {
	expr, nullExpr, imp string
	typ, nullTyp        reflect.Type
}{
	goInt64:   {"int64", "sql.NullInt64", "", reflect.TypeFor[int64](), reflect.TypeFor[sql.NullInt64]()},
	goUint64:  {"uint64", "sql.Null[uint64]", "", reflect.TypeFor[uint64](), reflect.TypeFor[sql.Null[uint64]]()},
	goFloat64: {"float64", "sql.NullFloat64", "", reflect.TypeFor[float64](), reflect.TypeFor[sql.NullFloat64]()},
	goString:  {"string", "sql.NullString", "", reflect.TypeFor[string](), reflect.TypeFor[sql.NullString]()},
	goBytes:   {"[]byte", "[]byte", "", reflect.TypeFor[[]byte](), reflect.TypeFor[[]byte]()},
	goTime:    {"time.Time", "sql.NullTime", "time", reflect.TypeFor[time.Time](), reflect.TypeFor[sql.NullTime]()},
	goBool:    {"bool", "sql.NullBool", "", reflect.TypeFor[bool](), reflect.TypeFor[sql.NullBool]()},
	goAny:     {"any", "any", "", reflect.TypeFor[any](), reflect.TypeFor[any]()},
	goJSON: {"json.RawMessage", "json.RawMessage", "encoding/json",
		reflect.TypeFor[json.RawMessage](), reflect.TypeFor[json.RawMessage]()},

	goInt64s:   {"[]int64", "[]int64", "", reflect.TypeFor[[]int64](), reflect.TypeFor[[]int64]()},
	goFloat64s: {"[]float64", "[]float64", "", reflect.TypeFor[[]float64](), reflect.TypeFor[[]float64]()},
	goBools:    {"[]bool", "[]bool", "", reflect.TypeFor[[]bool](), reflect.TypeFor[[]bool]()},
	goStrings:  {"[]string", "[]string", "", reflect.TypeFor[[]string](), reflect.TypeFor[[]string]()},
}

// isArray reports whether a base type is a PostgreSQL array's slice.
func (b baseType) isArray() bool { return b >= goInt64s }

// holdsNull reports whether a base type's zero value already stands for
// NULL (nil), so a nullable column needs no pointer or sql.Null wrapper.
func (b baseType) holdsNull() bool {
	return b == goBytes || b == goAny || b == goJSON || b.isArray()
}

// exactTypes are type names recognised by name on every dialect, checked
// before SQLite's affinity rules (so MySQL's POINT does not become an
// integer because it contains "INT").
var exactTypes = map[string]baseType{
	"BOOL": goBool, "BOOLEAN": goBool,

	"DATE": goTime, "DATETIME": goTime, "DATETIME2": goTime, "SMALLDATETIME": goTime,
	"DATETIMEOFFSET": goTime, "TIMESTAMP": goTime, "TIMESTAMPTZ": goTime,
	"TIMESTAMP WITH TIME ZONE": goTime, "TIMESTAMP WITHOUT TIME ZONE": goTime,

	"NUMERIC": goString, "DECIMAL": goString, "DEC": goString, "NUMBER": goString,
	"MONEY": goString, "SMALLMONEY": goString,

	// Bun writes a field declared json/jsonb with encoding/json: a Go
	// string would be stored as a JSON string literal, a RawMessage is
	// stored as the document itself.
	"JSON": goJSON, "JSONB": goJSON,

	"UUID": goString, "XML": goString,
	"TIME": goString, "TIMETZ": goString, "TIME WITH TIME ZONE": goString,
	"TIME WITHOUT TIME ZONE": goString, "INTERVAL": goString, "INET": goString,
	"CIDR": goString, "MACADDR": goString, "ENUM": goString, "SET": goString,

	"INT": goInt64, "INTEGER": goInt64, "INT2": goInt64, "INT4": goInt64, "INT8": goInt64,
	"TINYINT": goInt64, "SMALLINT": goInt64, "MEDIUMINT": goInt64, "BIGINT": goInt64,
	"SERIAL": goInt64, "BIGSERIAL": goInt64, "SMALLSERIAL": goInt64,
	"SERIAL4": goInt64, "SERIAL8": goInt64, "SERIAL2": goInt64, "YEAR": goInt64,

	"REAL": goFloat64, "FLOAT": goFloat64, "FLOAT4": goFloat64, "FLOAT8": goFloat64,
	"DOUBLE": goFloat64, "DOUBLE PRECISION": goFloat64,

	"BYTEA": goBytes, "BLOB": goBytes, "TINYBLOB": goBytes, "MEDIUMBLOB": goBytes,
	"LONGBLOB": goBytes, "BINARY": goBytes, "VARBINARY": goBytes, "IMAGE": goBytes,
	"BIT": goString, // PostgreSQL returns bit strings as text, SQLite stores integers
}

var spaces = regexp.MustCompile(`\s+`)

// normalizeType splits a declared type into its upper-case name (spaces
// collapsed, parameters and UNSIGNED/ZEROFILL removed), its parameters
// ("10,2"), whether it is unsigned and whether it is an array.
func normalizeType(declared string) (name, params string, unsigned, array bool) {
	s := strings.ToUpper(strings.TrimSpace(spaces.ReplaceAllString(declared, " ")))
	if strings.HasSuffix(s, "[]") || strings.HasPrefix(s, "_") || strings.HasSuffix(s, " ARRAY") {
		array = true
	}
	if i := strings.IndexByte(s, '('); i >= 0 {
		if j := strings.LastIndexByte(s, ')'); j > i {
			params = strings.ReplaceAll(s[i+1:j], " ", "")
			s = s[:i] + " " + s[j+1:]
		}
	}
	var words []string
	for _, w := range strings.Fields(s) {
		switch w {
		case "UNSIGNED":
			unsigned = true
		case "ZEROFILL", "SIGNED":
		default:
			words = append(words, w)
		}
	}
	return strings.Join(words, " "), params, unsigned, array
}

// classify picks the Go base type for a declared SQL type.
func classify(dialect, declared string) baseType {
	name, params, unsigned, array := normalizeType(declared)
	if array {
		if dialect == "pg" {
			return arrayOf(classify(dialect, arrayElement(declared)))
		}
		return goString // the array's text form, e.g. {1,2,3}
	}
	// SQLite has no boolean type (BOOLEAN is NUMERIC affinity) and MySQL's
	// BOOLEAN is TINYINT(1): both hold any integer, and Bun would read 2 or
	// -5 into a bool as true and write it back as 1. An int64 keeps the
	// stored value; only PostgreSQL's boolean becomes a Go bool.
	if dialect == "mysql" && name == "TINYINT" && params == "1" {
		return goInt64
	}
	if (dialect == "sqlite" || dialect == "mysql") && (name == "BOOL" || name == "BOOLEAN") {
		return goInt64
	}
	if dialect == "mysql" && name == "BIT" {
		return goBytes // the driver returns BIT(n) as raw bytes
	}
	if unsigned && (name == "BIGINT" || name == "INT8") {
		return goUint64 // values above math.MaxInt64
	}
	if t, ok := exactTypes[name]; ok {
		return t
	}
	// SQLite's affinity rules (https://sqlite.org/datatype3.html §3.1), in
	// its order. On SQLite they decide how values are stored; elsewhere they
	// are a good guess for names not listed above.
	switch {
	case strings.Contains(name, "INT") && (dialect == "sqlite" || dialect == ""):
		return goInt64
	case strings.Contains(name, "CHAR"), strings.Contains(name, "CLOB"), strings.Contains(name, "TEXT"):
		return goString
	case name == "":
		// No declared type: SQLite stores each value as given (computed
		// view columns, untyped tables), so only any holds them all.
		return goAny
	case strings.Contains(name, "BLOB"):
		return goBytes
	case strings.Contains(name, "REAL"), strings.Contains(name, "FLOA"), strings.Contains(name, "DOUB"):
		return goFloat64
	}
	// NUMERIC affinity (or a type unknown to this dialect): a string scans
	// integers, reals and text alike, so no value is lost or refused.
	return goString
}

// arrayElement returns the element type of a PostgreSQL array type:
// integer[] → integer, character varying(20)[] → character varying(20),
// _int4 → int4, text ARRAY → text.
func arrayElement(declared string) string {
	s := strings.TrimSpace(declared)
	for strings.HasSuffix(s, "[]") {
		s = strings.TrimSpace(strings.TrimSuffix(s, "[]"))
	}
	if len(s) > len(" ARRAY") && strings.EqualFold(s[len(s)-len(" ARRAY"):], " ARRAY") {
		s = strings.TrimSpace(s[:len(s)-len(" ARRAY")])
	}
	return strings.TrimPrefix(s, "_")
}

// arrayOf is the slice type pgdialect scans an array of elem into: bun
// parses the array's text form element by element, and a []string holds
// any element type's text (numeric, uuid, date, …) exactly.
func arrayOf(elem baseType) baseType {
	switch elem {
	case goInt64, goUint64:
		return goInt64s
	case goFloat64:
		return goFloat64s
	case goBool:
		return goBools
	}
	return goStrings
}

// defaultSQLTypes is the column type Bun declares for a Go type on each
// dialect (lower case); a column declared the same way needs no type tag.
var defaultSQLTypes = map[string]map[baseType]string{
	"sqlite": {goInt64: "integer", goUint64: "integer", goFloat64: "double precision", goString: "varchar",
		goBytes: "blob", goTime: "timestamp", goBool: "boolean"},
	"pg": {goInt64: "bigint", goUint64: "bigint", goFloat64: "double precision", goString: "varchar",
		goBytes: "bytea", goTime: "timestamptz", goBool: "boolean"},
	"mysql": {goInt64: "bigint", goUint64: "bigint", goFloat64: "double precision", goString: "varchar(255)",
		goBytes: "blob", goTime: "datetime", goBool: "boolean"},
}

// TypeOf maps a column to its Go type on the given dialect ("sqlite", "pg",
// "mysql"); see the package documentation for the table.
func typeOfColumn(dialect string, c *inspect.Column, style NullStyle) GoType {
	base := classify(dialect, c.Type)
	bt := baseTypes[base]
	gt := GoType{Expr: bt.expr, Reflect: bt.typ, Import: bt.imp}
	// A primary-key column is typed as NOT NULL even when the schema allows
	// NULL (SQLite does in a composite key without NOT NULL): a key that is
	// NULL identifies no row, and Bun panics scanning a many-to-many
	// relation through a pointer key, which deadlocks the query.
	nullable := c.Nullable && c.PrimaryKey == 0
	if base == goJSON && nullable {
		gt.NullZero = true // a nil RawMessage is NULL, not the JSON null
	}
	if nullable && !base.holdsNull() {
		if style == NullSQL {
			gt.Expr, gt.Reflect, gt.Import = bt.nullExpr, bt.nullTyp, "database/sql"
		} else {
			gt.Expr, gt.Reflect = "*"+bt.expr, reflect.PointerTo(bt.typ)
		}
	}
	declared := strings.ToLower(strings.TrimSpace(spaces.ReplaceAllString(c.Type, " ")))
	if dialect == "pg" && base == goInt64 && c.AutoIncrement && !c.Identity {
		// A serial column reads back as integer with a sequence default;
		// declared as serial, CREATE TABLE from the model makes one again.
		switch declared {
		case "smallint", "int2":
			declared = "smallserial"
		case "integer", "int4", "int":
			declared = "serial"
		case "bigint", "int8":
			declared = "bigserial"
		}
	}
	if base.isArray() && !strings.HasSuffix(declared, "[]") {
		declared = arrayElement(declared) + "[]" // _int4, integer ARRAY: pgdialect knows arrays by []
	}
	if declared != "" && declared != defaultSQLTypes[dialect][base] {
		gt.SQLType = declared
	}
	return gt
}
