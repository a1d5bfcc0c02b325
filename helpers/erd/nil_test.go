package erd

import (
	"encoding/xml"
	"io"
	"regexp"
	"strings"
	"testing"

	"github.com/bunbook/bunbook/helpers/inspect"
)

// wellFormed parses svg strictly and returns its width attribute.
func wellFormed(t *testing.T, svg string) string {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader(svg))
	d.Strict = true
	for {
		if _, err := d.Token(); err == io.EOF {
			break
		} else if err != nil {
			t.Fatalf("not well-formed: %v\n%s", err, svg)
		}
	}
	m := regexp.MustCompile(`<svg [^>]*width="([^"]+)"[^>]*viewBox="0 0 ([^ ]+) `).FindStringSubmatch(svg)
	if m == nil || m[1] != m[2] || strings.HasPrefix(m[1], "-") || m[1] == "0" {
		t.Fatalf("bad width/viewBox %q in\n%s", m, svg)
	}
	return m[1]
}

// TestNilSchema: `s, _ := inspect.Inspect(ctx, db); erd.Show(s)` with a
// failed Inspect draws a hint instead of panicking.
func TestNilSchema(t *testing.T) {
	svg := SVG(nil)
	wellFormed(t, svg)
	if !strings.Contains(svg, "no schema (nil): check the error inspect.Inspect returned") {
		t.Errorf("SVG(nil) = %s", svg)
	}
	if got, want := Mermaid(nil), "erDiagram\n    %% no schema (nil): check the error inspect.Inspect returned\n"; got != want {
		t.Errorf("Mermaid(nil) = %q, want %q", got, want)
	}
}

// TestEmptySchemaHasAPositiveSize: a new lesson database has no tables yet.
func TestEmptySchemaHasAPositiveSize(t *testing.T) {
	svg := SVG(&inspect.Schema{Dialect: "sqlite"})
	wellFormed(t, svg)
	if !strings.Contains(svg, "no tables to draw") {
		t.Errorf("SVG(empty) = %s", svg)
	}
}
