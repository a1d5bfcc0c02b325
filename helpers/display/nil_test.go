package display

import "testing"

func TestNilRows(t *testing.T) {
	want := "display: nil *sql.Rows: pass the result of db.QueryContext"
	if _, err := readRows(nil); err == nil || err.Error() != want {
		t.Errorf("readRows(nil) = %v, want %q", err, want)
	}
}
