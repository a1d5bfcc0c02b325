package repr

import (
	"reflect"
	"sync"

	"github.com/bunbook/bunbook/internal/modelmeta"
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
	table := modelmeta.Of(typ)
	d := description{name: typ.Name()}
	if d.name == "" {
		d.name = table.Name // a reflect.StructOf model, e.g. automap's
	}
	if d.name == "" {
		d.name = "struct"
	}
	for _, c := range table.Columns {
		d.fields = append(d.fields, field{name: c.GoName, index: c.Index})
	}
	return d
}
