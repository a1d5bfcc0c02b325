//go:build imagetest

package imagetest_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"
)

// dockerBin is Debian's docker client, by full path: another docker CLI may
// come first on PATH.
const dockerBin = "/usr/bin/docker"

// daemon is a dockerd this test started, with its own socket, data root and
// exec root, changing no network setting of the machine.
type daemon struct {
	host string // DOCKER_HOST
	dir  string
	cmd  *exec.Cmd
	log  string
}

// startDockerd starts a private dockerd and stops it when the test ends,
// after removing every container it ran. With BUNBOOK_DOCKER_DIR set, the
// data root lives there and survives (a maintainer's layer cache between
// runs); otherwise everything is in a temporary folder, removed afterwards.
func startDockerd(t *testing.T) *daemon {
	t.Helper()
	dir := os.Getenv("BUNBOOK_DOCKER_DIR")
	keep := dir != ""
	if !keep {
		var err error
		// Short path: the exec root holds unix sockets (108-byte limit).
		if dir, err = os.MkdirTemp("", "bbdocker"); err != nil {
			t.Fatal(err)
		}
	}
	d := &daemon{dir: dir, host: "unix://" + filepath.Join(dir, "docker.sock"), log: filepath.Join(dir, "dockerd.log")}
	logf, err := os.Create(d.log)
	if err != nil {
		t.Fatal(err)
	}
	d.cmd = exec.Command("nice", "dockerd",
		"--host", d.host,
		"--data-root", filepath.Join(dir, "data"),
		"--exec-root", filepath.Join(dir, "exec"),
		"--pidfile", filepath.Join(dir, "dockerd.pid"),
		"--iptables=false", "--ip6tables=false", "--ip-forward=false", "--ip-masq=false", "--bridge=none")
	d.cmd.Stdout, d.cmd.Stderr = logf, logf
	d.cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := d.cmd.Start(); err != nil {
		t.Fatalf("start dockerd: %v", err)
	}
	t.Cleanup(func() {
		if ids := strings.Fields(d.out(context.Background(), "ps", "-aq")); len(ids) > 0 {
			d.out(context.Background(), append([]string{"rm", "-f", "-v"}, ids...)...)
		}
		_ = d.cmd.Process.Signal(syscall.SIGTERM)
		done := make(chan struct{})
		go func() { _ = d.cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(60 * time.Second):
			_ = syscall.Kill(-d.cmd.Process.Pid, syscall.SIGKILL)
			<-done
		}
		logf.Close()
		// dockerd leaves its network namespace bind-mounted in the exec root.
		unmountUnder(dir)
		if !keep {
			if err := os.RemoveAll(dir); err != nil {
				t.Logf("remove dockerd's folder: %v", err)
			}
		}
	})
	deadline := time.Now().Add(90 * time.Second)
	for {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		_, err := d.run(ctx, nil, "version")
		cancel()
		if err == nil {
			return d
		}
		if time.Now().After(deadline) || d.cmd.ProcessState != nil {
			t.Fatalf("dockerd did not answer within 90 s: %v\n%s", err, tailFile(d.log, 30))
		}
		time.Sleep(time.Second)
	}
}

// unmountUnder detaches every mount below dir, deepest first.
func unmountUnder(dir string) {
	data, err := os.ReadFile("/proc/self/mounts")
	if err != nil {
		return
	}
	var points []string
	for _, line := range strings.Split(string(data), "\n") {
		if f := strings.Fields(line); len(f) > 1 && strings.HasPrefix(f[1], dir+"/") {
			points = append(points, f[1])
		}
	}
	slices.SortFunc(points, func(a, b string) int { return len(b) - len(a) })
	for _, p := range points {
		_ = syscall.Unmount(p, syscall.MNT_DETACH)
	}
}

// run runs the docker client with stdin (may be nil) and returns its
// combined output.
func (d *daemon) run(ctx context.Context, stdin []byte, args ...string) (string, error) {
	cmd := exec.CommandContext(ctx, dockerBin, args...)
	cmd.Env = append(os.Environ(), "DOCKER_HOST="+d.host, "DOCKER_BUILDKIT=0")
	if stdin != nil {
		cmd.Stdin = bytes.NewReader(stdin)
	}
	out, err := cmd.CombinedOutput()
	if err != nil {
		return string(out), fmt.Errorf("docker %s: %w\n%s", strings.Join(args, " "), err, tail(string(out), 40))
	}
	return string(out), nil
}

// out is run for calls whose failure is not the point: it returns the
// output, trimmed, and "" on failure.
func (d *daemon) out(ctx context.Context, args ...string) string {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	s, err := d.run(ctx, nil, args...)
	if err != nil {
		return ""
	}
	return strings.TrimSpace(s)
}

// must runs docker and fails the test when it fails.
func (d *daemon) must(t *testing.T, timeout time.Duration, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	out, err := d.run(ctx, nil, args...)
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimSpace(out)
}

// runLogged runs docker with its output going to logPath (a long build),
// failing after timeout.
func (d *daemon) runLogged(timeout time.Duration, logPath string, args ...string) error {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	f, err := os.Create(logPath)
	if err != nil {
		return err
	}
	defer f.Close()
	cmd := exec.CommandContext(ctx, "nice", append([]string{dockerBin}, args...)...)
	cmd.Env = append(os.Environ(), "DOCKER_HOST="+d.host, "DOCKER_BUILDKIT=0")
	cmd.Stdout, cmd.Stderr = f, f
	err = cmd.Run()
	if ctx.Err() != nil {
		return fmt.Errorf("docker %s: no result within %s", args[0], timeout)
	}
	return err
}

func (d *daemon) imageExists(ref string) bool {
	return d.out(context.Background(), "image", "inspect", "--format", "{{.Id}}", ref) != ""
}

func tail(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

func tailFile(path string, n int) string {
	data, err := os.ReadFile(path)
	if err != nil {
		return err.Error()
	}
	return tail(string(data), n)
}

// requireTools fails (under CI=true) or skips the test when a tool it
// needs is missing.
func requireTools(t *testing.T) {
	t.Helper()
	var missing []string
	for _, tool := range []string{dockerBin, "dockerd", "debootstrap", "nice"} {
		if _, err := exec.LookPath(tool); err != nil {
			missing = append(missing, tool)
		}
	}
	var problems []string
	if len(missing) > 0 {
		problems = append(problems, fmt.Sprintf("missing %s (Debian: apt-get install docker.io debootstrap)", strings.Join(missing, ", ")))
	}
	if os.Geteuid() != 0 {
		problems = append(problems, "dockerd and debootstrap need root (CI runs as root; locally: sudo -E make test-image)")
	}
	if len(problems) == 0 {
		return
	}
	msg := "image test: " + strings.Join(problems, "; ")
	if os.Getenv("CI") == "true" {
		t.Fatal(msg)
	}
	t.Skip(msg)
}
