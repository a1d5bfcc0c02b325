package suggest

import "testing"

func TestNearest(t *testing.T) {
	tables := []string{"albums", "artists", "invoice_items", "Order Details"}
	for _, tc := range []struct{ name, want string }{
		{"album", "albums"},
		{"ARTIST", "artists"},
		{"invoice_item", "invoice_items"},
		{"order details", "Order Details"},
		{"tracks", ""}, // nothing close: no guess
		{"", ""},
	} {
		if got := Nearest(tc.name, tables); got != tc.want {
			t.Errorf("Nearest(%q) = %q, want %q", tc.name, got, tc.want)
		}
	}
}

func TestDistance(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want int
	}{
		{"", "", 0}, {"kitten", "sitting", 3}, {"ä", "a", 1}, {"abc", "", 3},
	} {
		if got := Distance(tc.a, tc.b); got != tc.want {
			t.Errorf("Distance(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
	}
}
