package lessonsync

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"
)

// A save landing while lessonsync updates the lesson is never lost: 200
// trials, each with a writer in the home saving after a random delay that
// spans the whole sync. Half the writers append to the file in place (a
// terminal's >>, an editor), half save a new file and rename it over the
// lesson (as Jupyter does). Half the lessons are untouched (replaced whole),
// half were run by the student (merged).
func TestSyncNeverLosesAConcurrentSave(t *testing.T) {
	const trials = 200
	v1 := lesson01(t)
	// Half a megabyte of output make each sync last milliseconds.
	v1.cell(t, "models")["outputs"] = []any{map[string]any{"name": "stdout", "output_type": "stream",
		"text": []any{strings.Repeat("0123456789abcdef", 1<<15)}}}
	v2 := v1.clone()
	v2.edit(t, "insert", "// fixed by the teacher")
	from := t.TempDir()

	home := func(i int) string {
		to := filepath.Join(t.TempDir(), "bunbook")
		os.WriteFile(filepath.Join(from, "01.ipynb"), v1.bytes(), 0o644)
		sync(t, from, to)
		if i%4 >= 2 { // run by the student
			mine := v1.clone()
			mine.run(t, "insert", "ran")
			os.WriteFile(filepath.Join(to, "01.ipynb"), mine.bytes(), 0o644)
		}
		os.WriteFile(filepath.Join(from, "01.ipynb"), v2.bytes(), 0o644)
		return to
	}
	// How long one sync takes, to spread the saves over it.
	var took time.Duration
	for i := range 3 {
		to := home(2 * i)
		start := time.Now()
		sync(t, from, to)
		took = max(took, time.Since(start))
	}
	t.Logf("one sync of a %d-byte lesson: %s", len(v2.bytes()), took)

	lost := 0
	during := 0
	results := map[string]int{}
	for i := range trials {
		to := home(i)
		lesson := filepath.Join(to, "01.ipynb")
		mark := fmt.Sprintf("STUDENT-EDIT-%d", i)
		delay := time.Duration(rand.Int64N(int64(took) * 3 / 2))
		wrote := make(chan time.Time)
		go func() {
			time.Sleep(delay)
			if i%2 == 0 {
				f, err := os.OpenFile(lesson, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
				if err == nil {
					f.WriteString(mark)
					f.Close()
				}
			} else {
				old, _ := os.ReadFile(lesson)
				tmp := filepath.Join(to, ".~01.ipynb")
				os.WriteFile(tmp, append(old, mark...), 0o644)
				os.Rename(tmp, lesson)
			}
			wrote <- time.Now()
		}()
		start := time.Now()
		rep, err := Sync(Options{From: from, To: to})
		end := time.Now()
		if err != nil {
			t.Fatal(err)
		}
		at := <-wrote
		if at.After(start) && at.Before(end) {
			during++
		}
		results[actions(rep)]++
		if !inTree(t, to, mark) {
			lost++
			t.Errorf("trial %d: the save %q is lost (%s)", i, mark, actions(rep))
		}
	}
	var rs []string
	for r, n := range results {
		rs = append(rs, fmt.Sprintf("%s ×%d", r, n))
	}
	sort.Strings(rs)
	t.Logf("%d trials, %d saves landed during a sync, %d lost; results: %s", trials, during, lost, strings.Join(rs, ", "))
	if during == 0 {
		t.Errorf("no save landed during a sync: the test did not race")
	}
}

// inTree reports whether any file under dir (the record aside) holds s.
func inTree(t *testing.T, dir, s string) bool {
	found := false
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && d.Name() != StateFile {
			if data, _ := os.ReadFile(p); bytes.Contains(data, []byte(s)) {
				found = true
			}
		}
		return nil
	})
	return found
}
