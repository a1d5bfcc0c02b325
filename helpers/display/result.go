package display

import (
	"database/sql/driver"
	"encoding/hex"
	"fmt"
	"math"
	"reflect"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/uptrace/bun"
)

// resultTable is what gets shown: the columns in the query's order, the rows
// kept, and the size of the whole result. Values are those database/sql
// scans into an any (nil, int64, float64, bool, []byte, string, time.Time)
// or any other Go value.
type resultTable struct {
	Columns []string
	Head    [][]any // the first rows
	Tail    [][]any // the last rows, when the result was cut; else empty
	Total   int     // rows in the whole result
}

// Cut reports whether rows between Head and Tail were left out.
func (r resultTable) Cut() bool { return len(r.Head)+len(r.Tail) < r.Total }

// Footer is the size line shown under the table, e.g. "1000 rows × 2 columns".
func (r resultTable) Footer() string {
	return plural(r.Total, "row") + " × " + plural(len(r.Columns), "column")
}

// shown calls f for each row shown, with its position in the whole result
// as index; when rows were left out, the gap between head and tail comes
// between them as index "…" with gap set.
func (r resultTable) shown(f func(index string, row []any, gap bool)) {
	for i, row := range r.Head {
		f(strconv.Itoa(i), row, false)
	}
	if r.Cut() {
		f("…", nil, true)
	}
	first := r.Total - len(r.Tail)
	for i, row := range r.Tail {
		f(strconv.Itoa(first+i), row, false)
	}
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return strconv.Itoa(n) + " " + word + "s"
}

// kind says how a cell is drawn.
type kind uint8

const (
	textKind kind = iota
	numberKind
	nullKind
)

// cell is one formatted value.
type cell struct {
	s string
	k kind
}

// formatCell turns a value into its display text, cut to maxColWidth
// characters.
func formatCell(v any) cell {
	c := formatValue(v, 0)
	if c.k == textKind && utf8.RuneCountInString(c.s) > maxColWidth {
		c.s = string([]rune(c.s)[:maxColWidth-1]) + "…"
	}
	return c
}

// cellAt is the formatted j-th value of row; a row too short has NULL.
func cellAt(row []any, j int) cell {
	if j < len(row) {
		return formatCell(row[j])
	}
	return cell{k: nullKind}
}

// formatValue formats v; depth stops a Valuer that returns itself.
func formatValue(v any, depth int) cell {
	switch v := v.(type) {
	case nil:
		return cell{k: nullKind}
	case time.Time:
		return cell{s: v.Format(time.RFC3339Nano)}
	case bun.NullTime: // the zero time is NULL
		if v.IsZero() {
			return cell{k: nullKind}
		}
		return cell{s: v.Format(time.RFC3339Nano)}
	case driver.Valuer:
		if rv := reflect.ValueOf(v); depth < 4 && !(rv.Kind() == reflect.Pointer && rv.IsNil()) {
			dv, err := call("Value", func() (any, error) { return v.Value() })
			if err != nil {
				return cell{s: "<error: " + err.Error() + ">"}
			}
			return formatValue(dv, depth+1)
		}
	}
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Pointer, reflect.Interface:
		if rv.IsNil() {
			return cell{k: nullKind}
		}
		return formatValue(rv.Elem().Interface(), depth)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return cell{s: strconv.FormatInt(rv.Int(), 10), k: numberKind}
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return cell{s: strconv.FormatUint(rv.Uint(), 10), k: numberKind}
	case reflect.Float32, reflect.Float64:
		return cell{s: formatFloat(rv.Float(), rv.Type().Bits()), k: numberKind}
	case reflect.Slice:
		if rv.Type().Elem().Kind() == reflect.Uint8 { // []byte, json.RawMessage…
			if rv.IsNil() {
				return cell{k: nullKind}
			}
			return cell{s: formatBytes(rv.Bytes())}
		}
	case reflect.String:
		if s, ok := v.(fmt.Stringer); ok {
			str, err := call("String", func() (any, error) { return s.String(), nil })
			if err != nil {
				return cell{s: "<error: " + err.Error() + ">"}
			}
			return cell{s: str.(string)}
		}
		return cell{s: rv.String()}
	}
	return cell{s: fmt.Sprint(v)}
}

// call calls a Value or String method, which may be a student's own: a
// panic becomes an error shown in the cell, not the end of the program.
func call(method string, f func() (any, error)) (v any, err error) {
	defer func() {
		if r := recover(); r != nil {
			v, err = nil, fmt.Errorf("%s panicked: %v", method, r)
		}
	}()
	return f()
}

// formatFloat writes 0.99 as "0.99" and 1e6 as "1000000", switching to an
// exponent only for very large or small magnitudes.
func formatFloat(f float64, bits int) string {
	if a := math.Abs(f); !math.IsInf(f, 0) && !math.IsNaN(f) && (a == 0 || (a >= 1e-4 && a < 1e16)) {
		return strconv.FormatFloat(f, 'f', -1, bits)
	}
	return strconv.FormatFloat(f, 'g', -1, bits)
}

// maxHexBytes is how many bytes of a binary value are shown in hex.
const maxHexBytes = 16

// formatBytes shows UTF-8 as text and anything else as an SQL hex literal,
// with its length when it is too long to show whole.
func formatBytes(b []byte) string {
	if utf8.Valid(b) {
		return string(b)
	}
	if len(b) <= maxHexBytes {
		return "x'" + strings.ToUpper(hex.EncodeToString(b)) + "'"
	}
	return "x'" + strings.ToUpper(hex.EncodeToString(b[:maxHexBytes])) + "…' (" + plural(len(b), "byte") + ")"
}
