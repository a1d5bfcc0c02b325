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
		switch x := v.(type) {
		case nil:
			return "", nil
		case string:
			return x, nil
		case []byte:
			return string(x), nil
		case bool:
			return strconv.FormatBool(x), nil
		case int, int8, int16, int32, int64:
			return strconv.FormatInt(reflect.ValueOf(x).Int(), 10), nil
		case uint, uint8, uint16, uint32, uint64:
			return strconv.FormatUint(reflect.ValueOf(x).Uint(), 10), nil
		case float32:
			return strconv.FormatFloat(float64(x), 'f', -1, 32), nil
		case float64:
			return strconv.FormatFloat(x, 'f', -1, 64), nil
		case time.Time:
			return x.UTC().Format("2006-01-02 15:04:05.999999999"), nil
		case *big.Int:
			if x == nil {
				return "", nil
			}
			return x.String(), nil
		case *big.Rat:
			if x == nil {
				return "", nil
			}
			return x.FloatString(10), nil
		case driver.Valuer:
			rv := reflect.ValueOf(x)
			if rv.Kind() == reflect.Pointer && rv.IsNil() {
				return "", nil
			}
			var verr error
			val, err := callMethod(rv.Type(), "Value", func() (any, error) {
				val, err := x.Value()
				verr = err
				return val, nil
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
		rv := reflect.ValueOf(v)
		switch rv.Kind() {
		case reflect.Pointer, reflect.Interface:
			if rv.IsNil() {
				return "", nil
			}
			v = rv.Elem().Interface()
			continue
		case reflect.String:
			return rv.String(), nil
		case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
			return strconv.FormatInt(rv.Int(), 10), nil
		case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
			return strconv.FormatUint(rv.Uint(), 10), nil
		case reflect.Float32, reflect.Float64:
			return strconv.FormatFloat(rv.Float(), 'f', -1, 64), nil
		}
		if s, ok := v.(fmt.Stringer); ok {
			str, err := callMethod(rv.Type(), "String", func() (any, error) { return s.String(), nil })
			if err != nil {
				return "", err
			}
			return str.(string), nil
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
