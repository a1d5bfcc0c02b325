package repr

import (
	"database/sql/driver"
	"fmt"
	"io"
	"math"
	"os"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/uptrace/bun"
)

// namer: a model with a ReprName method chooses the name String prints before its fields.
type namer interface {
	ReprName() string
}

// maxDepth bounds nesting (structs inside structs, slices of slices), so a
// cyclic value cannot recurse forever.
const maxDepth = 4

var (
	timeType     = reflect.TypeFor[time.Time]()
	nullTimeType = reflect.TypeFor[bun.NullTime]()
	valuerType   = reflect.TypeFor[driver.Valuer]()
)

// String returns v as Name(Field=value, …) when v is a struct or a pointer
// to one, and as a Go-like literal otherwise (a quoted string, <nil>, …).
func String(v any) string {
	var b strings.Builder
	writeValue(&b, reflect.ValueOf(v), 0)
	return b.String()
}

// Print writes each value on its own line to standard output; a slice or
// array is written one element per line.
func Print(vs ...any) {
	fprint(os.Stdout, vs...)
}

// Fprint is Print to w.
func fprint(w io.Writer, vs ...any) error {
	var b strings.Builder
	for _, v := range vs {
		rv := reflect.ValueOf(v)
		for rv.Kind() == reflect.Pointer && !rv.IsNil() && (rv.Elem().Kind() == reflect.Slice || rv.Elem().Kind() == reflect.Array) {
			rv = rv.Elem()
		}
		if (rv.Kind() == reflect.Slice || rv.Kind() == reflect.Array) && rv.Type().Elem().Kind() != reflect.Uint8 {
			for i := range rv.Len() {
				writeValue(&b, rv.Index(i), 0)
				b.WriteByte('\n')
			}
			continue
		}
		writeValue(&b, rv, 0)
		b.WriteByte('\n')
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func writeValue(b *strings.Builder, v reflect.Value, depth int) {
	if !v.IsValid() {
		b.WriteString("<nil>")
		return
	}
	switch v.Type() {
	case timeType:
		b.WriteString(v.Interface().(time.Time).Format(time.RFC3339Nano))
		return
	case nullTimeType: // bun.NullTime: the zero time is NULL
		if t := v.Field(0).Interface().(time.Time); !t.IsZero() {
			b.WriteString(t.Format(time.RFC3339Nano))
		} else {
			b.WriteString("<nil>")
		}
		return
	}
	if dv, ok := driverValue(v); ok {
		if dv == nil {
			b.WriteString("<nil>")
			return
		}
		writeValue(b, reflect.ValueOf(dv), depth+1)
		return
	}
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface, reflect.Slice, reflect.Map:
		if v.IsNil() {
			b.WriteString("<nil>")
			return
		}
	}
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		writeValue(b, v.Elem(), depth)
	case reflect.String:
		b.WriteString(strconv.Quote(v.String()))
	case reflect.Bool:
		b.WriteString(strconv.FormatBool(v.Bool()))
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		b.WriteString(strconv.FormatInt(v.Int(), 10))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		b.WriteString(strconv.FormatUint(v.Uint(), 10))
	case reflect.Float32, reflect.Float64:
		b.WriteString(formatFloat(v.Float(), v.Type().Bits()))
	case reflect.Slice, reflect.Array:
		if v.Kind() == reflect.Slice && v.Type().Elem().Kind() == reflect.Uint8 {
			b.WriteString("[]byte(" + strconv.Quote(string(v.Bytes())) + ")")
			return
		}
		writeList(b, v, depth)
	case reflect.Map:
		writeMap(b, v, depth)
	case reflect.Struct:
		writeStruct(b, v, depth)
	default: // complex, chan, func, unsafe pointer
		fmt.Fprint(b, v)
	}
}

// driverValue returns what a driver.Valuer (sql.NullString, bun.NullTime,
// …) would store, so NULL shows as <nil> and a valid value as itself.
func driverValue(v reflect.Value) (any, bool) {
	if v.Kind() == reflect.Pointer && v.IsNil() {
		return nil, false // a nil pointer prints as <nil> below, without calling Value
	}
	if !v.Type().Implements(valuerType) {
		if !reflect.PointerTo(v.Type()).Implements(valuerType) || !v.CanInterface() {
			return nil, false
		}
		p := reflect.New(v.Type()) // a pointer-receiver Value, on a copy
		p.Elem().Set(v)
		v = p
	}
	if !v.CanInterface() {
		return nil, false
	}
	dv, err := callValue(v.Interface().(driver.Valuer))
	if err != nil {
		return "<error: " + err.Error() + ">", true
	}
	if dv != nil && reflect.TypeOf(dv) == v.Type() {
		return nil, false // Value returned itself: format the value directly
	}
	return dv, true
}

// callValue calls a Value method, which may be the student's own: a panic
// in it prints as an error in place of the value, as fmt prints a String
// method's panic, instead of ending the program.
func callValue(x driver.Valuer) (dv driver.Value, err error) {
	defer func() {
		if r := recover(); r != nil {
			dv, err = nil, fmt.Errorf("Value panicked: %v", r)
		}
	}()
	return x.Value()
}

func writeList(b *strings.Builder, v reflect.Value, depth int) {
	if depth > maxDepth {
		b.WriteString("[…]")
		return
	}
	b.WriteByte('[')
	for i := range v.Len() {
		if i > 0 {
			b.WriteString(", ")
		}
		writeValue(b, v.Index(i), depth+1)
	}
	b.WriteByte(']')
}

func writeMap(b *strings.Builder, v reflect.Value, depth int) {
	if depth > maxDepth {
		b.WriteString("{…}")
		return
	}
	type entry struct{ k, v string }
	var entries []entry
	iter := v.MapRange()
	for iter.Next() {
		var k, e strings.Builder
		writeValue(&k, iter.Key(), depth+1)
		writeValue(&e, iter.Value(), depth+1)
		entries = append(entries, entry{k.String(), e.String()})
	}
	sort.Slice(entries, func(i, j int) bool { return entries[i].k < entries[j].k })
	b.WriteByte('{')
	for i, e := range entries {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(e.k + ": " + e.v)
	}
	b.WriteByte('}')
}

func writeStruct(b *strings.Builder, v reflect.Value, depth int) {
	name, fields := describe(v)
	b.WriteString(name)
	b.WriteByte('(')
	if depth > maxDepth {
		b.WriteString("…)")
		return
	}
	for i, f := range fields {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(f.GoName + "=")
		fv, ok := f.Value(v)
		if !ok {
			b.WriteString("<nil>")
			continue
		}
		writeValue(b, fv, depth+1)
	}
	b.WriteByte(')')
}

// formatFloat writes 0.99 as 0.99 and 1e6 as 1000000, using an exponent
// only for very large or small magnitudes.
func formatFloat(f float64, bits int) string {
	if a := math.Abs(f); !math.IsInf(f, 0) && !math.IsNaN(f) && (a == 0 || (a >= 1e-4 && a < 1e16)) {
		return strconv.FormatFloat(f, 'f', -1, bits)
	}
	return strconv.FormatFloat(f, 'g', -1, bits)
}
