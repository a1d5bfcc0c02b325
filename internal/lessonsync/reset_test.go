package lessonsync

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var resetTime = time.Date(2026, 12, 6, 2, 3, 4, 0, time.UTC)

// Reset puts back the course's version and keeps the student's as a dated
// copy; the next start leaves the lesson as the course's.
func TestResetLesson(t *testing.T) {
	from := course(t, map[string]string{"01.ipynb": "v1", "exercises/questions.ipynb": "q1"})
	to := filepath.Join(t.TempDir(), "bunbook")
	sync(t, from, to)
	write(t, to, map[string]string{"exercises/questions.ipynb": "my answers"})
	opts := Options{From: from, To: to, Now: func() time.Time { return resetTime }}
	res, err := ResetLesson(opts, "questions.ipynb")
	if err != nil {
		t.Fatal(err)
	}
	copy := "exercises/questions.mine-2026-12-06-020304.ipynb"
	if res.Action != Reset || res.Path != "exercises/questions.ipynb" || res.Copy != copy {
		t.Errorf("result %+v", res)
	}
	checkTree(t, to, map[string]string{"01.ipynb": "v1", "exercises/questions.ipynb": "q1", copy: "my answers"})
	// The next course version replaces it whole: it is the course's again.
	write(t, from, map[string]string{"exercises/questions.ipynb": "q2"})
	if got := actions(sync(t, from, to)); got != "01.ipynb=up to date exercises/questions.ipynb=updated" {
		t.Errorf("sync after reset: %s", got)
	}
}

// The lesson can be named by its path in the course or in the home; a
// missing copy is put back; the course's version already there is left.
func TestResetLessonNames(t *testing.T) {
	from := course(t, map[string]string{"01.ipynb": "v1", "exercises/01.ipynb": "x"})
	to := filepath.Join(t.TempDir(), "bunbook")
	sync(t, from, to)
	opts := Options{From: from, To: to}
	for _, tc := range []struct{ name, path string }{
		{"exercises/01.ipynb", "exercises/01.ipynb"},
		{"bunbook/01.ipynb", "01.ipynb"},
		{filepath.Join(to, "exercises", "01.ipynb"), "exercises/01.ipynb"},
	} {
		res, err := ResetLesson(opts, tc.name)
		if err != nil || res.Path != tc.path || res.Action != UpToDate {
			t.Errorf("reset %s: %+v %v, want %s up to date", tc.name, res, err, tc.path)
		}
	}
	os.Remove(filepath.Join(to, "01.ipynb"))
	if res, err := ResetLesson(opts, "01.ipynb"); err != nil || res.Action != Added {
		t.Errorf("reset of a deleted lesson: %+v %v", res, err)
	}
	_, err := ResetLesson(opts, "nope.ipynb")
	if err == nil || !strings.Contains(err.Error(), `"nope.ipynb" is not one of the course's files; the lessons are: 01.ipynb, exercises/01.ipynb`) {
		t.Errorf("unknown lesson: %v", err)
	}
}

// Reset refuses a link as it syncs: nothing outside the folder changes.
func TestResetFollowsNoLink(t *testing.T) {
	from := course(t, map[string]string{"exercises/q.ipynb": "q"})
	to, outside := t.TempDir(), t.TempDir()
	os.WriteFile(filepath.Join(outside, "q.ipynb"), []byte("elsewhere"), 0o644)
	os.Symlink(outside, filepath.Join(to, "exercises"))
	if _, err := ResetLesson(Options{From: from, To: to}, "exercises/q.ipynb"); err == nil || !strings.Contains(err.Error(), "symbolic link") {
		t.Errorf("err = %v", err)
	}
	if got := mustRead(t, filepath.Join(outside, "q.ipynb")); string(got) != "elsewhere" {
		t.Errorf("the file behind the link changed: %q", got)
	}
}
