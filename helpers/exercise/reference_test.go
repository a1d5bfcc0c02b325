package exercise

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"testing"

	"github.com/bunbook/bunbook/internal/progress"
	"github.com/bunbook/bunbook/internal/shareddata"
	"github.com/uptrace/bun/driver/sqliteshim"
)

// TestMain points the reference queries at the shared chinook.db, as a
// notebook's chinook.db next to it.
func TestMain(m *testing.M) {
	if dir, err := shareddata.Dir(); err == nil {
		referenceFile = filepath.Join(dir, "chinook.db")
	}
	os.Exit(m.Run())
}

func openChinook(t testing.TB) *sql.DB {
	t.Helper()
	path := shareddata.Path(t, "chinook.db")
	db, err := sql.Open(sqliteshim.ShimName, "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func queryCells(t testing.TB, db *sql.DB, query string) [][]string {
	t.Helper()
	rows, err := db.QueryContext(context.Background(), query)
	if err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	recs, err := sqlRecords(rows)
	if err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	out := make([][]string, len(recs))
	for i, r := range recs {
		for _, v := range r.ordered {
			c, err := cellText(v)
			if err != nil {
				t.Fatalf("%s: %v", query, err)
			}
			out[i] = append(out[i], c)
		}
	}
	return out
}

// referenceAnswers computes every expected answer, as the checks do.
func referenceAnswers(t testing.TB) map[string][][]string {
	t.Helper()
	shareddata.Path(t, "chinook.db")
	ref := map[string][][]string{}
	for key := range referenceQueries {
		rows, err := expected(key)
		if err != nil {
			t.Fatalf("%s: %v", key, err)
		}
		ref[key] = rows
	}
	return ref
}

// TestChecksFollowTheStudentsDatabase (P6 of the probe of 2026-12-05): the
// expected rows come from the chinook.db the notebook queries, at check
// time, not from digests shipped in the source (which a few lines of code
// inverted in 0.4 CPU-s). A student who changed that file while practising
// gets ✅ for a right query on it, and a clear ❌ when it cannot be read.
func TestChecksFollowTheStudentsDatabase(t *testing.T) {
	pristine := referenceAnswers(t)
	path := shareddata.Copy(t, "chinook.db")
	old := referenceFile
	referenceFile = path
	t.Cleanup(func() { referenceFile = old })

	db, err := sql.Open(sqliteshim.ShimName, "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, stmt := range []string{
		`UPDATE artists SET Name = 'Iron Maiden (remastered)' WHERE Name = 'Iron Maiden'`,
		`DELETE FROM invoice_items WHERE InvoiceLineId = 1`,
		`UPDATE tracks SET Name = 'Fast As a Shark (live)' WHERE TrackId = 3`,
	} {
		if _, err := db.Exec(stmt); err != nil {
			t.Fatal(err)
		}
	}
	for _, q := range []string{"Q3", "Q4", "Q5a", "Q5b", "Q6", "Q7"} {
		mine := queryCells(t, db, referenceQueries[q])
		if r := Check(q, mine); !r.OK() {
			t.Errorf("%s, right query on the changed database: %s", q, r)
		}
	}
	for q, want := range map[string]string{
		"Q4":  "❌ Q4 not yet: row 3 is not the expected one (1 of the 20 rows is not): the first tracks are the ones with the lowest TrackId (a join does not keep that order by itself: add an Order)",
		"Q5a": "❌ Q5a not yet: row 1 is not the expected one (10 of the 10 rows are not): the first invoice items are the ones with the lowest InvoiceLineId",
		"Q7":  "❌ Q7 not yet: row 1 is not the expected one (1 of the 10 rows is not): group by artist and order by the total descending",
	} {
		if r := Check(q, pristine[q]); r.String() != want {
			t.Errorf("%s, the original rows on the changed database:\n got %s\nwant %s", q, r, want)
		}
	}
	if r := Check("Q1", db); !r.OK() {
		t.Errorf("Q1 on the changed database: %s", r)
	}

	if _, err := db.Exec(`DELETE FROM tracks`); err != nil {
		t.Fatal(err)
	}
	r := Check("Q3", pristine["Q3"])
	if want := "❌ Q3 not yet: cannot check it yet: the reference query finds no rows in chinook.db: if you deleted rows, delete it and run the notebook's first cell to download it again"; r.String() != want {
		t.Errorf("no tracks left:\n got %s\nwant %s", r, want)
	}
	if _, err := db.Exec(`DROP TABLE invoice_items`); err != nil {
		t.Fatal(err)
	}
	r = Check("Q5a", pristine["Q5a"])
	if want := "❌ Q5a not yet: cannot check it yet: chinook.db no longer answers the reference query (SQL logic error: no such table: invoice_items (1)): if you changed its tables, delete it and run the notebook's first cell to download it again"; r.String() != want {
		t.Errorf("dropped table:\n got %s\nwant %s", r, want)
	}

	referenceFile = filepath.Join(t.TempDir(), ChinookFile)
	r = Check("Q3", pristine["Q3"])
	if want := "❌ Q3 not yet: cannot check it yet: chinook.db is not in this folder: run the notebook's first cell, which downloads it, then this one again"; r.String() != want {
		t.Errorf("no chinook.db:\n got %s\nwant %s", r, want)
	}
	if _, err := os.Stat(referenceFile); err == nil {
		t.Errorf("the check created %s", referenceFile)
	}
	if r := Check("Q3", nil); r.outcome != progress.Unanswered {
		t.Errorf("unanswered without chinook.db: %s", r)
	}
}
