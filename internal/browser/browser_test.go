package browser_test

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/bunbook/bunbook/internal/browser"
)

// TestPageRecordsProblems opens a page that misbehaves in every way the site
// tests look for and checks that the tab recorded each one.
func TestPageRecordsProblems(t *testing.T) {
	b := browser.Start(t)
	origin := browser.Serve(t, "testdata")
	p := b.NewPage(t)
	if err := p.Open(origin + "/page.html"); err != nil {
		t.Fatal(err)
	}

	title, err := browser.Eval[string](p, `document.title`)
	if err != nil || title != "browser test page" {
		t.Errorf("title = %q, %v", title, err)
	}
	cell, err := browser.Eval[string](p, `document.querySelector("#tracks td + td").textContent`)
	if err != nil || cell != "For Those About To Rock" {
		t.Errorf("table cell = %q, %v", cell, err)
	}

	errs := strings.Join(p.Errors(), "\n")
	for _, want := range []string{"boom from the page", "uncaught on purpose"} {
		if !strings.Contains(errs, want) {
			t.Errorf("errors lack %q:\n%s", want, errs)
		}
	}
	if strings.Contains(errs, "not an error") {
		t.Errorf("console.log counted as an error:\n%s", errs)
	}
	if !slices.ContainsFunc(p.Failures(), func(f string) bool { return strings.HasPrefix(f, "404 ") && strings.HasSuffix(f, "/missing.png") }) {
		t.Errorf("failures lack the 404 for missing.png: %q", p.Failures())
	}
	if out := browser.Outside(p.Requests(), origin); !slices.Equal(out, []string{"http://outside.invalid/pixel.png"}) {
		t.Errorf("outside requests = %q, want only the outside.invalid pixel", out)
	}
	if !strings.Contains(strings.Join(p.Problems(origin), "\n"), "request outside "+origin+": http://outside.invalid/pixel.png") {
		t.Errorf("problems lack the outside request: %q", p.Problems(origin))
	}

	shot := filepath.Join(t.TempDir(), "shots", "page.png")
	p.Screenshot(t, shot)
	png, err := os.ReadFile(shot)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(png, []byte("\x89PNG\r\n\x1a\n")) || len(png) < 1000 {
		t.Errorf("screenshot is not a PNG of a page (%d bytes)", len(png))
	}
}

func TestOutside(t *testing.T) {
	got := browser.Outside([]string{
		"http://127.0.0.1:8000/index.html",
		"http://127.0.0.1:8000/_static/x.css",
		"data:image/png;base64,AAAA",
		"about:blank",
		"http://127.0.0.1:9999/other-port.js",
		"https://cdn.jsdelivr.net/npm/mathjax.js",
		"file:///usr/share/javascript/requirejs/require.min.js",
	}, "http://127.0.0.1:8000")
	want := []string{
		"http://127.0.0.1:9999/other-port.js",
		"https://cdn.jsdelivr.net/npm/mathjax.js",
		"file:///usr/share/javascript/requirejs/require.min.js",
	}
	if !slices.Equal(got, want) {
		t.Errorf("Outside = %q, want %q", got, want)
	}
}
