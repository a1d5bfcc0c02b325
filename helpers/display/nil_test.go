package display

import "testing"

func TestNilRows(t *testing.T) {
	want := "display: nil *sql.Rows: pass the result of db.QueryContext"
	if err := Rows(nil); err == nil || err.Error() != want {
		t.Errorf("Rows(nil) = %v, want %q", err, want)
	}
	if _, err := ReadRows(nil); err == nil || err.Error() != want {
		t.Errorf("ReadRows(nil) = %v, want %q", err, want)
	}
}
