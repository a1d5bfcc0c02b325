package exercise

import (
	"database/sql/driver"
	"fmt"
	"math/big"
	"reflect"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// cellText is the canonical text of one value, the same whichever Go type
// the student scanned it into: 0.99 as float64, as string or as *float64
// all give "0.99"; int64(2), 2.0 and "2" give "2". NULL (nil, a nil pointer,
// an invalid sql.Null*) gives "", the value a plain string field holds
// after scanning NULL. The error says why a value could not be read: a
// String or Value method of the student's that panicked or never returned,
// or a map or slice that contains itself (see guard.go).
func cellText(v any) (string, error) {
	for depth := 0; depth < 8; depth++ {
		rv := reflect.ValueOf(v)
		if !rv.IsValid() || rv.Kind() == reflect.Pointer && rv.IsNil() {
			return "", nil
		}
		switch x := v.(type) {
		case []byte:
			return string(x), nil
		case time.Time:
			return x.UTC().Format("2006-01-02 15:04:05.999999999"), nil
		case *big.Int:
			return x.String(), nil
		case *big.Rat:
			return x.FloatString(10), nil
		case driver.Valuer:
			var verr error
			val, err := callMethod(rv.Type(), "Value", func() any {
				val, err := x.Value()
				verr = err
				return val
			})
			if err != nil {
				return "", err
			}
			if verr != nil {
				return sprint(x)
			}
			v = val
			continue
		}
		switch rv.Kind() {
		case reflect.Pointer:
			v = rv.Elem().Interface()
			continue
		case reflect.String:
			return rv.String(), nil
		case reflect.Bool:
			return strconv.FormatBool(rv.Bool()), nil
		case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
			return strconv.FormatInt(rv.Int(), 10), nil
		case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
			return strconv.FormatUint(rv.Uint(), 10), nil
		case reflect.Float32, reflect.Float64:
			return strconv.FormatFloat(rv.Float(), 'f', -1, rv.Type().Bits()), nil
		}
		if s, ok := v.(fmt.Stringer); ok {
			return callMethod(rv.Type(), "String", func() string { return s.String() })
		}
		return sprint(v)
	}
	return sprint(v)
}

// normKey folds a field, column or map-key name for matching: lower case,
// letters, digits and dots only, so "TrackId", "track_id", "TRACKID" and
// "SUM(Quantity)" → "sumquantity" compare as intended.
func normKey(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '.':
			b.WriteRune(r)
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}
