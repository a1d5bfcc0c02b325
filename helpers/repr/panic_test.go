package repr

import (
	"database/sql/driver"
	"testing"
)

type panicValue struct{}

func (panicValue) Value() (driver.Value, error) { panic("student Value() panics") }

type panicName struct{ ID int64 }

func (panicName) ReprName() string { panic("student ReprName() panics") }

// TestStudentMethodsThatPanic: a student's Value or ReprName that panics
// prints in place of the value, as fmt prints a String method's panic,
// instead of ending the cell with the student's panic (probe 2026-12-05).
func TestStudentMethodsThatPanic(t *testing.T) {
	type row struct {
		ID    int64
		Price panicValue
	}
	cyclic := map[string]any{"a": 1}
	cyclic["self"] = cyclic
	for _, c := range []struct {
		v    any
		want string
	}{
		{row{ID: 1}, `row(ID=1, Price="<error: Value panicked: student Value() panics>")`},
		{panicName{ID: 2}, `<ReprName panicked: student ReprName() panics>(ID=2)`},
		{cyclic, `{"a": 1, "self": {"a": 1, "self": {"a": 1, "self": {"a": 1, "self": {"a": 1, "self": {…}}}}}}`},
	} {
		if got := String(c.v); got != c.want {
			t.Errorf("String(%T) = %s\nwant %s", c.v, got, c.want)
		}
	}
}
