// Package structcols tells which columns a Bun model struct has, in table order, for
// the helpers that print models (repr, display).
//
// Bun's own metadata is the source of truth, but Bun refuses some models on
// their own: a many-to-many relation needs its join model registered with
// the *bun.DB, which a printing helper cannot see. For those, the columns are
// read from a column-only copy of the struct, so relations never stop a
// model from printing.
package structcols

import (
	"reflect"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/sqlitedialect"
	"github.com/uptrace/bun/schema"
)

// Column is one column of a model.
type Column struct {
	GoName  string
	SQLName string
	Index   []int // field index path in the original struct
}

// Value returns the column's field in struct value v, following the index
// path through embedded structs; a nil embedded pointer on the way means the
// column has no value (NULL).
func (c Column) Value(v reflect.Value) (reflect.Value, bool) {
	for i, x := range c.Index {
		if i > 0 {
			for v.Kind() == reflect.Pointer {
				if v.IsNil() {
					return reflect.Value{}, false
				}
				v = v.Elem()
			}
		}
		v = v.Field(x)
	}
	return v, true
}

// Table is what a model maps to.
type Table struct {
	Name    string // SQL table name; "" for a struct that is not a Bun model
	Columns []Column
}

// tables reads bun model metadata. Column names and order do not depend on
// the dialect, so one SQLite-flavoured registry serves every database.
var tables = sync.OnceValue(func() *schema.Tables { return schema.NewTables(sqlitedialect.New()) })

var cache sync.Map // reflect.Type → Table

var baseModelType = reflect.TypeFor[bun.BaseModel]()

// Of returns the table and columns of struct type typ.
func Of(typ reflect.Type) Table {
	if t, ok := cache.Load(typ); ok {
		return t.(Table)
	}
	t, ok := fromBun(typ, nil)
	if !ok {
		t, ok = columnsOnly(typ)
	}
	if !ok {
		t = fromReflect(typ)
	}
	cache.Store(typ, t)
	return t
}

// fromBun asks bun. Bun panics on a model it cannot complete (an m2m
// relation without its join model, a bad tag); that is reported as !ok.
// index maps the Go names of typ to index paths in the original struct when
// typ is a column-only copy.
func fromBun(typ reflect.Type, index map[string][]int) (t Table, ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	table := tables().Get(typ)
	if hasBaseModel(typ) {
		t.Name = table.Name
	}
	for _, f := range table.Fields {
		c := Column{GoName: f.GoName, SQLName: f.Name, Index: f.Index}
		if index != nil {
			c.Index = index[f.GoName]
		}
		t.Columns = append(t.Columns, c)
	}
	return t, true
}

// columnsOnly builds a copy of typ without its relation fields (and with
// embedded structs flattened) and asks bun about that.
func columnsOnly(typ reflect.Type) (Table, bool) {
	var fields []reflect.StructField
	index := map[string][]int{}
	for _, f := range reflect.VisibleFields(typ) {
		switch {
		case f.Type == baseModelType:
			fields = append(fields, reflect.StructField{Name: "BaseModel", Type: baseModelType, Tag: f.Tag, Anonymous: true})
		case f.Anonymous, !isExported(f.Name), !isColumnTag(f.Tag.Get("bun")):
		default:
			fields = append(fields, reflect.StructField{Name: f.Name, Type: f.Type, Tag: f.Tag})
			index[f.Name] = f.Index
		}
	}
	var copyType reflect.Type
	func() {
		defer func() { _ = recover() }() // StructOf rejects some field sets
		copyType = reflect.StructOf(fields)
	}()
	if copyType == nil {
		return Table{}, false
	}
	return fromBun(copyType, index)
}

// fromReflect is the last resort: exported non-relation fields, named as
// their tag says or by their Go name.
func fromReflect(typ reflect.Type) Table {
	var t Table
	for _, f := range reflect.VisibleFields(typ) {
		if f.Type == baseModelType {
			t.Name = tagOption(f.Tag.Get("bun"), "table:")
			continue
		}
		if f.Anonymous || !isExported(f.Name) || !isColumnTag(f.Tag.Get("bun")) {
			continue
		}
		name, _, _ := strings.Cut(f.Tag.Get("bun"), ",")
		if name == "" {
			name = f.Name
		}
		t.Columns = append(t.Columns, Column{GoName: f.Name, SQLName: name, Index: f.Index})
	}
	return t
}

func hasBaseModel(typ reflect.Type) bool {
	for _, f := range reflect.VisibleFields(typ) {
		if f.Type == baseModelType {
			return true
		}
	}
	return false
}

func tagOption(tag, prefix string) string {
	for _, opt := range strings.Split(tag, ",") {
		if v, ok := strings.CutPrefix(opt, prefix); ok {
			return v
		}
	}
	return ""
}

func isExported(name string) bool {
	r, _ := utf8.DecodeRuneInString(name)
	return unicode.IsUpper(r)
}

// isColumnTag reports whether a bun struct tag leaves the field a column:
// not "-", not a relation.
func isColumnTag(tag string) bool {
	if tag == "-" {
		return false
	}
	for _, opt := range strings.Split(tag, ",") {
		if strings.HasPrefix(opt, "rel:") || strings.HasPrefix(opt, "m2m:") {
			return false
		}
	}
	return true
}
