package site_test

import (
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/bunbook/bunbook/internal/nbrun"
)

// The syllabus's table (docs/syllabus.md, between the two markers) states
// each lesson's prose words, reading time, code cells and the cells' run
// time. TestSyllabusMatchesLessons recomputes the words and cells from the
// notebooks and fails when the table has drifted; regenerate it with
//
//	go test ./site -run Syllabus -update-syllabus [-bench-json FILE]
//
// where FILE is `make bench ARGS='--json FILE'`'s output: the cells' run
// time becomes each notebook's median whole-notebook time from it (without
// -bench-json the stated run times are kept).
var (
	updateSyllabus = flag.Bool("update-syllabus", false, "rewrite docs/syllabus.md's table from the notebooks")
	benchJSON      = flag.String("bench-json", "", "take the cells' run times from this `make bench ARGS='--json FILE'` result")
)

// wordsPerMinute is the reading speed the syllabus states.
const wordsPerMinute = 200

const (
	tableStart = "<!-- syllabus table: go test ./site -run Syllabus -update-syllabus -->"
	tableEnd   = "<!-- end of syllabus table -->"
)

type syllabusRow struct {
	notebook, title string
	words, cells    int
	runSeconds      float64
}

func (r syllabusRow) readingMinutes() int {
	return int(math.Ceil(float64(r.words) / wordsPerMinute))
}

func (r syllabusRow) line() string {
	run := "–"
	if r.runSeconds > 0 {
		run = strconv.FormatFloat(r.runSeconds, 'f', 1, 64)
	}
	total := float64(r.readingMinutes()) + r.runSeconds/60
	return fmt.Sprintf("| %s | %d | %d | %d | %s | %d |", r.title, r.words, r.readingMinutes(), r.cells, run, int(math.Ceil(total)))
}

// proseWords counts the words of a notebook's markdown cells, leaving out
// fenced code and HTML tags.
func proseWords(nb *nbrun.Notebook) int {
	fence := regexp.MustCompile("(?s)```.*?```")
	tag := regexp.MustCompile(`<[^>]+>`)
	n := 0
	for _, c := range nb.Cells {
		if c.Type != "markdown" {
			continue
		}
		text := tag.ReplaceAllString(fence.ReplaceAllString(c.Source, " "), " ")
		for _, w := range strings.Fields(text) {
			if strings.IndexFunc(w, func(r rune) bool { return r >= '0' && r <= '9' || r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' }) >= 0 {
				n++
			}
		}
	}
	return n
}

func TestSyllabusMatchesLessons(t *testing.T) {
	path := filepath.Join(root, "docs", "syllabus.md")
	doc, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	before, rest, ok1 := strings.Cut(string(doc), tableStart)
	table, after, ok2 := strings.Cut(rest, tableEnd)
	if !ok1 || !ok2 {
		t.Fatalf("%s lacks the table markers %q … %q", path, tableStart, tableEnd)
	}
	stated := map[string]float64{} // title → run seconds
	for _, line := range strings.Split(table, "\n") {
		f := strings.Split(line, "|")
		if len(f) == 8 {
			if s, err := strconv.ParseFloat(strings.TrimSpace(f[5]), 64); err == nil {
				stated[strings.TrimSpace(f[1])] = s
			}
		}
	}
	benched := map[string]float64{}
	if *benchJSON != "" {
		benched = benchWhole(t, *benchJSON)
	}
	var rows []string
	for _, l := range course(t) {
		cells := 0
		for _, c := range l.nb.Cells {
			if c.Type == "code" {
				cells++
			}
		}
		r := syllabusRow{notebook: l.notebook, title: l.title, words: proseWords(l.nb), cells: cells, runSeconds: stated[l.title]}
		if s, ok := benched[filepath.ToSlash(filepath.Join("notebooks", l.notebook))]; ok {
			r.runSeconds = s
		}
		rows = append(rows, r.line())
	}
	want := "\n| lesson | prose words | reading min | code cells | cells' run s | about min |\n" +
		"| :--- | ---: | ---: | ---: | ---: | ---: |\n" + strings.Join(rows, "\n") + "\n"
	if *updateSyllabus {
		if err := os.WriteFile(path, []byte(before+tableStart+want+tableEnd+after), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if table != want {
		t.Errorf("docs/syllabus.md's table has drifted from the lessons; regenerate it with\n"+
			"  go test ./site -run Syllabus -update-syllabus\nstated:%s\nnow:%s", table, want)
	}
}

// benchWhole reads a bench result: each notebook's median whole time.
func benchWhole(t *testing.T, file string) map[string]float64 {
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var res struct {
		Notebooks map[string][]struct {
			Whole  float64 `json:"whole"`
			Failed string  `json:"failed"` // why the run failed; empty when it did not
		} `json:"notebooks"`
	}
	if err := json.Unmarshal(data, &res); err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	out := map[string]float64{}
	for nb, runs := range res.Notebooks {
		var w []float64
		for _, r := range runs {
			if r.Failed == "" {
				w = append(w, r.Whole)
			}
		}
		if len(w) == 0 {
			continue
		}
		sort.Float64s(w)
		out[nb] = math.Round(w[len(w)/2]*10) / 10
	}
	return out
}

// TestSyllabusReadsBenchJSON: -bench-json reads what `make bench --json`
// writes (a failed run carries its reason as a string) and takes each
// notebook's median of the runs that did not fail.
func TestSyllabusReadsBenchJSON(t *testing.T) {
	file := filepath.Join(t.TempDir(), "bench.json")
	raw := `{"runs": 3, "notebooks": {"notebooks/01_create_database.ipynb": [
		{"startup": 0.3, "whole": 9.04, "failed": "", "cells": []},
		{"startup": 0.3, "whole": 2.0, "failed": "cell 4 timed out", "cells": []},
		{"startup": 0.3, "whole": 11.0, "failed": "", "cells": []},
		{"startup": 0.3, "whole": 8.0, "failed": "", "cells": []}]}}`
	if err := os.WriteFile(file, []byte(raw), 0o644); err != nil {
		t.Fatal(err)
	}
	got := benchWhole(t, file)
	if len(got) != 1 || got["notebooks/01_create_database.ipynb"] != 9.0 {
		t.Errorf("benchWhole = %v, want the median 9.0 of the three runs that did not fail", got)
	}
}
