package site_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bunbook/bunbook/internal/browser"
)

// TestSiteWithholdsSolutions: with the course option BUNBOOK_SOLUTIONS=hidden
// the site's solutions page says they are withheld, links to it still work,
// and neither the page, its notebook download nor the search index holds a
// solution's code.
func TestSiteWithholdsSolutions(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: builds the site")
	}
	out := filepath.Join(t.TempDir(), "site")
	t.Setenv("BUNBOOK_SOLUTIONS", "hidden")
	if text, err := runSite(t, "--out", out); err != nil {
		t.Fatalf("make site with BUNBOOK_SOLUTIONS=hidden: %v\n%s", err, text)
	}
	// Code only the solutions notebook has.
	const solutionCode = `Relation("Track.Album.Artist")`
	for _, f := range []string{"exercises/solutions.html", "exercises/solutions.ipynb", "searchindex.js"} {
		data, err := os.ReadFile(filepath.Join(out, f))
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(data), solutionCode) || strings.Contains(string(data), "Track.Album.Artist") {
			t.Errorf("%s holds the solutions' code", f)
		}
	}
	b := browser.Start(t)
	origin := browser.Serve(t, out)
	p := b.NewPage(t)
	if err := p.Open(origin + "/exercises/questions.html"); err != nil {
		t.Fatal(err)
	}
	href, err := browser.Eval[string](p, `document.querySelector('main section a[href="solutions.html"]').href`)
	if err != nil || !strings.HasSuffix(href, "/exercises/solutions.html") {
		t.Fatalf("the questions' link to the solutions: %q, %v", href, err)
	}
	if err := p.Open(href); err != nil {
		t.Fatal(err)
	}
	text, _ := browser.Eval[string](p, `document.querySelector("main").innerText`)
	if !strings.Contains(text, "Your teacher has not released the solutions yet") {
		t.Errorf("the solutions page says:\n%s", text)
	}
	if probs := p.Problems(origin); len(probs) > 0 {
		t.Errorf("the page's problems: %q", probs)
	}
	shot := os.Getenv("SOLUTIONS_SHOT")
	if shot == "" {
		shot = filepath.Join(t.TempDir(), "withheld.png")
	}
	p.Screenshot(t, shot)
}
