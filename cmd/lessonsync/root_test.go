package main

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
)

// needRoot skips a test that needs root, except under CI=true (CI runs as
// root), where it fails.
func needRoot(t *testing.T) {
	t.Helper()
	if os.Geteuid() != 0 {
		if os.Getenv("CI") == "true" {
			t.Fatal("this test needs root (CI runs as root)")
		}
		t.Skip("needs root: it starts lessonsync as root, as the image's start hook does")
	}
}

// buildLessonsync builds the command into dir, with its bunbook-reset name.
func buildLessonsync(t *testing.T, dir string) string {
	t.Helper()
	bin := filepath.Join(dir, "lessonsync")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	if err := os.Symlink("lessonsync", filepath.Join(dir, "bunbook-reset")); err != nil {
		t.Fatal(err)
	}
	return bin
}

// student creates a real unprivileged user for the test (removed after).
func student(t *testing.T) (uid, gid int) {
	t.Helper()
	name := fmt.Sprintf("bbsync%d", rand.IntN(1_000_000))
	if out, err := exec.Command("useradd", "--system", "--no-create-home", "--user-group", "--shell", "/usr/sbin/nologin", name).CombinedOutput(); err != nil {
		t.Fatalf("useradd (package passwd): %v\n%s", err, out)
	}
	t.Cleanup(func() { exec.Command("userdel", name).Run() })
	u, err := user.Lookup(name)
	if err != nil {
		t.Fatal(err)
	}
	uid, _ = strconv.Atoi(u.Uid)
	gid, _ = strconv.Atoi(u.Gid)
	return uid, gid
}

// snapshot is every entry under dir, links not followed: type, mode,
// owner and content.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	snap := map[string]string{}
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		fi, err := os.Lstat(p)
		if err != nil {
			return nil
		}
		st := fi.Sys().(*syscall.Stat_t)
		v := fmt.Sprintf("%v %d:%d", fi.Mode(), st.Uid, st.Gid)
		if fi.Mode().IsRegular() {
			data, _ := os.ReadFile(p)
			h := sha256.Sum256(data)
			v += " " + hex.EncodeToString(h[:8])
		}
		if fi.Mode()&fs.ModeSymlink != 0 {
			target, _ := os.Readlink(p)
			v += " -> " + target
		}
		snap[p] = v
		return nil
	})
	return snap
}

func sum(data []byte) string {
	h := sha256.Sum256(data)
	return hex.EncodeToString(h[:])
}

// Started as root with -owner, as the image's start hook runs it when the
// container starts as root, in homes a student made hostile: nothing
// outside the home is written, nothing of root's changes, and what is
// created is the student's.
func TestRootStartInHostileHomes(t *testing.T) {
	needRoot(t)
	// Not t.TempDir: its parent is root's alone, and the student must be
	// able to reach the course and their home.
	world, err := os.MkdirTemp("", "lessonsync-root-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(world) })
	os.Chmod(world, 0o755)
	bin := buildLessonsync(t, world)
	uid, gid := student(t)
	owner := fmt.Sprintf("%d:%d", uid, gid)

	course := filepath.Join(world, "course")
	lesson, err := os.ReadFile("../../notebooks/01_create_database.ipynb")
	if err != nil {
		t.Fatal(err)
	}
	questions, _ := os.ReadFile("../../notebooks/exercises/questions.ipynb")
	os.MkdirAll(filepath.Join(course, "exercises"), 0o755)
	os.WriteFile(filepath.Join(course, "01_create_database.ipynb"), lesson, 0o644)
	os.WriteFile(filepath.Join(course, "exercises", "questions.ipynb"), questions, 0o644)

	secret := []byte("root's secret config\n")
	forged := func(rel string) string {
		s := sum(secret)
		return fmt.Sprintf(`{"files":{%q:{"course":%q,"home":%q}},"delivered":{%q:%q}}`, rel, s, s, rel, s)
	}
	for _, tc := range []struct {
		name, want string // want: what lessonsync says
		// plant makes the hostile home (as the student would, then root
		// for what only root can plant) and returns the lessons folder.
		plant func(home, rootonly string) string
	}{
		{"exercises links to a root-only folder", "exercises is a symbolic link", func(home, rootonly string) string {
			os.Mkdir(filepath.Join(home, "bunbook"), 0o755)
			os.Symlink(rootonly, filepath.Join(home, "bunbook", "exercises"))
			chownTree(home, uid, gid)
			return filepath.Join(home, "bunbook")
		}},
		{"forged record and a folder link", "exercises is a symbolic link", func(home, rootonly string) string {
			os.Mkdir(filepath.Join(home, "bunbook"), 0o755)
			os.Symlink(rootonly, filepath.Join(home, "bunbook", "exercises"))
			os.WriteFile(filepath.Join(home, "bunbook", ".bunbook-lessons.json"), []byte(forged("exercises/questions.ipynb")), 0o644)
			chownTree(home, uid, gid)
			return filepath.Join(home, "bunbook")
		}},
		{"forged record and a file link", "01_create_database.ipynb is a symbolic link", func(home, rootonly string) string {
			os.Mkdir(filepath.Join(home, "bunbook"), 0o755)
			os.Symlink(filepath.Join(rootonly, "questions.ipynb"), filepath.Join(home, "bunbook", "01_create_database.ipynb"))
			os.WriteFile(filepath.Join(home, "bunbook", ".bunbook-lessons.json"), []byte(forged("01_create_database.ipynb")), 0o644)
			chownTree(home, uid, gid)
			return filepath.Join(home, "bunbook")
		}},
		{"the lessons folder links to a root-only folder", "bunbook is a symbolic link", func(home, rootonly string) string {
			os.Symlink(rootonly, filepath.Join(home, "bunbook"))
			return filepath.Join(home, "bunbook")
		}},
		{"the home itself is a link", "permission denied", func(home, rootonly string) string {
			link := home + "-link"
			os.Symlink(rootonly, link)
			return filepath.Join(link, "bunbook")
		}},
		{"a root-owned file where a lesson goes, with a forged record", "01_create_database.ipynb belongs to uid 0", func(home, rootonly string) string {
			os.MkdirAll(filepath.Join(home, "bunbook"), 0o755)
			os.WriteFile(filepath.Join(home, "bunbook", ".bunbook-lessons.json"), []byte(forged("01_create_database.ipynb")), 0o644)
			chownTree(home, uid, gid)
			os.WriteFile(filepath.Join(home, "bunbook", "01_create_database.ipynb"), secret, 0o644) // root's
			return filepath.Join(home, "bunbook")
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := filepath.Join(world, strings.ReplaceAll(tc.name, " ", "-"))
			home, rootonly := filepath.Join(dir, "home"), filepath.Join(dir, "rootonly")
			os.MkdirAll(home, 0o755)
			os.Mkdir(rootonly, 0o700)
			os.WriteFile(filepath.Join(rootonly, "questions.ipynb"), secret, 0o600)
			chownTree(home, uid, gid)
			to := tc.plant(home, rootonly)
			before, rootBefore := snapshot(t, dir), snapshot(t, rootonly)
			out, err := exec.Command(bin, "-from", course, "-to", to, "-owner", owner).CombinedOutput()
			t.Logf("lessonsync: %v\n%s", err, out)
			if after := snapshot(t, rootonly); fmt.Sprint(after) != fmt.Sprint(rootBefore) {
				t.Errorf("the root-only folder changed:\nbefore %v\nafter  %v", rootBefore, after)
			}
			after := snapshot(t, dir)
			for p, v := range before {
				if strings.Contains(v, " 0:0") && after[p] != v {
					t.Errorf("root's %s changed: %s → %s", p, v, after[p])
				}
			}
			for p, v := range after {
				if _, old := before[p]; !old && !strings.Contains(v, fmt.Sprintf(" %d:%d", uid, gid)) {
					t.Errorf("%s was created, not as the student: %s", p, v)
				}
			}
			if err == nil || !strings.Contains(string(out), tc.want) {
				t.Errorf("lessonsync: %v, want it to fail saying %q", err, tc.want)
			}
		})
	}

	// A plain home: everything arrives, owned by the student, written as
	// the student (lessonsync has no chown: the files are theirs because
	// it ran as them).
	t.Run("a plain home", func(t *testing.T) {
		home := filepath.Join(world, "plain")
		os.Mkdir(home, 0o755)
		chownTree(home, uid, gid)
		out, err := exec.Command(bin, "-from", course, "-to", filepath.Join(home, "bunbook"), "-owner", owner).CombinedOutput()
		if err != nil {
			t.Fatalf("lessonsync: %v\n%s", err, out)
		}
		n := 0
		for p, v := range snapshot(t, home) {
			if p != home && !strings.Contains(v, fmt.Sprintf(" %d:%d", uid, gid)) {
				t.Errorf("%s: %s, want the student's", p, v)
			}
			n++
		}
		if n != 6 { // home, bunbook, the record, 01, exercises, questions
			t.Errorf("%d entries in the home, want 6:\n%s", n, out)
		}
	})

	// Root without -owner, or with root's ids, is refused before anything.
	for _, args := range [][]string{{}, {"-owner", "0:0"}} {
		to := filepath.Join(world, "refused", "bunbook")
		cmd := exec.Command(bin, append([]string{"-from", course, "-to", to}, args...)...)
		out, err := cmd.CombinedOutput()
		if cmd.ProcessState.ExitCode() != 2 || !strings.Contains(string(out), "-owner") {
			t.Errorf("lessonsync %v as root: %v\n%s", args, err, out)
		}
		if _, err := os.Stat(to); err == nil {
			t.Errorf("lessonsync %v as root created %s", args, to)
		}
	}
}

func chownTree(dir string, uid, gid int) {
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil {
			os.Lchown(p, uid, gid)
		}
		return nil
	})
}
