package exercise

import (
	"database/sql"
	"database/sql/driver"
	"reflect"
	"runtime/debug"
	"testing"
	"time"

	"github.com/uptrace/bun"
)

type panicStringer struct{}

func (panicStringer) String() string { panic("student String() panics") }

type panicValuer struct{}

func (panicValuer) Value() (driver.Value, error) { panic("student Value() panics") }

type blockedStringer struct{ stop chan struct{} }

func (b blockedStringer) String() string { <-b.stop; return "late" }

type selfValuer struct{}

func (s selfValuer) Value() (driver.Value, error) { return s, nil }

type anyRow struct {
	Name  any
	Title any
}

// TestHostileAnswerValues: answers from the probe of 2026-12-05 (P5). A map
// or slice that holds itself overflowed the stack (a fatal error no recover
// catches, after ~20 s and 1.2 GB); a String or Value that panics escaped
// the check; one that never returns hung it. Each now gives a ❌ line that
// says which value could not be read, and why.
func TestHostileAnswerValues(t *testing.T) {
	old := methodTimeout
	methodTimeout = 300 * time.Millisecond
	t.Cleanup(func() { methodTimeout = old })
	// A stack overflow would take the whole test binary down after a long
	// while: keep the stack small so a regression fails fast.
	defer debug.SetMaxStack(debug.SetMaxStack(64 << 20))

	stop := make(chan struct{})
	defer close(stop)
	cyclicMap := map[string]any{"Title": "x"}
	cyclicMap["Name"] = cyclicMap
	cyclicSlice := []any{nil, "x"}
	cyclicSlice[0] = cyclicSlice
	nested := map[string]any{"Title": "x", "Name": map[string]any{"inner": []any{cyclicSlice}}}

	cases := []struct {
		name   string
		answer any
		want   string
	}{
		{"cyclic map", []map[string]any{cyclicMap},
			"❌ Q4 not yet: row 1: its track name could not be read: it is a map[string]interface {} that contains itself"},
		{"cyclic slice", [][]any{cyclicSlice},
			"❌ Q4 not yet: row 1: its track name could not be read: it is a []interface {} that contains itself"},
		{"cycle deeper inside", []map[string]any{nested},
			"❌ Q4 not yet: row 1: its track name could not be read: it is a []interface {} that contains itself"},
		{"String panics", []anyRow{{panicStringer{}, "x"}},
			"❌ Q4 not yet: row 1: its track name could not be read: its String method panicked: student String() panics"},
		{"Value panics", []anyRow{{"x", panicValuer{}}},
			"❌ Q4 not yet: row 1: its album title could not be read: its Value method panicked: student Value() panics"},
		{"String never returns", []anyRow{{blockedStringer{stop}, "x"}},
			"❌ Q4 not yet: row 1: its track name could not be read: its String method did not return within 300ms"},
		{"one value per row", [][]any{{"x"}},
			"❌ Q4 not yet: row 1: has 1 value, expected 2 (track name, album title)"},
		{"Value returns itself", []anyRow{{selfValuer{}, "x"}},
			"❌ Q4 not yet: expected 20 rows, got 1: too few (check the query's Limit, Where and joins)"},
	}
	for _, c := range cases {
		done := make(chan Result, 1)
		go func() { done <- Check("Q4", c.answer) }()
		select {
		case r := <-done:
			if r.String() != c.want {
				t.Errorf("%s:\n got %s\nwant %s", c.name, r, c.want)
			}
		case <-time.After(60 * time.Second):
			t.Fatalf("%s: no verdict after 60s", c.name)
		}
	}
}

// TestTrustedMethods: the check calls the methods of database/sql, time
// and Bun types directly, without a goroutine per cell; anything else (the
// student's own types, declared in package main) runs under the timeout.
func TestTrustedMethods(t *testing.T) {
	for _, c := range []struct {
		v    any
		want bool
	}{
		{sql.NullString{}, true},
		{&sql.NullInt64{}, true},
		{time.Time{}, true},
		{bun.NullTime{}, true},
		{panicStringer{}, false},
		{&blockedStringer{}, false},
	} {
		if got := trusted(reflect.TypeOf(c.v)); got != c.want {
			t.Errorf("trusted(%T) = %t, want %t", c.v, got, c.want)
		}
	}
}
