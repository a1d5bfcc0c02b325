package classroom_test

import (
	"bytes"
	"context"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/bunbook/bunbook/internal/browser"
	"github.com/bunbook/bunbook/internal/hubtest"
	"github.com/bunbook/bunbook/internal/jupyterapi"
	"github.com/bunbook/bunbook/internal/progress"
	"github.com/bunbook/bunbook/internal/shareddata"
)

// exercisesPath is where the questions notebook lives in a student's home.
const exercisesPath = "bunbook/exercises/questions.ipynb"

// The students' cells: Ada gets Q1 right, Q3 wrong twice, runs Q4 empty;
// Linus gets Q1 wrong, then Q3 right.
const (
	setupCell = "import (\n\t\"context\"\n\n\t\"github.com/bunbook/bunbook/helpers/connect\"\n\t\"github.com/bunbook/bunbook/helpers/exercise\"\n)\n\n" +
		"var ctx = context.Background()\n\n" +
		"func tracks(n int64) []map[string]any {\n\tdb := connect.MustOpen(ctx, \"chinook.db\")\n\tdefer db.Close()\n" +
		"\tvar rows []map[string]any\n\tif err := db.NewSelect().Table(\"tracks\").Order(\"TrackId\").Limit(n).Scan(ctx, &rows); err != nil {\n\t\tpanic(err)\n\t}\n\treturn rows\n}\n"
	adaQ1    = "%%\ndb := connect.MustOpen(ctx, \"chinook.db\")\ndefer db.Close()\nexercise.Q1(db)"
	adaQ3    = "%%\nexercise.Q3(tracks(2))\nexercise.Q3(tracks(4))\nexercise.Q4(nil)"
	linusQ1  = "%%\nexercise.Q1(\"chinook.db\")"
	linusQ3  = "%%\nexercise.Q3(tracks(3))"
	adaRow   = "ada|✅|⬜|❌ 2|⬜|⬜|⬜|⬜|⬜"
	linusRow = "linus|❌ 1|⬜|✅|⬜|⬜|⬜|⬜|⬜"
)

// TestClassReportFromTheHub: two students check answers through a real
// JupyterHub, right and wrong; the class report, run with a teacher's admin
// token against the hub's API only, shows exactly that — as text and as a
// page in Chromium — and still shows a student whose server is stopped.
func TestClassReportFromTheHub(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: the class report test starts JupyterHub and two kernels")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Minute)
	defer cancel()
	root, kernel := needHubAndKernel(t, ctx)
	b := browser.Start(t)
	chinook, err := os.ReadFile(shareddata.Path(t, "chinook.db"))
	must(t, err)

	dir, err := os.MkdirTemp("", "bunbook-classreport-")
	must(t, err)
	t.Cleanup(func() { os.RemoveAll(dir) })
	tmp := filepath.Join(dir, "tmp")
	must(t, os.MkdirAll(tmp, 0o755))
	users := []string{"ada", "linus"}
	for _, u := range users {
		nbDir := filepath.Join(dir, "home", u, filepath.Dir(exercisesPath))
		must(t, os.MkdirAll(nbDir, 0o755))
		must(t, os.WriteFile(filepath.Join(nbDir, "chinook.db"), chinook, 0o644))
	}
	env := map[string]string{
		"JUPYTER_PATH": filepath.Dir(filepath.Dir(filepath.Dir(kernel.Path))),
		"TMPDIR":       tmp,
		"GOTOOLCHAIN":  "local",
	}
	for _, name := range []string{"GOCACHE", "GOMODCACHE", "GOPATH", "GOPROXY", "GOSUMDB", "GOFLAGS"} {
		if v := goEnv(t, name); v != "" {
			env[name] = v
		}
	}
	report := filepath.Join(dir, "classreport")
	build := exec.CommandContext(ctx, "go", "build", "-o", report, "./cmd/classreport")
	build.Dir = root
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build ./cmd/classreport: %v\n%s", err, out)
	}

	hub, err := hubtest.Start(ctx, hubtest.Options{Dir: dir, Users: users, Admins: []string{"teacher"}, Env: env})
	must(t, err)
	t.Cleanup(func() {
		if err := hub.Stop(); err != nil {
			t.Error(err)
		}
		if t.Failed() {
			t.Logf("the hub's log (last lines):\n%s", hub.LogTail(60))
		}
	})
	students := map[string]*student{}
	for _, u := range users {
		tok, err := hub.Login(ctx, u, hub.Password)
		must(t, err)
		s := &student{name: u, token: tok, server: hub.Server(u, tok)}
		students[u] = s
		must(t, hub.StartServer(ctx, u, tok))
		s.session, err = s.server.StartSession(ctx, exercisesPath, "gonb")
		must(t, err)
		s.ch, err = s.server.Connect(ctx, s.session.Kernel.ID)
		must(t, err)
	}
	ada, linus := students["ada"], students["linus"]

	for _, c := range []struct {
		s          *student
		cell, want string
	}{
		{ada, setupCell, ""},
		{ada, adaQ1, "✅ Q1 correct"},
		{ada, adaQ3, "❌ Q3 not yet: expected 3 rows, got 2: too few"},
		{linus, setupCell, ""},
		{linus, linusQ1, "❌ Q1 not yet: got a string"},
		{linus, linusQ3, "✅ Q3 correct"},
	} {
		r := execute(ctx, t, c.s, c.cell)
		if r.Status != "ok" || !strings.Contains(r.Stdout(), c.want) || strings.Contains(outputText(r), "progress was not saved") {
			t.Fatalf("%s's cell %q: status %s, outputs %q; want %q", c.s.name, c.cell, r.Status, outputText(r), c.want)
		}
	}

	// Each student's file holds their checks and nothing of their answers.
	data, err := os.ReadFile(filepath.Join(hub.Home("ada"), progress.FileName))
	must(t, err)
	if recs, probs := progress.Read(bytes.NewReader(data)); len(recs) != 4 || len(probs) > 0 {
		t.Errorf("ada's progress file: %d records, problems %v:\n%s", len(recs), probs, data)
	}
	if bytes.Contains(data, []byte("For Those About To Rock")) {
		t.Errorf("ada's progress file holds her answer's data:\n%s", data)
	}

	// A student's token reads neither another's file nor the class.
	var file map[string]any
	if err := hub.Server("linus", ada.token).Do(ctx, http.MethodGet, "api/contents/"+progress.FileName, nil, &file); !isStatus(err, 403) {
		t.Errorf("ada's token on linus's progress file: %v, want HTTP 403", err)
	}
	if out, err := runReport(ctx, report, dir, hub.URL, ada.token); err == nil || !strings.Contains(out, "the hub refused the token (HTTP 403)") {
		t.Errorf("the report with a student's token: %v\n%s", err, out)
	}

	teacher, err := hub.Login(ctx, "teacher", hub.Password)
	must(t, err)
	out, err := runReport(ctx, report, dir, hub.URL, teacher)
	if err != nil {
		t.Fatalf("classreport: %v\n%s", err, out)
	}
	t.Logf("the class report:\n%s", out)
	if strings.Contains(out, teacher) {
		t.Error("the report printed the admin token")
	}
	rows := textRows(out)
	if rows["ada"] != adaRow || rows["linus"] != linusRow || rows["teacher"] != "" {
		t.Errorf("the text report's rows:\n%s\n%s\nwant:\n%s\n%s", rows["ada"], rows["linus"], adaRow, linusRow)
	}
	for _, want := range []string{
		"Q1: 1 stuck, 1 solved\n  1 on h", `"got a string; pass the database you opened (…)": linus`,
		"Q3: 1 stuck, 1 solved\n  1 on h", `"expected N rows, got N: too many (…)": ada`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the text report lacks %q", want)
		}
	}
	// The per-student tokens the report made are gone.
	var tokens struct {
		APITokens []struct {
			Note string `json:"note"`
		} `json:"api_tokens"`
	}
	teacherAPI := &jupyterapi.Client{BaseURL: hub.URL + "hub/", Token: teacher}
	must(t, teacherAPI.Do(ctx, http.MethodGet, "api/users/teacher/tokens", nil, &tokens))
	for _, tok := range tokens.APITokens {
		if strings.HasPrefix(tok.Note, "bunbook class report") {
			t.Errorf("a token the report made is left: %q", tok.Note)
		}
	}

	// Linus's server stops: the report shows his last known progress.
	must(t, hub.StopServer(ctx, "linus"))
	out, err = runReport(ctx, report, dir, hub.URL, teacher)
	if err != nil {
		t.Fatalf("classreport after linus's server stopped: %v\n%s", err, out)
	}
	rows = textRows(out)
	if rows["ada"] != adaRow || rows["linus"] != linusRow+"|(server stopped; last known progress, read" {
		t.Errorf("after linus's server stopped, the rows:\n%s\n%s", rows["ada"], rows["linus"])
	}

	// The page, in Chromium.
	origin := browser.Serve(t, dir)
	p := b.NewPage(t)
	must(t, p.Open(origin+"/report.html"))
	cells, err := browser.Eval[[]string](p, `[...document.querySelectorAll("#progress tbody tr")].map(r => [...r.cells].slice(0, -1).map(c => c.textContent.trim()).join("|"))`)
	must(t, err)
	if strings.Join(cells, "\n") != adaRow+"\n"+linusRow {
		t.Errorf("the page's table:\n%s\nwant:\n%s\n%s", strings.Join(cells, "\n"), adaRow, linusRow)
	}
	note, _ := browser.Eval[string](p, `document.querySelector("#progress tbody tr:nth-child(2) td.note").textContent`)
	stuck, _ := browser.Eval[string](p, `document.querySelector("#stuck").innerText`)
	if !strings.HasPrefix(note, "server stopped; last known progress") || !strings.Contains(stuck, "Q3: 1 stuck, 1 solved") {
		t.Errorf("the page's note for linus %q, stuck list:\n%s", note, stuck)
	}
	if probs := p.Problems(origin); len(probs) > 0 {
		t.Errorf("the page's problems: %q", probs)
	}
	shot := os.Getenv("CLASSREPORT_HUB_SHOT")
	if shot == "" {
		shot = filepath.Join(dir, "report.png")
	}
	p.Screenshot(t, shot)
}

// runReport runs the class report against the hub with token, writing
// report.html and its state into dir.
func runReport(ctx context.Context, bin, dir, hubURL, token string) (string, error) {
	cmd := exec.CommandContext(ctx, bin, "-hub", hubURL, "-html", filepath.Join(dir, "report.html"), "-state", filepath.Join(dir, "state.json"))
	cmd.Env = append(os.Environ(), "CLASSREPORT_TOKEN="+token)
	out, err := cmd.CombinedOutput()
	return string(out), err
}

// textRows maps each student's name to their row of the text table, its
// cells joined by "|" (a cell like "❌ 2" keeps its space).
func textRows(out string) map[string]string {
	rows := map[string]string{}
	cell := regexp.MustCompile(`(❌ \d+|✅ 📖|✅|⬜|\(.*)`)
	for _, line := range strings.Split(out, "\n") {
		name, rest, ok := strings.Cut(line, " ")
		if !ok || name == "student" {
			continue
		}
		cells := cell.FindAllString(rest, -1)
		if len(cells) < 8 {
			continue
		}
		for i, c := range cells {
			if strings.HasPrefix(c, "(") {
				cells[i] = c[:min(len(c), len("(server stopped; last known progress, read"))]
			}
		}
		rows[name] = name + "|" + strings.Join(cells, "|")
	}
	return rows
}
