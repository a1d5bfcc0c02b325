package exercise

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/bunbook/bunbook/internal/progress"
)

// TestChecksSaveProgress: each check adds one record — outcome, hint id,
// attempt — and never the answer; Progress prints them back.
func TestChecksSaveProgress(t *testing.T) {
	path := filepath.Join(t.TempDir(), progress.FileName)
	t.Setenv(progress.Env, path)
	t.Setenv("JPY_SESSION_NAME", "")
	secret := "Secret Track Name 12345"
	Q3(nil)
	Q3([]map[string]any{{"TrackId": 1, "Name": secret}})
	Q4([][]string{{"a", "b"}})
	t.Setenv("JPY_SESSION_NAME", "/home/x/bunbook/exercises/solutions.ipynb")
	Q3([]map[string]any{{"TrackId": 1}})

	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(data, []byte("Secret")) || bytes.Contains(data, []byte("12345")) {
		t.Errorf("the progress file holds the student's answer:\n%s", data)
	}
	recs, probs := progress.Read(bytes.NewReader(data))
	if len(recs) != 4 || len(probs) > 0 {
		t.Fatalf("%d records, problems %v:\n%s", len(recs), probs, data)
	}
	want := []string{"Q3 unanswered 1 check", "Q3 wrong 2 check", "Q4 wrong 1 check", "Q3 wrong 3 solution"}
	for i, r := range recs {
		got := strings.Join([]string{r.Question, r.Outcome, strconv.Itoa(r.Attempt), r.Kind}, " ")
		if got != want[i] {
			t.Errorf("record %d = %s, want %s", i+1, got, want[i])
		}
		if r.Outcome == progress.Wrong && (r.HintID == "" || r.Hint == "") {
			t.Errorf("record %d has no hint id", i+1)
		}
	}

	var out bytes.Buffer
	printProgress(&out)
	for _, line := range []string{"❌     Q3   not yet, 1 wrong checks; last hint: ", "; solution run", "⬜     Q1   not attempted"} {
		if !strings.Contains(out.String(), line) {
			t.Errorf("Progress lacks %q:\n%s", line, out.String())
		}
	}
}

func TestProgressOffWritesNothing(t *testing.T) {
	t.Setenv(progress.Env, "off")
	t.Setenv("HOME", t.TempDir())
	t.Setenv("JUPYTERHUB_USER", "ada")
	Q3(nil)
	if _, err := os.Stat(filepath.Join(os.Getenv("HOME"), progress.FileName)); err == nil {
		t.Error("BUNBOOK_PROGRESS=off still wrote a progress file")
	}
	t.Setenv(progress.Env, "")
	Q3(nil)
	if _, err := os.Stat(filepath.Join(os.Getenv("HOME"), progress.FileName)); err != nil {
		t.Errorf("on a hub (JUPYTERHUB_USER set) the check saved nothing: %v", err)
	}
	t.Setenv(progress.Env, filepath.Join(t.TempDir(), "missing", "dir", "p.jsonl"))
	if r := Q3(nil); r.outcome != progress.Unanswered {
		t.Errorf("an unwritable progress file changed the check: %v", r)
	}
}
