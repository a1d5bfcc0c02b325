package lessonsync

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// course writes files (relative path → content) under a new folder.
func course(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	write(t, dir, files)
	return dir
}

func write(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for rel, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// tree returns every file under dir (relative path → content), state file
// excluded.
func tree(t *testing.T, dir string) map[string]string {
	t.Helper()
	got := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || d.Name() == StateFile {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		got[filepath.ToSlash(rel)] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return got
}

func sync(t *testing.T, from, to string) *Report {
	t.Helper()
	rep, err := Sync(Options{From: from, To: to})
	if err != nil {
		t.Fatal(err)
	}
	if err := rep.Err(); err != nil {
		t.Fatal(err)
	}
	return rep
}

func actions(rep *Report) string {
	var s []string
	for _, r := range rep.Results {
		s = append(s, r.Path+"="+string(r.Action))
	}
	sort.Strings(s)
	return strings.Join(s, " ")
}

func sum8(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:])[:8]
}

func checkTree(t *testing.T, dir string, want map[string]string) {
	t.Helper()
	got := tree(t, dir)
	for rel, w := range want {
		if got[rel] != w {
			t.Errorf("%s = %q, want %q", rel, got[rel], w)
		}
	}
	for rel := range got {
		if _, ok := want[rel]; !ok {
			t.Errorf("unexpected file %s (%q)", rel, got[rel])
		}
	}
}

func TestSyncIntoEmptyHome(t *testing.T) {
	from := course(t, map[string]string{
		"01.ipynb": "lesson 1", "exercises/q.ipynb": "questions", "chinook.db": "db",
		".ipynb_checkpoints/01-checkpoint.ipynb": "checkpoint", ".hidden": "x",
	})
	to := filepath.Join(t.TempDir(), "home", "bunbook")
	rep := sync(t, from, to)
	if got, want := actions(rep), "01.ipynb=added chinook.db=added exercises/q.ipynb=added"; got != want {
		t.Errorf("actions: %s, want %s", got, want)
	}
	checkTree(t, to, map[string]string{"01.ipynb": "lesson 1", "exercises/q.ipynb": "questions", "chinook.db": "db"})
	if got, want := rep.Summary(), "3 added, 0 updated, 0 merged, 0 up to date, 0 kept (changed by the student), 0 new versions offered beside, 0 failed"; got != want {
		t.Errorf("summary: %s", got)
	}
	// Again: nothing to do.
	if got, want := actions(sync(t, from, to)), "01.ipynb=up to date chinook.db=up to date exercises/q.ipynb=up to date"; got != want {
		t.Errorf("second sync: %s, want %s", got, want)
	}
}

func TestSyncKeepsStudentsEditAcrossRestarts(t *testing.T) {
	from := course(t, map[string]string{"01.ipynb": "lesson 1"})
	to := t.TempDir()
	sync(t, from, to)
	write(t, to, map[string]string{"01.ipynb": "lesson 1 + my notes"})
	for range 2 {
		if got, want := actions(sync(t, from, to)), "01.ipynb=kept"; got != want {
			t.Errorf("actions: %s, want %s", got, want)
		}
	}
	checkTree(t, to, map[string]string{"01.ipynb": "lesson 1 + my notes"})
}

func TestSyncUpdatesUnchangedLesson(t *testing.T) {
	from := course(t, map[string]string{"01.ipynb": "lesson 1"})
	to := t.TempDir()
	sync(t, from, to)
	write(t, from, map[string]string{"01.ipynb": "lesson 1, fixed", "02.ipynb": "lesson 2"})
	if got, want := actions(sync(t, from, to)), "01.ipynb=updated 02.ipynb=added"; got != want {
		t.Errorf("actions: %s, want %s", got, want)
	}
	checkTree(t, to, map[string]string{"01.ipynb": "lesson 1, fixed", "02.ipynb": "lesson 2"})
}

func TestSyncOffersNewVersionBesideEditedLesson(t *testing.T) {
	from := course(t, map[string]string{"01.ipynb": "v1"})
	to := t.TempDir()
	sync(t, from, to)
	write(t, to, map[string]string{"01.ipynb": "v1 + my notes"})
	write(t, from, map[string]string{"01.ipynb": "v2"})
	rep := sync(t, from, to)
	beside := "01.updated-" + sum8("v2") + ".ipynb"
	if got, want := actions(rep), "01.ipynb=offered"; got != want || rep.Results[0].Copy != beside {
		t.Errorf("actions: %s (offered %s), want %s (offered %s)", got, rep.Results[0].Copy, want, beside)
	}
	checkTree(t, to, map[string]string{"01.ipynb": "v1 + my notes", beside: "v2"})

	// Offered once: the student may delete the offered copy for good.
	os.Remove(filepath.Join(to, beside))
	if got, want := actions(sync(t, from, to)), "01.ipynb=kept"; got != want {
		t.Errorf("after deleting the offer: %s, want %s", got, want)
	}
	checkTree(t, to, map[string]string{"01.ipynb": "v1 + my notes"})

	// A newer course version is offered again, under its own name.
	write(t, from, map[string]string{"01.ipynb": "v3"})
	sync(t, from, to)
	checkTree(t, to, map[string]string{"01.ipynb": "v1 + my notes", "01.updated-" + sum8("v3") + ".ipynb": "v3"})
}

func TestSyncDeletedLessonComesBack(t *testing.T) {
	from := course(t, map[string]string{"01.ipynb": "lesson 1"})
	to := t.TempDir()
	sync(t, from, to)
	os.Remove(filepath.Join(to, "01.ipynb"))
	if got, want := actions(sync(t, from, to)), "01.ipynb=added"; got != want {
		t.Errorf("actions: %s, want %s", got, want)
	}
}

// A home that had the files before any record (an older image, a copy by
// hand): a file that differs counts as the student's.
func TestSyncWithoutRecordKeepsDifferingFiles(t *testing.T) {
	from := course(t, map[string]string{"01.ipynb": "v2", "02.ipynb": "same"})
	to := course(t, map[string]string{"01.ipynb": "v1, maybe edited", "02.ipynb": "same", "mine.ipynb": "my own"})
	if got, want := actions(sync(t, from, to)), "01.ipynb=offered 02.ipynb=up to date"; got != want {
		t.Errorf("actions: %s, want %s", got, want)
	}
	checkTree(t, to, map[string]string{
		"01.ipynb": "v1, maybe edited", "01.updated-" + sum8("v2") + ".ipynb": "v2",
		"02.ipynb": "same", "mine.ipynb": "my own",
	})
}

// A damaged record (a student's stray edit, a full disk) is no record.
func TestSyncDamagedRecordIsSafe(t *testing.T) {
	from := course(t, map[string]string{"01.ipynb": "v1"})
	to := t.TempDir()
	sync(t, from, to)
	write(t, to, map[string]string{StateFile: "{not json", "01.ipynb": "v1 + notes"})
	write(t, from, map[string]string{"01.ipynb": "v2"})
	sync(t, from, to)
	checkTree(t, to, map[string]string{"01.ipynb": "v1 + notes", "01.updated-" + sum8("v2") + ".ipynb": "v2"})
}

// A student's broken notebook (not even JSON) is just a changed file.
func TestSyncBrokenNotebookIsKept(t *testing.T) {
	from := course(t, map[string]string{"01.ipynb": `{"cells": []}`})
	to := course(t, map[string]string{"01.ipynb": "\x00garbage{"})
	sync(t, from, to)
	if got := tree(t, to)["01.ipynb"]; got != "\x00garbage{" {
		t.Errorf("broken notebook replaced: %q", got)
	}
}

// A folder where the course has a file is the student's: it fails alone,
// named, and the other files are still synced.
func TestSyncFolderInTheWay(t *testing.T) {
	from := course(t, map[string]string{"01.ipynb": "v1", "02.ipynb": "v1"})
	to := t.TempDir()
	os.Mkdir(filepath.Join(to, "01.ipynb"), 0o755)
	rep, err := Sync(Options{From: from, To: to})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := actions(rep), "01.ipynb=failed 02.ipynb=added"; got != want {
		t.Errorf("actions: %s, want %s", got, want)
	}
	if err := rep.Err(); err == nil || !strings.Contains(err.Error(), "not a regular file") {
		t.Errorf("Err() = %v, want it to say 01.ipynb is not a regular file", err)
	}
}

// A file that cannot be written (here: a file of the student's where the
// course has a folder) fails alone; the student's file is untouched.
func TestSyncUnwritableFailsAlone(t *testing.T) {
	from := course(t, map[string]string{"a/01.ipynb": "v1", "b/02.ipynb": "v1"})
	to := course(t, map[string]string{"a": "my file called a"})
	rep, err := Sync(Options{From: from, To: to})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := actions(rep), "a/01.ipynb=failed b/02.ipynb=added"; got != want {
		t.Errorf("actions: %s, want %s", got, want)
	}
	if rep.Err() == nil || !strings.Contains(rep.Err().Error(), "a/01.ipynb") {
		t.Errorf("Err() = %v, want it to name a/01.ipynb", rep.Err())
	}
	checkTree(t, to, map[string]string{"a": "my file called a", "b/02.ipynb": "v1"})
}

func TestSyncMissingCourse(t *testing.T) {
	_, err := Sync(Options{From: filepath.Join(t.TempDir(), "nope"), To: t.TempDir()})
	if err == nil || !strings.Contains(err.Error(), "course folder") {
		t.Errorf("err = %v, want one about the course folder", err)
	}
}

func TestSyncLeavesNoTemporaryFiles(t *testing.T) {
	from := course(t, map[string]string{"01.ipynb": "v1"})
	to := t.TempDir()
	sync(t, from, to)
	write(t, from, map[string]string{"01.ipynb": "v2"})
	sync(t, from, to)
	entries, _ := os.ReadDir(to)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".lessonsync-") {
			t.Errorf("temporary file left: %s", e.Name())
		}
	}
}
