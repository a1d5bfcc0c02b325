package lessonsync

import (
	"os"
	"os/exec"
	"path/filepath"
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
		t.Skip("needs root")
	}
}

func syncErr(t *testing.T, from, to string) *Report {
	t.Helper()
	rep, err := Sync(Options{From: from, To: to})
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

// A link anywhere in the lessons folder is refused, not followed: the
// folder it points to stays as it was.
func TestSyncFollowsNoFolderLink(t *testing.T) {
	from := course(t, map[string]string{"01.ipynb": "v1", "exercises/q.ipynb": "q"})
	to, outside := t.TempDir(), t.TempDir()
	os.Symlink(outside, filepath.Join(to, "exercises"))
	rep := syncErr(t, from, to)
	if got, want := actions(rep), "01.ipynb=added exercises/q.ipynb=failed"; got != want {
		t.Errorf("actions: %s, want %s", got, want)
	}
	if err := rep.Err(); err == nil || !strings.Contains(err.Error(), "exercises is a symbolic link") {
		t.Errorf("Err() = %v, want it to name the link", err)
	}
	if entries, _ := os.ReadDir(outside); len(entries) != 0 {
		t.Errorf("lessonsync wrote through the link: %v", entries)
	}
}

// A lesson that is a link (to a file whose bytes a forged record claims
// were delivered) is neither followed nor replaced.
func TestSyncFollowsNoFileLinkEvenWithForgedRecord(t *testing.T) {
	from := course(t, map[string]string{"01.ipynb": "v2"})
	to, outside := t.TempDir(), t.TempDir()
	target := filepath.Join(outside, "config")
	os.WriteFile(target, []byte("secret config"), 0o600)
	os.Symlink(target, filepath.Join(to, "01.ipynb"))
	s := sha([]byte("secret config"))
	write(t, to, map[string]string{StateFile: `{"files":{"01.ipynb":{"course":"` + s + `","home":"` + s + `"}}}`})
	rep := syncErr(t, from, to)
	if got := actions(rep); got != "01.ipynb=failed" {
		t.Errorf("actions: %s", got)
	}
	if got, _ := os.ReadFile(target); string(got) != "secret config" {
		t.Errorf("the link's target changed: %q", got)
	}
	if fi, _ := os.Lstat(filepath.Join(to, "01.ipynb")); fi.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the link was replaced")
	}
}

// The lessons folder itself a link: nothing is written.
func TestSyncLessonsFolderIsALink(t *testing.T) {
	from := course(t, map[string]string{"01.ipynb": "v1"})
	home, outside := t.TempDir(), t.TempDir()
	os.Symlink(outside, filepath.Join(home, "bunbook"))
	_, err := Sync(Options{From: from, To: filepath.Join(home, "bunbook")})
	if err == nil || !strings.Contains(err.Error(), "symbolic link") {
		t.Errorf("err = %v, want a refusal naming the link", err)
	}
	if entries, _ := os.ReadDir(outside); len(entries) != 0 {
		t.Errorf("lessonsync wrote through the link: %v", entries)
	}
}

// A record cannot make lessonsync replace a file whose bytes it does not
// match: the student's file is kept, the course's version offered beside.
func TestSyncForgedRecordAuthorisesNothing(t *testing.T) {
	from := course(t, map[string]string{"01.ipynb": "v2"})
	to := course(t, map[string]string{"01.ipynb": "my work"})
	v1 := sha([]byte("v1"))
	write(t, to, map[string]string{StateFile: `{"files":{"01.ipynb":{"course":"` + v1 + `","home":"` + v1 + `"}}}`})
	if got := actions(sync(t, from, to)); got != "01.ipynb=offered" {
		t.Errorf("actions: %s", got)
	}
	checkTree(t, to, map[string]string{"01.ipynb": "my work", "01.updated-" + sum8("v2") + ".ipynb": "v2"})
}

// A file or folder that belongs to someone else is left alone, whatever
// the record says.
func TestSyncTouchesOnlyOwnFiles(t *testing.T) {
	needRoot(t)
	from := course(t, map[string]string{"01.ipynb": "v2", "sub/02.ipynb": "v2"})
	to := course(t, map[string]string{"01.ipynb": "v1"})
	os.Mkdir(filepath.Join(to, "sub"), 0o777)
	os.Chown(filepath.Join(to, "01.ipynb"), 65534, 65534)
	os.Chown(filepath.Join(to, "sub"), 65534, 65534)
	v1 := sha([]byte("v1"))
	write(t, to, map[string]string{StateFile: `{"files":{"01.ipynb":{"course":"` + v1 + `","home":"` + v1 + `"}}}`})
	rep := syncErr(t, from, to)
	if got := actions(rep); got != "01.ipynb=failed sub/02.ipynb=failed" {
		t.Errorf("actions: %s", got)
	}
	if err := rep.Err(); err == nil || !strings.Contains(err.Error(), "belongs to uid 65534") {
		t.Errorf("Err() = %v", err)
	}
	checkTree(t, to, map[string]string{"01.ipynb": "v1"})
}

// A named pipe where a lesson goes does not hang the server's start.
func TestSyncFIFOInTheWay(t *testing.T) {
	from := course(t, map[string]string{"01.ipynb": "v1"})
	to := t.TempDir()
	if err := syscall.Mkfifo(filepath.Join(to, "01.ipynb"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got := actions(syncErr(t, from, to)); got != "01.ipynb=failed" {
		t.Errorf("actions: %s", got)
	}
}

// A full disk: the lesson that does not fit fails alone, the student's
// file it would have replaced or merged into stays whole, and no partial
// file is left. A small tmpfs needs root.
func TestSyncFullDisk(t *testing.T) {
	needRoot(t)
	to := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", to).CombinedOutput(); err != nil {
		t.Fatalf("mount tmpfs: %v %s", err, out)
	}
	defer exec.Command("umount", to).Run()
	v1 := lesson01(t)
	from := t.TempDir()
	os.WriteFile(filepath.Join(from, "01.ipynb"), v1.bytes(), 0o644)
	write(t, from, map[string]string{"02.ipynb": "v1", "03.ipynb": "small"})
	sync(t, from, to)
	mine := parseDoc(t, mustRead(t, filepath.Join(to, "01.ipynb")))
	mine.runAll(t, "ran")
	os.WriteFile(filepath.Join(to, "01.ipynb"), mine.bytes(), 0o644)
	// Fill the disk but for a few kilobytes.
	fill := make([]byte, 4096)
	f, _ := os.Create(filepath.Join(to, "filler"))
	for {
		if _, err := f.Write(fill); err != nil {
			break
		}
	}
	f.Close()
	big := strings.Repeat("x", 64<<10)
	v2 := v1.clone()
	v2.edit(t, "models", big)
	os.WriteFile(filepath.Join(from, "01.ipynb"), v2.bytes(), 0o644)
	write(t, from, map[string]string{"02.ipynb": big, "04.ipynb": big})
	rep := syncErr(t, from, to)
	// The record does not fit either: the next start works from the last.
	if got, want := actions(rep), ".bunbook-lessons.json=failed 01.ipynb=failed 02.ipynb=failed 03.ipynb=up to date 04.ipynb=failed"; got != want {
		t.Errorf("actions: %s, want %s", got, want)
	}
	if rep.Err() == nil || !strings.Contains(rep.Err().Error(), "no space left") {
		t.Errorf("Err() = %v, want the full disk named", rep.Err())
	}
	if got := mustRead(t, filepath.Join(to, "01.ipynb")); string(got) != string(mine.bytes()) {
		t.Errorf("the student's lesson changed on a full disk")
	}
	if got := mustRead(t, filepath.Join(to, "02.ipynb")); string(got) != "v1" {
		t.Errorf("02.ipynb = %q, want v1 kept", got)
	}
	entries, _ := os.ReadDir(to)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".lessonsync-") || e.Name() == "04.ipynb" {
			t.Errorf("partial file left: %s", e.Name())
		}
	}
	// Room again: the next start brings everything.
	os.Remove(filepath.Join(to, "filler"))
	if got, want := actions(sync(t, from, to)), "01.ipynb=merged 02.ipynb=updated 03.ipynb=up to date 04.ipynb=added"; got != want {
		t.Errorf("after freeing space: %s, want %s", got, want)
	}
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}
