package exercise

import (
	"database/sql"
	"database/sql/driver"
	"fmt"
	"reflect"
	"strings"
	"time"
)

// record is one row of a student's answer: its values by (folded) name, and
// in order when the order is known (structs, positional rows, *sql.Rows).
type record struct {
	named   map[string]any
	ordered []any
	// orderedOnly marks positional rows ([][]any), which have no names.
	orderedOnly bool
	// fields marks a struct's row; unloaded names its relations (struct or
	// pointer fields) that were not loaded.
	fields   bool
	unloaded []string
}

// errUnanswered is returned by records for a nil or empty answer.
var errUnanswered = fmt.Errorf("unanswered")

// records turns an answer into rows. The answer may be a slice or array
// (or a pointer to one) of structs, pointers to structs, maps with string
// keys, or slices; or a *sql.Rows, which is read to the end and closed.
func records(answer any) ([]record, error) {
	if rows, ok := answer.(*sql.Rows); ok {
		if rows == nil {
			return nil, errUnanswered
		}
		return sqlRecords(rows)
	}
	v, ok := deref(reflect.ValueOf(answer))
	if !ok {
		return nil, errUnanswered
	}
	if v.Kind() != reflect.Slice && v.Kind() != reflect.Array {
		return nil, fmt.Errorf("got %s; pass all the rows: a slice of structs (or of maps, or of []any), or the *sql.Rows of the query", describeType(v.Type()))
	}
	if v.Len() == 0 {
		return nil, errUnanswered
	}
	out := make([]record, 0, v.Len())
	for i := 0; i < v.Len(); i++ {
		rec, err := recordOf(v.Index(i))
		if err != nil {
			return nil, fmt.Errorf("row %d: %w", i+1, err)
		}
		out = append(out, rec)
	}
	return out, nil
}

// deref follows pointers and interfaces; ok is false at a nil one.
func deref(v reflect.Value) (_ reflect.Value, ok bool) {
	for v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface {
		if v.IsNil() {
			return v, false
		}
		v = v.Elem()
	}
	return v, v.IsValid()
}

func recordOf(v reflect.Value) (record, error) {
	v, ok := deref(v)
	if !ok {
		return record{}, fmt.Errorf("is nil")
	}
	switch v.Kind() {
	case reflect.Struct:
		if isScalar(v.Type()) {
			break
		}
		rec := record{named: map[string]any{}, fields: true}
		flatten(v, "", &rec)
		return rec, nil
	case reflect.Map:
		if v.Type().Key().Kind() != reflect.String {
			return record{}, fmt.Errorf("a map with %s keys; use column names (strings) as keys", v.Type().Key())
		}
		rec := record{named: map[string]any{}}
		iter := v.MapRange()
		for iter.Next() {
			rec.named[normKey(iter.Key().String())] = iter.Value().Interface()
		}
		return rec, nil
	case reflect.Slice, reflect.Array:
		if v.Type().Elem().Kind() == reflect.Uint8 {
			break // []byte is one value
		}
		rec := record{orderedOnly: true}
		for i := 0; i < v.Len(); i++ {
			rec.ordered = append(rec.ordered, v.Index(i).Interface())
		}
		return rec, nil
	}
	return record{}, fmt.Errorf("is %s, not a row; each row should be a struct, a map or a slice of values", describeType(v.Type()))
}

var (
	valuerType  = reflect.TypeFor[driver.Valuer]()
	scannerType = reflect.TypeFor[sql.Scanner]()
	timeType    = reflect.TypeFor[time.Time]()
)

// isScalar reports whether a struct type holds one database value
// (time.Time, sql.NullString, bun.NullTime …) rather than a row.
func isScalar(t reflect.Type) bool {
	return t == timeType || t.Implements(valuerType) || reflect.PointerTo(t).Implements(scannerType)
}

// maxRelationDepth bounds how many relations deep flatten looks, so a
// cyclic struct (n.Next == n) ends; no question goes deeper than two.
const maxRelationDepth = 4

// flatten collects a struct's exported fields into rec, by the Go field
// name and by the column name of its bun tag. Loaded relations (a struct
// or pointer-to-struct field) are looked into with the relation's name as
// a prefix ("album.title", also "albumtitle"); has-many slices and
// bun.BaseModel are skipped.
func flatten(v reflect.Value, prefix string, rec *record) {
	t := v.Type()
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		tag := f.Tag.Get("bun")
		if tag == "-" || isBaseModel(f.Type) {
			continue
		}
		fv := v.Field(i)
		ft := f.Type
		if f.Anonymous && ft.Kind() == reflect.Struct && !isScalar(ft) {
			flatten(fv, prefix, rec)
			continue
		}
		names := []string{normKey(f.Name)}
		if col, _, _ := strings.Cut(tag, ","); col != "" && !strings.Contains(col, ":") {
			if n := normKey(col); n != names[0] {
				names = append(names, n)
			}
		}
		inner := ft
		for inner.Kind() == reflect.Pointer {
			inner = inner.Elem()
		}
		switch {
		case inner.Kind() == reflect.Struct && !isScalar(inner):
			if fv, _ = deref(fv); fv.Kind() != reflect.Struct {
				if prefix == "" {
					rec.unloaded = append(rec.unloaded, f.Name)
				}
				continue // relation not loaded
			}
			if strings.Count(prefix, ".") >= maxRelationDepth {
				continue // too deep (a cycle: n.Next == n)
			}
			for _, n := range names {
				flatten(fv, prefix+n+".", rec)
			}
		case inner.Kind() == reflect.Slice && inner.Elem().Kind() != reflect.Uint8,
			inner.Kind() == reflect.Map:
			continue // has-many / m2m relations are not columns
		default:
			val := fv.Interface()
			for _, n := range names {
				setOnce(rec.named, prefix+n, val)
				if prefix != "" {
					setOnce(rec.named, strings.ReplaceAll(prefix, ".", "")+n, val)
				}
			}
			if prefix == "" {
				rec.ordered = append(rec.ordered, val) // top-level values, in field order
			}
		}
	}
}

func setOnce(m map[string]any, k string, v any) {
	if _, ok := m[k]; !ok {
		m[k] = v
	}
}

func isBaseModel(t reflect.Type) bool {
	return t.Name() == "BaseModel" && t.PkgPath() == "github.com/uptrace/bun"
}

// sqlRecords reads every row of rows and closes it.
func sqlRecords(rows *sql.Rows) ([]record, error) {
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return nil, fmt.Errorf("reading the rows failed (%v); pass the rows before closing them, or scan them into a slice", err)
	}
	var out []record
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return nil, fmt.Errorf("reading row %d failed: %v", len(out)+1, err)
		}
		rec := record{named: map[string]any{}, ordered: vals}
		for i, c := range cols {
			setOnce(rec.named, normKey(c), vals[i])
		}
		out = append(out, rec)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("reading the rows failed: %v", err)
	}
	if len(out) == 0 {
		return nil, errUnanswered
	}
	return out, nil
}

// describeType names t with its article: "an int", "a map[string]int".
func describeType(t reflect.Type) string {
	s := t.String()
	if strings.ContainsRune("aeiou", rune(s[0])) {
		return "an " + s
	}
	return "a " + s
}
