package display

import (
	"fmt"
	"reflect"

	"github.com/bunbook/bunbook/internal/structcols"
)

// Models shows a slice of bun models (or plain structs) as a table whose
// columns are the model's SQL columns in table order; relations are left
// out. models may be a slice, an array, a pointer to either, or a single
// struct or struct pointer. Nil elements show as a row of NULLs.
func Models(models any, opts ...Option) error {
	r, err := ModelsResult(models, opts...)
	if err != nil {
		return err
	}
	return Show(r, opts...)
}

// ModelsResult is the Result that Models shows.
func ModelsResult(models any, opts ...Option) (Result, error) {
	cfg := newConfig(opts)
	v := reflect.ValueOf(models)
	for v.Kind() == reflect.Pointer && !v.IsNil() && (v.Elem().Kind() == reflect.Slice || v.Elem().Kind() == reflect.Array) {
		v = v.Elem()
	}
	var elems []reflect.Value
	switch v.Kind() {
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			elems = append(elems, v.Index(i))
		}
	case reflect.Struct, reflect.Pointer:
		elems = []reflect.Value{v}
	default:
		return Result{}, fmt.Errorf("display: Models needs a slice of structs, got %T", models)
	}
	typ := v.Type()
	if k := typ.Kind(); k == reflect.Slice || k == reflect.Array {
		typ = typ.Elem()
	}
	for typ.Kind() == reflect.Pointer {
		typ = typ.Elem()
	}
	if typ.Kind() != reflect.Struct {
		return Result{}, fmt.Errorf("display: Models needs structs, got %T", models)
	}
	columns := structcols.Of(typ).Columns

	r := Result{Columns: make([]string, len(columns)), Head: [][]any{}, Total: len(elems)}
	for i, c := range columns {
		r.Columns[i] = c.SQLName
	}
	row := func(e reflect.Value) []any {
		for e.Kind() == reflect.Pointer || e.Kind() == reflect.Interface {
			if e.IsNil() {
				return make([]any, len(columns)) // all NULL
			}
			e = e.Elem()
		}
		vals := make([]any, len(columns))
		for i, c := range columns {
			fv, ok := c.Value(e)
			if ok && fv.CanInterface() {
				vals[i] = fv.Interface()
			}
		}
		return vals
	}
	head, tail := cfg.headTail()
	if cfg.maxRows <= 0 || len(elems) <= cfg.maxRows {
		head, tail = len(elems), 0
	}
	for _, e := range elems[:head] {
		r.Head = append(r.Head, row(e))
	}
	for _, e := range elems[len(elems)-tail:] {
		r.Tail = append(r.Tail, row(e))
	}
	return r, nil
}
