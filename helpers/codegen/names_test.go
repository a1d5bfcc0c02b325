package codegen

import (
	"context"
	"go/ast"
	"go/parser"
	"go/token"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/sqlitedialect"

	"github.com/bunbook/bunbook/helpers/inspect"
	"github.com/bunbook/bunbook/helpers/modelgraph"
)

// roundTrip generates the source for s, parses it back, rebuilds each
// struct with reflect.StructOf from the generated field names and tags,
// and lets Bun read it: every column must reach Bun under its original
// name, every table under its own, with valid, unique, exported Go names.
func roundTrip(t *testing.T, s *inspect.Schema) string {
	t.Helper()
	o := NewOptions(WithoutRelations(), Source("names.db"))
	g, err := BuildGraph(s, o)
	if err != nil {
		t.Fatal(err)
	}
	src, err := ModelGenerator{Options: o}.Source(context.Background(), g)
	if err != nil {
		t.Fatal(err)
	}
	file, err := parser.ParseFile(token.NewFileSet(), "models.go", src, 0)
	if err != nil {
		t.Fatalf("generated source does not parse: %v\n%s", err, src)
	}
	structs := map[string]*ast.StructType{}
	ast.Inspect(file, func(n ast.Node) bool {
		if ts, ok := n.(*ast.TypeSpec); ok {
			if st, ok := ts.Type.(*ast.StructType); ok {
				if structs[ts.Name.Name] != nil {
					t.Errorf("type %s declared twice", ts.Name.Name)
				}
				structs[ts.Name.Name] = st
			}
		}
		return true
	})
	for _, m := range append(append([]*modelgraph.Model{}, g.Models...), g.Associations...) {
		checkModel(t, m, structs[m.GoName], src)
	}
	return string(src)
}

func checkModel(t *testing.T, m *modelgraph.Model, st *ast.StructType, src []byte) {
	t.Helper()
	if st == nil {
		t.Fatalf("no struct %s in:\n%s", m.GoName, src)
	}
	if !token.IsIdentifier(m.GoName) || !token.IsExported(m.GoName) {
		t.Errorf("model name %q is not an exported identifier", m.GoName)
	}
	tags := map[string]string{}
	for _, f := range st.Fields.List {
		if f.Tag == nil {
			continue
		}
		tag, err := strconv.Unquote(f.Tag.Value)
		if err != nil {
			t.Fatal(err)
		}
		name := "BaseModel"
		if len(f.Names) > 0 {
			name = f.Names[0].Name
		}
		tags[name] = tag
	}
	fields := []reflect.StructField{{
		Name: "BaseModel", Type: reflect.TypeFor[bun.BaseModel](), Anonymous: true,
		Tag: reflect.StructTag(tags["BaseModel"]),
	}}
	for _, f := range m.Fields {
		if !token.IsIdentifier(f.GoName) || !token.IsExported(f.GoName) {
			t.Errorf("%s: field name %q is not an exported identifier", m.GoName, f.GoName)
			return
		}
		tag, ok := tags[f.GoName]
		if !ok {
			t.Fatalf("%s: no field %s in the source", m.GoName, f.GoName)
		}
		fields = append(fields, reflect.StructField{Name: f.GoName, Type: f.Type.Reflect, Tag: reflect.StructTag(tag)})
	}
	var table *bunTable
	func() {
		defer func() {
			if r := recover(); r != nil {
				t.Fatalf("%s: Bun rejects the generated struct: %v\n%s", m.GoName, r, src)
			}
		}()
		table = readTable(reflect.StructOf(fields))
	}()
	if table.name != m.Table.Name {
		t.Errorf("%s: Bun reads table %q, want %q", m.GoName, table.name, m.Table.Name)
	}
	for _, f := range m.Fields {
		if got := table.columns[f.GoName]; got != f.Column.Name {
			t.Errorf("%s.%s: Bun reads column %q, want %q (tag %s)", m.GoName, f.GoName, got, f.Column.Name, tags[f.GoName])
		}
	}
}

type bunTable struct {
	name    string
	columns map[string]string // Go field name → column name
}

// readTable lets Bun's own schema code parse a struct's tags.
func readTable(typ reflect.Type) *bunTable {
	t := sqlitedialect.New().Tables().Get(typ)
	out := &bunTable{name: t.Name, columns: map[string]string{}}
	for _, f := range t.Fields {
		out.columns[f.GoName] = f.Name
	}
	return out
}

func table(name string, columns ...string) inspect.Table {
	t := inspect.Table{Name: name, Kind: inspect.KindTable}
	for i, c := range columns {
		col := inspect.Column{Name: c, Type: "TEXT", Nullable: i > 0}
		if i == 0 {
			col.PrimaryKey, col.Type = 1, "INTEGER"
			t.PrimaryKey = []string{c}
		}
		t.Columns = append(t.Columns, col)
	}
	return t
}

// TestHostileNames covers the name conversions the generated source
// depends on: Go keywords, leading digits, names that collide after
// conversion, non-ASCII letters, characters Bun's tag parser treats
// specially, a back quote (which a raw string tag cannot hold) and the
// reserved BaseModel.
func TestHostileNames(t *testing.T) {
	s := &inspect.Schema{Dialect: "sqlite", Tables: []inspect.Table{
		table("select", "type", "func", "range", "default", "pk"),
		table("2fast", "1st", "2nd place", "_"),
		table("Order Details", "first name", "first_name", "FirstName", "firstName"),
		table("order_details", "id", "ID_", "Id"),
		table("Größe", "café", "naïve", "日本語", "Ünïcödé"),
		table("a,b:c", `say "hi"`, `end\`, "x(y", "comma,col", "colon:col", " padded "),
		table("back`tick", "back`tick", "base_model", "BaseModel"),
	}}
	src := roundTrip(t, s)
	for _, want := range []string{
		"type Select struct",
		"type X2fast struct",
		"type OrderDetail struct",
		"type OrderDetail_2 struct",
		"type Größe struct",
		`bun.BaseModel ` + "`" + `bun:"table:\"a,b:c\",alias:`,
		`"bun:\"table:back` + "`" + `tick,alias:`,
	} {
		if !strings.Contains(src, want) {
			t.Errorf("source lacks %q:\n%s", want, src)
		}
	}
}

// FuzzNames feeds arbitrary table and column names through generation:
// the source must always parse and Bun must read every name back.
func FuzzNames(f *testing.F) {
	for _, seed := range [][2]string{
		{"albums", "Title"}, {"Order Details", "Unit Price"}, {"select", "type"},
		{"2fast", "1st"}, {"日本", "名前"}, {"a,b", `q"uote`}, {"x`y", "p(q"},
		{"", " "}, {"t", "BaseModel"}, {"t", "\\"}, {`back\slash`, `c\d`}, {"new\nline", "tab\tcol"},
	} {
		f.Add(seed[0], seed[1])
	}
	f.Fuzz(func(t *testing.T, tableName, column string) {
		if !utf8.ValidString(tableName) || !utf8.ValidString(column) ||
			strings.ContainsRune(tableName+column, 0) || strings.EqualFold(column, "rowid_pk") || tableName == "" {
			t.Skip()
		}
		s := &inspect.Schema{Dialect: "sqlite", Tables: []inspect.Table{table(tableName, "rowid_pk", column)}}
		if column == "" {
			s.Tables[0].Columns = s.Tables[0].Columns[:1]
		}
		roundTrip(t, s)
	})
}
