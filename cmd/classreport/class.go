package main

import (
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/bunbook/bunbook/helpers/exercise"
	"github.com/bunbook/bunbook/internal/progress"
)

// student is one row of the report.
type student struct {
	Name     string
	Where    string // how the progress was read: "server running", "home folder", …
	Note     string // what kept it from being read, or how old it is; "" when fresh
	Status   map[string]progress.Status
	Problems []string // lines of the progress file that were skipped
	records  []progress.Record
}

func newStudent(name, where string, recs []progress.Record, probs []progress.Problem) student {
	s := student{Name: name, Where: where, Status: progress.Summarize(recs), records: recs}
	for _, p := range probs {
		s.Problems = append(s.Problems, p.String())
	}
	return s
}

// stuck is the students stuck on one hint of one question.
type stuck struct {
	HintID, Hint string
	Students     []string
}

// class is the whole report.
type class struct {
	Source    string // the hub's URL or the homes' folder
	Generated time.Time
	Questions []string
	Students  []student
}

// Stuck lists, for question q, the hints students are stuck on, most
// students first.
func (c class) Stuck(q string) []stuck {
	by := map[string]*stuck{}
	for _, s := range c.Students {
		st := s.Status[q]
		if !st.Stuck() {
			continue
		}
		h := by[st.HintID]
		if h == nil {
			h = &stuck{HintID: st.HintID, Hint: st.Hint}
			by[st.HintID] = h
		}
		h.Students = append(h.Students, s.Name)
	}
	var out []stuck
	for _, h := range by {
		out = append(out, *h)
	}
	sort.Slice(out, func(i, j int) bool {
		if len(out[i].Students) != len(out[j].Students) {
			return len(out[i].Students) > len(out[j].Students)
		}
		return out[i].HintID < out[j].HintID
	})
	return out
}

// Solved counts the students who solved q.
func (c class) Solved(q string) int {
	n := 0
	for _, s := range c.Students {
		if s.Status[q].Solved {
			n++
		}
	}
	return n
}

// StuckCount counts the students stuck on q.
func (c class) StuckCount(q string) int {
	n := 0
	for _, h := range c.Stuck(q) {
		n += len(h.Students)
	}
	return n
}

func newClass(source string, students []student) class {
	sort.Slice(students, func(i, j int) bool { return students[i].Name < students[j].Name })
	return class{Source: source, Generated: time.Now().UTC(), Questions: exercise.Questions(), Students: students}
}

// clean makes text from a student (a name, a file's line) safe to print on
// a terminal: control and invisible characters are quoted, length is capped.
func clean(s string) string {
	if utf8.RuneCountInString(s) > 60 {
		s = string([]rune(s)[:59]) + "…"
	}
	for _, r := range s {
		if !unicode.IsPrint(r) || r == utf8.RuneError {
			return strconv.QuoteToGraphic(s)
		}
	}
	return s
}

// width is how many terminal columns s takes: the status emoji take two.
func width(s string) int {
	n := 0
	for _, r := range s {
		n++
		if r == '✅' || r == '❌' || r == '⬜' || r == '📖' {
			n++
		}
	}
	return n
}

func pad(s string, w int) string { return s + strings.Repeat(" ", max(0, w-width(s))) }

// WriteText prints the report as a table and the stuck list.
func (c class) WriteText(w io.Writer) {
	fmt.Fprintf(w, "Class report: %d students, %s, %s\n\n", len(c.Students), clean(c.Source), c.Generated.Format("2006-01-02 15:04 UTC"))
	nameW := len("student")
	for _, s := range c.Students {
		nameW = max(nameW, width(clean(s.Name)))
	}
	colW := 5
	for _, s := range c.Students {
		for _, q := range c.Questions {
			colW = max(colW, width(s.Status[q].Cell())+1)
		}
	}
	fmt.Fprint(w, pad("student", nameW+2))
	for _, q := range c.Questions {
		fmt.Fprint(w, pad(q, colW))
	}
	fmt.Fprintln(w)
	for _, s := range c.Students {
		fmt.Fprint(w, pad(clean(s.Name), nameW+2))
		for _, q := range c.Questions {
			fmt.Fprint(w, pad(s.Status[q].Cell(), colW))
		}
		if s.Note != "" {
			fmt.Fprintf(w, " (%s)", s.Note)
		}
		fmt.Fprintln(w)
	}
	fmt.Fprintln(w, "\n✅ solved · ❌ n: n wrong checks, not solved yet · ⬜ not attempted · 📖 ran the solution")
	fmt.Fprintln(w, "\nWho is stuck where:")
	none := true
	for _, q := range c.Questions {
		hs := c.Stuck(q)
		if len(hs) == 0 {
			continue
		}
		none = false
		fmt.Fprintf(w, "%s: %d stuck, %d solved\n", q, c.StuckCount(q), c.Solved(q))
		for _, h := range hs {
			var names []string
			for _, n := range h.Students {
				names = append(names, clean(n))
			}
			fmt.Fprintf(w, "  %d on %s %q: %s\n", len(h.Students), h.HintID, h.Hint, strings.Join(names, ", "))
		}
	}
	if none {
		fmt.Fprintln(w, "  nobody")
	}
	var notes []string
	for _, s := range c.Students {
		for _, p := range s.Problems {
			notes = append(notes, fmt.Sprintf("%s's progress file, %s (skipped)", clean(s.Name), clean(p)))
		}
	}
	if len(notes) > 0 {
		fmt.Fprintln(w, "\nProblems:")
		for _, n := range notes {
			fmt.Fprintln(w, "  "+n)
		}
	}
}
