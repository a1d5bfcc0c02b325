package lessonsync

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// The scenarios replayed with nbgitpuller in the research report (§3.3),
// on lesson 01: "insert" is its cell 10, "models" its cell 6.

const studentCode = "%%\n// my own way of adding Moshe\nfmt.Println(\"mine\")\n"

// studentEditsInsert: the student rewrites cell 10, runs it and saves.
func (c *classroom) studentEditsInsert() doc {
	mine := c.student()
	mine.edit(c.t, "insert", studentCode)
	mine.run(c.t, "insert", "mine")
	c.save(mine)
	return mine
}

// merged syncs and checks that the student's lesson was merged, is a valid
// notebook, and starts with the note saying what arrived.
func (c *classroom) merged(wantNote ...string) doc {
	c.t.Helper()
	if got := actions(c.sync()); got != "01.ipynb=merged" {
		c.t.Fatalf("sync: %s, want 01.ipynb=merged", got)
	}
	d := c.student()
	validNotebook(c.t, filepath.Join(c.to, "01.ipynb"), d)
	note := source(d.cells()[0].(map[string]any))
	if d.ids()[0] != noteID || !strings.Contains(note, "Course update") || !strings.Contains(note, "bunbook-reset 01.ipynb") {
		c.t.Errorf("no update note at the top: %q", note)
	}
	for _, w := range wantNote {
		if !strings.Contains(note, w) {
			c.t.Errorf("the note does not say %q:\n%s", w, note)
		}
	}
	return d
}

var idPattern = regexp.MustCompile(`^[a-zA-Z0-9_-]{1,64}$`)

// validNotebook checks unique, well-formed ids, and nbformat's own
// validation when Python's nbformat is there (it is wherever Jupyter is).
func validNotebook(t *testing.T, path string, d doc) {
	t.Helper()
	seen := map[string]bool{}
	for _, id := range d.ids() {
		if !idPattern.MatchString(id) || seen[id] {
			t.Errorf("bad or repeated cell id %q", id)
		}
		seen[id] = true
	}
	py := "/usr/bin/python3" // Debian's, where Jupyter's nbformat is
	if _, err := os.Stat(py); err != nil {
		py = "python3"
	}
	out, err := exec.Command(py, "-c", "import sys, nbformat; nbformat.validate(nbformat.read(sys.argv[1], 4))", path).CombinedOutput()
	if err != nil {
		if os.Getenv("CI") == "true" || !strings.Contains(string(out), "No module named") {
			t.Errorf("nbformat.validate: %v\n%s", err, out)
		}
	}
}

func cellAt(t *testing.T, d doc, id string) (int, map[string]any) {
	i := slices.Index(d.ids(), id)
	if i < 0 {
		t.Fatalf("cell %q missing: %v", id, d.ids())
	}
	return i, d.cell(t, id)
}

func wantSource(t *testing.T, d doc, id, want string) {
	t.Helper()
	if _, c := cellAt(t, d, id); source(c) != want {
		t.Errorf("cell %s = %.80q, want %.80q", id, source(c), want)
	}
}

func wantOutput(t *testing.T, d doc, id, want string) {
	t.Helper()
	_, c := cellAt(t, d, id)
	outs, _ := c["outputs"].([]any)
	if len(outs) != 1 || !strings.Contains(string(doc(outs[0].(map[string]any)).bytes()), want) {
		t.Errorf("cell %s outputs = %v, want the student's %q", id, outs, want)
	}
}

// A: the student edits and runs cell 10; the teacher edits cell 6.
func TestMergeScenarioA(t *testing.T) {
	v1 := lesson01(t)
	c := newClassroom(t, v1)
	c.studentEditsInsert()
	v2 := v1.clone()
	v2.edit(t, "models", "// fixed by the teacher\n"+source(v1.cell(t, "models")))
	c.teacher(v2)
	got := c.merged("1 cell updated (`models`)")
	wantSource(t, got, "insert", studentCode)
	wantOutput(t, got, "insert", "mine")
	wantSource(t, got, "models", source(v2.cell(t, "models")))
	if want := append([]string{noteID}, v1.ids()...); !slices.Equal(got.ids(), want) {
		t.Errorf("cells %v, want %v", got.ids(), want)
	}
	// Nothing more to do at the next start.
	if got := actions(c.sync()); got != "01.ipynb=kept" {
		t.Errorf("second sync: %s", got)
	}
}

// B: both change cell 10: the student's stays, the teacher's fix is right
// below it with a note (nbgitpuller dropped it silently).
func TestMergeScenarioB(t *testing.T) {
	v1 := lesson01(t)
	c := newClassroom(t, v1)
	c.studentEditsInsert()
	v2 := v1.clone()
	fixed := source(v1.cell(t, "insert")) + "\n// fixed by the teacher"
	v2.edit(t, "insert", fixed)
	c.teacher(v2)
	got := c.merged("1 cell you edited has the course's new version below it (`insert`)")
	i, _ := cellAt(t, got, "insert")
	wantSource(t, got, "insert", studentCode)
	wantOutput(t, got, "insert", "mine")
	ids := got.ids()
	copyID := besideID("insert", cell{kind: "code", source: fixed}.sum())
	if ids[i+1] != copyID+"-note" || ids[i+2] != copyID {
		t.Fatalf("after the student's cell: %v, want the note and %s", ids[i+1:i+3], copyID)
	}
	if note := source(got.cell(t, copyID+"-note")); !strings.Contains(note, "you changed the cell above, and so did the course") {
		t.Errorf("note: %q", note)
	}
	wantSource(t, got, copyID, fixed)

	// Offered once: the student deletes the copy and its note; they stay away.
	got.remove(copyID)
	got.remove(copyID + "-note")
	c.save(got)
	if got := actions(c.sync()); got != "01.ipynb=kept" {
		t.Errorf("after deleting the offered copy: %s", got)
	}
	if slices.Contains(c.student().ids(), copyID) {
		t.Errorf("the offered copy came back")
	}
}

// C: both append a cell: both are there, the student's first.
func TestMergeScenarioC(t *testing.T) {
	v1 := lesson01(t)
	c := newClassroom(t, v1)
	mine := c.student()
	mine.insert("", newCell("my-notes", "markdown", "My notes"))
	c.save(mine)
	v2 := v1.clone()
	v2.insert("", newCell("exercise-new", "code", "%%\nfmt.Println(\"new\")"))
	c.teacher(v2)
	got := c.merged("1 new cell (`exercise-new`)")
	ids := got.ids()
	if want := []string{"going-further-more", "my-notes", "exercise-new"}; !slices.Equal(ids[len(ids)-3:], want) {
		t.Errorf("last cells %v, want %v", ids[len(ids)-3:], want)
	}
}

// D: A, and both append a cell.
func TestMergeScenarioD(t *testing.T) {
	v1 := lesson01(t)
	c := newClassroom(t, v1)
	mine := c.studentEditsInsert()
	mine.insert("", newCell("my-notes", "markdown", "My notes"))
	c.save(mine)
	v2 := v1.clone()
	v2.edit(t, "models", "// fixed\n"+source(v1.cell(t, "models")))
	v2.insert("", newCell("exercise-new", "code", "%%\nfmt.Println(\"new\")"))
	c.teacher(v2)
	got := c.merged("1 cell updated (`models`)", "1 new cell (`exercise-new`)")
	wantSource(t, got, "insert", studentCode)
	wantSource(t, got, "models", source(v2.cell(t, "models")))
	wantSource(t, got, "my-notes", "My notes")
	wantSource(t, got, "exercise-new", "%%\nfmt.Println(\"new\")")
}

// E: the student edits the last (markdown) cell; the teacher appends one.
func TestMergeScenarioE(t *testing.T) {
	v1 := lesson01(t)
	c := newClassroom(t, v1)
	mine := c.student()
	mine.edit(t, "going-further-more", "my summary")
	c.save(mine)
	v2 := v1.clone()
	v2.insert("", newCell("exercise-new", "markdown", "new"))
	c.teacher(v2)
	got := c.merged("1 new cell (`exercise-new`)")
	wantSource(t, got, "going-further-more", "my summary")
	if ids := got.ids(); ids[len(ids)-1] != "exercise-new" {
		t.Errorf("the new cell is not last: %v", ids)
	}
}

// F: the student edits and runs cell 10; the teacher deletes it and edits
// cell 6: the student's cell stays (it is theirs now), cell 6 arrives.
func TestMergeScenarioF(t *testing.T) {
	v1 := lesson01(t)
	c := newClassroom(t, v1)
	c.studentEditsInsert()
	v2 := v1.clone()
	v2.remove("insert")
	v2.edit(t, "models", "// fixed\n"+source(v1.cell(t, "models")))
	c.teacher(v2)
	got := c.merged("1 cell updated (`models`)")
	wantSource(t, got, "insert", studentCode)
	wantSource(t, got, "models", source(v2.cell(t, "models")))
	if i, _ := cellAt(t, got, "insert"); got.ids()[i-1] != "insert-md" {
		t.Errorf("the student's cell moved: %v", got.ids())
	}
}

// G and H: the student only ran cell 10; the teacher edits its first or
// last line: the teacher's version arrives, the student's other outputs stay.
func TestMergeScenarioGH(t *testing.T) {
	for _, tc := range []struct{ name, old, new string }{
		{"first line", "%%\n", "%%\n// first line changed\n"},
		{"last line", "fmt.Println", "fmt.Println /* last */"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v1 := lesson01(t)
			c := newClassroom(t, v1)
			mine := c.student()
			mine.runAll(t, "student ran")
			c.save(mine)
			v2 := v1.clone()
			src := source(v1.cell(t, "insert"))
			i := strings.LastIndex(src, tc.old)
			if tc.name == "first line" {
				i = strings.Index(src, tc.old)
			}
			v2.edit(t, "insert", src[:i]+tc.new+src[i+len(tc.old):])
			c.teacher(v2)
			got := c.merged("1 cell updated (`insert`)")
			wantSource(t, got, "insert", source(v2.cell(t, "insert")))
			wantOutput(t, got, "models", "student ran models")
			wantOutput(t, got, "query-columns", "student ran query-columns")
		})
	}
}

// The case: a student who only ran lesson 01 gets the teacher's
// edited cell and a new cell in place, their outputs kept.
func TestMergeStudentWhoRanTheLesson(t *testing.T) {
	v1 := lesson01(t)
	c := newClassroom(t, v1)
	mine := c.student()
	mine.runAll(t, "student ran")
	c.save(mine)
	v2 := v1.clone()
	v2.edit(t, "models", "// fixed\n"+source(v1.cell(t, "models")))
	v2.insert("models", newCell("models-more", "code", "%%\nfmt.Println(\"more\")"))
	c.teacher(v2)
	got := c.merged("1 cell updated (`models`)", "1 new cell (`models-more`)")
	if want := append([]string{noteID}, v2.ids()...); !slices.Equal(got.ids(), want) {
		t.Errorf("cells %v, want %v", got.ids(), want)
	}
	wantSource(t, got, "models", source(v2.cell(t, "models")))
	wantSource(t, got, "models-more", "%%\nfmt.Println(\"more\")")
	for _, id := range v1.ids() {
		if id != "models" && v1.cell(t, id)["cell_type"] == "code" {
			wantOutput(t, got, id, "student ran "+id)
		}
	}
}

// Cells the course deletes go, unless the student changed them; cells the
// student deletes stay deleted, unless the course changed them.
func TestMergeDeletedCells(t *testing.T) {
	v1 := lesson01(t)
	c := newClassroom(t, v1)
	mine := c.student()
	mine.runAll(t, "ran")
	mine.edit(t, "query-display", "%%\n// mine")
	mine.remove("relations")
	mine.remove("relations-md")
	c.save(mine)
	v2 := v1.clone()
	v2.remove("query-columns")                // unchanged by the student: goes
	v2.remove("query-display")                // edited by the student: stays
	v2.edit(t, "relations", "%%\n// changed") // deleted by the student, changed: comes back
	c.teacher(v2)
	got := c.merged("1 cell removed (`query-columns`)", "1 new cell (`relations`)")
	ids := got.ids()
	for _, id := range []string{"query-columns", "relations-md"} {
		if slices.Contains(ids, id) {
			t.Errorf("cell %s should be gone: %v", id, ids)
		}
	}
	wantSource(t, got, "query-display", "%%\n// mine")
	wantSource(t, got, "relations", "%%\n// changed")
	if i, _ := cellAt(t, got, "relations"); ids[i-1] != "models-query-md" && ids[i-1] != "query-models" {
		t.Errorf("relations came back at %d: %v", i, ids)
	}
}

// A teacher's reordering reaches a student who kept the order; a student's
// own order is kept, with new cells after the cell they follow.
func TestMergeReorder(t *testing.T) {
	move := func(d doc, id, after string) {
		c := d.cell(t, id)
		d.remove(id)
		d.insert(after, c)
	}
	t.Run("teacher", func(t *testing.T) {
		v1 := lesson01(t)
		c := newClassroom(t, v1)
		mine := c.student()
		mine.runAll(t, "ran")
		mine.insert("insert", newCell("my-notes", "markdown", "notes"))
		c.save(mine)
		v2 := v1.clone()
		move(v2, "summary-md", "title")
		c.teacher(v2)
		// The reordering alone changes no cell: nothing is written...
		if got := actions(c.sync()); got != "01.ipynb=kept" {
			t.Fatalf("reorder only: %s", got)
		}
		// ...until a cell changes: then the course's order comes along.
		v2.edit(t, "models", "// fixed")
		c.teacher(v2)
		got := c.merged()
		ids := got.ids()
		if ids[1] != "title" || ids[2] != "summary-md" {
			t.Errorf("the teacher's order did not arrive: %v", ids)
		}
		if i, _ := cellAt(t, got, "my-notes"); ids[i-1] != "insert" {
			t.Errorf("the student's cell left its place: %v", ids)
		}
	})
	t.Run("student", func(t *testing.T) {
		v1 := lesson01(t)
		c := newClassroom(t, v1)
		mine := c.student()
		move(mine, "going-further", "title")
		c.save(mine)
		v2 := v1.clone()
		v2.insert("models", newCell("models-more", "markdown", "more"))
		c.teacher(v2)
		ids := c.merged().ids()
		if ids[1] != "title" || ids[2] != "going-further" {
			t.Errorf("the student's order was not kept: %v", ids)
		}
		if i := slices.Index(ids, "models-more"); i < 1 || ids[i-1] != "models" {
			t.Errorf("the new cell is not after models: %v", ids)
		}
	})
}

// A home from before cell merging (a version-1 record): what the student
// had is unknown, so a cell that differs from the course's is theirs, with
// the course's below it.
func TestMergeWithOldRecord(t *testing.T) {
	v1 := lesson01(t)
	from, to := t.TempDir(), t.TempDir()
	os.WriteFile(filepath.Join(from, "01.ipynb"), v1.bytes(), 0o644)
	mine := v1.clone()
	mine.runAll(t, "ran")
	os.WriteFile(filepath.Join(to, "01.ipynb"), mine.bytes(), 0o644)
	os.WriteFile(filepath.Join(to, StateFile), []byte(`{"delivered":{"01.ipynb":"`+sha(v1.bytes())+`"}}`), 0o644)
	v2 := v1.clone()
	v2.edit(t, "models", "// fixed")
	os.WriteFile(filepath.Join(from, "01.ipynb"), v2.bytes(), 0o644)
	c := &classroom{t: t, from: from, to: to}
	got := c.merged("1 cell you edited has the course's new version below it (`models`)")
	wantOutput(t, got, "insert", "ran insert")
	wantSource(t, got, besideID("models", cell{kind: "code", source: "// fixed"}.sum()), "// fixed")
	// From now on the record knows the cells: the next change merges.
	v2.edit(t, "insert", "// fixed too")
	c.teacher(v2)
	c.merged("1 cell updated (`insert`)")
}

// A notebook the student never touched is replaced whole; a new notebook
// is added; one the student deleted comes back as the course's current
// version (never an older edited copy).
func TestMergeWholeNotebooks(t *testing.T) {
	v1 := lesson01(t)
	c := newClassroom(t, v1)
	v2 := v1.clone()
	v2.edit(t, "models", "// fixed")
	c.teacher(v2)
	os.WriteFile(filepath.Join(c.from, "02.ipynb"), v1.bytes(), 0o644)
	if got := actions(c.sync()); got != "01.ipynb=updated 02.ipynb=added" {
		t.Errorf("sync: %s", got)
	}
	if got, _ := os.ReadFile(filepath.Join(c.to, "01.ipynb")); string(got) != string(v2.bytes()) {
		t.Errorf("the untouched lesson is not the course's new version")
	}
	mine := c.student()
	mine.edit(t, "insert", studentCode)
	c.save(mine)
	os.Remove(filepath.Join(c.to, "01.ipynb"))
	v3 := v2.clone()
	v3.edit(t, "title", "# v3")
	c.teacher(v3)
	if got := actions(c.sync()); got != "01.ipynb=added 02.ipynb=up to date" {
		t.Errorf("after deleting: %s", got)
	}
	if got, _ := os.ReadFile(filepath.Join(c.to, "01.ipynb")); string(got) != string(v3.bytes()) {
		t.Errorf("a deleted lesson did not come back as the course's current version")
	}
}

// The merged notebook keeps everything the student's had: notebook
// metadata, cell metadata, attachments, non-ASCII text.
func TestMergeKeepsEverythingElse(t *testing.T) {
	v1 := lesson01(t)
	c := newClassroom(t, v1)
	mine := c.student()
	mine["metadata"].(map[string]any)["mine"] = "kept <&>"
	mine.cell(t, "insert")["metadata"] = map[string]any{"tags": []any{"mine"}}
	mine.edit(t, "title", "# Leçon 1 — ✅ <b>")
	c.save(mine)
	v2 := v1.clone()
	v2.edit(t, "models", "// fixed")
	c.teacher(v2)
	got := c.merged()
	if got["metadata"].(map[string]any)["mine"] != "kept <&>" {
		t.Errorf("notebook metadata lost: %v", got["metadata"])
	}
	if tags := got.cell(t, "insert")["metadata"]; !strings.Contains(string(doc(tags.(map[string]any)).bytes()), "mine") {
		t.Errorf("cell metadata lost: %v", tags)
	}
	wantSource(t, got, "title", "# Leçon 1 — ✅ <b>")
}
