package ident

import "testing"

func TestQuote(t *testing.T) {
	for name, want := range map[string][2]string{
		"albums":        {`"albums"`, "`albums`"},
		"Order Details": {`"Order Details"`, "`Order Details`"},
		`a"b`:           {`"a""b"`, "`a\"b`"},
		"a`b":           {"\"a`b\"", "`a``b`"},
		"a.b":           {`"a.b"`, "`a.b`"},
		"":              {`""`, "``"},
	} {
		if got := Quote(name); got != want[0] {
			t.Errorf("Quote(%q) = %s, want %s", name, got, want[0])
		}
		if got := QuoteMySQL(name); got != want[1] {
			t.Errorf("QuoteMySQL(%q) = %s, want %s", name, got, want[1])
		}
	}
}
