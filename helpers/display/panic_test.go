package display

import (
	"database/sql/driver"
	"testing"
)

type panicValuer struct{}

func (panicValuer) Value() (driver.Value, error) { panic("student Value() panics") }

type panicStringer string

func (panicStringer) String() string { panic("student String() panics") }

// TestModelFieldMethodsThatPanic: Models shows a field whose Value or
// String method panics as an error in its cell, and the other cells as
// they are, instead of ending the cell with the student's panic.
func TestModelFieldMethodsThatPanic(t *testing.T) {
	type row struct {
		ID    int64
		Price panicValuer
		Name  panicStringer
	}
	r, err := ModelsResult([]row{{ID: 1, Name: "x"}})
	if err != nil {
		t.Fatal(err)
	}
	want := "   id  price                                            name\n" +
		"0   1  <error: Value panicked: student Value() panics>  <error: String panicked: student String() panics>\n" +
		"[1 row × 3 columns]\n"
	if got := Text(r, MaxColWidth(0)); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}
