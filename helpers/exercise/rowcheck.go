package exercise

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
)

// column is one value every row of an answer must have.
type column struct {
	label string   // how hints name it: "album title"
	names []string // field/column names looked for, best first: "Title", "AlbumTitle", "Album.Title"
}

// rowQuestion checks an answer made of rows.
type rowQuestion struct {
	columns []column
	// rows follows a hint about the wrong rows or order: what decides which
	// rows and in which order, without saying what they are.
	rows string
	// values follows a hint about wrong values in the right rows: what each
	// column holds, without saying what it is.
	values string
	// ties, when set, follows a hint about the right totals on other rows:
	// the rows tie, and the tie-breaker decides which of them come first.
	ties string
}

func (q rowQuestion) check(id string, answer any) Result {
	recs, err := records(answer)
	if errors.Is(err, errUnanswered) {
		return unanswered(id)
	}
	if err != nil {
		return wrong(id, "%v", err)
	}
	got, err := cells(recs, q.columns)
	if err != nil {
		return wrong(id, "%v", err)
	}
	want, err := expected(id)
	if err != nil {
		return wrong(id, "%v", err)
	}
	if slices.EqualFunc(want, got, slices.Equal[[]string]) {
		return correct(id)
	}
	return wrong(id, "%s", q.hint(want, got))
}

// cells picks the columns out of every record, as canonical text.
func cells(recs []record, cols []column) ([][]string, error) {
	out := make([][]string, len(recs))
	for i, rec := range recs {
		row, err := pick(rec, cols)
		if err != nil {
			return nil, fmt.Errorf("row %d: %w", i+1, err)
		}
		out[i] = row
	}
	return out, nil
}

// pick finds each column in rec by name; when names fail and the record
// has exactly as many values as the question has columns, it takes them in
// order (positional rows, or a struct with other field names). The values
// are returned as canonical text.
func pick(rec record, cols []column) ([]string, error) {
	vals := make([]any, len(cols))
	for i, c := range cols {
		if v, ok := lookup(rec, c); ok {
			vals[i] = v
			continue
		}
		if len(rec.ordered) == len(cols) {
			vals = rec.ordered
			break
		}
		if !rec.orderedOnly {
			return nil, missing(rec, c)
		}
		have := fmt.Sprintf("%d values", len(rec.ordered))
		if len(rec.ordered) == 1 {
			have = "1 value"
		}
		return nil, fmt.Errorf("has %s, expected %d (%s)", have, len(cols), labels(cols))
	}
	row := make([]string, len(cols))
	for i, v := range vals {
		s, err := cellText(v)
		if err != nil {
			return nil, fmt.Errorf("its %s could not be read: %v", cols[i].label, err)
		}
		row[i] = s
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

// missing explains that rec has no value for column c, in the terms of
// what the row is: a struct's fields (and its relations not loaded), or
// the columns of a map or of *sql.Rows.
func missing(rec record, c column) error {
	if rec.fields {
		h := fmt.Sprintf("has no %s: name its field %s", c.label, orList(c.names))
		if len(rec.unloaded) > 0 {
			h += fmt.Sprintf(", or load its relation %s with the query's Relation", orList(rec.unloaded))
		}
		return errors.New(h)
	}
	have := slices.Sorted(maps.Keys(rec.named))
	return fmt.Errorf("has the columns %s but no %s: select it AS %s", strings.Join(have, ", "), c.label, orList(c.names))
}

// hint explains how got differs from want without revealing want: the row
// count, the order, which columns hold other values, or other rows.
func (q rowQuestion) hint(want, got [][]string) string {
	if len(got) != len(want) {
		h := fmt.Sprintf("expected %d rows, got %d", len(want), len(got))
		if len(got) > len(want) {
			return h + ": too many (check the query's Limit)"
		}
		return h + ": too few (check the query's Limit, Where and joins)"
	}
	wantSet := map[string]int{}
	for _, r := range want {
		wantSet[strings.Join(r, "\x1f")]++
	}
	expected := 0 // rows of got that are expected rows, wherever they are
	for _, row := range got {
		if k := strings.Join(row, "\x1f"); wantSet[k] > 0 {
			wantSet[k]--
			expected++
		}
	}
	if expected == len(want) {
		return "the right rows in the wrong order: " + q.rows
	}
	// Which columns hold the expected value, row by row?
	wrongCol := make([]bool, len(q.columns))
	first, count := -1, 0
	for i, row := range got {
		if slices.Equal(row, want[i]) {
			continue
		}
		count++
		if first < 0 {
			first = i
		}
		for j, cell := range row {
			if j < len(want[i]) && cell != want[i][j] {
				wrongCol[j] = true
			}
		}
	}
	// The first column names the row (a TrackId, a track or an artist): when
	// it differs these are other rows, not the right rows with other values.
	if wrongCol[0] {
		if q.ties != "" && !slices.Contains(wrongCol[1:], true) {
			return fmt.Sprintf("row %d: the total is right but the track is another one: %s", first+1, q.ties)
		}
		if expected == 0 {
			return fmt.Sprintf("none of the %d rows is an expected one: %s", len(got), q.rows)
		}
		are := "are"
		if count == 1 {
			are = "is"
		}
		return fmt.Sprintf("row %d is not the expected one (%d of the %d rows %s not): %s", first+1, count, len(got), are, q.rows)
	}
	var differing []string
	for j, bad := range wrongCol {
		if bad {
			differing = append(differing, q.columns[j].label)
		}
	}
	verb := "differ"
	if len(differing) == 1 {
		verb = "differs"
	}
	h := fmt.Sprintf("row %d: the %s %s", first+1, andList(differing), verb)
	if count > 1 {
		h += fmt.Sprintf(" (%d rows differ)", count)
	}
	return h + "; " + q.values
}

func labels(cols []column) string {
	l := make([]string, len(cols))
	for i, c := range cols {
		l[i] = c.label
	}
	return strings.Join(l, ", ")
}

func orList(names []string) string { return joinList(names, " or ", "") }

func andList(items []string) string { return joinList(items, " and ", "values") }

// joinList joins items with commas and last before the last one; none
// gives empty.
func joinList(items []string, last, empty string) string {
	switch len(items) {
	case 0:
		return empty
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + last + items[len(items)-1]
}
