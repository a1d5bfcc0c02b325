// Package site_test builds the course website (`make site`) and checks it in
// headless Chromium the way a reader meets it: every page served from
// 127.0.0.1 loads with no console error and no request outside the site; the
// lessons' tables and the schema diagram render; the sidebar, previous/next
// and in-text links resolve; Go is highlighted; search finds lessons.
// Screenshots go to build/site-shots/ for a reviewer to look at.
package site_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"html"
	"image/color"
	"image/png"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/bunbook/bunbook/internal/browser"
	"github.com/bunbook/bunbook/internal/nbrun"
)

const (
	root     = ".."
	siteDir  = "../build/site"
	shotsDir = "../build/site-shots"
	// siteTitle is html_title in site/conf.py: the suffix of every page title.
	siteTitle = "bunbook"
)

// chinookTables are the tables lesson 2's diagram must show by name.
var chinookTables = []string{
	"albums", "artists", "customers", "employees", "genres", "invoice_items",
	"invoices", "media_types", "playlist_track", "playlists", "tracks",
}

// lesson is one notebook of the course, as the site should show it.
type lesson struct {
	notebook string // path under notebooks/, e.g. "exercises/questions.ipynb"
	page     string // its page under the site, e.g. "exercises/questions.html"
	title    string // the notebook's first heading
	nb       *nbrun.Notebook
}

// runSite runs scripts/site.sh with args and returns its combined output.
// Missing Sphinx or pandoc (status 3) skips the test, or fails it under CI=true.
func runSite(t *testing.T, args ...string) (string, error) {
	t.Helper()
	cmd := exec.Command(filepath.Join(root, "scripts", "site.sh"), args...)
	out, err := cmd.CombinedOutput()
	var exit *exec.ExitError
	if errors.As(err, &exit) && exit.ExitCode() == 3 {
		if os.Getenv("CI") == "true" {
			t.Fatalf("site build under CI=true:\n%s", out)
		}
		t.Skipf("skipping the site test:\n%s", out)
	}
	return string(out), err
}

// course reads the course order from site/course.toml and each notebook.
func course(t *testing.T) []lesson {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(root, "site", "course.toml"))
	if err != nil {
		t.Fatal(err)
	}
	var lessons []lesson
	for _, m := range regexp.MustCompile(`(?m)^notebook\s*=\s*"([^"]+)"`).FindAllStringSubmatch(string(data), -1) {
		nb, err := nbrun.ReadNotebook(filepath.Join(root, "notebooks", m[1]))
		if err != nil {
			t.Fatal(err)
		}
		title, _, _ := strings.Cut(strings.TrimPrefix(nb.Cells[0].Source, "# "), "\n")
		lessons = append(lessons, lesson{
			notebook: m[1],
			page:     strings.TrimSuffix(m[1], ".ipynb") + ".html",
			title:    strings.TrimSpace(title),
			nb:       nb,
		})
	}
	if len(lessons) < 4 {
		t.Fatalf("site/course.toml lists %d lessons, want the 2 lessons and 2 exercise notebooks", len(lessons))
	}
	return lessons
}

func TestSite(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: the site test builds the site and drives a browser")
	}
	if out, err := runSite(t); err != nil {
		t.Fatalf("make site failed: %v\n%s", err, out)
	}
	lessons := course(t)
	b := browser.Start(t)
	origin := browser.Serve(t, siteDir)
	if err := os.RemoveAll(shotsDir); err != nil {
		t.Fatal(err)
	}
	s := &site{b: b, origin: origin, status: map[string]int{}}

	t.Run("index", func(t *testing.T) { s.checkIndex(t, lessons) })
	for i, l := range lessons {
		prev, next := "index.html", ""
		if i > 0 {
			prev = lessons[i-1].page
		}
		if i+1 < len(lessons) {
			next = lessons[i+1].page
		} else {
			next = guidePages(t)[0] // the last lesson leads on to the teachers' guide
		}
		t.Run(strings.TrimSuffix(l.notebook, ".ipynb"), func(t *testing.T) {
			s.checkLesson(t, l, lessons, prev, next)
		})
	}
	t.Run("guide", func(t *testing.T) { s.checkGuide(t) })
	t.Run("every page", func(t *testing.T) { s.checkEveryPage(t) })
	t.Run("solutions reachable from questions", func(t *testing.T) { s.checkSolutionsLink(t, lessons) })
	t.Run("search", func(t *testing.T) { s.checkSearch(t) })
	t.Run("phone", func(t *testing.T) { s.checkPhone(t, lessons) })
}

// checkPhone opens the landing page and the lessons at a phone's width: the
// page must not scroll sideways (wide code, tables and diagrams scroll or
// shrink inside their own boxes).
func (s *site) checkPhone(t *testing.T, lessons []lesson) {
	pages := []string{"index.html"}
	for _, l := range lessons {
		pages = append(pages, l.page)
	}
	for _, page := range pages {
		p := s.b.NewPage(t)
		ctx, cancel := context.WithTimeout(p.Context(), browser.Timeout)
		err := chromedp.Do(ctx, chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile))
		cancel()
		if err != nil {
			t.Fatal(err)
		}
		if err := p.Open(s.origin + "/" + page); err != nil {
			t.Fatal(err)
		}
		for _, problem := range p.Problems(s.origin) {
			t.Errorf("%s on a phone: %s", page, problem)
		}
		// The theme slides the sidebar away on a narrow screen: it must end
		// up hidden, not covering the lesson.
		hidden := false
		for deadline := time.Now().Add(5 * time.Second); !hidden && time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
			hidden = eval[bool](t, p, `(() => { const n = document.querySelector(".site-navigation"); return !n || getComputedStyle(n).opacity === "0" || n.getBoundingClientRect().width === 0; })()`)
		}
		if !hidden {
			t.Errorf("%s on a phone: the sidebar stays over the lesson", page)
		}
		type widths struct{ Page, View float64 }
		w := eval[widths](t, p, `({Page: document.documentElement.scrollWidth, View: window.innerWidth})`)
		if w.Page > w.View+1 {
			t.Errorf("%s on a phone scrolls sideways: %.0f px of content in a %.0f px window", page, w.Page, w.View)
		}
		if page == "index.html" || page == "02_reflect_existing_database.html" {
			p.Screenshot(t, filepath.Join(shotsDir, "phone_"+strings.TrimSuffix(page, ".html")+".png"))
		}
		p.Close()
	}
}

type site struct {
	b      *browser.Browser
	origin string
	status map[string]int // URL → HTTP status, each link fetched once
}

// open opens page in a fresh tab and fails the test on every problem the tab
// recorded: console errors, failed loads, requests outside the site.
func (s *site) open(t *testing.T, page string) *browser.Page {
	t.Helper()
	p := s.b.NewPage(t)
	if err := p.Open(s.origin + "/" + page); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		for _, problem := range p.Problems(s.origin) {
			t.Errorf("%s: %s", page, problem)
		}
	})
	return p
}

// pagePath is the page of the site a URL leads to, "" for none: the path
// after the origin, without the fragment; "index.html" for a folder.
func (s *site) pagePath(href string) string {
	if href == "" {
		return ""
	}
	path, _, _ := strings.Cut(strings.TrimPrefix(href, s.origin+"/"), "#")
	if path == "" || strings.HasSuffix(path, "/") {
		path += "index.html"
	}
	return path
}

// get fetches a URL of the site (once) and returns its status code.
func (s *site) get(t *testing.T, url string) int {
	t.Helper()
	url, _, _ = strings.Cut(url, "#")
	if code, ok := s.status[url]; ok {
		return code
	}
	resp, err := http.Get(url)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	s.status[url] = resp.StatusCode
	return resp.StatusCode
}

func eval[T any](t *testing.T, p *browser.Page, js string) T {
	t.Helper()
	ctx, cancel := context.WithTimeout(p.Context(), browser.Timeout)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("evaluating %.80q: %v", js, err)
	}
	return v
}

type link struct {
	Text  string `json:"text"`
	Href  string `json:"href"` // absolute, as the browser resolves it
	Class string `json:"class"`
}

const linksJS = `[...document.querySelectorAll(%q)].map(a => ({text: a.textContent.trim(), href: a.href, class: a.className}))`

func (s *site) links(t *testing.T, p *browser.Page, selector string) []link {
	t.Helper()
	return eval[[]link](t, p, fmt.Sprintf(linksJS, selector))
}

// checkLinks fetches every link of the page that stays on the site, and fails
// on a link to a notebook file other than the download link: on the site, a
// lesson links to the lesson's page.
func (s *site) checkLinks(t *testing.T, p *browser.Page, page string) {
	t.Helper()
	for _, a := range s.links(t, p, "a[href]") {
		if !strings.HasPrefix(a.Href, s.origin+"/") {
			continue
		}
		if strings.HasSuffix(strings.SplitN(a.Href, "#", 2)[0], ".ipynb") && a.Class != "bunbook-download" {
			t.Errorf("%s: link %q goes to the notebook file %s, not to its page", page, a.Text, a.Href)
		}
		if code := s.get(t, a.Href); code != http.StatusOK {
			t.Errorf("%s: link %q → %s answers %d", page, a.Text, a.Href, code)
		}
	}
}

func (s *site) checkIndex(t *testing.T, lessons []lesson) {
	p := s.open(t, "index.html")
	defer p.Screenshot(t, filepath.Join(shotsDir, "index.png"))

	text := eval[string](t, p, `document.querySelector("main").innerText`)
	for _, want := range []string{
		"bunbook is a course on SQL databases and object-relational mapping in Go",
		"docker build -t bunbook .", "make lessons", "make lab", "Launch on Binder", "JupyterHub",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the landing page lacks %q", want)
		}
	}
	// The lesson table: one row per lesson, in course order, linking to its page.
	rows := s.links(t, p, "main table tbody tr td:first-child a")
	if len(rows) != len(lessons) {
		t.Fatalf("the lesson table has %d linked rows, want %d: %+v", len(rows), len(lessons), rows)
	}
	for i, l := range lessons {
		if rows[i].Text != l.title || rows[i].Href != s.origin+"/"+l.page {
			t.Errorf("lesson table row %d = %q → %s, want %q → %s", i+1, rows[i].Text, rows[i].Href, l.title, l.page)
		}
	}
	s.checkNav(t, p, "index.html", lessons, "", lessons[0].page)
	s.checkLinks(t, p, "index.html")
}

// checkNav checks the sidebar (every page of the course, in order) and the
// previous/next links at the bottom of the page.
func (s *site) checkNav(t *testing.T, p *browser.Page, page string, lessons []lesson, prev, next string) {
	t.Helper()
	sidebar := s.links(t, p, "#bd-docs-nav a")
	want := []string{"index.html"}
	for _, l := range lessons {
		want = append(want, l.page)
	}
	var got []string
	for _, a := range sidebar {
		got = append(got, s.pagePath(a.Href))
	}
	// The lessons first, then the teachers' guide.
	want = append(want, guidePages(t)...)
	if !slices.Equal(got, want) {
		t.Errorf("%s: sidebar links %q, want %q", page, got, want)
	}
	for i, a := range sidebar {
		if i > 0 && i <= len(lessons) && a.Text != lessons[i-1].title {
			t.Errorf("%s: sidebar entry %d reads %q, want the notebook's heading %q", page, i, a.Text, lessons[i-1].title)
		}
	}
	for _, nav := range []struct{ id, want string }{{"prev-link", prev}, {"next-link", next}} {
		href := eval[string](t, p, fmt.Sprintf(`document.getElementById(%q)?.href ?? ""`, nav.id))
		if got := s.pagePath(href); got != nav.want {
			t.Errorf("%s: #%s → %q, want %q", page, nav.id, got, nav.want)
		}
		if href != "" && s.get(t, href) != http.StatusOK {
			t.Errorf("%s: #%s → %s does not load", page, nav.id, href)
		}
	}
}

func (s *site) checkLesson(t *testing.T, l lesson, lessons []lesson, prev, next string) {
	p := s.open(t, l.page)
	shot := strings.ReplaceAll(strings.TrimSuffix(l.notebook, ".ipynb"), "/", "_")
	defer p.Screenshot(t, filepath.Join(shotsDir, shot+".png"))

	if title := eval[string](t, p, `document.title`); title != l.title+" — "+siteTitle {
		t.Errorf("page title %q, want the notebook's heading %q", title, l.title+" — "+siteTitle)
	}
	if h1 := eval[string](t, p, `document.querySelector("main h1").firstChild.textContent`); h1 != l.title {
		t.Errorf("h1 %q, want %q", h1, l.title)
	}
	s.checkNav(t, p, l.page, lessons, prev, next)
	// Markdown the conversion mangled shows as reST or HTML source.
	text := eval[string](t, p, `[...document.querySelectorAll("main section > p, main section li")].map(e => e.innerText).join("\n")`)
	for _, leftover := range []string{"`__", ">`_", "<https://", "<kbd>", "</", ":kbd:", ":raw-html:"} {
		if i := strings.Index(text, leftover); i >= 0 {
			t.Errorf("the page's text shows markup %q: …%s…", leftover, text[max(0, i-60):min(len(text), i+40)])
		}
	}
	s.checkLaunchBar(t, p, l)
	s.checkCode(t, p, l)
	s.checkOutputs(t, p, l)
	s.checkTables(t, p, l)
	s.checkDiagrams(t, p, l, shot)
	s.checkLinks(t, p, l.page)
	if strings.HasPrefix(l.notebook, "exercises/") {
		// The notebooks link to ../../helpers/exercise, a folder of the
		// repository: on the site that is the folder on GitHub.
		want := "https://github.com/bunbook/bunbook/tree/main/helpers/exercise"
		if !slices.ContainsFunc(s.links(t, p, "main section a"), func(a link) bool { return a.Href == want && a.Text == "helpers/exercise" }) {
			t.Errorf("no link helpers/exercise → %s (the notebook's [`helpers/exercise`](../../helpers/exercise))", want)
		}
	}
}

func (s *site) checkLaunchBar(t *testing.T, p *browser.Page, l lesson) {
	t.Helper()
	bar := s.links(t, p, "nav.bunbook-launch a")
	if len(bar) != 3 {
		t.Fatalf("launch bar has %d links, want Binder, download and GitHub: %+v", len(bar), bar)
	}
	if want := "https://mybinder.org/v2/gh/bunbook/bunbook/main?urlpath=lab/tree/" + binderPrefix(t) + l.notebook; bar[0].Href != want {
		t.Errorf("Binder link %s, want %s", bar[0].Href, want)
	}
	if want := "https://github.com/bunbook/bunbook/blob/main/notebooks/" + l.notebook; bar[2].Href != want {
		t.Errorf("GitHub link %s, want %s", bar[2].Href, want)
	}
	// The download link serves the committed notebook, byte for byte.
	if want := s.origin + "/" + l.notebook; bar[1].Href != want {
		t.Fatalf("download link %s, want %s", bar[1].Href, want)
	}
	resp, err := http.Get(bar[1].Href)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	got, _ := io.ReadAll(resp.Body)
	committed, err := os.ReadFile(filepath.Join(root, "notebooks", l.notebook))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, committed) {
		t.Errorf("download link serves %d bytes (status %d), not the committed notebook (%d bytes)", len(got), resp.StatusCode, len(committed))
	}
}

// binderPrefix is where the lessons are under the Jupyter root of the image
// Binder builds from the Dockerfile (its last WORKDIR): the folder its
// org.bunbook.lessons label names, which the start hook fills.
func binderPrefix(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(root, "Dockerfile"))
	if err != nil {
		t.Fatal(err)
	}
	dirs := regexp.MustCompile(`(?m)^WORKDIR\s+(\S+)`).FindAllStringSubmatch(string(data), -1)
	lessons := regexp.MustCompile(`org\.bunbook\.lessons="([^"]+)"`).FindStringSubmatch(string(data))
	if len(dirs) == 0 || lessons == nil {
		t.Fatal("the Dockerfile has no WORKDIR or no org.bunbook.lessons label: the Binder link has nothing to point at")
	}
	rel, err := filepath.Rel(dirs[len(dirs)-1][1], lessons[1])
	if err != nil || strings.HasPrefix(rel, "..") {
		t.Fatalf("the lessons (%s) are not under the image's last WORKDIR %s", lessons[1], dirs[len(dirs)-1][1])
	}
	return filepath.ToSlash(rel) + "/"
}

// checkCode checks that every code cell is on the page, highlighted as Go.
func (s *site) checkCode(t *testing.T, p *browser.Page, l lesson) {
	t.Helper()
	type code struct {
		Go       int      `json:"go"`
		Other    []string `json:"other"`
		Keywords []string `json:"keywords"`
		Errors   []string `json:"errors"`
	}
	c := eval[code](t, p, `(() => {
		const inputs = [...document.querySelectorAll("div.nbinput div.input_area")];
		return {
			go: inputs.filter(d => d.classList.contains("highlight-go")).length,
			other: inputs.filter(d => !d.classList.contains("highlight-go")).map(d => d.className),
			keywords: [...new Set([...document.querySelectorAll("div.nbinput .highlight-go span.k, div.nbinput .highlight-go span.kn, div.nbinput .highlight-go span.kd")].map(e => e.textContent))],
			errors: [...document.querySelectorAll("div.nbinput .highlight span.err")].map(e => e.textContent),
		};
	})()`)
	cells := 0
	for _, cell := range l.nb.Cells {
		if cell.Type == "code" && strings.TrimSpace(cell.Source) != "" {
			cells++
		}
	}
	if c.Go != cells || len(c.Other) > 0 {
		t.Errorf("%d code cells highlighted as Go, %d otherwise (%q); the notebook has %d", c.Go, len(c.Other), c.Other, cells)
	}
	if !slices.Contains(c.Keywords, "func") && !slices.Contains(c.Keywords, "import") && !slices.Contains(c.Keywords, "defer") {
		t.Errorf("no Go keyword highlighted: %q", c.Keywords)
	}
	if len(c.Errors) > 0 {
		t.Errorf("the Go lexer marked %q as errors", c.Errors)
	}
}

// checkOutputs checks that what each cell printed is on the page, in place.
func (s *site) checkOutputs(t *testing.T, p *browser.Page, l lesson) {
	t.Helper()
	outputs := eval[string](t, p, `[...document.querySelectorAll("div.nboutput")].map(d => d.innerText).join("\n")`)
	for _, cell := range l.nb.Cells {
		for _, line := range strings.Split(cell.Stdout(), "\n") {
			if line = strings.TrimSpace(line); line != "" {
				if !strings.Contains(outputs, line) {
					t.Errorf("cell %d printed %q, which is not among the page's outputs", cell.Index, line)
				}
				break // the first line of each cell's output is enough
			}
		}
	}
}

var (
	htmlCell = regexp.MustCompile(`<t[dh][^>]*>([^<]+)</t[dh]>`)
	mdTable  = regexp.MustCompile(`(?m)^\|(.+)\|\s*\n\|[-:| ]+\|\s*$`)
)

// checkTables checks that every table the notebook shows (an HTML output or a
// markdown table) is on the page, visible, with its first cells' text.
func (s *site) checkTables(t *testing.T, p *browser.Page, l lesson) {
	t.Helper()
	var want []string // a cell text from each table, in order
	for _, cell := range l.nb.Cells {
		for _, h := range cell.HTML() {
			if strings.Contains(h, "<table") {
				if m := htmlCell.FindAllStringSubmatch(h, 3); len(m) > 0 {
					want = append(want, strings.TrimSpace(m[len(m)-1][1]))
				}
			}
		}
		if cell.Type == "markdown" {
			for _, m := range mdTable.FindAllStringSubmatch(cell.Source, -1) {
				for _, head := range strings.Split(m[1], "|") {
					if head = strings.Trim(strings.TrimSpace(head), "*`"); head != "" {
						want = append(want, head)
						break
					}
				}
			}
		}
	}
	if !strings.HasPrefix(l.notebook, "exercises/") && len(want) == 0 {
		t.Fatalf("found no table in %s to look for: the lessons show query results and a comparison as tables", l.notebook)
	}
	type table struct {
		Text   string  `json:"text"`
		Width  float64 `json:"width"`
		Height float64 `json:"height"`
		Rows   int     `json:"rows"`
	}
	tables := eval[[]table](t, p, `[...document.querySelectorAll("main table")].map(tb => {
		const r = tb.getBoundingClientRect();
		return {text: tb.innerText, width: r.width, height: r.height, rows: tb.rows.length};
	})`)
	if len(tables) < len(want) {
		t.Errorf("the page has %d tables, the notebook %d", len(tables), len(want))
	}
	for _, text := range want {
		i := slices.IndexFunc(tables, func(tb table) bool { return strings.Contains(tb.Text, text) })
		switch {
		case i < 0:
			t.Errorf("no table on the page shows %q", text)
		case tables[i].Width < 50 || tables[i].Height < 20 || tables[i].Rows < 2:
			t.Errorf("the table showing %q is not visible: %.0f×%.0f px, %d rows", text, tables[i].Width, tables[i].Height, tables[i].Rows)
		}
	}
	if l.notebook == "01_create_database.ipynb" {
		// Lesson 1's display.Query table: Moshe, as the lesson inserted him.
		if !slices.ContainsFunc(tables, func(tb table) bool {
			return strings.Contains(tb.Text, "Moshe") && strings.Contains(tb.Text, "moshe@cohen.com")
		}) {
			t.Errorf("lesson 1's customers table with Moshe is not on the page")
		}
	}
}

var svgText = regexp.MustCompile(`<text[^>]*>([^<]*)</text>`)

// checkDiagrams checks every SVG the notebook saved (inline in HTML, as an
// image/svg+xml output, or as an <img> data URI) is on the page: non-zero
// size, its text intact, and pixels drawn (not a blank box).
func (s *site) checkDiagrams(t *testing.T, p *browser.Page, l lesson, shot string) {
	t.Helper()
	var want [][]string // the <text> elements of each saved SVG
	for _, cell := range l.nb.Cells {
		for _, o := range cell.Outputs {
			svg := o.Data["image/svg+xml"]
			if svg == "" {
				svg = o.Data["text/html"]
			}
			if !strings.Contains(svg, "<svg") && !strings.Contains(svg, "data:image/svg+xml") {
				continue
			}
			var texts []string
			for _, m := range svgText.FindAllStringSubmatch(decodeDataURIs(svg), -1) {
				texts = append(texts, html.UnescapeString(m[1]))
			}
			want = append(want, texts)
		}
	}
	if l.notebook == "02_reflect_existing_database.ipynb" && len(want) == 0 {
		t.Fatal("lesson 2 saved no schema diagram")
	}
	if len(want) == 0 {
		return
	}
	type diagram struct {
		Width  float64  `json:"width"`
		Height float64  `json:"height"`
		Loaded bool     `json:"loaded"`
		Alt    string   `json:"alt"` // an <img>'s alt text, an inline <svg>'s <title>
		Texts  []string `json:"texts"`
	}
	// The SVG's text: in the DOM when inline, else fetched from the image's
	// URL (a file or a data: URI) and parsed.
	diagrams := eval[[]diagram](t, p, `(async () => {
		const els = [...document.querySelectorAll("div.nboutput img, div.nboutput svg")].filter(e => !e.parentElement.closest("svg"));
		const out = [];
		for (const [i, e] of els.entries()) {
			let doc = e;
			if (e.tagName.toLowerCase() === "img") {
				if (!/\.svg($|\?)|^data:image\/svg\+xml/.test(e.src)) continue;
				const text = await (await fetch(e.src)).text();
				doc = new DOMParser().parseFromString(text, "image/svg+xml");
			}
			e.setAttribute("data-diagram", String(out.length));
			const r = e.getBoundingClientRect();
			out.push({width: r.width, height: r.height, loaded: e.tagName.toLowerCase() !== "img" || (e.complete && e.naturalWidth > 0),
				alt: e.tagName.toLowerCase() === "img" ? e.alt : (e.querySelector("title")?.textContent ?? ""),
				texts: [...doc.querySelectorAll("text")].map(x => x.textContent)});
		}
		return out;
	})()`)
	if len(diagrams) != len(want) {
		t.Fatalf("the page shows %d SVG diagrams, the notebook saved %d", len(diagrams), len(want))
	}
	for i, d := range diagrams {
		if d.Width < 100 || d.Height < 100 || !d.Loaded {
			t.Errorf("diagram %d is not visible: %.0f×%.0f px, loaded %v", i, d.Width, d.Height, d.Loaded)
		}
		if d.Alt == "" || strings.HasSuffix(d.Alt, ".svg") {
			t.Errorf("diagram %d has no description for screen readers: alt %q", i, d.Alt)
		}
		if !slices.Equal(d.Texts, want[i]) {
			t.Errorf("diagram %d shows the text %q, the notebook saved %q", i, d.Texts, want[i])
		}
		if l.notebook == "02_reflect_existing_database.ipynb" {
			for _, name := range chinookTables {
				if !slices.Contains(d.Texts, name) {
					t.Errorf("the schema diagram has no text %q: %q", name, d.Texts)
				}
			}
		}
		// Pixels: a screenshot of the element must be mostly drawn on, not blank.
		ctx, cancel := context.WithTimeout(p.Context(), browser.Timeout)
		img, err := chromedp.Run(ctx, chromedp.Screenshot(chromedp.CSS(fmt.Sprintf(`[data-diagram="%d"]`, i))))
		cancel()
		if err != nil {
			t.Fatalf("screenshot of diagram %d: %v", i, err)
		}
		path := filepath.Join(shotsDir, fmt.Sprintf("%s_diagram%d.png", shot, i))
		if err := os.MkdirAll(shotsDir, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, img, 0o644); err != nil {
			t.Fatal(err)
		}
		if ink := inkRatio(t, img); ink < 0.02 {
			t.Errorf("diagram %d is blank: %.2f%% of its pixels are not background (%s)", i, 100*ink, path)
		}
	}
}

// inkRatio is the share of a PNG's pixels that differ from its corner pixel.
func inkRatio(t *testing.T, data []byte) float64 {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	bounds := img.Bounds()
	bg := img.At(bounds.Min.X, bounds.Min.Y)
	ink, all := 0, 0
	for y := bounds.Min.Y; y < bounds.Max.Y; y++ {
		for x := bounds.Min.X; x < bounds.Max.X; x++ {
			all++
			if !near(img.At(x, y), bg) {
				ink++
			}
		}
	}
	return float64(ink) / float64(max(all, 1))
}

func near(a, b color.Color) bool {
	ar, ag, ab, _ := a.RGBA()
	br, bg, bb, _ := b.RGBA()
	d := func(x, y uint32) uint32 {
		if x > y {
			return x - y
		}
		return y - x
	}
	return d(ar, br)+d(ag, bg)+d(ab, bb) < 3*0x0800
}

// checkEveryPage opens each HTML file of the site (the index and search
// pages too) and fails on any console error, failed load or outside request.
func (s *site) checkEveryPage(t *testing.T) {
	var pages []string
	err := filepath.WalkDir(siteDir, func(path string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(path, ".html") {
			rel, _ := filepath.Rel(siteDir, path)
			pages = append(pages, filepath.ToSlash(rel))
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"index.html", "search.html", "genindex.html"} {
		if !slices.Contains(pages, want) {
			t.Errorf("the site has no %s: %q", want, pages)
		}
	}
	for _, page := range pages {
		t.Run(page, func(t *testing.T) {
			s.open(t, page)
		})
	}
}

func (s *site) checkSolutionsLink(t *testing.T, lessons []lesson) {
	var questions, solutions lesson
	for _, l := range lessons {
		switch l.notebook {
		case "exercises/questions.ipynb":
			questions = l
		case "exercises/solutions.ipynb":
			solutions = l
		}
	}
	p := s.open(t, questions.page)
	// A link in the lesson's own text (not the sidebar or next button).
	sel := `main section a[href="solutions.html"]`
	if n := eval[int](t, p, fmt.Sprintf(`document.querySelectorAll(%q).length`, sel)); n == 0 {
		t.Fatalf("the questions page has no link to the solutions in its text")
	}
	ctx, cancel := context.WithTimeout(p.Context(), browser.Timeout)
	defer cancel()
	resp, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(sel)))
	if err != nil {
		t.Fatalf("clicking the solutions link: %v", err)
	}
	if resp.Status != http.StatusOK || resp.URL != s.origin+"/"+solutions.page {
		t.Errorf("the solutions link led to %s (%d), want %s", resp.URL, resp.Status, solutions.page)
	}
	p.WaitIdle(300 * time.Millisecond)
	if h1 := eval[string](t, p, `document.querySelector("main h1").firstChild.textContent`); h1 != solutions.title {
		t.Errorf("after the click the page reads %q, want %q", h1, solutions.title)
	}
}

func (s *site) checkSearch(t *testing.T) {
	p := s.open(t, "search.html?q=automap")
	defer p.Screenshot(t, filepath.Join(shotsDir, "search.png"))
	var results []link
	deadline := time.Now().Add(15 * time.Second)
	for time.Now().Before(deadline) {
		if results = s.links(t, p, "#search-results ul.search li a"); len(results) > 0 {
			break
		}
		time.Sleep(200 * time.Millisecond)
	}
	if !slices.ContainsFunc(results, func(a link) bool {
		return strings.HasPrefix(a.Href, s.origin+"/02_reflect_existing_database.html")
	}) {
		t.Errorf("searching for automap does not find lesson 2: %+v", results)
	}
}

var dataURI = regexp.MustCompile(`data:image/svg\+xml(;base64)?,([^"')\s]+)`)

// decodeDataURIs replaces SVG data URIs (base64 or percent-encoded) with the
// SVG they hold.
func decodeDataURIs(s string) string {
	return dataURI.ReplaceAllStringFunc(s, func(m string) string {
		sub := dataURI.FindStringSubmatch(m)
		if sub[1] != "" {
			b, err := base64.StdEncoding.DecodeString(sub[2])
			if err != nil {
				return m
			}
			return string(b)
		}
		if u, err := url.PathUnescape(sub[2]); err == nil {
			return u
		}
		return m
	})
}

// TestSiteDiagramForms: the schema diagram shows whichever way a notebook
// saves it — an image/svg+xml output (lesson 2 today), inline <svg> in HTML,
// or an <img> with an SVG data URI — with its size, text and pixels.
func TestSiteDiagramForms(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: the site test builds the site and drives a browser")
	}
	const name = "02_reflect_existing_database.ipynb"
	dir := t.TempDir()
	nbs := filepath.Join(dir, "notebooks")
	for _, l := range course(t) {
		copyFile(t, filepath.Join(root, "notebooks", l.notebook), filepath.Join(nbs, l.notebook))
	}
	edit(name, func(nb notebook) {
		for _, c := range nb.cells() {
			outs, _ := c["outputs"].([]any)
			for _, o := range outs {
				data, _ := o.(map[string]any)["data"].(map[string]any)
				svg, ok := data["image/svg+xml"]
				if !ok {
					continue
				}
				text := source(map[string]any{"source": svg}) // a string or a list of lines
				uri := "data:image/svg+xml;base64," + base64.StdEncoding.EncodeToString([]byte(text))
				c["outputs"] = []any{
					map[string]any{"output_type": "display_data", "metadata": map[string]any{},
						"data": map[string]any{"text/html": `<div class="erd">` + text + `</div>`, "text/plain": "inline"}},
					map[string]any{"output_type": "display_data", "metadata": map[string]any{},
						"data": map[string]any{"text/html": `<img alt="schema" src="` + uri + `">`, "text/plain": "img"}},
				}
				return
			}
		}
		t.Fatal("lesson 2 has no image/svg+xml output to convert")
	})(t, nbs)
	// And a picture beside the notebooks that a markdown cell shows: the site
	// publishes it.
	copyFile(t, filepath.Join(root, "site", "_static", "favicon.svg"), filepath.Join(nbs, "img", "key.svg"))
	edit(name, func(nb notebook) {
		c := nb.cells()[2]
		c["source"] = "![the key](img/key.svg)\n\n" + source(c)
	})(t, nbs)
	out := filepath.Join(dir, "site")
	if msg, err := runSite(t, "--notebooks", nbs, "--out", out); err != nil {
		t.Fatalf("make site failed: %v\n%s", err, msg)
	}
	nb, err := nbrun.ReadNotebook(filepath.Join(nbs, name))
	if err != nil {
		t.Fatal(err)
	}
	s := &site{b: browser.Start(t), origin: browser.Serve(t, out), status: map[string]int{}}
	p := s.open(t, "02_reflect_existing_database.html")
	s.checkDiagrams(t, p, lesson{notebook: name, page: "02_reflect_existing_database.html", nb: nb}, "forms_02")
	if w := eval[float64](t, p, `(() => { const i = document.querySelector('main img[alt="the key"]'); return i && i.complete ? i.naturalWidth : 0; })()`); w == 0 {
		t.Errorf("the markdown image img/key.svg beside the notebook is not on the page")
	}
}

// checkGuide opens each page of the teachers' guide (docs/*.md, listed in
// site/course.toml): it has its docs page's title, the sidebar lists it under
// "For teachers", and every link on it leads to a page that answers.
func (s *site) checkGuide(t *testing.T) {
	for _, page := range guidePages(t) {
		name := strings.TrimSuffix(strings.TrimPrefix(page, "guide/"), ".html")
		md, err := os.ReadFile(filepath.Join(root, "docs", name+".md"))
		if err != nil {
			t.Fatal(err)
		}
		title, _, _ := strings.Cut(strings.TrimPrefix(string(md), "# "), "\n")
		p := s.open(t, page)
		if h1 := eval[string](t, p, `document.querySelector("main h1").innerText`); !strings.Contains(h1, strings.ReplaceAll(title, "`", "")) {
			t.Errorf("%s: heading %q, want the title of docs/%s.md, %q", page, h1, name, title)
		}
		side := eval[string](t, p, `document.querySelector(".bd-sidebar, .site-navigation").innerText`)
		if !strings.Contains(strings.ToLower(side), "for teachers") {
			t.Errorf("%s: the sidebar has no \"For teachers\" part:\n%s", page, side)
		}
		s.checkLinks(t, p, page)
		if name == "classroom" {
			p.Screenshot(t, filepath.Join(shotsDir, "guide_classroom.png"))
		}
	}
}

// guidePages are the teachers' guide's pages on the site, in the order
// site/course.toml lists them ("guide/classroom.html", …).
func guidePages(t *testing.T) []string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(root, "site", "course.toml"))
	if err != nil {
		t.Fatal(err)
	}
	var pages []string
	for _, m := range regexp.MustCompile(`(?m)^page\s*=\s*"([^"]+)\.md"`).FindAllStringSubmatch(string(data), -1) {
		pages = append(pages, "guide/"+m[1]+".html")
	}
	if len(pages) < 4 {
		t.Fatalf("site/course.toml lists %d guide pages, want classroom, performance, site, maintainers and more", len(pages))
	}
	return pages
}
