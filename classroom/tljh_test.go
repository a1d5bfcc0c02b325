package classroom_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/bunbook/bunbook/internal/nbrun"
)

// TestTLJHTwoStudents does on one machine what The Littlest JupyterHub does
// with deploy/tljh/install-course.sh: the course and Go's shared folders
// installed by root (the script itself, --course-only: TLJH's own
// tljh-config steps need TLJH), then two Unix users named as TLJH names
// them (jupyter-<name>), each starting as their server would
// (bunbook-student-start: lessons and the warm build cache) and running
// lesson 01 through the installed students' kernel as themselves. Both
// must succeed; neither may write into the other's home or any shared Go
// folder; the kernel keeps the stripped link. The user environment is a
// folder whose bin/jupyter is Debian's (TLJH's is a venv of its own; the
// kernels folder is the same: <user env>/share/jupyter). ann runs with the
// kernel's go wrapper, bob without it (BUNBOOK_CELL_LEVERS=off: GoNB's go get
// on every cell, which failed every first cell before, when the checksum
// database's folder was in the root-owned GOPATH).
func TestTLJHTwoStudents(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: installs the course and runs lesson 01 twice")
	}
	if os.Geteuid() != 0 {
		missing(t, fmt.Errorf("the TLJH test creates Unix users: it needs root (CI runs as root)"))
	}
	for _, tool := range []string{"useradd", "userdel", "runuser", "setpriv", "git"} {
		if _, err := exec.LookPath(tool); err != nil {
			missing(t, err)
		}
	}
	jupyter, err := exec.LookPath("jupyter")
	if err != nil {
		missing(t, err)
	}
	chinook := os.Getenv("CHINOOK_SOURCE")
	root, err := nbrun.FindRoot(".")
	must(t, err)

	base, err := os.MkdirTemp("", "bunbook-tljh-")
	must(t, err)
	must(t, os.Chmod(base, 0o755))
	t.Cleanup(func() { os.RemoveAll(base) })
	course := filepath.Join(base, "opt", "bunbook")
	goHome := filepath.Join(base, "opt", "go")
	userEnv := filepath.Join(base, "opt", "tljh", "user")
	homes := filepath.Join(base, "home")
	copyCheckout(t, root, course)
	must(t, os.MkdirAll(filepath.Join(userEnv, "bin"), 0o755))
	must(t, os.Symlink(jupyter, filepath.Join(userEnv, "bin", "jupyter")))
	must(t, os.MkdirAll(homes, 0o755))

	// root installs the course, as on a TLJH machine.
	goroot := goEnv(t, "GOROOT")
	install := exec.Command("bash", filepath.Join(course, "deploy", "tljh", "install-course.sh"), "--course-only")
	install.Env = append(os.Environ(),
		"BUNBOOK_COURSE="+course, "BUNBOOK_GO_HOME="+goHome, "GO_ROOT="+goroot, "TLJH_USER_ENV="+userEnv,
		// Modules from this machine's cache, not the internet.
		"GOPROXY=file://"+goEnv(t, "GOMODCACHE")+"/cache/download,"+goEnv(t, "GOPROXY"),
		"JUPYTER_DATA_DIR=", "BUNBOOK_BIN=", "GOFLAGS=")
	began := time.Now()
	if out, err := install.CombinedOutput(); err != nil {
		t.Fatalf("install-course.sh --course-only: %v\n%s", err, out)
	}
	t.Logf("install-course.sh (root, warms the shared build cache): %s", time.Since(began).Round(time.Second))

	spec := readKernelEnv(t, filepath.Join(userEnv, "share", "jupyter", "kernels", "gonb", "kernel.json"))
	same(t, "kernel GOFLAGS (a stripped link)", spec["GOFLAGS"], "-ldflags=-s")
	same(t, "kernel GOMODCACHE", spec["GOMODCACHE"], filepath.Join(goHome, "pkg", "mod"))
	for _, name := range []string{"GOPATH", "GOCACHE"} {
		if v, ok := spec[name]; ok {
			t.Errorf("kernel %s=%q: a student's GOPATH and GOCACHE must be their own (Go's defaults in their home)", name, v)
		}
	}

	ann := newStudent(t, "jupyter-bbann", homes)
	bob := newStudent(t, "jupyter-bbbob", homes)
	path := strings.Join([]string{filepath.Join(goHome, "bin"), filepath.Join(goroot, "bin"), filepath.Join(userEnv, "bin"), "/usr/local/bin", "/usr/bin", "/bin"}, ":")
	for _, s := range []*tljhStudent{ann, bob} {
		env := []string{"HOME=" + s.home, "USER=" + s.name, "LOGNAME=" + s.name, "PATH=" + path,
			"JUPYTER_PATH=" + filepath.Join(userEnv, "share", "jupyter"), "CHINOOK_SOURCE=" + chinook, "LANG=C.UTF-8"}
		if s == bob {
			env = append(env, "BUNBOOK_CELL_LEVERS=off")
		}
		start := s.run(t, env, s.home, 5*time.Minute, filepath.Join(goHome, "bin", "bunbook-student-start"))
		t.Logf("%s: server start (lessons and the warm cache copied) %.1f CPU-s, %s", s.name, start.cpu, start.wall.Round(time.Millisecond))
		lessons := filepath.Join(s.home, "bunbook")
		// nbrun runs from the course (it checks the kernel's go_work);
		// the lesson is the student's copy, executed in its folder.
		lesson := s.run(t, env, course, 20*time.Minute, "nbrun", "run", "-kernel", "gonb", "-html=false",
			"-out", filepath.Join(s.home, "executed"), filepath.Join(lessons, "01_create_database.ipynb"))
		t.Logf("%s: new student, lesson 01 through the gonb kernel: %.1f CPU-s, %s wall (a cold build cache costs ~110 CPU-s)",
			s.name, lesson.cpu, lesson.wall.Round(time.Millisecond))
		if lesson.cpu > 90 {
			t.Errorf("%s: lesson 01 took %.0f CPU-s: the warm build cache was not used", s.name, lesson.cpu)
		}
		executed, err := nbrun.ReadNotebook(filepath.Join(s.home, "executed", "01_create_database.ipynb"))
		must(t, err)
		var outputs int
		for _, c := range executed.Cells {
			if e := c.Error(); e != nil {
				t.Errorf("%s: a cell failed: %v", s.name, e)
			}
			outputs += len(c.Outputs)
		}
		if outputs == 0 {
			t.Errorf("%s: the executed lesson has no outputs", s.name)
		}
		s.owns(t, filepath.Join(lessons, "lesson1.db"))
		s.owns(t, filepath.Join(s.home, ".cache", "go-build", "bunbook-warm"))
	}

	// Nobody writes where they should not.
	for _, pair := range [][2]*tljhStudent{{ann, bob}, {bob, ann}} {
		s, other := pair[0], pair[1]
		for _, dir := range []string{other.home, filepath.Join(other.home, "bunbook"), filepath.Join(other.home, ".cache", "go-build"),
			goHome, filepath.Join(goHome, "bin"), filepath.Join(goHome, "cache"), filepath.Join(goHome, "pkg", "mod"),
			filepath.Join(goHome, "pkg", "mod", "cache", "download"), course,
			filepath.Join(userEnv, "share", "jupyter", "kernels", "gonb")} {
			s.cannotWrite(t, dir)
		}
	}
}

// tljhStudent is one Unix user of the TLJH test.
type tljhStudent struct {
	name, home string
	uid        int
}

func newStudent(t *testing.T, name, homes string) *tljhStudent {
	t.Helper()
	exec.Command("userdel", "-r", "-f", name).Run() // a leftover of an interrupted run
	home := filepath.Join(homes, name)
	if out, err := exec.Command("useradd", "--create-home", "--home-dir", home, "--shell", "/bin/bash", name).CombinedOutput(); err != nil {
		t.Fatalf("useradd %s: %v\n%s", name, err, out)
	}
	t.Cleanup(func() { exec.Command("userdel", "-r", "-f", name).Run() })
	u, err := user.Lookup(name)
	must(t, err)
	uid, _ := strconv.Atoi(u.Uid)
	return &tljhStudent{name: name, home: home, uid: uid}
}

type usage struct {
	cpu  float64
	wall time.Duration
}

// run runs a command as the student (runuser, a clean environment) and
// returns the CPU it and everything it waited for used.
func (s *tljhStudent) run(t *testing.T, env []string, dir string, limit time.Duration, args ...string) usage {
	t.Helper()
	cmd := exec.Command("timeout", append([]string{strconv.Itoa(int(limit.Seconds())), "runuser", "-u", s.name, "--", "env", "-i"}, append(env, args...)...)...)
	cmd.Dir = dir
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	began := time.Now()
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s: %s: %v\n%s", s.name, strings.Join(args, " "), err, out.String())
	}
	ps := cmd.ProcessState
	return usage{cpu: (ps.UserTime() + ps.SystemTime()).Seconds(), wall: time.Since(began)}
}

// owns checks that path exists and belongs to the student.
func (s *tljhStudent) owns(t *testing.T, path string) {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Errorf("%s: %v", s.name, err)
		return
	}
	if uid := int(fi.Sys().(*syscall.Stat_t).Uid); uid != s.uid {
		t.Errorf("%s: %s belongs to uid %d, not the student (%d)", s.name, path, uid, s.uid)
	}
}

// cannotWrite checks that the student can create nothing in dir.
func (s *tljhStudent) cannotWrite(t *testing.T, dir string) {
	t.Helper()
	probe := filepath.Join(dir, "written-by-"+s.name)
	out, err := exec.Command("runuser", "-u", s.name, "--", "touch", probe).CombinedOutput()
	if err == nil {
		os.Remove(probe)
		t.Errorf("%s could write into %s", s.name, dir)
	} else if !strings.Contains(string(out), "ermission denied") {
		t.Errorf("%s: touch %s failed, but not for want of permission: %s", s.name, probe, out)
	}
}

// copyCheckout copies the checkout's files (tracked and untracked, not
// ignored) to dir: the course as `git clone` would put it, with this
// checkout's uncommitted changes.
func copyCheckout(t *testing.T, root, dir string) {
	t.Helper()
	out, err := exec.Command("git", "-C", root, "ls-files", "-z", "--cached", "--others", "--exclude-standard").Output()
	must(t, err)
	for _, rel := range strings.Split(strings.TrimRight(string(out), "\x00"), "\x00") {
		src := filepath.Join(root, rel)
		fi, err := os.Lstat(src)
		if err != nil || !fi.Mode().IsRegular() {
			continue // deleted in the checkout, or a symlink
		}
		dst := filepath.Join(dir, rel)
		must(t, os.MkdirAll(filepath.Dir(dst), 0o755))
		b, err := os.ReadFile(src)
		must(t, err)
		must(t, os.WriteFile(dst, b, fi.Mode().Perm()|0o444))
	}
	must(t, filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.IsDir() {
			err = os.Chmod(p, 0o755)
		}
		return err
	}))
}

func readKernelEnv(t *testing.T, path string) map[string]string {
	t.Helper()
	b, err := os.ReadFile(path)
	must(t, err)
	var spec struct{ Env map[string]string }
	must(t, json.Unmarshal(b, &spec))
	return spec.Env
}
