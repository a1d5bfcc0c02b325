package display

import (
	"database/sql/driver"
	"testing"
)

type panicValuer struct{}

func (panicValuer) Value() (driver.Value, error) { panic("student Value() panics") }

type panicStringer string

func (panicStringer) String() string { panic("student String() panics") }

// TestCellMethodsThatPanic: a value whose Value or String method panics is
// shown as an error in its cell, instead of ending the student's cell with
// their panic.
func TestCellMethodsThatPanic(t *testing.T) {
	for _, tc := range []struct {
		v    any
		want string
	}{
		{panicValuer{}, "<error: Value panicked: student Value() panics>"},
		{panicStringer("x"), "<error: String panicked: student String() panics>"},
	} {
		if got := formatCell(tc.v).s; got != tc.want {
			t.Errorf("%T: got %q, want %q", tc.v, got, tc.want)
		}
	}
}
