package exercise

import (
	"database/sql"
	"reflect"
	"strings"
	"testing"

	"github.com/bunbook/bunbook/helpers/inspect"
	"github.com/bunbook/bunbook/internal/progress"
)

func toAny(rows [][]string) [][]any {
	out := make([][]any, len(rows))
	for i, r := range rows {
		for _, c := range r {
			out[i] = append(out[i], c)
		}
	}
	return out
}

func clone(rows [][]string) [][]string {
	out := make([][]string, len(rows))
	for i, r := range rows {
		out[i] = append([]string(nil), r...)
	}
	return out
}

// TestReferenceAnswersPass feeds the reference rows back, positionally.
func TestReferenceAnswersPass(t *testing.T) {
	ref := referenceAnswers(t)
	for _, q := range []string{"Q3", "Q4", "Q5a", "Q5b", "Q6", "Q7"} {
		if r := Check(q, ref[q]); !r.OK() {
			t.Errorf("%s [][]string: %s", q, r)
		}
		if r := Check(q, toAny(ref[q])); !r.OK() {
			t.Errorf("%s [][]any: %s", q, r)
		}
	}
	sqlByName := map[string]string{}
	for _, row := range ref[keySchemaSQL] {
		sqlByName[row[0]] = row[1]
	}
	if r := Check("Q2", sqlByName); !r.OK() {
		t.Errorf("Q2 map[string]string: %s", r)
	}
}

// TestIssueFacts pins the facts the exercises state, from the real data.
func TestIssueFacts(t *testing.T) {
	ref := referenceAnswers(t)
	wantQ7 := [][]string{
		{"Iron Maiden", "140"}, {"U2", "107"}, {"Metallica", "91"}, {"Led Zeppelin", "87"},
		{"Os Paralamas Do Sucesso", "45"}, {"Deep Purple", "44"}, {"Faith No More", "42"},
		{"Lost", "41"}, {"Eric Clapton", "40"}, {"R.E.M.", "39"},
	}
	if !reflect.DeepEqual(ref["Q7"], wantQ7) {
		t.Errorf("Q7 reference = %v, want %v", ref["Q7"], wantQ7)
	}
	if got := ref["Q4"][0]; !reflect.DeepEqual(got, []string{"For Those About To Rock (We Salute You)", "For Those About To Rock We Salute You"}) {
		t.Errorf("Q4 first row = %q", got)
	}
	db := openChinook(t)
	ties := queryCells(t, db, `SELECT COUNT(*) FROM (SELECT TrackId FROM invoice_items
		GROUP BY TrackId HAVING SUM(Quantity) = 2)`)
	if ties[0][0] != "256" {
		t.Errorf("tracks sold twice = %s, want 256", ties[0][0])
	}
	for _, row := range ref["Q6"] {
		if row[1] != "2" {
			t.Errorf("Q6 row %q: total %s, want 2 (every top track ties at 2)", row[0], row[1])
		}
	}
	if len(ref[keySchemaSQL]) != 11 {
		t.Errorf("Chinook has %d tables besides sqlite_*, want 11", len(ref[keySchemaSQL]))
	}
}

func TestUnanswered(t *testing.T) {
	var nilTracks []Track
	var nilSchema *inspect.Schema
	var nilRows *sql.Rows
	var nilMap map[string][]string
	cases := []struct {
		q      string
		answer any
	}{
		{"Q1", nil},
		{"Q1", (*sql.DB)(nil)},
		{"Q2", nil},
		{"Q2", nilSchema},
		{"Q2", nilMap},
		{"Q2", []string{}},
		{"Q2", []string{"sqlite_sequence"}},
		{"Q3", nil},
		{"Q3", nilTracks},
		{"Q3", &nilTracks},
		{"Q3", []Track{}},
		{"Q4", [][]any{}},
		{"Q5a", nilRows},
		{"Q5b", []map[string]any(nil)},
		{"Q6", [][]string(nil)},
		{"Q7", []any{}},
	}
	for _, c := range cases {
		r := Check(c.q, c.answer)
		if r.outcome != progress.Unanswered {
			t.Errorf("%s(%#v) = %s, want unanswered", c.q, c.answer, r)
		}
		if want := "⬜ " + c.q + " not yet answered: fill in the cell and run it again"; r.String() != want {
			t.Errorf("%s: %q, want %q", c.q, r.String(), want)
		}
	}
}

// TestWrongAnswers checks the exact hints, and that no hint reveals an
// expected value.
func TestWrongAnswers(t *testing.T) {
	ref := referenceAnswers(t)

	q4 := clone(ref["Q4"])
	q4[2][1] = "Some Other Album"
	q4swap := clone(ref["Q4"])
	q4swap[0], q4swap[1] = q4swap[1], q4swap[0]
	q4both := clone(ref["Q4"])
	q4both[4] = []string{"x", "y"}
	q4both[7][0] = "z"
	q6 := clone(ref["Q6"])
	q6[9] = []string{"Some Track", "2"}
	q7 := clone(ref["Q7"])[:3]
	columns := map[string][]string{}
	for _, row := range ref[keySchemaColumns] {
		columns[row[0]] = strings.Split(row[1], ",")
	}
	columns["tracks"] = columns["tracks"][1:]
	withExtra := map[string][]string{"albums": {"AlbumId"}, "songs": {"x"}}

	emptyDB := openEmpty(t)
	closedDB := openEmpty(t)
	closedDB.Close()

	cases := []struct {
		q      string
		answer any
		want   string
	}{
		{"Q1", emptyDB, "❌ Q1 not yet: this database has no tracks table, so it is not Chinook: open the chinook.db the download cell prepared (or, on a server, the database Chinook was loaded into)"},
		{"Q1", closedDB, "❌ Q1 not yet: the database does not answer (sql: database is closed): open it again, and do not Close it before the check"},
		{"Q1", "chinook.db", "❌ Q1 not yet: got a string; pass the database you opened (the *bun.DB)"},
		{"Q2", []string{"albums", "artists"}, "❌ Q2 not yet: expected 11 tables (not counting SQLite's own sqlite_* tables), got 2"},
		{"Q2", withExtra, `❌ Q2 not yet: chinook.db has no table named "songs"`},
		{"Q2", columns, `❌ Q2 not yet: table "tracks": the columns differ; list every column, in the order the table declares them`},
		{"Q2", namesOf(ref[keySchemaColumns]), "❌ Q2 not yet: the table names are right; now give each table's schema too: a map[string][]string from table name to its column names, or the *inspect.Schema"},
		{"Q2", 42, "❌ Q2 not yet: got an int; pass all the rows: a slice of structs (or of maps, or of []any), or the *sql.Rows of the query; for Q2 pass the *inspect.Schema, a map[string][]string (table → column names) or sqlite_master's name and sql columns"},
		{"Q3", ref["Q4"][:3], "❌ Q3 not yet: row 1: has 2 values, expected 9 (TrackId, Name, AlbumId, MediaTypeId, GenreId, Composer, Milliseconds, Bytes, UnitPrice)"},
		{"Q3", []struct{ Title string }{{"a"}}, "❌ Q3 not yet: row 1: has no TrackId: name its field TrackId or ID"},
		{"Q4", ref["Q4"][:5], "❌ Q4 not yet: expected 20 rows, got 5: too few (check the query's Limit, Where and joins)"},
		{"Q4", q4, "❌ Q4 not yet: row 3: the album title differs; each track with the title of its own album"},
		{"Q4", q4swap, "❌ Q4 not yet: the right rows in the wrong order: the first tracks are the ones with the lowest TrackId (a join does not keep that order by itself: add an Order)"},
		{"Q4", q4both, "❌ Q4 not yet: row 5 is not the expected one (2 of the 20 rows are not): the first tracks are the ones with the lowest TrackId (a join does not keep that order by itself: add an Order)"},
		{"Q4", []Track{{Name: "x"}}, "❌ Q4 not yet: row 1: has no album title: name its field Title, AlbumTitle, Album.Title or Album, or load its relation Album with the query's Relation"},
		{"Q5a", append(toAny(ref["Q5a"]), []any{1, 2, 3, 4, 5}), "❌ Q5a not yet: expected 10 rows, got 11: too many (check the query's Limit)"},
		{"Q6", q6, "❌ Q6 not yet: row 10: the total is right but the track is another one: " + q6Ties},
		{"Q7", q7, "❌ Q7 not yet: expected 10 rows, got 3: too few (check the query's Limit, Where and joins)"},
		{"Q7", Track{}, "❌ Q7 not yet: got an exercise.Track; pass all the rows: a slice of structs (or of maps, or of []any), or the *sql.Rows of the query"},
		{"Q7", []int{1, 2}, "❌ Q7 not yet: row 1: is an int, not a row; each row should be a struct, a map or a slice of values"},
		{"Q9", 1, `❌ Q9 not yet: there is no question "Q9"; the questions are [Q1 Q2 Q3 Q4 Q5a Q5b Q6 Q7]`},
	}
	var secrets []string
	for key, rows := range ref {
		if key == keySchemaColumns || key == keySchemaSQL {
			continue // table names may be named back; they are the student's own
		}
		for _, row := range rows {
			for _, c := range row {
				if len(c) >= 4 {
					secrets = append(secrets, c)
				}
			}
		}
	}
	for _, c := range cases {
		r := Check(c.q, c.answer)
		if r.String() != c.want {
			t.Errorf("%s:\n got %s\nwant %s", c.q, r, c.want)
		}
		for _, s := range secrets {
			if strings.Contains(r.hint, s) {
				t.Errorf("%s hint %q reveals %q", c.q, r.hint, s)
			}
		}
	}
}

func namesOf(rows [][]string) []string {
	var names []string
	for _, r := range rows {
		names = append(names, r[0])
	}
	return names
}
