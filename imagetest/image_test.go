//go:build imagetest

// Package imagetest builds the course image (the repository's Dockerfile)
// and checks it the way a student and a hub meet it: inside running
// containers with no network, through the server's API and the gonb kernel.
// `make test-image` runs it; so does `make test` under CI=true.
//
// No registry is reachable here, so the bases are stand-ins made with
// debootstrap (standins_test.go; testdata/standins says what they cover),
// built by a dockerd the test starts and stops itself.
//
// Under CI=true a missing docker, dockerd, debootstrap or root fails the
// test; elsewhere it runs only when BUNBOOK_TEST_IMAGE=1 (make test-image).
package imagetest_test

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/bunbook/bunbook/internal/nbrun"
)

const (
	imageTag = "bunbook" // the tag the hub recipes use
	token    = "bunbook-image-test"
	home     = "/home/jovyan"         // where a hub mounts the student's volume
	lessons  = "/home/jovyan/bunbook" // where the student's lessons land
	course   = "/opt/bunbook"         // the course as shipped
)

// checkedNotebooks are executed in every container, with what their outputs
// must show.
var checkedNotebooks = []struct {
	path string
	want []string
}{
	{"01_create_database.ipynb", []string{"connected: sqlite", "customers after: 1", `Customer(CustomerId=0, FirstName="Ada"`}},
	// chinook.db is already in the home (from the image): no download.
	{"02_reflect_existing_database.ipynb", []string{"ready: " + lessons + "/chinook.db (884736 bytes, sha256 ok", "13 tables:", "Artist: AC/DC"}},
	{"exercises/questions.ipynb", []string{"ready: " + lessons + "/exercises/chinook.db (884736 bytes, sha256 ok", "Q1 not yet answered"}},
	{"exercises/solutions.ipynb", []string{"ready: " + lessons + "/exercises/chinook.db (884736 bytes, sha256 ok", "✅ Q1 correct"}},
}

func TestImage(t *testing.T) {
	if os.Getenv("CI") != "true" && os.Getenv("BUNBOOK_TEST_IMAGE") != "1" {
		t.Skip("the image test builds Docker images (minutes, root): run it with make test-image")
	}
	requireTools(t)
	root, err := nbrun.FindRoot(".")
	if err != nil {
		t.Fatal(err)
	}
	logDir := filepath.Join(root, "build", "image-test")
	if err := os.MkdirAll(logDir, 0o755); err != nil {
		t.Fatal(err)
	}
	var times []string
	start := time.Now()
	d := startDockerd(t)
	st := makeStandins(t, d, logDir)
	from := "built"
	if len(st.FromCache) > 0 {
		from = "from cache: " + strings.Join(st.FromCache, ", ")
	}
	times = append(times, fmt.Sprintf("stand-ins %s (%s)", st.Took.Round(time.Second), from))

	buildStart := time.Now()
	ctx := buildContext(t, root)
	buildLog := filepath.Join(logDir, "image-build.log")
	if err := d.runLogged(40*time.Minute, buildLog, "build", "--network=host", "--force-rm",
		"--build-arg", "GO_IMAGE="+st.Go, "--build-arg", "BASE_IMAGE="+st.Notebook,
		"--build-arg", "CHINOOK_SOURCE=chinook.zip", "-t", imageTag, ctx); err != nil {
		t.Fatalf("docker build: %v\n%s\n(full log: %s)", err, tailFile(buildLog, 60), buildLog)
	}
	size := d.must(t, time.Minute, "image", "inspect", "--format", "{{.Size}}", imageTag)
	var bytes int64
	fmt.Sscan(size, &bytes)
	times = append(times, fmt.Sprintf("image build %s, image %.2f GB", time.Since(buildStart).Round(time.Second), float64(bytes)/1e9))

	checksStart := time.Now()
	t.Run("Contents", func(t *testing.T) { testContents(t, d) })
	t.Run("DockerRun", func(t *testing.T) { testDockerRun(t, d) })
	t.Run("Hub", func(t *testing.T) { testHub(t, d, root) })
	t.Run("BrokenHome", func(t *testing.T) { testBrokenHome(t, d) })
	t.Run("StartedAsRoot", func(t *testing.T) { testStartedAsRoot(t, d) })
	t.Run("SolutionsSwitch", func(t *testing.T) { testSolutionsSwitch(t, d) })
	t.Run("FailingLessonFailsBuild", func(t *testing.T) { testFailingLesson(t, d, root, st, logDir) })
	times = append(times, fmt.Sprintf("checks %s", time.Since(checksStart).Round(time.Second)))

	if ids := d.out(t.Context(), "ps", "-aq"); ids != "" {
		t.Errorf("containers left behind: %s", ids)
	}
	times = append(times, fmt.Sprintf("total %s", time.Since(start).Round(time.Second)))
	summary := "image test: " + strings.Join(times, "; ")
	t.Log(summary)
	_ = os.WriteFile(filepath.Join(logDir, "summary.txt"), []byte(summary+"\n"), 0o644)
}

// buildContext is the repository's files (tracked and new, not ignored) plus
// a copy of the shared chinook.zip, which is never committed.
func buildContext(t *testing.T, root string) string {
	t.Helper()
	ctx := filepath.Join(t.TempDir(), "context")
	script := `set -e; mkdir -p "$2"; cd "$1"; git ls-files -co --exclude-standard -z | xargs -0 tar -c | tar -C "$2" -x`
	if out, err := exec.Command("bash", "-c", script, "-", root, ctx).CombinedOutput(); err != nil {
		t.Fatalf("build context: %v\n%s", err, out)
	}
	zip := filepath.Join(filepath.Dir(root), "shared", "data", "chinook.zip")
	if dir := os.Getenv("BUNBOOK_SHARED_DATA"); dir != "" {
		zip = filepath.Join(dir, "chinook.zip")
	}
	data, err := os.ReadFile(zip)
	if err != nil {
		t.Fatalf("the image builds offline from the shared chinook.zip: %v", err)
	}
	if err := os.WriteFile(filepath.Join(ctx, "chinook.zip"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	return ctx
}

// testContents checks the image's files, bypassing the start script.
func testContents(t *testing.T, d *daemon) {
	script := `
set -u
echo "kernel: $(ls /usr/local/share/jupyter/kernels/gonb/kernel.json)"
echo "user-kernels: $(ls -d $HOME/.local/share/jupyter/kernels 2>/dev/null)"
echo "course-lessons: $(cd /opt/bunbook/notebooks && find . -type f | sort | tr '\n' ' ')"
echo "leftovers: $(find / -xdev \( -name 'lesson1.db' -o -name '*.db-journal' -o -name chinook.zip -o -name .ipynb_checkpoints \) 2>/dev/null | tr '\n' ' ')"
echo "home: $(ls -A $HOME | tr '\n' ' ')"
echo "go: $(command -v go) $(go env GOPATH GOMODCACHE GOCACHE | tr '\n' ' ')"
echo "cache-writable: $(touch /opt/go/cache/probe && echo yes)"
echo "course-writable: $(touch /opt/bunbook/probe 2>/dev/null && echo yes || echo no)"
echo "hook: $(test -x /usr/local/bin/before-notebook.d/50-bunbook-lessons && echo yes)"
echo "id: $(id -u):$(id -g)"
`
	out := d.must(t, 2*time.Minute, "run", "--rm", "--network=none", "--entrypoint", "bash", imageTag, "-c", script)
	t.Log(out)
	want := []string{
		"kernel: /usr/local/share/jupyter/kernels/gonb/kernel.json",
		"user-kernels: \n",
		"course-lessons: ./01_create_database.ipynb ./02_reflect_existing_database.ipynb ./chinook.db ./exercises/chinook.db ./exercises/questions.ipynb ./exercises/solutions.ipynb \n",
		"leftovers: \n",
		"go: /usr/local/go/bin/go /opt/go /opt/go/pkg/mod /opt/go/cache ",
		"cache-writable: yes",
		"course-writable: no",
		"hook: yes",
		"id: 1000:100",
	}
	for _, w := range want {
		if !strings.Contains(out+"\n", w) {
			t.Errorf("image contents: want %q in\n%s", w, out)
		}
	}
	for _, line := range strings.Split(out, "\n") {
		if strings.HasPrefix(line, "home: ") && strings.Contains(line, "bunbook") {
			t.Errorf("the image's home already has the lessons (%s): they must come from the start hook", line)
		}
	}
}

// testDockerRun: `docker run bunbook`, no volume: the server answers, lists
// the system-wide gonb kernel, and the lessons run in the home.
func testDockerRun(t *testing.T, d *daemon) {
	c := startServer(t, d, "bunbook-plain")
	checkKernel(t, c)
	for _, nb := range checkedNotebooks {
		executeNotebook(t, c, nb.path, nb.want)
	}
}

// testHub: an empty folder mounted over /home/jovyan, as a hub mounts a new
// student's volume.
func testHub(t *testing.T, d *daemon, root string) {
	vol := studentHome(t)
	c := startServer(t, d, "bunbook-hub", "-v", vol+":"+home)
	checkKernel(t, c)

	// The course files are in the student's home, byte for byte.
	for _, rel := range []string{"01_create_database.ipynb", "02_reflect_existing_database.ipynb", "chinook.db", "exercises/questions.ipynb", "exercises/solutions.ipynb", "exercises/chinook.db"} {
		got, err := os.ReadFile(filepath.Join(vol, "bunbook", rel))
		if err != nil {
			t.Errorf("course file missing from the student's home: %v", err)
			continue
		}
		want := c.d.must(t, time.Minute, "exec", c.id, "sha256sum", course+"/notebooks/"+rel)
		if !strings.HasPrefix(want, sha256Hex(got)) {
			t.Errorf("%s in the home differs from the course's", rel)
		}
	}

	// The first cell a student runs is warm: measured through the kernel.
	first, warm := cellTimes(t, c, root)
	t.Logf("first cell %s, warm cell %s (ratio %.2f)", first.Round(time.Millisecond), warm.Round(time.Millisecond), float64(first)/float64(warm))
	if first > 2*warm {
		t.Errorf("first cell took %s, more than twice a warm cell (%s): the build cache is not warm for the student", first, warm)
	}

	for _, nb := range checkedNotebooks {
		executeNotebook(t, c, nb.path, nb.want)
	}

	// The student edits a lesson and saves a notebook of their own through
	// the server; then the server is killed (no clean shutdown) and started
	// again: both are kept.
	lesson := filepath.Join(vol, "bunbook", "01_create_database.ipynb")
	edited := appendMarkdownCell(t, lesson, "My notes: foreign keys are checked by SQLite only when enabled.")
	if err := os.WriteFile(lesson, edited, 0o644); err != nil {
		t.Fatal(err)
	}
	mine := `{"cells":[{"cell_type":"markdown","id":"mine","metadata":{},"source":["my own notebook"]}],"metadata":{},"nbformat":4,"nbformat_minor":5}`
	saveThroughServer(t, c, "bunbook/mine.ipynb", mine)
	c.d.must(t, time.Minute, "kill", c.id)
	c.d.must(t, time.Minute, "start", c.id)
	waitServer(t, c)
	if got, _ := os.ReadFile(lesson); string(got) != string(edited) {
		t.Errorf("the student's edited lesson was not kept across a restart")
	}
	if got := c.d.must(t, time.Minute, "exec", c.id, "cat", lessons+"/mine.ipynb"); !strings.Contains(got, "my own notebook") {
		t.Errorf("the notebook saved before the server was killed is gone: %q", got)
	}
	if logs := c.logs(); !strings.Contains(logs, "01_create_database.ipynb: kept your changed copy") {
		t.Errorf("the start hook did not say it kept the student's lesson:\n%s", tail(logs, 30))
	}
	c.remove(t)

	// The teacher ships a new image where lessons 01 and 02 changed (a
	// fixed cell, a new cell): the student's edited 01 gets both merged in,
	// their own cell kept, with a note saying what arrived; the untouched
	// 02 is updated in place. The merged lesson still runs top to bottom.
	v2 := t.TempDir()
	new01 := teacherEdit(t, filepath.Join(root, "notebooks", "01_create_database.ipynb"), "models", "// Fixed in version 2 of the course.\n")
	os.WriteFile(filepath.Join(v2, "01.ipynb"), new01, 0o644)
	new01 = appendMarkdownCell(t, filepath.Join(v2, "01.ipynb"), "New in version 2 of the course.")
	new02 := appendMarkdownCell(t, filepath.Join(root, "notebooks", "02_reflect_existing_database.ipynb"), "New in version 2 of the course.")
	os.WriteFile(filepath.Join(v2, "01.ipynb"), new01, 0o644)
	os.WriteFile(filepath.Join(v2, "02.ipynb"), new02, 0o644)
	c2 := startServer(t, d, "bunbook-hub-v2", "-v", vol+":"+home,
		"-v", filepath.Join(v2, "01.ipynb")+":"+course+"/notebooks/01_create_database.ipynb:ro",
		"-v", filepath.Join(v2, "02.ipynb")+":"+course+"/notebooks/02_reflect_existing_database.ipynb:ro")
	got, _ := os.ReadFile(lesson)
	for _, want := range []string{
		"My notes: foreign keys are checked by SQLite only when enabled.", // the student's cell
		"// Fixed in version 2 of the course.",                            // the teacher's fix
		"New in version 2 of the course.",                                 // the teacher's new cell
		`"id": "bunbook-course-update"`,                                   // the note
	} {
		if !strings.Contains(string(got), want) {
			t.Errorf("the merged lesson 01 lacks %q\n%s", want, tail(c2.logs(), 20))
		}
	}
	if logs := c2.logs(); !strings.Contains(logs, "01_create_database.ipynb: merged the course's changes into your copy: 1 cell updated (`models`); 1 new cell") {
		t.Errorf("the start hook did not say what it merged:\n%s", tail(logs, 20))
	}
	if matches, _ := filepath.Glob(filepath.Join(vol, "bunbook", "*.updated-*")); len(matches) != 0 {
		t.Errorf("side copies written for a mergeable lesson: %v", matches)
	}
	if got, _ := os.ReadFile(filepath.Join(vol, "bunbook", "02_reflect_existing_database.ipynb")); string(got) != string(new02) {
		t.Errorf("the untouched lesson 02 was not updated to the new course version")
	}
	executeNotebook(t, c2, "01_create_database.ipynb", checkedNotebooks[0].want)

	// bunbook-reset, in the student's terminal: the course's version is
	// back, theirs kept as a dated copy.
	out := c2.d.must(t, time.Minute, "exec", "-w", lessons, c2.id, "bunbook-reset", "01_create_database.ipynb")
	if got, _ := os.ReadFile(lesson); string(got) != string(new01) || !strings.Contains(out, "yours is kept as 01_create_database.mine-") {
		t.Errorf("bunbook-reset did not put the course's version back: %s", out)
	}
	if copies, _ := filepath.Glob(filepath.Join(vol, "bunbook", "01_create_database.mine-*.ipynb")); len(copies) != 1 {
		t.Errorf("bunbook-reset kept no dated copy of the student's lesson: %v", copies)
	}
}

// teacherEdit returns the notebook at path with text put before the
// source of cell id, as a teacher's fix.
func teacherEdit(t *testing.T, path, id, text string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var nb map[string]any
	if err := json.Unmarshal(data, &nb); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	found := false
	for _, c := range nb["cells"].([]any) {
		if cell := c.(map[string]any); cell["id"] == id {
			cell["source"] = append([]any{text}, cell["source"].([]any)...)
			found = true
		}
	}
	if !found {
		t.Fatalf("%s has no cell %q", path, id)
	}
	out, err := json.MarshalIndent(nb, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	return append(out, '\n')
}

// testBrokenHome: a student whose home holds a broken notebook (not even
// JSON) where a lesson goes, and a damaged sync record, still gets a
// server; another student's server, running beside it, is not affected.
func testBrokenHome(t *testing.T, d *daemon) {
	good := startServer(t, d, "bunbook-good", "-v", studentHome(t)+":"+home)
	vol := studentHome(t)
	broken := filepath.Join(vol, "bunbook", "01_create_database.ipynb")
	os.MkdirAll(filepath.Dir(broken), 0o755)
	os.WriteFile(broken, []byte("{ this is not a notebook"), 0o644)
	os.WriteFile(filepath.Join(vol, "bunbook", ".bunbook-lessons.json"), []byte("\x00garbage"), 0o644)
	chownR(t, vol)
	bad := startServer(t, d, "bunbook-broken", "-v", vol+":"+home)
	checkKernel(t, bad)
	if got, _ := os.ReadFile(broken); string(got) != "{ this is not a notebook" {
		t.Errorf("the student's broken notebook was replaced: %q", got)
	}
	matches, _ := filepath.Glob(filepath.Join(vol, "bunbook", "01_create_database.updated-*.ipynb"))
	if len(matches) != 1 {
		t.Errorf("want the course's lesson 01 beside the broken one, got %v", matches)
	}
	// Opening the broken notebook is an error for that request only.
	status := bad.d.must(t, time.Minute, "exec", bad.id, "python3", "-c", apiScript, "GET", "/api/contents/bunbook/01_create_database.ipynb")
	t.Logf("GET the broken notebook: %s", tail(status, 1))
	waitServer(t, bad)
	waitServer(t, good)
	executeNotebook(t, good, "01_create_database.ipynb", checkedNotebooks[0].want)
}

// testStartedAsRoot: a spawner that starts the container as root (to set
// NB_UID, grant sudo, …) runs the start hook as root; the lessons it puts
// into the home still belong to the notebook user.
func testStartedAsRoot(t *testing.T, d *daemon) {
	vol := studentHome(t)
	// The student's volume holds a link from ~/bunbook/exercises to the
	// start hooks' folder: the hook, as root, must not write through it.
	os.MkdirAll(filepath.Join(vol, "bunbook"), 0o755)
	os.Symlink("/usr/local/bin/before-notebook.d", filepath.Join(vol, "bunbook", "exercises"))
	chownR(t, vol)
	c := startServer(t, d, "bunbook-root", "--user", "root", "-v", vol+":"+home)
	checkKernel(t, c)
	if hooks := c.d.must(t, time.Minute, "exec", c.id, "ls", "-A", "/usr/local/bin/before-notebook.d"); strings.Contains(hooks, "questions") || strings.Contains(hooks, "chinook") {
		t.Errorf("the start hook wrote through the student's link into the hooks' folder: %q", hooks)
	}
	if logs := c.logs(); !strings.Contains(logs, "exercises is a symbolic link") {
		t.Errorf("the start hook did not name the refused link:\n%s", tail(logs, 20))
	}
	os.Remove(filepath.Join(vol, "bunbook", "exercises"))
	for _, rel := range []string{"bunbook", "bunbook/01_create_database.ipynb", "bunbook/.bunbook-lessons.json"} {
		info, err := os.Stat(filepath.Join(vol, rel))
		if err != nil {
			t.Errorf("%s: %v", rel, err)
			continue
		}
		st := info.Sys().(*syscall.Stat_t)
		if st.Uid != 1000 || st.Gid != 100 {
			t.Errorf("%s is owned by %d:%d, want the notebook user 1000:100", rel, st.Uid, st.Gid)
		}
	}
	if ps := d.must(t, time.Minute, "top", c.id, "-o", "pid,uid,args"); !strings.Contains(ps, " 1000 ") {
		t.Errorf("the server does not run as the notebook user:\n%s", ps)
	}
}

// testFailingLesson: a lesson that fails makes `docker build` fail, naming it.
func testFailingLesson(t *testing.T, d *daemon, root string, st standins, logDir string) {
	ctx := buildContext(t, root)
	nbDir := filepath.Join(ctx, "notebooks")
	os.RemoveAll(nbDir)
	os.MkdirAll(nbDir, 0o755)
	failing := `{"cells":[{"cell_type":"code","execution_count":null,"id":"fails","metadata":{},"outputs":[],"source":["%%\n","panic(\"this lesson fails on purpose\")"]}],` +
		`"metadata":{"kernelspec":{"display_name":"Go (gonb)","language":"go","name":"gonb"},"language_info":{"name":"go"}},"nbformat":4,"nbformat_minor":5}`
	os.WriteFile(filepath.Join(nbDir, "00_fails.ipynb"), []byte(failing), 0o644)
	logPath := filepath.Join(logDir, "failing-lesson-build.log")
	err := d.runLogged(20*time.Minute, logPath, "build", "--network=host", "--force-rm",
		"--build-arg", "GO_IMAGE="+st.Go, "--build-arg", "BASE_IMAGE="+st.Notebook,
		"--build-arg", "CHINOOK_SOURCE=chinook.zip", "-t", "bunbook-failing-lesson", ctx)
	log := tailFile(logPath, 40)
	if err == nil {
		t.Fatalf("docker build succeeded with a failing lesson:\n%s", log)
	}
	if !strings.Contains(log, "00_fails.ipynb") || !strings.Contains(log, "this lesson fails on purpose") {
		t.Errorf("the failed build does not name the failing lesson and its error:\n%s", log)
	}
	if d.imageExists("bunbook-failing-lesson") {
		t.Errorf("an image was tagged despite the failing lesson")
	}
}

// studentHome is a new, empty folder owned by the notebook user, as a hub
// provisions a student's volume.
func studentHome(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	vol := filepath.Join(dir, "home")
	if err := os.Mkdir(vol, 0o755); err != nil {
		t.Fatal(err)
	}
	chownR(t, vol)
	return vol
}

func chownR(t *testing.T, dir string) {
	t.Helper()
	if out, err := exec.Command("chown", "-R", "1000:100", dir).CombinedOutput(); err != nil {
		t.Fatalf("chown %s: %v\n%s", dir, err, out)
	}
}

func appendMarkdownCell(t *testing.T, path, text string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var nb map[string]any
	if err := json.Unmarshal(data, &nb); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	cells, _ := nb["cells"].([]any)
	id := "added-" + sha256Hex([]byte(text))[:8]
	nb["cells"] = append(cells, map[string]any{"cell_type": "markdown", "id": id, "metadata": map[string]any{}, "source": []string{text}})
	out, err := json.MarshalIndent(nb, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	return append(out, '\n')
}
