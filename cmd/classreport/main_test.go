package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bunbook/bunbook/internal/browser"
	"github.com/bunbook/bunbook/internal/progress"
)

// writeProgress writes recs as bunbook's exercise checks do.
func writeProgress(t *testing.T, home string, recs ...progress.Record) {
	t.Helper()
	if err := os.MkdirAll(home, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, r := range recs {
		if err := progress.Append(filepath.Join(home, progress.FileName), r); err != nil {
			t.Fatal(err)
		}
	}
}

func wrong(q, hint string) progress.Record {
	l := progress.HintLabel(hint)
	return progress.Record{Question: q, Outcome: progress.Wrong, Hint: l, HintID: progress.HintID(l)}
}

func ok(q string) progress.Record { return progress.Record{Question: q, Outcome: progress.Correct} }

// homesClass is a class of four: two who worked, one with a hostile file and
// a hostile folder name, one who has not started.
func homesClass(t *testing.T) string {
	homes := t.TempDir()
	writeProgress(t, filepath.Join(homes, "ada"), ok("Q1"), wrong("Q3", "expected 3 rows, got 2: too few (check the query's Limit, Where and joins)"), wrong("Q3", "expected 3 rows, got 4: too many (check the query's Limit)"))
	writeProgress(t, filepath.Join(homes, "linus"), wrong("Q1", "got a string; pass the database you opened (the *bun.DB)"), ok("Q3"), progress.Record{Question: "Q3", Outcome: progress.Correct, Kind: progress.Solution})
	evil := filepath.Join(homes, "<img src=x onerror=alert(1)>\x1b[31m")
	writeProgress(t, evil, wrong("Q3", "expected 3 rows, got 20: too many"))
	f, err := os.OpenFile(filepath.Join(evil, progress.FileName), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString(`{"q":"<script>alert('q')</script>","outcome":"correct","attempt":1,"time":"2026-12-05T10:00:00Z"}` + "\n")
	f.WriteString(`{"q":"Q4","outcome":"wrong","hint":"h123456","label":"<script>alert('label')</script>","attempt":1,"time":"2026-12-05T10:00:00Z"}` + "\n")
	f.WriteString("\x00\x01 not json\n")
	f.WriteString(`{"q":"Q6","outcome":"cor`)
	f.Close()
	os.MkdirAll(filepath.Join(homes, "grace"), 0o755)
	return homes
}

func TestHomesReport(t *testing.T) {
	homes := homesClass(t)
	out := filepath.Join(t.TempDir(), "report.html")
	var text bytes.Buffer
	if err := run(context.Background(), &text, "", homes, out, ""); err != nil {
		t.Fatal(err)
	}
	got := text.String()
	t.Logf("\n%s", got)
	for _, want := range []string{
		"Class report: 4 students",
		"student",
		"ada ", "✅    ⬜    ❌ 2",
		"linus", "❌ 1  ⬜    ✅ 📖",
		"grace", "(no progress file yet)",
		`"<img src=x onerror=alert(1)>\x1b[31m"`,
		"Q1: 1 stuck, 1 solved\n  1 on h", `"got a string; pass the database you opened (…)": linus`,
		"Q3: 2 stuck, 1 solved",
		`"expected N rows, got N: too many (…)": ada`,
		"line 2: the question id is not one (Q1, Q5a…) (skipped)",
		"line 4: not a progress record",
		"line 5: cut short (the file ends mid-record)",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("the text report lacks %q", want)
		}
	}
	if strings.Contains(got, "\x1b") {
		t.Error("the text report prints an escape character from a folder's name")
	}
	page, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"<script>", "<img src=x"} {
		if bytes.Contains(page, []byte(bad)) {
			t.Errorf("the page holds unescaped %q", bad)
		}
	}

	b := browser.Start(t)
	origin := browser.Serve(t, filepath.Dir(out))
	p := b.NewPage(t)
	if err := p.Open(origin + "/report.html"); err != nil {
		t.Fatal(err)
	}
	rows, err := browser.Eval[[]string](p, `[...document.querySelectorAll("#progress tbody tr")].map(r => [...r.cells].map(c => c.textContent.trim()).join("|"))`)
	if err != nil {
		t.Fatal(err)
	}
	wantRows := []string{
		"\"<img src=x onerror=alert(1)>\\x1b[31m\"|⬜|⬜|❌ 1|❌ 1|⬜|⬜|⬜|⬜|",
		"ada|✅|⬜|❌ 2|⬜|⬜|⬜|⬜|⬜|",
		"grace|⬜|⬜|⬜|⬜|⬜|⬜|⬜|⬜|no progress file yet",
		"linus|❌ 1|⬜|✅ 📖|⬜|⬜|⬜|⬜|⬜|",
	}
	if strings.Join(rows, "\n") != strings.Join(wantRows, "\n") {
		t.Errorf("the page's table:\n%s\nwant:\n%s", strings.Join(rows, "\n"), strings.Join(wantRows, "\n"))
	}
	stuck, _ := browser.Eval[string](p, `document.querySelector("#stuck").innerText`)
	if !strings.Contains(stuck, "Q3: 2 stuck, 1 solved") || !strings.Contains(stuck, "<script>alert(…)</script>") {
		t.Errorf("the stuck list:\n%s", stuck)
	}
	if errs := p.Problems(origin); len(errs) > 0 {
		t.Errorf("the page has problems (a script ran?): %q", errs)
	}
	shot := os.Getenv("CLASSREPORT_SHOT")
	if shot == "" {
		shot = filepath.Join(t.TempDir(), "report.png")
	}
	p.Screenshot(t, shot)
}
