package automap_test

import (
	"reflect"
	"testing"
)

func reflectSet(t *testing.T, row any, field string, v any) {
	t.Helper()
	reflect.ValueOf(row).Elem().FieldByName(field).Set(reflect.ValueOf(v))
}
