package automap

import (
	"database/sql/driver"
	"fmt"
	"reflect"
	"strings"
	"sync"
)

// Get returns a field of a row by Go field name ("Title", "Artist") or
// column name ("Order Date" for the field OrderDate): the twin of Python's
// first_album.Title. Column values come back plain: a nullable column
// gives nil for NULL and the value itself otherwise, whether it is typed
// *string or sql.NullString. A belongs-to or has-one relation gives the
// related row (a pointer, nil when not loaded or absent); has-many and
// many-to-many give the slice of rows (see Rows).
func Get(row any, name string) (any, error) {
	v := reflect.ValueOf(row)
	for v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return nil, fmt.Errorf("automap: Get(%q) on a nil row", name)
		}
		v = v.Elem()
	}
	if v.Kind() != reflect.Struct {
		return nil, fmt.Errorf("automap: Get(%q) wants a row (a struct or a pointer to one), got %T", name, row)
	}
	idx, ok := fieldIndex(v.Type())[name]
	if !ok {
		return nil, fmt.Errorf("automap: a %s row has no field or column %q; fields: %s",
			tableName(v.Type()), name, strings.Join(fieldNames(v.Type()), ", "))
	}
	if tag := v.Type().Field(idx).Tag.Get("bun"); strings.HasPrefix(tag, "rel:") || strings.HasPrefix(tag, "m2m:") {
		f := v.Field(idx)
		if f.Kind() == reflect.Pointer && f.IsNil() {
			return nil, nil // not loaded, or no related row
		}
		return f.Interface(), nil
	}
	return plain(v.Field(idx)), nil
}

// MustGet is Get for notebook cells: it panics on error.
func MustGet(row any, name string) any {
	v, err := Get(row, name)
	if err != nil {
		panic(err)
	}
	return v
}

// Rows returns the rows of a slice (or a pointer to one) — what NewSlice
// returns after a query, or a has-many / many-to-many relation — as a
// []any of row pointers, ready for Get. Anything else gives nil.
func Rows(slice any) []any {
	v := reflect.ValueOf(slice)
	for v.Kind() == reflect.Pointer && !v.IsNil() {
		v = v.Elem()
	}
	if v.Kind() != reflect.Slice {
		return nil
	}
	out := make([]any, v.Len())
	for i := range out {
		e := v.Index(i)
		if e.Kind() == reflect.Struct && e.CanAddr() {
			e = e.Addr()
		}
		out[i] = e.Interface()
	}
	return out
}

// plain unwraps a column value: pointers are dereferenced (nil → nil),
// database/sql's Null types give their value (invalid → nil).
func plain(v reflect.Value) any {
	switch {
	case v.Kind() == reflect.Pointer:
		if v.IsNil() {
			return nil
		}
		return plain(v.Elem())
	case v.Kind() == reflect.Struct && v.Type().Implements(valuerType):
		if val, err := v.Interface().(driver.Valuer).Value(); err == nil {
			return val
		}
	}
	return v.Interface()
}

var valuerType = reflect.TypeFor[driver.Valuer]()

var fieldIndexes sync.Map // reflect.Type → map[string]int

// fieldIndex maps Go field names and column names to field indexes.
func fieldIndex(t reflect.Type) map[string]int {
	if m, ok := fieldIndexes.Load(t); ok {
		return m.(map[string]int)
	}
	m := map[string]int{}
	var fields []int
	for i := range t.NumField() {
		if f := t.Field(i); !f.Anonymous && f.IsExported() {
			m[f.Name] = i
			fields = append(fields, i)
		}
	}
	for _, i := range fields { // column names never shadow Go names
		if col := tagName(t.Field(i).Tag.Get("bun")); col != "" {
			if _, taken := m[col]; !taken {
				m[col] = i
			}
		}
	}
	fieldIndexes.Store(t, m)
	return m
}

func fieldNames(t reflect.Type) []string {
	var names []string
	for i := range t.NumField() {
		if f := t.Field(i); !f.Anonymous && f.IsExported() {
			names = append(names, f.Name)
		}
	}
	return names
}

// tableName reads the table name from a row type's bun.BaseModel tag.
func tableName(t reflect.Type) string {
	if f, ok := t.FieldByName("BaseModel"); ok {
		if rest, ok := strings.CutPrefix(f.Tag.Get("bun"), "table:"); ok {
			return tagName(rest)
		}
	}
	return t.String()
}

// tagName is the column name a bun field tag starts with ("" for
// relation fields, whose tags start with an option).
func tagName(tag string) string {
	if tag == "" || strings.HasPrefix(tag, "rel:") || strings.HasPrefix(tag, "m2m:") {
		return ""
	}
	if tag[0] == '"' {
		return unquoteTag(tag)
	}
	name, _, _ := strings.Cut(tag, ",")
	return name
}

// unquoteTag reads a "…" value of Bun's tag language as Bun does: verbatim
// up to the first quote unless a backslash precedes it; only then are
// backslash escapes undone (so "a\b" names the column a\b).
func unquoteTag(s string) string {
	if i := strings.IndexByte(s[1:], '"'); i >= 0 && s[i] != '\\' {
		return s[1 : 1+i]
	}
	var b strings.Builder
	for i := 1; i < len(s); i++ {
		switch s[i] {
		case '\\':
			if i+1 < len(s) {
				i++
				b.WriteByte(s[i])
			}
		case '"':
			return b.String()
		default:
			b.WriteByte(s[i])
		}
	}
	return b.String()
}
