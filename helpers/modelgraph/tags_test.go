package modelgraph

import (
	"reflect"
	"strconv"
	"testing"

	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/sqlitedialect"
	"github.com/uptrace/bun/schema"
)

func TestTagValue(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"AlbumId", "AlbumId"},
		{"Order Details", "Order Details"},
		{"a,b", `"a,b"`},
		{`back\slash`, `"back\slash"`}, // Bun keeps a quoted value verbatim…
		{`ends\`, `"ends\\"`},          // …unless its closing quote follows a backslash,
		{`say "hi"`, `"say \"hi\""`},   // then it undoes every escape.
		{`a\"b`, `"a\\\"b"`},
		{" padded ", `" padded "`},
	} {
		if got := tagValue(tc.in); got != tc.want {
			t.Errorf("tagValue(%q) = %s, want %s", tc.in, got, tc.want)
		}
	}
}

// Every quoted form reads back as the original column name through Bun's
// own tag parser.
func TestTagValueRoundTripsThroughBun(t *testing.T) {
	tables := schema.NewTables(sqlitedialect.New())
	for _, name := range []string{`back\slash`, `ends\`, `say "hi"`, `a\"b`, "a,b", "x:y", "f(x)"} {
		typ := reflect.StructOf([]reflect.StructField{
			{Name: "BaseModel", Type: reflect.TypeFor[bun.BaseModel](), Tag: `bun:"table:t"`, Anonymous: true},
			{Name: "C", Type: reflect.TypeFor[string](), Tag: reflect.StructTag(`bun:` + strconv.Quote(tagValue(name)))},
		})
		if got := tables.Get(typ).Fields[0].Name; got != name {
			t.Errorf("column %q reads back from its tag as %q", name, got)
		}
	}
}
