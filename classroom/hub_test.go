package classroom_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/uptrace/bun/driver/sqliteshim"

	"github.com/bunbook/bunbook/internal/hubtest"
	"github.com/bunbook/bunbook/internal/jupyterapi"
	"github.com/bunbook/bunbook/internal/nbrun"
)

// lesson is where each student's copy of lesson 01 lives, relative to their
// home: the image puts the lessons into /home/jovyan/bunbook/.
const lesson = "bunbook/01_create_database.ipynb"

// student is one student's token, server and open lesson.
type student struct {
	name    string
	token   string
	server  *jupyterapi.Client
	session *jupyterapi.Session
	ch      *jupyterapi.Channels
}

// TestHubServesTwoStudents is the classroom on one machine: a real
// JupyterHub, two students, lesson 01 through the hub for each.
func TestHubServesTwoStudents(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: the hub test starts JupyterHub and two kernels")
	}
	began := time.Now()
	// Every wait below has its own bound; this one caps the whole test (about
	// a minute of CPU; several minutes on a busy machine).
	ctx, cancel := context.WithTimeout(context.Background(), 12*time.Minute)
	defer cancel()

	root, kernel := needHubAndKernel(t, ctx)
	committed, err := os.ReadFile(filepath.Join(root, "notebooks", "01_create_database.ipynb"))
	if err != nil {
		t.Fatal(err)
	}
	want, err := nbrun.ParseNotebook(committed)
	if err != nil {
		t.Fatal(err)
	}

	// Everything the hub, the servers and the kernels write goes under dir,
	// including GoNB's build folders (TMPDIR): the test removes it at the end
	// and checks it is gone.
	dir, err := os.MkdirTemp("", "bunbook-hub-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := os.RemoveAll(dir); err != nil {
			t.Errorf("remove the hub's folder: %v", err)
		}
		if _, err := os.Stat(dir); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("the hub's folder %s is still there (%v)", dir, err)
		}
	})
	tmp := filepath.Join(dir, "tmp")
	must(t, os.MkdirAll(tmp, 0o755))

	users := []string{"ada", "linus"}
	for _, u := range users {
		// The course files in each student's home, as the image's start hook
		// puts them into /home/jovyan/bunbook.
		nbDir := filepath.Join(dir, "home", u, filepath.Dir(lesson))
		must(t, os.MkdirAll(nbDir, 0o755))
		must(t, os.WriteFile(filepath.Join(nbDir, filepath.Base(lesson)), committed, 0o644))
	}
	// A student's server gets only the environment the spawner passes: the
	// course kernel through JUPYTER_PATH (the folder holding kernels/gonb
	// that scripts/setup.sh wrote) and this machine's Go caches, so the
	// first cell is as warm as in the image.
	env := map[string]string{
		"JUPYTER_PATH": filepath.Dir(filepath.Dir(filepath.Dir(kernel.Path))),
		"TMPDIR":       tmp,
		"GOTOOLCHAIN":  "local",
	}
	// Go's settings as this process sees them (a student's HOME hides any
	// `go env -w` file), so a cell reaches the same module proxy.
	for _, name := range []string{"GOCACHE", "GOMODCACHE", "GOPATH", "GOPROXY", "GOSUMDB", "GONOSUMDB", "GOPRIVATE", "GONOPROXY", "GOINSECURE", "GOFLAGS"} {
		if v := goEnv(t, name); v != "" {
			env[name] = v
		}
	}
	for _, name := range []string{"SSL_CERT_FILE", "SSL_CERT_DIR"} {
		if v := os.Getenv(name); v != "" {
			env[name] = v
		}
	}

	hub, err := hubtest.Start(ctx, hubtest.Options{Dir: dir, Users: users, Env: env})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := hub.Stop(); err != nil {
			t.Error(err)
		}
		if left := hub.Processes(); len(left) > 0 {
			t.Errorf("processes left after the hub stopped: %v", left)
		}
		if t.Failed() {
			t.Logf("the hub's log (last lines):\n%s", hub.LogTail(60))
		}
	})
	t.Logf("hub up after %s at %s", time.Since(began).Round(time.Millisecond), hub.URL)

	// The authenticator: a wrong password and a stranger are refused.
	if _, err := hub.Login(ctx, "ada", "not-the-password"); !isStatus(err, 403) {
		t.Errorf("ada with a wrong password: got %v, want HTTP 403", err)
	}
	if _, err := hub.Login(ctx, "mallory", hub.Password); !isStatus(err, 403) {
		t.Errorf("mallory, not on the class list: got %v, want HTTP 403", err)
	}

	students := map[string]*student{}
	for _, u := range users {
		tok, err := hub.Login(ctx, u, hub.Password)
		if err != nil {
			t.Fatal(err)
		}
		students[u] = &student{name: u, token: tok, server: hub.Server(u, tok)}
	}
	ada, linus := students["ada"], students["linus"]

	// Both servers start at once, as when a class logs in.
	spawned := time.Now()
	var wg sync.WaitGroup
	errs := make([]error, len(users))
	for i, u := range users {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = hub.StartServer(ctx, u, students[u].token)
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	t.Logf("both servers ready after %s", time.Since(spawned).Round(time.Millisecond))

	// One student's token opens no door to another's server.
	if _, err := hub.Server("linus", ada.token).Kernels(ctx); !isStatus(err, 403) {
		t.Errorf("ada's token on linus's server: got %v, want HTTP 403", err)
	}

	for _, s := range students {
		openLesson(ctx, t, s)
	}
	// Each server runs one kernel: its own student's.
	for _, s := range students {
		ks, err := s.server.Kernels(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(ks) != 1 || ks[0].ID != s.session.Kernel.ID || ks[0].Name != "gonb" {
			t.Errorf("%s's server runs kernels %+v; want only their gonb kernel %s", s.name, ks, s.session.Kernel.ID)
		}
	}
	usage := map[string]*hubtest.Usage{}
	for _, u := range users {
		pid, err := hub.ServerPID(ctx, u)
		if err != nil {
			t.Fatal(err)
		}
		usage[u] = hubtest.Watch(pid, 250*time.Millisecond)
	}

	// Ada runs the lesson, then a cell that does not compile, then one that
	// never ends.
	adaStart := time.Now()
	adaRun := runLesson(ctx, t, ada, want)
	t.Logf("ada ran lesson 01 (9 cells) in %s", time.Since(adaStart).Round(time.Millisecond))
	sameAsCommitted(t, root, "ada", committed, want, adaRun)

	uncompiled := execute(ctx, t, ada, "%%\nfmt.Println(notDeclared)")
	if uncompiled.Status != "error" || !strings.Contains(outputText(uncompiled), "undefined: notDeclared") {
		t.Errorf("ada's broken cell: status %q, outputs %q; want an error naming undefined: notDeclared", uncompiled.Status, outputText(uncompiled))
	}

	loop, err := ada.ch.Send(ctx, "%%\nfmt.Println(\"spinning\")\nfor {\n}")
	if err != nil {
		t.Fatal(err)
	}
	waitFor(ctx, t, "ada's runaway cell to start", func() bool {
		return strings.Contains(outputsText(loop.Output()), "spinning")
	})
	// Linus runs the lesson's first cells (opening the database, creating
	// the tables) while Ada's loop spins; then the ■ button: the REST
	// interrupt ends her loop, and Linus finishes the lesson.
	linusStart := time.Now()
	linusRun := map[string]jupyterapi.Result{}
	for _, c := range want.CodeCells() {
		linusRun[c.ID] = execute(ctx, t, linus, c.Source)
		if c.ID != "create-tables" {
			continue
		}
		t.Logf("linus ran lesson 01 up to create-tables (%d cells) in %s while ada's runaway cell spun",
			len(linusRun), time.Since(linusStart).Round(time.Millisecond))
		if loop.Finished() {
			t.Fatalf("ada's runaway cell stopped by itself: %q", outputsText(loop.Output()))
		}
		must(t, ada.server.Interrupt(ctx, ada.session.Kernel.ID))
		ictx, icancel := context.WithTimeout(ctx, 30*time.Second)
		interrupted, err := loop.Wait(ictx)
		icancel()
		if err != nil {
			t.Fatalf("ada's runaway cell after the interrupt: %v", err)
		}
		if interrupted.Status == "ok" {
			t.Errorf("ada's interrupted cell replied ok; want error or aborted (outputs %q)", outputText(interrupted))
		}
	}
	sameAsCommitted(t, root, "linus", committed, want, linusRun)
	t.Logf("linus ran lesson 01 (9 cells) in %s", time.Since(linusStart).Round(time.Millisecond))

	// A notebook file that is not a notebook (cut off mid-save, edited by
	// hand) is refused with a clear error; both servers go on.
	broken := "bunbook/broken.ipynb"
	must(t, ada.server.SaveText(ctx, broken, `{"cells": [{"cell_type": "code", "source": "x :=`))
	if _, err := ada.server.Notebook(ctx, broken); !isStatus(err, 400) || !strings.Contains(err.Error(), "Unreadable Notebook") {
		t.Errorf("opening ada's broken notebook: %v; want HTTP 400 Unreadable Notebook", err)
	}
	for _, s := range students {
		if _, err := s.server.Kernels(ctx); err != nil {
			t.Errorf("%s's server after ada's broken notebook: %v", s.name, err)
		}
	}

	// Ada's kernel goes on after the interrupt, with her declarations.
	added := execute(ctx, t, ada, "%%\n"+
		"alan := &Customer{FirstName: \"Alan\", LastName: \"Turing\", Email: \"alan@example.com\"}\n"+
		"must(db.NewInsert().Model(alan).Exec(ctx))\nfmt.Println(\"alan is customer\", alan.CustomerId)")
	if added.Status != "ok" || !strings.Contains(added.Stdout(), "alan is customer 2\n") {
		t.Errorf("ada's cell after the interrupt: status %q, outputs %q; want alan is customer 2", added.Status, outputText(added))
	}

	// Each student's database is their own file, next to their notebook.
	for name, wantCustomers := range map[string]int{"ada": 2, "linus": 1} {
		home := hub.Home(name)
		if n := countCustomers(t, filepath.Join(home, filepath.Dir(lesson), "lesson1.db")); n != wantCustomers {
			t.Errorf("%s's lesson1.db has %d customers, want %d", name, n, wantCustomers)
		}
		if _, err := os.Stat(filepath.Join(home, "lesson1.db")); err == nil {
			t.Errorf("%s has a lesson1.db in the home folder, not next to the notebook", name)
		}
	}

	// Ada saves her notebook (outputs and a note of her own), then her
	// server is killed outright — the server and every process under it, as
	// when a container or its memory limit kills it.
	saved := executedNotebook(t, committed, adaRun)
	saved = withNote(t, saved, "Ada's note: Alan Turing is customer 2.")
	must(t, ada.server.SaveNotebook(ctx, lesson, saved))
	for _, u := range users {
		peak, cpu := usage[u].Stop()
		t.Logf("%s's server while running lesson 01 (server, kernel, go build, cell programs): peak RSS %d MiB, CPU %.1f s",
			u, peak>>20, cpu.Seconds())
	}
	pid, err := hub.ServerPID(ctx, "ada")
	if err != nil {
		t.Fatal(err)
	}
	victims := append([]int{pid}, hubtest.Descendants(pid)...)
	for _, p := range victims {
		_ = syscall.Kill(p, syscall.SIGKILL)
	}
	waitFor(ctx, t, "ada's server processes to die", func() bool {
		for _, p := range victims {
			if alive(p) {
				return false
			}
		}
		return true
	})
	ada.ch.Close()
	t.Logf("killed ada's server: %d processes (server, kernel, …)", len(victims))

	// Linus did not notice: the same kernel answers, with his data only.
	if k, err := linus.server.Kernel(ctx, linus.session.Kernel.ID); err != nil || k.ExecutionState == "dead" {
		t.Errorf("linus's kernel after ada's server died: %+v, %v", k, err)
	}
	linusQuery := execute(ctx, t, linus, cellSource(t, want, "query-models"))
	if n := len(want.CodeCells()) + 1; linusQuery.ExecutionCount != n {
		t.Errorf("linus's query is cell number %d of his kernel, want %d: his kernel restarted", linusQuery.ExecutionCount, n)
	}
	if linusQuery.Status != "ok" || strings.Contains(linusQuery.Stdout(), "Alan") ||
		!strings.Contains(linusQuery.Stdout(), `Customer(CustomerId=1, FirstName="Moshe"`) {
		t.Errorf("linus's query after ada's server died: status %q, outputs %q; want Moshe only", linusQuery.Status, outputText(linusQuery))
	}

	// Ada logs in again: the hub notices the dead server and starts a new
	// one; her saved notebook and her database are there.
	must(t, hub.StartServer(ctx, "ada", ada.token))
	back, err := ada.server.Notebook(ctx, lesson)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(back), "Ada's note: Alan Turing is customer 2.") {
		t.Errorf("ada's saved note is gone after her server was killed: %.300s", back)
	}
	backNb, err := nbrun.ParseNotebook(back)
	if err != nil {
		t.Fatal(err)
	}
	if got := len(backNb.CodeCells()); got != len(want.CodeCells()) {
		t.Errorf("ada's notebook has %d code cells after the restart, want %d", got, len(want.CodeCells()))
	}
	if out := cellByID(t, backNb, "query-models").Stdout(); !strings.Contains(out, `FirstName="Moshe"`) {
		t.Errorf("ada's saved outputs are gone after the restart: query-models printed %q", out)
	}
	openLesson(ctx, t, ada)
	for _, id := range []string{"open-db", "helpers", "models"} {
		if r := execute(ctx, t, ada, cellSource(t, want, id)); r.Status != "ok" {
			t.Fatalf("ada's %s after the restart: %q", id, outputText(r))
		}
	}
	again := execute(ctx, t, ada, cellSource(t, want, "query-models"))
	if !strings.Contains(again.Stdout(), `FirstName="Alan", LastName="Turing"`) {
		t.Errorf("ada's query after the restart: %q; want Alan Turing from her lesson1.db", outputText(again))
	}

	for _, s := range students {
		s.ch.Close()
		if err := s.server.DeleteSession(ctx, s.session.ID); err != nil {
			t.Errorf("close %s's session: %v", s.name, err)
		}
	}
	for _, u := range users {
		if err := hub.StopServer(ctx, u); err != nil {
			t.Error(err)
		}
	}
	t.Logf("hub test body took %s (before the hub stops)", time.Since(began).Round(time.Millisecond))
}

// needHubAndKernel finds JupyterHub and this checkout's gonb kernel (see
// missing) and returns the checkout's root and the kernel's spec.
func needHubAndKernel(t *testing.T, ctx context.Context) (string, *nbrun.KernelSpec) {
	t.Helper()
	if _, err := hubtest.Find(); err != nil {
		missing(t, err)
	}
	root, err := nbrun.FindRoot(".")
	must(t, err)
	j, err := nbrun.FindJupyter(ctx)
	if err != nil {
		missing(t, err)
	}
	kernel, err := nbrun.FindKernel(ctx, j, "gonb")
	if err == nil {
		err = kernel.CheckGoNB(root)
	}
	if err != nil {
		missing(t, err)
	}
	return root, kernel
}

// missing fails the test under CI=true and skips it elsewhere.
func missing(t *testing.T, err error) {
	t.Helper()
	if ci, _ := strconv.ParseBool(os.Getenv("CI")); ci {
		t.Fatalf("CI=true, so the hub test must run, but: %v\n(.ci/run installs jupyterhub with apt-get; scripts/setup.sh installs the kernel)", err)
	}
	t.Skipf("the hub test needs JupyterHub and the gonb kernel: %v", err)
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func goEnv(t *testing.T, name string) string {
	t.Helper()
	out, err := exec.Command("go", "env", name).Output()
	if err != nil {
		t.Fatalf("go env %s: %v", name, err)
	}
	return strings.TrimSpace(string(out))
}

func isStatus(err error, status int) bool {
	var e *jupyterapi.Error
	return errors.As(err, &e) && e.Status == status
}

// openLesson opens the student's lesson 01 with a gonb kernel and connects
// to its channels.
func openLesson(ctx context.Context, t *testing.T, s *student) {
	t.Helper()
	var err error
	s.session, err = s.server.StartSession(ctx, lesson, "gonb")
	if err != nil {
		t.Fatalf("%s opens the lesson: %v", s.name, err)
	}
	s.ch, err = s.server.Connect(ctx, s.session.Kernel.ID)
	if err != nil {
		t.Fatalf("%s connects to the kernel: %v", s.name, err)
	}
}

// execute runs one cell for the student, bounded to 3 minutes.
func execute(ctx context.Context, t *testing.T, s *student, code string) jupyterapi.Result {
	t.Helper()
	cctx, cancel := context.WithTimeout(ctx, 3*time.Minute)
	defer cancel()
	r, err := s.ch.Execute(cctx, code)
	if err != nil {
		t.Fatalf("%s: %v", s.name, err)
	}
	return r
}

// runLesson runs every code cell of the lesson in order, as Run All does.
func runLesson(ctx context.Context, t *testing.T, s *student, nb *nbrun.Notebook) map[string]jupyterapi.Result {
	t.Helper()
	results := map[string]jupyterapi.Result{}
	for _, c := range nb.CodeCells() {
		results[c.ID] = execute(ctx, t, s, c.Source)
	}
	return results
}

// executedNotebook is the committed lesson with the live outputs in its
// cells, as JupyterLab would save it.
func executedNotebook(t *testing.T, committed []byte, results map[string]jupyterapi.Result) json.RawMessage {
	t.Helper()
	var nb map[string]any
	must(t, json.Unmarshal(committed, &nb))
	cells, _ := nb["cells"].([]any)
	for _, c := range cells {
		cell, _ := c.(map[string]any)
		if cell["cell_type"] != "code" {
			continue
		}
		id, _ := cell["id"].(string)
		r, ok := results[id]
		if !ok {
			t.Fatalf("no result for cell %q", id)
		}
		cell["outputs"] = r.NotebookOutputs()
		cell["execution_count"] = r.ExecutionCount
	}
	data, err := json.Marshal(nb)
	must(t, err)
	return data
}

// sameAsCommitted checks one student's live outputs against the committed
// lesson's, normalized as the notebook tests do.
func sameAsCommitted(t *testing.T, root, name string, committed []byte, want *nbrun.Notebook, results map[string]jupyterapi.Result) {
	t.Helper()
	for id, r := range results {
		if r.Status != "ok" {
			t.Errorf("%s's cell %s: status %q: %s", name, id, r.Status, outputText(r))
		}
	}
	norm, err := nbrun.Normalize(executedNotebook(t, committed, results), nbrun.NormalizeOptions{Root: root})
	must(t, err)
	got, err := nbrun.ParseNotebook(norm)
	must(t, err)
	if err := nbrun.SameOutputs(want, got); err != nil {
		t.Errorf("%s's lesson 01 through the hub differs from the committed lesson: %v", name, err)
	}
	// And the facts a teacher would look for, stated plainly.
	if out := cellByID(t, got, "query-models").Stdout(); !strings.Contains(out,
		`Customer(CustomerId=1, FirstName="Moshe", LastName="Cohen", Company=<nil>, Address="Alenbi 99, Tel Aviv", Phone="053-5556789", Email="moshe@cohen.com")`) {
		t.Errorf("%s's query-models printed %q", name, out)
	}
	if html := strings.Join(cellByID(t, got, "query-display").HTML(), ""); !strings.Contains(html, "<td>Moshe</td>") {
		t.Errorf("%s's query-display table has no Moshe: %q", name, html)
	}
}

// withNote appends a markdown cell to a notebook.
func withNote(t *testing.T, nb json.RawMessage, note string) json.RawMessage {
	t.Helper()
	var m map[string]any
	must(t, json.Unmarshal(nb, &m))
	cells, _ := m["cells"].([]any)
	m["cells"] = append(cells, map[string]any{
		"cell_type": "markdown", "id": "student-note", "metadata": map[string]any{}, "source": note,
	})
	data, err := json.Marshal(m)
	must(t, err)
	return data
}

func cellByID(t *testing.T, nb *nbrun.Notebook, id string) nbrun.Cell {
	t.Helper()
	for _, c := range nb.Cells {
		if c.ID == id {
			return c
		}
	}
	t.Fatalf("no cell %q in the lesson", id)
	return nbrun.Cell{}
}

func cellSource(t *testing.T, nb *nbrun.Notebook, id string) string {
	t.Helper()
	return cellByID(t, nb, id).Source
}

func outputText(r jupyterapi.Result) string { return outputsText(r.Outputs) }

func outputsText(outs []nbrun.Output) string {
	var b strings.Builder
	for _, o := range outs {
		b.WriteString(o.String())
		b.WriteString("\n")
	}
	return b.String()
}

// waitFor polls cond every 200 ms for at most 3 minutes (as long as a cell
// may take to compile on a busy machine).
func waitFor(ctx context.Context, t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(3 * time.Minute)
	for !cond() {
		if time.Now().After(deadline) || ctx.Err() != nil {
			t.Fatalf("gave up waiting for %s", what)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

func alive(pid int) bool {
	data, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return false
	}
	s := string(data)
	if i := strings.LastIndexByte(s, ')'); i >= 0 && i+2 < len(s) {
		return s[i+2] != 'Z' && s[i+2] != 'X'
	}
	return true
}

// countCustomers reads a student's lesson1.db from disk.
func countCustomers(t *testing.T, path string) int {
	t.Helper()
	if _, err := os.Stat(path); err != nil {
		t.Errorf("no database: %v", err)
		return -1
	}
	db, err := sql.Open(sqliteshim.ShimName, "file:"+path+"?mode=ro")
	must(t, err)
	defer db.Close()
	var n int
	if err := db.QueryRow(`SELECT count(*) FROM customers`).Scan(&n); err != nil {
		t.Errorf("%s: %v", path, err)
		return -1
	}
	return n
}
