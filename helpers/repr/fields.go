package repr

import (
	"fmt"
	"reflect"

	"github.com/bunbook/bunbook/internal/structcols"
)

// describe returns the printed name and the columns of v's struct type.
// structcols caches the columns per type.
func describe(v reflect.Value) (string, []structcols.Column) {
	table := structcols.Of(v.Type())
	if n, ok := reprName(v); ok {
		return n, table.Columns
	}
	name := v.Type().Name()
	if name == "" {
		name = table.Name // a reflect.StructOf model, e.g. automap's
	}
	if name == "" {
		name = "struct"
	}
	return name, table.Columns
}

// reprName calls a ReprName method on v, or on a copy of v for a pointer
// receiver. A ReprName that panics gives "<ReprName panicked: …>" as the
// name.
func reprName(v reflect.Value) (name string, ok bool) {
	defer func() {
		if r := recover(); r != nil {
			name, ok = fmt.Sprintf("<ReprName panicked: %v>", r), true
		}
	}()
	if v.CanInterface() {
		if n, ok := v.Interface().(namer); ok {
			return n.ReprName(), true
		}
	}
	if reflect.PointerTo(v.Type()).Implements(reflect.TypeFor[namer]()) {
		p := reflect.New(v.Type())
		p.Elem().Set(v)
		return p.Interface().(namer).ReprName(), true
	}
	return "", false
}
