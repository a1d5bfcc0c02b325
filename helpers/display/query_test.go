package display

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/uptrace/bun"

	"github.com/bunbook/bunbook/helpers/connect"
	"github.com/bunbook/bunbook/internal/shareddata"
)

type item struct {
	bun.BaseModel `bun:"table:items"`
	ID            int64   `bun:"id,pk"`
	Name          string  `bun:"name,notnull"`
	Price         float64 `bun:"price"`
	Note          *string `bun:"note"`
}

// recorder is a query hook that keeps every SQL statement sent.
type recorder struct {
	mu      sync.Mutex
	queries []string
}

func (r *recorder) BeforeQuery(ctx context.Context, _ *bun.QueryEvent) context.Context { return ctx }

func (r *recorder) AfterQuery(_ context.Context, e *bun.QueryEvent) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.queries = append(r.queries, e.Query)
}

func (r *recorder) take() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	q := r.queries
	r.queries = nil
	return q
}

// itemsDB returns an in-memory database with n items and a recorder of
// the statements sent after they were inserted.
func itemsDB(t testing.TB, n int) (*bun.DB, *recorder) {
	t.Helper()
	ctx := context.Background()
	db, err := connect.Open(ctx, ":memory:")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if _, err := db.NewCreateTable().Model((*item)(nil)).Exec(ctx); err != nil {
		t.Fatal(err)
	}
	for start := 0; start < n; start += 500 {
		var batch []item
		for i := start; i < min(start+500, n); i++ {
			batch = append(batch, item{ID: int64(i + 1), Name: fmt.Sprintf("item %d", i+1), Price: float64(i+1) / 4})
		}
		if _, err := db.NewInsert().Model(&batch).Exec(ctx); err != nil {
			t.Fatal(err)
		}
	}
	rec := new(recorder)
	db.AddQueryHook(rec)
	return db, rec
}

func ids(rows [][]any) []int64 {
	var out []int64
	for _, r := range rows {
		out = append(out, r[0].(int64))
	}
	return out
}

func TestFetchLimitsInSQL(t *testing.T) {
	db, rec := itemsDB(t, 1000)
	q := db.NewSelect().Model((*item)(nil)).Column("id", "name").Order("id")
	r, err := fetch(context.Background(), q)
	if err != nil {
		t.Fatal(err)
	}
	wantSQL := []string{
		`SELECT "item"."id", "item"."name" FROM "items" AS "item" ORDER BY "id" LIMIT 61`,
		`SELECT count(*) FROM "items" AS "item"`,
		`SELECT "item"."id", "item"."name" FROM "items" AS "item" ORDER BY "id" LIMIT 5 OFFSET 995`,
	}
	if got := rec.take(); strings.Join(got, "\n") != strings.Join(wantSQL, "\n") {
		t.Fatalf("SQL sent:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(wantSQL, "\n"))
	}
	if r.Total != 1000 || fmt.Sprint(ids(r.Head)) != "[1 2 3 4 5]" || fmt.Sprint(ids(r.Tail)) != "[996 997 998 999 1000]" {
		t.Fatalf("Total %d, head %v, tail %v", r.Total, ids(r.Head), ids(r.Tail))
	}
	if fmt.Sprint(r.Columns) != "[id name]" {
		t.Fatalf("columns %v", r.Columns)
	}
	// The query itself is untouched and still returns everything.
	if n, err := q.Count(context.Background()); err != nil || n != 1000 {
		t.Fatalf("original query now counts %d, %v", n, err)
	}
}

func TestFetchSmallResultIsOneQuery(t *testing.T) {
	db, rec := itemsDB(t, 60)
	r, err := fetch(context.Background(), db.NewSelect().Model((*item)(nil)).Order("id"))
	if err != nil {
		t.Fatal(err)
	}
	if got := rec.take(); len(got) != 1 || !strings.HasSuffix(got[0], ` ORDER BY "id" LIMIT 61`) {
		t.Fatalf("SQL sent: %q", got)
	}
	if r.Total != 60 || len(r.Head) != 60 || len(r.Tail) != 0 || r.Cut() {
		t.Fatalf("Total %d, %d head, %d tail", r.Total, len(r.Head), len(r.Tail))
	}
	// One more row and it is cut.
	db2, _ := itemsDB(t, 61)
	r, err = fetch(context.Background(), db2.NewSelect().Model((*item)(nil)).Order("id"))
	if err != nil {
		t.Fatal(err)
	}
	if r.Total != 61 || fmt.Sprint(ids(r.Head), ids(r.Tail)) != "[1 2 3 4 5] [57 58 59 60 61]" {
		t.Fatalf("Total %d, head %v, tail %v", r.Total, ids(r.Head), ids(r.Tail))
	}
}

// TestFetchKeepsTheQuerysOwnLimit: a query with a LIMIT of its own runs
// once, as written, read to its end (no derived table, whose ORDER BY
// MariaDB forgets).
func TestFetchKeepsTheQuerysOwnLimit(t *testing.T) {
	db, rec := itemsDB(t, 1000)
	q := db.NewSelect().Model((*item)(nil)).Column("id").OrderExpr("id DESC").Limit(100).Offset(10)
	r, err := fetch(context.Background(), q)
	if err != nil {
		t.Fatal(err)
	}
	wantSQL := []string{`SELECT "item"."id" FROM "items" AS "item" ORDER BY id DESC LIMIT 100 OFFSET 10`}
	if got := rec.take(); strings.Join(got, "\n") != strings.Join(wantSQL, "\n") {
		t.Fatalf("SQL sent:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(wantSQL, "\n"))
	}
	if r.Total != 100 || fmt.Sprint(ids(r.Head), ids(r.Tail)) != "[990 989 988 987 986] [895 894 893 892 891]" {
		t.Fatalf("Total %d, head %v, tail %v", r.Total, ids(r.Head), ids(r.Tail))
	}
}

// TestFetchUnionRunsOnce: a UNION, where no LIMIT can be appended, runs
// once as written.
func TestFetchUnionRunsOnce(t *testing.T) {
	db, rec := itemsDB(t, 100)
	low := db.NewSelect().Model((*item)(nil)).Column("id").Where("id <= 40")
	high := db.NewSelect().Model((*item)(nil)).Column("id").Where("id > 70")
	r, err := fetch(context.Background(), low.UnionAll(high))
	if err != nil {
		t.Fatal(err)
	}
	got := rec.take()
	if len(got) != 1 || strings.Contains(got[0], "LIMIT") {
		t.Fatalf("SQL sent: %q", got)
	}
	if r.Total != 70 || fmt.Sprint(ids(r.Head), ids(r.Tail)) != "[1 2 3 4 5] [96 97 98 99 100]" {
		t.Fatalf("Total %d, head %v, tail %v", r.Total, ids(r.Head), ids(r.Tail))
	}
}

func TestFetchColumnOrderAsQueried(t *testing.T) {
	db, _ := itemsDB(t, 2)
	q := db.NewSelect().TableExpr("items").ColumnExpr("note, price AS cost, name, id").Order("id")
	var buf bytes.Buffer
	if err := Query(context.Background(), q, Writer(&buf)); err != nil {
		t.Fatal(err)
	}
	want := "" +
		"   note    cost  name    id\n" +
		"0  <NULL>  0.25  item 1   1\n" +
		"1  <NULL>   0.5  item 2   2\n" +
		"[2 rows × 4 columns]\n"
	if buf.String() != want {
		t.Fatalf("got:\n%s\nwant:\n%s", buf.String(), want)
	}
}

func TestQueryInNotebookDisplaysHTML(t *testing.T) {
	var shown []string
	synced := 0
	inNotebook = func() bool { return true }
	displayHTML = func(html string) { shown = append(shown, html) }
	syncDisplay = func() { synced = len(shown) }
	t.Cleanup(func() {
		inNotebook = func() bool { return false }
		displayHTML = func(string) { panic("no notebook in tests") }
		syncDisplay = func() {}
	})
	db, _ := itemsDB(t, 0)
	ctx := context.Background()
	note := "<script>alert(1)</script>"
	if _, err := db.NewInsert().Model(&item{ID: 1, Name: "a & b", Note: &note}).Exec(ctx); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := Query(ctx, db.NewSelect().Model((*item)(nil)), Writer(&buf)); err != nil {
		t.Fatal(err)
	}
	if buf.Len() != 0 {
		t.Errorf("text written in a notebook: %q", buf.String())
	}
	if len(shown) != 1 {
		t.Fatalf("displayed %d HTML outputs, want 1", len(shown))
	}
	if synced != 1 {
		t.Error("Show returned without waiting for GoNB to take the table (gonbui.Sync)")
	}
	for _, want := range []string{
		"      <th>id</th>\n      <th>name</th>\n      <th>price</th>\n      <th>note</th>\n",
		"      <th>0</th>\n      <td class=\"num\">1</td>\n      <td>a &amp; b</td>\n      <td class=\"num\">0</td>\n      <td>&lt;script&gt;alert(1)&lt;/script&gt;</td>\n",
		`<p class="footer">1 row × 4 columns</p>`,
	} {
		if !strings.Contains(shown[0], want) {
			t.Errorf("HTML lacks %q:\n%s", want, shown[0])
		}
	}
}

func TestReadRowsKeepsHeadAndTail(t *testing.T) {
	db, _ := itemsDB(t, 1000)
	ctx := context.Background()
	for _, tc := range []struct {
		n          int
		head, tail string
	}{
		{1000, "[1 2 3 4 5]", "[996 997 998 999 1000]"},
		{61, "[1 2 3 4 5]", "[57 58 59 60 61]"},
		{60, fmt.Sprint(seq(1, 60)), "[]"},
		{0, "[]", "[]"},
	} {
		rows, err := db.QueryContext(ctx, "SELECT id FROM items WHERE id <= ? ORDER BY id", tc.n)
		if err != nil {
			t.Fatal(err)
		}
		r, err := readRows(rows)
		if err != nil {
			t.Fatal(err)
		}
		if r.Total != tc.n || fmt.Sprint(ids(r.Head)) != tc.head || fmt.Sprint(ids(r.Tail)) != tc.tail {
			t.Errorf("n=%d: Total %d, head %v, tail %v", tc.n, r.Total, ids(r.Head), ids(r.Tail))
		}
	}
}

func seq(from, to int64) []int64 {
	var s []int64
	for i := from; i <= to; i++ {
		s = append(s, i)
	}
	return s
}

func TestRowsText(t *testing.T) {
	db, _ := itemsDB(t, 3)
	rows, err := db.QueryContext(context.Background(), "SELECT name, price, note, x'00ff' AS raw FROM items ORDER BY id")
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	r, err := readRows(rows)
	if err != nil {
		t.Fatal(err)
	}
	if err := showResult(r, Writer(&buf)); err != nil {
		t.Fatal(err)
	}
	want := "" +
		"   name    price  note    raw\n" +
		"0  item 1   0.25  <NULL>  x'00FF'\n" +
		"1  item 2    0.5  <NULL>  x'00FF'\n" +
		"2  item 3   0.75  <NULL>  x'00FF'\n" +
		"[3 rows × 4 columns]\n"
	if buf.String() != want {
		t.Fatalf("got:\n%s\nwant:\n%s", buf.String(), want)
	}
}

func TestQueryErrorsAreReported(t *testing.T) {
	db, _ := itemsDB(t, 1)
	err := Query(context.Background(), db.NewSelect().TableExpr("no_such_table"), Writer(new(bytes.Buffer)))
	if err == nil || !strings.Contains(err.Error(), "no such table: no_such_table") {
		t.Fatalf("err = %v", err)
	}
	if err := Query(context.Background(), nil); err == nil {
		t.Fatal("nil query: no error")
	}
}

func TestSQL(t *testing.T) {
	db, rec := itemsDB(t, 0)
	var buf bytes.Buffer
	q := db.NewSelect().Model((*item)(nil)).Column("name").Where("name = ?", "it's <b>").Limit(3)
	if err := SQL(q, Writer(&buf)); err != nil {
		t.Fatal(err)
	}
	want := "\nSELECT \"item\".\"name\" FROM \"items\" AS \"item\" WHERE (name = 'it''s <b>') LIMIT 3\n\n"
	if buf.String() != want {
		t.Fatalf("got %q\nwant %q", buf.String(), want)
	}
	ins, err := sqlString(db.NewInsert().Model(&item{ID: 9, Name: "x"}))
	if err != nil {
		t.Fatal(err)
	}
	if want := `INSERT INTO "items" ("id", "name", "price", "note") VALUES (9, 'x', 0, NULL) RETURNING "note"`; ins != want {
		t.Fatalf("insert SQL %q, want %q", ins, want)
	}
	for q, want := range map[Statement]string{
		db.NewRaw("SELECT ? AS x", "<&>"):                                      `SELECT '<&>' AS x`,
		db.NewCreateTable().Model((*item)(nil)).IfNotExists():                  `CREATE TABLE IF NOT EXISTS "items" ("id" INTEGER NOT NULL, "name" VARCHAR NOT NULL, "price" DOUBLE PRECISION, "note" VARCHAR, PRIMARY KEY ("id"))`,
		db.NewUpdate().Model((*item)(nil)).Set("price = ?", 2).Where("id = 1"): `UPDATE "items" AS "item" SET price = 2 WHERE (id = 1)`,
		db.NewDelete().Model((*item)(nil)).Where("id = ?", 1):                  `DELETE FROM "items" AS "item" WHERE (id = 1)`,
		db.NewDropTable().Model((*item)(nil)).IfExists():                       `DROP TABLE IF EXISTS "items"`,
	} {
		got, err := sqlString(q)
		if err != nil || got != want {
			t.Errorf("SQLString = %q, %v; want %q", got, err, want)
		}
	}
	if _, err := sqlString(db.NewSelect().Err(errors.New("bad model"))); err == nil || err.Error() != "display: building SQL: bad model" {
		t.Errorf("SQLString of a broken query: err = %v", err)
	}
	if sent := rec.take(); len(sent) != 0 {
		t.Fatalf("SQL ran statements: %q", sent)
	}
}

func TestQueryChinookTracks(t *testing.T) {
	ctx := context.Background()
	db, err := connect.Open(ctx, shareddata.Path(t, "chinook.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var buf bytes.Buffer
	q := db.NewSelect().TableExpr("tracks").ColumnExpr(`"TrackId", "Name", "Milliseconds"`).Order("TrackId")
	if err := Query(ctx, q, Writer(&buf)); err != nil {
		t.Fatal(err)
	}
	want := "" +
		"      TrackId  Name                                                Milliseconds\n" +
		"   0        1  For Those About To Rock (We Salute You)                   343719\n" +
		"   1        2  Balls to the Wall                                         342562\n" +
		"   2        3  Fast As a Shark                                           230619\n" +
		"   3        4  Restless and Wild                                         252051\n" +
		"   4        5  Princess of the Dawn                                      375418\n" +
		"   …        …  …                                                              …\n" +
		"3498     3499  Pini Di Roma (Pinien Von Rom) \\ I Pini Della Via …        286741\n" +
		"3499     3500  String Quartet No. 12 in C Minor, D. 703 \"Quartet…        139200\n" +
		"3500     3501  L'orfeo, Act 3, Sinfonia (Orchestra)                       66639\n" +
		"3501     3502  Quintet for Horn, Violin, 2 Violas, and Cello in …        221331\n" +
		"3502     3503  Koyaanisqatsi                                             206005\n" +
		"[3503 rows × 3 columns]\n"
	if buf.String() != want {
		t.Fatalf("got:\n%s\nwant:\n%s", buf.String(), want)
	}
}

type shelf struct {
	bun.BaseModel `bun:"table:shelves"`
	ID            int64  `bun:"id,pk"`
	Label         string `bun:"label"`
}

type stocked struct {
	bun.BaseModel `bun:"table:items"`
	ID            int64  `bun:"id,pk"`
	Name          string `bun:"name"`
	ShelfID       int64  `bun:"shelf_id"`
	Shelf         *shelf `bun:"rel:belongs-to,join:shelf_id=id"`
}

func TestFetchWithJoinedRelation(t *testing.T) {
	db, rec := itemsDB(t, 100)
	ctx := context.Background()
	for _, stmt := range []string{
		"CREATE TABLE shelves (id INTEGER PRIMARY KEY, label TEXT)",
		"INSERT INTO shelves VALUES (1, 'low'), (2, 'high')",
		"ALTER TABLE items ADD COLUMN shelf_id INTEGER",
		"UPDATE items SET shelf_id = 1 + (id > 50)",
	} {
		if _, err := db.ExecContext(ctx, stmt); err != nil {
			t.Fatal(err)
		}
	}
	rec.take()
	q := db.NewSelect().Model((*stocked)(nil)).Column("stocked.id").
		Relation("Shelf", func(q *bun.SelectQuery) *bun.SelectQuery { return q.Column("label") }).
		Order("stocked.id")
	r, err := fetch(ctx, q)
	if err != nil {
		t.Fatal(err)
	}
	if got := fmt.Sprint(r.Columns); got != "[id shelf__label]" {
		t.Fatalf("columns %s", got)
	}
	if got := fmt.Sprint(r.Total, r.Head[0], r.Tail[4]); got != "100 [1 low] [100 high]" {
		t.Fatalf("got %s", got)
	}
	if sent := rec.take(); len(sent) != 3 || !strings.HasSuffix(sent[2], `ORDER BY "stocked"."id" LIMIT 5 OFFSET 95`) {
		t.Fatalf("SQL sent: %q", sent)
	}
}
