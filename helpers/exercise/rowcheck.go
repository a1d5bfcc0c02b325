package exercise

import (
	"errors"
	"fmt"
	"strings"
)

// column is one value every row of an answer must have.
type column struct {
	label string   // how hints name it: "album title"
	names []string // field/column names looked for, best first: "Title", "AlbumTitle", "Album.Title"
}

// rowQuestion checks an answer made of rows.
type rowQuestion struct {
	id      string
	columns []column
	// keys are the answer-key entries accepted; hints compare with the first.
	keys []string
	// advice follows a hint about wrong rows: what decides which rows and in
	// which order, without saying what they are.
	advice string
}

func (q rowQuestion) check(answer any) Result {
	recs, err := records(answer)
	if errors.Is(err, errUnanswered) {
		return unanswered(q.id)
	}
	if err != nil {
		return wrong(q.id, "%v", err)
	}
	got, err := q.cells(recs)
	if err != nil {
		return wrong(q.id, "%v", err)
	}
	for _, key := range q.keys {
		if matches(answerKey[key], key, got) {
			return correct(q.id)
		}
	}
	return wrong(q.id, "%s", rowHint(answerKey[q.keys[0]], q.keys[0], got, q.columns, q.advice))
}

// cells picks the question's columns out of every record, as canonical text.
func (q rowQuestion) cells(recs []record) ([][]string, error) {
	out := make([][]string, len(recs))
	for i, rec := range recs {
		row, err := pick(rec, q.columns)
		if err != nil {
			return nil, fmt.Errorf("row %d: %w", i+1, err)
		}
		out[i] = row
	}
	return out, nil
}

// pick finds each column in rec by name; when names fail and the record
// has exactly as many values as the question has columns, it takes them in
// order (positional rows, or a struct with other field names).
func pick(rec record, cols []column) ([]string, error) {
	row := make([]string, len(cols))
	if rec.orderedOnly {
		if len(rec.ordered) != len(cols) {
			return nil, fmt.Errorf("has %d values, expected %d (%s)", len(rec.ordered), len(cols), labels(cols))
		}
		for i, v := range rec.ordered {
			row[i] = cellText(v)
		}
		return row, nil
	}
	for i, c := range cols {
		v, ok := lookup(rec, c)
		if !ok {
			if len(rec.ordered) == len(cols) {
				for j, v := range rec.ordered {
					row[j] = cellText(v)
				}
				return row, nil
			}
			return nil, fmt.Errorf("has no %s: name its field or column %s (a model's relation must be loaded, e.g. with Relation)", c.label, orList(c.names))
		}
		row[i] = cellText(v)
	}
	return row, nil
}

func lookup(rec record, c column) (any, bool) {
	for _, n := range c.names {
		if v, ok := rec.named[normKey(n)]; ok {
			return v, true
		}
	}
	return nil, false
}

// matches reports whether got is exactly the expected rows, in order.
func matches(want []keyRow, key string, got [][]string) bool {
	if len(want) == 0 || len(want) != len(got) {
		return false
	}
	for i, row := range got {
		if rowDigest(key, row) != want[i].row {
			return false
		}
	}
	return true
}

// rowHint explains how got differs from want without revealing want.
func rowHint(want []keyRow, key string, got [][]string, cols []column, advice string) string {
	if len(got) != len(want) {
		h := fmt.Sprintf("expected %d rows, got %d", len(want), len(got))
		if len(got) > len(want) {
			h += " (add a Limit)"
		}
		return h
	}
	// Same rows, other order?
	wantSet := map[string]int{}
	for _, r := range want {
		wantSet[r.row]++
	}
	for _, row := range got {
		wantSet[rowDigest(key, row)]--
	}
	sameRows := true
	for _, n := range wantSet {
		if n != 0 {
			sameRows = false
			break
		}
	}
	if sameRows {
		return "the right rows in the wrong order: " + advice
	}
	first, count := -1, 0
	var differing []string
	for i, row := range got {
		if rowDigest(key, row) == want[i].row {
			continue
		}
		count++
		if first >= 0 {
			continue
		}
		first = i
		for j, cell := range row {
			if j < len(want[i].cells) && cellDigest(key, j, cell) != want[i].cells[j] {
				differing = append(differing, cols[j].label)
			}
		}
	}
	h := fmt.Sprintf("row %d: the %s differ", first+1, andList(differing))
	if len(differing) == 1 {
		h += "s"
	}
	if count > 1 {
		h += fmt.Sprintf(" (%d rows differ)", count)
	}
	return h + "; " + advice
}

func labels(cols []column) string {
	var l []string
	for _, c := range cols {
		l = append(l, c.label)
	}
	return strings.Join(l, ", ")
}

func orList(names []string) string {
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}

func andList(items []string) string {
	switch len(items) {
	case 0:
		return "values"
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}
