package lessontest_test

import (
	"bufio"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/bunbook/bunbook/internal/browser"
	"github.com/bunbook/bunbook/internal/nbrun"
)

// diagram is what the page shows of lesson 2's saved schema picture.
type diagram struct {
	Found        bool    `json:"found"`
	Trusted      any     `json:"trusted"` // the classic Notebook's verdict, null elsewhere
	Complete     bool    `json:"complete"`
	NaturalWidth float64 `json:"naturalWidth"`
	Width        float64 `json:"width"`
	Height       float64 `json:"height"`
	AreaWidth    float64 `json:"areaWidth"`
	Alt          string  `json:"alt"`
	Mermaid      bool    `json:"mermaid"` // the Mermaid text fallback is on screen instead
}

// findDiagram reads the first <img> inside an output whose alt names the
// ER diagram, and the width of the output area holding it.
const findDiagram = `(() => {
	const img = [...document.querySelectorAll('img')].find(i => (i.alt || '').startsWith('Entity-relationship diagram'));
	const mermaid = [...document.querySelectorAll('pre')].some(p => p.textContent.startsWith('erDiagram'));
	const trusted = (window.Jupyter && Jupyter.notebook) ? Jupyter.notebook.trusted : null;
	if (!img) return {found: false, mermaid, trusted};
	img.scrollIntoView();
	const r = img.getBoundingClientRect();
	const area = img.closest('.output_subarea, .jp-OutputArea-output, .output_area, .output') || img.parentElement;
	return {found: true, trusted, complete: img.complete, naturalWidth: img.naturalWidth,
		width: r.width, height: r.height, areaWidth: area.getBoundingClientRect().width, alt: img.alt, mermaid};
})()`

// The saved ER diagram of lesson 2 shows as a picture that fits the output
// width in the classic Notebook (the notebook not trusted, as on a fresh
// clone) and in nbconvert's HTML export. Screenshots go to build/screenshots.
func TestDiagramShowsInBrowsers(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: starts Jupyter and Chromium")
	}
	root, j := notebookRunner(t)
	const lesson = "02_reflect_existing_database.ipynb"
	shots := filepath.Join(root, "build", "screenshots")
	work := t.TempDir()
	data, err := os.ReadFile(lesson)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(work, lesson), data, 0o644); err != nil {
		t.Fatal(err)
	}
	b := browser.Start(t)

	t.Run("classic Notebook, not trusted", func(t *testing.T) {
		base := startNotebookServer(t, j, work)
		p := b.NewPage(t)
		if err := p.Open(base + "/notebooks/" + lesson + "?token=bunbook"); err != nil {
			t.Fatal(err)
		}
		d := waitDiagram(t, p)
		if d.Trusted != false {
			t.Errorf("Jupyter.notebook.trusted = %v, want false (a fresh clone is not trusted)", d.Trusted)
		}
		checkDiagram(t, p, d, 900)
		shoot(t, p, filepath.Join(shots, "erd_classic_notebook_untrusted.png"))

		// Run the download live, as a student does: the progress bar's
		// display becomes the ready line, so the cell ends with one output
		// and no empty one above it.
		if _, err := browser.Eval[bool](p, `(() => {
			const nb = Jupyter.notebook, cells = nb.get_cells();
			const setup = cells.findIndex(c => c.cell_type === 'code');
			const download = cells.findIndex(c => c.cell_type === 'code' && c.get_text().includes('download.Chinook('));
			cells[download].clear_output();
			nb.execute_cells([setup, download]);
			return true;
		})()`); err != nil {
			t.Fatal(err)
		}
		type downloadCell struct {
			Done    bool     `json:"done"`
			Outputs []string `json:"outputs"`
			Heights []int    `json:"heights"`
		}
		var dc downloadCell
		for deadline := time.Now().Add(3 * time.Minute); time.Now().Before(deadline); time.Sleep(time.Second) {
			if dc, err = browser.Eval[downloadCell](p, `(() => {
				const c = Jupyter.notebook.get_cells().find(c => c.cell_type === 'code' && c.get_text().includes('download.Chinook('));
				const areas = [...c.element[0].querySelectorAll('.output_area')];
				return {done: typeof c.input_prompt_number === 'number',
					outputs: areas.map(a => a.innerText.trim()), heights: areas.map(a => Math.round(a.getBoundingClientRect().height))};
			})()`); err != nil {
				t.Fatal(err)
			}
			if dc.Done {
				break
			}
		}
		if !dc.Done || len(dc.Outputs) != 1 || !strings.HasPrefix(dc.Outputs[0], "ready: ") || !strings.HasSuffix(dc.Outputs[0], "(884736 bytes, sha256 ok)") {
			t.Errorf("the download cell run live shows %q (heights %v px), want the one ready line", dc.Outputs, dc.Heights)
		}
		if _, err := browser.Eval[bool](p, `(() => {
			const c = Jupyter.notebook.get_cells().find(c => c.cell_type === 'code' && c.get_text().includes('download.Chinook('));
			c.element[0].scrollIntoView(); return true;
		})()`); err == nil {
			p.Screenshot(t, filepath.Join(shots, "download_cell_live.png"))
		}
	})

	t.Run("nbconvert HTML", func(t *testing.T) {
		out := t.TempDir()
		cmd := exec.CommandContext(t.Context(), j.Path, "nbconvert", "--to", "html", "--output-dir", out, filepath.Join(work, lesson))
		if log, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("nbconvert --to html: %v\n%s", err, log)
		}
		origin := browser.Serve(t, out)
		p := b.NewPage(t)
		if err := p.Open(origin + "/" + strings.TrimSuffix(lesson, ".ipynb") + ".html"); err != nil {
			t.Fatal(err)
		}
		d := waitDiagram(t, p)
		checkDiagram(t, p, d, 900)
		shoot(t, p, filepath.Join(shots, "erd_nbconvert_html.png"))
		// The setup cell's code, to look at Go's highlighting.
		if png, err := chromedp.Run(p.Context(), chromedp.Screenshot(chromedp.CSS(`.jp-CodeCell .highlight`))); err != nil {
			t.Errorf("screenshot of the first code cell: %v", err)
		} else if err := os.WriteFile(filepath.Join(shots, "nbconvert_html_code_cell.png"), png, 0o644); err != nil {
			t.Error(err)
		}
		html, _ := os.ReadFile(filepath.Join(out, strings.TrimSuffix(lesson, ".ipynb")+".html"))
		if !strings.Contains(string(html), `<span class="kd">func</span>`) {
			t.Error("the HTML export does not highlight Go's func as a declaration keyword: is language_info.pygments_lexer \"go\"?")
		}
	})
}

// startNotebookServer starts the classic Notebook on 127.0.0.1 serving dir,
// with a trust database in memory (so nothing is trusted), and stops it at
// the end of the test.
func startNotebookServer(t *testing.T, j *nbrun.Jupyter, dir string) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	cmd := exec.Command(j.Path, "notebook", "--no-browser", "--ip=127.0.0.1", fmt.Sprintf("--port=%d", port),
		"--NotebookApp.token=bunbook", "--NotebookApp.notebook_dir="+dir, "--NotebookNotary.db_file=:memory:",
		"--NotebookApp.open_browser=False", "--allow-root")
	cmd.Env = append(os.Environ(), "JUPYTER_RUNTIME_DIR="+t.TempDir())
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		requireResource(t, fmt.Errorf("%w: jupyter notebook: %v", nbrun.ErrNoJupyter, err))
	}
	t.Cleanup(func() {
		_ = cmd.Process.Signal(os.Interrupt)
		time.Sleep(200 * time.Millisecond)
		_ = cmd.Process.Signal(os.Interrupt) // the Notebook asks to confirm the first one
		done := make(chan struct{})
		go func() { cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(20 * time.Second):
			_ = cmd.Process.Kill()
		}
	})
	ready := make(chan bool, 1)
	var logged strings.Builder
	go func() {
		s := bufio.NewScanner(stderr)
		for s.Scan() {
			logged.WriteString(s.Text() + "\n")
			if strings.Contains(s.Text(), fmt.Sprintf("127.0.0.1:%d/", port)) {
				select {
				case ready <- true:
				default:
				}
			}
		}
	}()
	select {
	case <-ready:
	case <-time.After(60 * time.Second):
		t.Fatalf("jupyter notebook did not start within 60 s:\n%s", logged.String())
	}
	return fmt.Sprintf("http://127.0.0.1:%d", port)
}

func waitDiagram(t *testing.T, p *browser.Page) diagram {
	t.Helper()
	var d diagram
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		var err error
		if d, err = browser.Eval[diagram](p, findDiagram); err != nil {
			t.Fatal(err)
		}
		if d.Found && d.Complete && d.NaturalWidth > 0 {
			return d
		}
		time.Sleep(300 * time.Millisecond)
	}
	t.Fatalf("no loaded ER diagram <img> on the page within 30 s (Mermaid text shown instead: %v): %+v; page errors %q", d.Mermaid, d, p.Errors())
	return d
}

// checkDiagram asserts the picture is drawn, fits its output area, is not
// shrunk below minWidth, and names the 11 Chinook tables; the table names
// are drawn inside the image, so the test also reads them from the SVG the
// browser decoded.
func checkDiagram(t *testing.T, p *browser.Page, d diagram, minWidth float64) {
	t.Helper()
	if d.Width <= 0 || d.Height <= 0 {
		t.Errorf("the diagram has no size on the page: %+v", d)
	}
	if d.Width > d.AreaWidth+0.5 {
		t.Errorf("the diagram is %.0f px wide in a %.0f px output area: cut off", d.Width, d.AreaWidth)
	}
	if d.Width < minWidth && d.AreaWidth >= minWidth {
		t.Errorf("the diagram is shown %.0f px wide in a %.0f px area: too small to read", d.Width, d.AreaWidth)
	}
	if d.Mermaid {
		t.Error("the Mermaid text fallback is on screen as well as the picture")
	}
	names, err := browser.Eval[[]string](p, `(() => {
		const img = [...document.querySelectorAll('img')].find(i => (i.alt || '').startsWith('Entity-relationship diagram'));
		const svg = atob(img.src.split(',')[1]);
		const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
		return [...doc.querySelectorAll('g[data-table] > text[font-weight=bold][fill="#ffffff"]')].map(e => e.textContent);
	})()`)
	if err != nil {
		t.Fatal(err)
	}
	want := "albums artists customers employees genres invoice_items invoices media_types playlist_track playlists tracks"
	got := strings.Fields(strings.Join(names, " "))
	if s := strings.Join(sortedCopy(got), " "); s != want {
		t.Errorf("table names drawn: %s, want %s", s, want)
	}
	if !regexp.MustCompile(`^Entity-relationship diagram of 11 tables: `).MatchString(d.Alt) {
		t.Errorf("alt text %q", d.Alt)
	}
	t.Logf("diagram %.0fx%.0f px (natural width %.0f) in a %.0f px output area", d.Width, d.Height, d.NaturalWidth, d.AreaWidth)
}

func shoot(t *testing.T, p *browser.Page, path string) {
	t.Helper()
	png, err := chromedp.Run(p.Context(), chromedp.Screenshot(chromedp.CSS(`img[alt^="Entity-relationship diagram"]`)))
	if err == nil {
		err = os.MkdirAll(filepath.Dir(path), 0o755)
	}
	if err == nil {
		err = os.WriteFile(path, png, 0o644)
	}
	if err != nil {
		t.Errorf("screenshot: %v", err)
	}
	p.Screenshot(t, strings.TrimSuffix(path, ".png")+"_page.png")
}

func sortedCopy(s []string) []string {
	c := append([]string(nil), s...)
	for i := range c {
		for k := i + 1; k < len(c); k++ {
			if c[k] < c[i] {
				c[i], c[k] = c[k], c[i]
			}
		}
	}
	return c
}
