//go:build imagetest

package imagetest_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/bunbook/bunbook/internal/nbrun"
)

// server is a running container of the image, started with the image's own
// entrypoint and command and no network.
type server struct {
	d  *daemon
	id string
}

func startServer(t *testing.T, d *daemon, name string, args ...string) *server {
	t.Helper()
	run := append([]string{"run", "-d", "--network=none", "--name", name, "-e", "JUPYTER_TOKEN=" + token}, args...)
	id := d.must(t, 2*time.Minute, append(run, imageTag)...)
	c := &server{d: d, id: id}
	t.Cleanup(func() { c.remove(t) })
	waitServer(t, c)
	return c
}

// remove removes the container (also from a Cleanup, where the test's own
// context is already canceled).
func (c *server) remove(t *testing.T) {
	c.d.out(context.Background(), "rm", "-f", "-v", c.id)
}

func (c *server) logs() string {
	return c.d.out(context.Background(), "logs", c.id)
}

func contextTimeout(d time.Duration) (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.Background(), d)
}

// apiScript calls the server's REST API from inside the container (loopback
// works under --network=none): python3 - METHOD PATH [BODY]; prints the
// status and the body.
const apiScript = `
import os, sys, urllib.request, urllib.error
method, path = sys.argv[1], sys.argv[2]
body = sys.argv[3].encode() if len(sys.argv) > 3 else None
req = urllib.request.Request("http://127.0.0.1:8888" + path, data=body, method=method,
    headers={"Authorization": "token " + os.environ["JUPYTER_TOKEN"], "Content-Type": "application/json"})
try:
    with urllib.request.urlopen(req, timeout=20) as r:
        print(r.status); print(r.read().decode())
except urllib.error.HTTPError as e:
    print(e.code); print(e.read().decode())
`

// api calls the server and returns the status and body.
func (c *server) api(t *testing.T, method, p string, body ...string) (int, string, error) {
	args := append([]string{"exec", c.id, "python3", "-c", apiScript, method, p}, body...)
	ctx, cancel := contextTimeout(time.Minute)
	defer cancel()
	out, err := c.d.run(ctx, nil, args...)
	if err != nil {
		return 0, "", err
	}
	status, rest, _ := strings.Cut(strings.TrimSpace(out), "\n")
	var code int
	fmt.Sscan(status, &code)
	return code, rest, nil
}

// waitServer waits (bounded) until the server answers its API.
func waitServer(t *testing.T, c *server) {
	t.Helper()
	deadline := time.Now().Add(2 * time.Minute)
	for {
		code, _, err := c.api(t, "GET", "/api/status")
		if err == nil && code == 200 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("the server did not answer within 2 minutes (last: %d %v); its log:\n%s", code, err, tail(c.logs(), 40))
		}
		time.Sleep(time.Second)
	}
}

// checkKernel: the server lists the gonb kernel, installed system-wide and
// working on the course in /opt/bunbook.
func checkKernel(t *testing.T, c *server) {
	t.Helper()
	code, body, err := c.api(t, "GET", "/api/kernelspecs")
	if err != nil || code != 200 {
		t.Fatalf("GET /api/kernelspecs: %d %v\n%s", code, err, body)
	}
	var specs struct {
		Kernelspecs map[string]struct {
			Spec struct {
				Argv []string          `json:"argv"`
				Env  map[string]string `json:"env"`
			} `json:"spec"`
		} `json:"kernelspecs"`
	}
	if err := json.Unmarshal([]byte(body), &specs); err != nil {
		t.Fatalf("kernelspecs: %v\n%s", err, body)
	}
	gonb, ok := specs.Kernelspecs["gonb"]
	if !ok {
		t.Fatalf("the server lists no gonb kernel: %s", body)
	}
	argv := strings.Join(gonb.Spec.Argv, " ")
	if !strings.HasPrefix(argv, "/opt/go/bin/gonb ") || !strings.Contains(argv, "-go_work="+course) {
		t.Errorf("gonb kernel argv = %q, want /opt/go/bin/gonb … -go_work=%s", argv, course)
	}
	// Where Jupyter finds it (jupyter_client's own lookup, as the server's).
	where := c.d.must(t, time.Minute, "exec", c.id, "python3", "-c",
		"from jupyter_client.kernelspec import KernelSpecManager as M; print(M().find_kernel_specs()['gonb'])")
	if where != "/usr/local/share/jupyter/kernels/gonb" {
		t.Errorf("the gonb kernel is not the system-wide one:\n%s", where)
	}
}

// executeNotebook runs a lesson of the student's home through the gonb
// kernel (nbconvert, in the lesson's folder, like a student running all
// cells) and checks it has no error output, nothing on stderr, and shows
// want.
func executeNotebook(t *testing.T, c *server, rel string, want []string) *nbrun.Notebook {
	t.Helper()
	dir, name := path.Split(path.Join(lessons, rel))
	base := strings.ReplaceAll(strings.TrimSuffix(rel, ".ipynb"), "/", "_")
	start := time.Now()
	ctx, cancel := contextTimeout(20 * time.Minute)
	defer cancel()
	logs, err := c.d.run(ctx, nil, "exec", "-w", dir, c.id,
		"jupyter", "nbconvert", "--to", "notebook", "--execute", "--allow-errors",
		"--ExecutePreprocessor.timeout=600", "--output-dir", "/tmp/executed", "--output", base, name)
	if err != nil {
		t.Fatalf("execute %s: %v", rel, err)
	}
	data := c.d.must(t, time.Minute, "exec", c.id, "cat", "/tmp/executed/"+base+".ipynb")
	nb, err := nbrun.ParseNotebook([]byte(data))
	if err != nil {
		t.Fatalf("executed %s: %v\n%s", rel, err, tail(logs, 20))
	}
	t.Logf("%s ran in %s", rel, time.Since(start).Round(100*time.Millisecond))
	for _, cell := range nb.Errors() {
		t.Errorf("%s cell %d failed: %s", rel, cell.Index, cell.Error())
	}
	if s := nb.Stderr(); s != "" {
		t.Errorf("%s wrote to stderr:\n%s", rel, tail(s, 20))
	}
	text := nb.Stdout() + strings.Join(nb.HTML(), "\n")
	for _, cell := range nb.Cells {
		for _, o := range cell.Outputs {
			text += o.Data["text/plain"]
		}
	}
	for _, w := range want {
		if !strings.Contains(text, w) {
			t.Errorf("%s: outputs lack %q", rel, w)
		}
	}
	return nb
}

// cellTimes measures, through the kernel, lesson 01's first code cell in a
// fresh kernel (what a student runs first) and then three warm cells: the
// same cell's body, each printing something else so that each compiles and
// links a new program importing Bun, SQLite and the helpers. Jupyter's
// timing metadata from GoNB has whole seconds only, so a `!date` cell
// between the cells stamps nanoseconds. It returns the first cell's time
// and the median warm cell's.
func cellTimes(t *testing.T, c *server, root string) (first, warm time.Duration) {
	t.Helper()
	lesson, err := nbrun.ReadNotebook(filepath.Join(root, "notebooks", "01_create_database.ipynb"))
	if err != nil {
		t.Fatal(err)
	}
	src := lesson.CodeCells()[0].Source
	_, body, ok := strings.Cut(src, "\n%%\n")
	if !ok {
		t.Fatalf("lesson 01's first code cell has no %%%% main part:\n%s", src)
	}
	var cells []any
	cell := func(id, s string) {
		cells = append(cells, map[string]any{"cell_type": "code", "id": id, "metadata": map[string]any{}, "outputs": []any{}, "execution_count": nil, "source": s})
	}
	stamp := 0
	clock := func() { cell(fmt.Sprintf("clock%d", stamp), "!date +%s.%N"); stamp++ }
	clock()
	cell("first", src)
	clock()
	for i := range 3 {
		cell(fmt.Sprintf("warm%d", i), fmt.Sprintf("%%%%\n%s\nfmt.Println(\"warm cell %d\")", body, i))
		clock()
	}
	probe, _ := json.Marshal(map[string]any{
		"cells":    cells,
		"metadata": map[string]any{"kernelspec": map[string]any{"name": "gonb", "display_name": "Go (gonb)", "language": "go"}},
		"nbformat": 4, "nbformat_minor": 5,
	})
	ctx, cancel := contextTimeout(10 * time.Minute)
	defer cancel()
	if _, err := c.d.run(ctx, probe, "exec", "-i", c.id, "sh", "-c", "mkdir -p /tmp/probe && cat > /tmp/probe/probe.ipynb"); err != nil {
		t.Fatal(err)
	}
	if _, err := c.d.run(ctx, nil, "exec", "-w", "/tmp/probe", c.id, "jupyter", "nbconvert", "--to", "notebook", "--execute",
		"--output-dir", "/tmp/probe", "--output", "out", "probe.ipynb"); err != nil {
		t.Fatal(err)
	}
	nb, err := nbrun.ParseNotebook([]byte(c.d.must(t, time.Minute, "exec", c.id, "cat", "/tmp/probe/out.ipynb")))
	if err != nil {
		t.Fatal(err)
	}
	var stamps []time.Time
	for _, cell := range nb.Cells {
		if cell.Error() != nil {
			t.Fatalf("probe cell %s failed: %s", cell.ID, cell.Error())
		}
		if !strings.HasPrefix(cell.ID, "clock") {
			continue
		}
		var sec, nsec int64
		if _, err := fmt.Sscanf(strings.TrimSpace(cell.Stdout()), "%d.%d", &sec, &nsec); err != nil {
			t.Fatalf("probe clock cell printed %q: %v", cell.Stdout(), err)
		}
		stamps = append(stamps, time.Unix(sec, nsec))
	}
	if len(stamps) != 5 {
		t.Fatalf("probe: %d clock stamps, want 5", len(stamps))
	}
	w := []time.Duration{stamps[2].Sub(stamps[1]), stamps[3].Sub(stamps[2]), stamps[4].Sub(stamps[3])}
	slices.Sort(w)
	t.Logf("warm cells: %v", w)
	return stamps[1].Sub(stamps[0]), w[1]
}

func sha256Hex(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}

// saveThroughServer saves a notebook with the server's contents API, as
// JupyterLab does when the student presses save.
func saveThroughServer(t *testing.T, c *server, p, notebookJSON string) {
	t.Helper()
	body := fmt.Sprintf(`{"type":"notebook","format":"json","content":%s}`, notebookJSON)
	code, resp, err := c.api(t, "PUT", "/api/contents/"+p, body)
	if err != nil || (code != 200 && code != 201) {
		t.Fatalf("save %s through the server: %d %v\n%s", p, code, err, resp)
	}
}
