//go:build imagetest

package imagetest_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// testSolutionsSwitch: the course option BUNBOOK_SOLUTIONS=hidden (as the
// recipes set it) keeps the solutions notebook out of the student's home;
// set to shown, the next server start hands it out, beside the student's
// work.
func testSolutionsSwitch(t *testing.T, d *daemon) {
	vol := studentHome(t)
	questions := filepath.Join(vol, "bunbook", "exercises", "questions.ipynb")
	solutions := filepath.Join(vol, "bunbook", "exercises", "solutions.ipynb")

	hidden := startServer(t, d, "bunbook-solutions-hidden", "-e", "BUNBOOK_SOLUTIONS=hidden", "-v", vol+":"+home)
	if _, err := os.Stat(questions); err != nil {
		t.Fatalf("with the solutions hidden, the questions are missing too: %v\n%s", err, tail(hidden.logs(), 20))
	}
	if _, err := os.Stat(solutions); err == nil {
		t.Errorf("BUNBOOK_SOLUTIONS=hidden: the solutions notebook is in the student's home")
	}
	if status, body, err := hidden.api(t, "GET", "/api/contents/bunbook/exercises/solutions.ipynb?content=0"); err != nil || status != 404 {
		t.Errorf("BUNBOOK_SOLUTIONS=hidden: the server serves the solutions: HTTP %d %s %v", status, tail(body, 3), err)
	}
	hidden.remove(t)

	shown := startServer(t, d, "bunbook-solutions-shown", "-e", "BUNBOOK_SOLUTIONS=shown", "-v", vol+":"+home)
	data, err := os.ReadFile(solutions)
	if err != nil || !strings.Contains(string(data), `Relation(\"Track.Album.Artist\")`) {
		t.Errorf("BUNBOOK_SOLUTIONS=shown: the solutions notebook after the next start: %d bytes, %v\n%s", len(data), err, tail(shown.logs(), 20))
	}
}
