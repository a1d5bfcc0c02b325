package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// bunbook-reset, as a student types it in a terminal: the course's version
// of one lesson is back in ~/bunbook, theirs is kept as a dated copy.
// Under root it runs as a real student user.
func TestBunbookReset(t *testing.T) {
	world, err := os.MkdirTemp("", "lessonsync-reset-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(world) })
	os.Chmod(world, 0o755)
	buildLessonsync(t, world)
	course, home := filepath.Join(world, "course"), filepath.Join(world, "home")
	os.MkdirAll(course, 0o755)
	os.MkdirAll(filepath.Join(home, "bunbook"), 0o755)
	os.WriteFile(filepath.Join(course, "01_create_database.ipynb"), []byte("course version"), 0o644)
	os.WriteFile(filepath.Join(home, "bunbook", "01_create_database.ipynb"), []byte("my version"), 0o644)
	var cred *syscall.Credential
	if os.Geteuid() == 0 {
		uid, gid := student(t)
		chownTree(home, uid, gid)
		cred = &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}
	}
	run := func(args ...string) (string, error) {
		cmd := exec.Command(filepath.Join(world, "bunbook-reset"), args...)
		cmd.Dir = filepath.Join(home, "bunbook")
		cmd.Env = append(os.Environ(), "HOME="+home, "BUNBOOK_LESSONS_SOURCE="+course)
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: cred}
		out, err := cmd.CombinedOutput()
		return string(out), err
	}
	out, err := run("01_create_database.ipynb")
	if err != nil || !strings.Contains(out, "01_create_database.ipynb: the course's version is back; yours is kept as 01_create_database.mine-") {
		t.Fatalf("bunbook-reset: %v\n%s", err, out)
	}
	if got, _ := os.ReadFile(filepath.Join(home, "bunbook", "01_create_database.ipynb")); string(got) != "course version" {
		t.Errorf("the lesson is %q, want the course's version", got)
	}
	copies, _ := filepath.Glob(filepath.Join(home, "bunbook", "01_create_database.mine-*.ipynb"))
	if len(copies) != 1 {
		t.Fatalf("dated copies: %v", copies)
	}
	if got, _ := os.ReadFile(copies[0]); string(got) != "my version" {
		t.Errorf("the dated copy holds %q, want the student's version", got)
	}
	if out, err := run(); err == nil || !strings.Contains(out, "usage: bunbook-reset LESSON") {
		t.Errorf("bunbook-reset without a lesson: %v\n%s", err, out)
	}
	if out, err := run("nope.ipynb"); err == nil || !strings.Contains(out, "the lessons are: 01_create_database.ipynb") {
		t.Errorf("bunbook-reset nope.ipynb: %v\n%s", err, out)
	}
}
