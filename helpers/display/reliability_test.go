package display

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/uptrace/bun"

	"github.com/bunbook/bunbook/helpers/connect"
	"github.com/bunbook/bunbook/internal/dbtest"
)

// fetchWithin is Fetch failing the test when it hangs.
func fetchWithin(t *testing.T, q *bun.SelectQuery) (resultTable, error) {
	t.Helper()
	type answer struct {
		r   resultTable
		err error
	}
	done := make(chan answer, 1)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	go func() {
		r, err := fetch(ctx, q)
		done <- answer{r, err}
	}()
	select {
	case a := <-done:
		return a.r, a.err
	case <-time.After(10 * time.Second):
		t.Fatal("Fetch: no answer after 10s (deadlock)")
		return resultTable{}, nil
	}
}

// servers are the three databases the transaction tests run on.
var servers = []struct {
	name string
	open func(t *testing.T) *bun.DB
}{
	{"sqlite", func(t *testing.T) *bun.DB {
		db, err := connect.Open(context.Background(), filepath.Join(t.TempDir(), "tx.db"), connect.Create())
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		return db
	}},
	{"postgres", func(t *testing.T) *bun.DB { return dbtest.Postgres(t) }},
	{"mariadb", func(t *testing.T) *bun.DB { return dbtest.MariaDB(t) }},
}

// TestFetchInTransaction: a query bound to a transaction is shown as the
// transaction sees it — size and tail included — and never waits for a
// connection the transaction holds (H4 on :memory:, W3 elsewhere).
func TestFetchInTransaction(t *testing.T) {
	memory := func(t *testing.T) *bun.DB {
		db, err := connect.Open(context.Background(), ":memory:")
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		return db
	}
	for _, s := range append(servers, struct {
		name string
		open func(t *testing.T) *bun.DB
	}{"memory", memory}) {
		t.Run(s.name, func(t *testing.T) {
			ctx := context.Background()
			db := s.open(t)
			if _, err := db.ExecContext(ctx, "CREATE TABLE t (n integer PRIMARY KEY)"); err != nil {
				t.Fatal(err)
			}
			for i := 1; i <= 50; i++ {
				db.ExecContext(ctx, fmt.Sprintf("INSERT INTO t VALUES (%d)", i))
			}
			tx, err := db.BeginTx(ctx, nil)
			if err != nil {
				t.Fatal(err)
			}
			defer tx.Rollback()
			for i := 51; i <= 100; i++ {
				if _, err := tx.ExecContext(ctx, fmt.Sprintf("INSERT INTO t VALUES (%d)", i)); err != nil {
					t.Fatal(err)
				}
			}
			r, err := fetchWithin(t, tx.NewSelect().Table("t").Column("n").Order("n"))
			if err != nil {
				t.Fatal(err)
			}
			if got := fmt.Sprint(r.Total, ids(r.Head), ids(r.Tail)); got != "100 [1 2 3 4 5] [96 97 98 99 100]" {
				t.Errorf("got %s, want the transaction's 100 rows", got)
			}
		})
	}
}

// TestFetchRunsSideEffectsOnce: a data-modifying CTE is executed once,
// and shown, instead of inserting on each of three queries and failing.
func TestFetchRunsSideEffectsOnce(t *testing.T) {
	ctx := context.Background()
	db := dbtest.Postgres(t)
	if _, err := db.ExecContext(ctx, "CREATE TABLE t (id serial PRIMARY KEY, v integer)"); err != nil {
		t.Fatal(err)
	}
	q := db.NewSelect().
		With("ins", db.NewRaw("INSERT INTO t (v) SELECT generate_series(1, 100) RETURNING id, v")).
		Table("ins").Column("v").Order("v")
	r, err := fetchWithin(t, q)
	if err != nil {
		t.Fatal(err)
	}
	if got := fmt.Sprint(r.Total, ids(r.Head), ids(r.Tail)); got != "100 [1 2 3 4 5] [96 97 98 99 100]" {
		t.Errorf("shown: %s", got)
	}
	var n int
	if err := db.NewRaw("SELECT count(*) FROM t").Scan(ctx, &n); err != nil || n != 100 {
		t.Errorf("the CTE inserted %d rows (%v), want 100: once", n, err)
	}
}

// TestFetchMariaDBDuplicateNamesAndWrappedOrder: on MariaDB a derived
// table rejects duplicate column names and forgets its ORDER BY; neither
// may change what display shows (W2, W4).
func TestFetchMariaDBDuplicateNamesAndWrappedOrder(t *testing.T) {
	ctx := context.Background()
	db := dbtest.MariaDB(t)
	if _, err := db.ExecContext(ctx, "CREATE TABLE nums (n integer PRIMARY KEY)"); err != nil {
		t.Fatal(err)
	}
	var values []string
	for i := 1; i <= 200; i++ {
		values = append(values, fmt.Sprintf("(%d)", i))
	}
	if _, err := db.ExecContext(ctx, "INSERT INTO nums VALUES "+strings.Join(values, ",")); err != nil {
		t.Fatal(err)
	}
	r, err := fetchWithin(t, db.NewSelect().TableExpr("nums AS a").Join("JOIN nums AS b ON b.n = a.n").
		ColumnExpr("a.n, b.n").Where("a.n <= 100").OrderExpr("a.n"))
	if err != nil {
		t.Fatal(err)
	}
	if got := fmt.Sprint(r.Columns, r.Total, ids(r.Head)); got != "[n n] 100 [1 2 3 4 5]" {
		t.Errorf("self-join: %s", got)
	}
	r, err = fetchWithin(t, db.NewSelect().Table("nums").Column("n").Order("n DESC").For("UPDATE"))
	if err != nil {
		t.Fatal(err)
	}
	if got := fmt.Sprint(r.Total, ids(r.Head), ids(r.Tail)); got != "200 [200 199 198 197 196] [5 4 3 2 1]" {
		t.Errorf("FOR UPDATE, ORDER BY n DESC: %s", got)
	}
}

// TestTextTellsNullFromItsSpelling: SQL NULL prints <NULL>; the string
// "<NULL>" is quoted, and a right-to-left override is escaped, so no value
// can pass for another or reverse the rest of the line (W10).
func TestTextTellsNullFromItsSpelling(t *testing.T) {
	r := resultTable{Columns: []string{"v"}, Total: 3, Head: [][]any{{nil}, {"<NULL>"}, {"abc\u202edef"}}}
	want := "" +
		"   v\n" +
		"0  <NULL>\n" +
		"1  '<NULL>'\n" +
		"2  abc\\u202edef\n" +
		"[3 rows × 1 column]\n"
	if got := renderText(r); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
	if got := renderText(resultTable{Columns: []string{"family"}, Total: 1, Head: [][]any{{"👨\u200d👩\u200d👧"}}}); !strings.Contains(got, "👨\u200d👩\u200d👧") {
		t.Errorf("an emoji sequence was escaped:\n%s", got)
	}
}
