package display

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/uptrace/bun"

	"github.com/bunbook/bunbook/internal/dbtest"
)

// serverItems fills items with n rows on a real server database.
func serverItems(t *testing.T, db *bun.DB, n int) *recorder {
	t.Helper()
	ctx := context.Background()
	if _, err := db.NewCreateTable().Model((*item)(nil)).Exec(ctx); err != nil {
		t.Fatal(err)
	}
	var batch []item
	for i := range n {
		batch = append(batch, item{ID: int64(i + 1), Name: fmt.Sprintf("item %d", i+1), Price: float64(i+1) / 4})
	}
	if _, err := db.NewInsert().Model(&batch).Exec(ctx); err != nil {
		t.Fatal(err)
	}
	rec := new(recorder)
	db.AddQueryHook(rec)
	return rec
}

func testServer(t *testing.T, db *bun.DB) {
	rec := serverItems(t, db, 1000)
	ctx := context.Background()

	// Direct limits on the query itself.
	r, err := fetch(ctx, db.NewSelect().Model((*item)(nil)).OrderExpr("id DESC"))
	if err != nil {
		t.Fatal(err)
	}
	if got := fmt.Sprint(r.Total, ids(r.Head), ids(r.Tail)); got != "1000 [1000 999 998 997 996] [5 4 3 2 1]" {
		t.Errorf("direct: %s", got)
	}
	sent := rec.take()
	if len(sent) != 3 || strings.Contains(sent[0], "display") || !strings.Contains(sent[1], "count(*)") {
		t.Errorf("direct SQL: %q", sent)
	}

	// A query with its own ORDER BY ... LIMIT runs once, as written.
	r, err = fetch(ctx, db.NewSelect().Model((*item)(nil)).OrderExpr("id DESC").Limit(100))
	if err != nil {
		t.Fatal(err)
	}
	if got := fmt.Sprint(r.Total, ids(r.Head), ids(r.Tail)); got != "100 [1000 999 998 997 996] [905 904 903 902 901]" {
		t.Errorf("wrapped: %s", got)
	}
	if sent := rec.take(); len(sent) != 1 || strings.Contains(sent[0], "display") {
		t.Errorf("own-limit SQL: %q", sent)
	}

	// A UNION runs once, whatever the dialect does with its parts.
	low := db.NewSelect().Model((*item)(nil)).Column("id").Where("id <= 40")
	high := db.NewSelect().Model((*item)(nil)).Column("id").Where("id > 970")
	u, err := fetch(ctx, low.UnionAll(high).OrderExpr("id"))
	if err != nil {
		t.Fatal(err)
	}
	if got := fmt.Sprint(u.Total, len(u.Head), len(u.Tail)); got != "70 5 5" {
		t.Errorf("union: %s", got)
	}
	if sent := rec.take(); len(sent) != 1 || strings.Contains(sent[0], "LIMIT") {
		t.Errorf("union SQL: %q", sent)
	}

	// The same text on every database: the driver's values are typed
	// (numbers right-aligned), NULL distinct.
	want := "" +
		"      id  name        price  note\n" +
		" 0  1000  item 1000     250  <NULL>\n" +
		" 1   999  item 999   249.75  <NULL>\n" +
		" 2   998  item 998    249.5  <NULL>\n" +
		" 3   997  item 997   249.25  <NULL>\n" +
		" 4   996  item 996      249  <NULL>\n" +
		" …     …  …               …  …\n" +
		"95   905  item 905   226.25  <NULL>\n" +
		"96   904  item 904      226  <NULL>\n" +
		"97   903  item 903   225.75  <NULL>\n" +
		"98   902  item 902    225.5  <NULL>\n" +
		"99   901  item 901   225.25  <NULL>\n" +
		"[100 rows × 4 columns]\n"
	if got := renderText(r); got != want {
		t.Errorf("text:\n%s\nwant:\n%s", got, want)
	}
}

func TestFetchPostgres(t *testing.T) { testServer(t, dbtest.Postgres(t)) }

func TestFetchMariaDB(t *testing.T) { testServer(t, dbtest.MariaDB(t)) }
