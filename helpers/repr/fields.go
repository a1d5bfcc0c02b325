package repr

import (
	"reflect"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// field is one printed column: its Go name and where it sits in the struct.
type field struct {
	name  string
	index []int
}

// value follows the index path through embedded structs; a nil embedded
// pointer on the way has no value.
func (f field) value(v reflect.Value) (reflect.Value, bool) {
	for i, x := range f.index {
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

// description is what String prints for a struct type.
type description struct {
	name   string
	fields []field
}

var descriptions sync.Map // reflect.Type → description

// describe returns the printed name and columns of v's struct type.
func describe(v reflect.Value) (string, []field) {
	typ := v.Type()
	d, ok := descriptions.Load(typ)
	if !ok {
		d, _ = descriptions.LoadOrStore(typ, newDescription(typ))
	}
	desc := d.(description)
	name := desc.name
	if n, ok := reprName(v); ok {
		name = n
	}
	return name, desc.fields
}

// reprName calls a ReprName method on v or on its address.
func reprName(v reflect.Value) (string, bool) {
	if v.CanInterface() {
		if n, ok := v.Interface().(Namer); ok {
			return n.ReprName(), true
		}
	}
	if v.CanAddr() && v.Addr().CanInterface() {
		if n, ok := v.Addr().Interface().(Namer); ok {
			return n.ReprName(), true
		}
	}
	if reflect.PointerTo(v.Type()).Implements(reflect.TypeFor[Namer]()) {
		p := reflect.New(v.Type())
		p.Elem().Set(v)
		return p.Interface().(Namer).ReprName(), true
	}
	return "", false
}

func newDescription(typ reflect.Type) description {
	d, ok := fromBun(typ)
	if !ok {
		d = fromReflect(typ)
	}
	if d.name == "" {
		d.name = typ.Name()
	}
	if d.name == "" {
		d.name = "struct"
	}
	return d
}

// fromBun reads the columns from bun's table metadata, as bun would
// create the table. bun panics on a model it cannot understand (a bad
// relation tag, say); such a type falls back to plain reflection.
func fromBun(typ reflect.Type) (d description, ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	table := tables().Get(typ)
	if typ.Name() == "" {
		d.name = table.Name
	}
	for _, f := range table.Fields {
		d.fields = append(d.fields, field{name: f.GoName, index: f.Index})
	}
	return d, true
}

// fromReflect lists the exported fields, flattening embedded structs and
// leaving out what bun would not treat as a column.
func fromReflect(typ reflect.Type) description {
	var d description
	for _, f := range reflect.VisibleFields(typ) {
		if f.Type == baseModelType || !isExported(f.Name) || !isColumnTag(f.Tag.Get("bun")) {
			continue
		}
		if f.Anonymous && (f.Type.Kind() == reflect.Struct || f.Type.Kind() == reflect.Pointer && f.Type.Elem().Kind() == reflect.Struct) && f.Type != timeType {
			continue // its fields are listed themselves
		}
		d.fields = append(d.fields, field{name: f.Name, index: f.Index})
	}
	return d
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
