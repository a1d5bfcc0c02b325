package automap_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/bunbook/bunbook/helpers/automap"
	"github.com/bunbook/bunbook/helpers/connect"
	"github.com/bunbook/bunbook/helpers/repr"
)

// Table and column names that are keywords, hold spaces, commas, quotes,
// dots or non-ASCII letters, and model names that collide.
func TestHostileNames(t *testing.T) {
	db, err := connect.Open(ctx, t.TempDir()+"/hostile.db", connect.Create())
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, stmt := range []string{
		`CREATE TABLE "select" ("from" INTEGER PRIMARY KEY, "first name" TEXT, "first_name" TEXT, "2nd" INTEGER, "名前" TEXT, "a,b" TEXT, "x""y" TEXT, "base_model" TEXT)`,
		`CREATE TABLE "dotted.name" (id INTEGER PRIMARY KEY, "select_from" INTEGER REFERENCES "select"("from"))`,
		`CREATE TABLE "odd, table" (id INTEGER PRIMARY KEY, "select_from" INTEGER REFERENCES "select"("from"))`,
		`CREATE TABLE "Order" (id INTEGER PRIMARY KEY)`,
		`CREATE TABLE "orders" (id INTEGER PRIMARY KEY, "Order" INTEGER REFERENCES "Order"(id), "order_id" INTEGER REFERENCES "Order"(id))`,
		`INSERT INTO "select" VALUES (1, 'Ada', 'Lovelace', 2, 'エイダ', 'comma', 'quote', 'bm')`,
		`INSERT INTO "dotted.name" VALUES (7, 1)`,
		`INSERT INTO "odd, table" VALUES (8, 1)`,
		`INSERT INTO "Order" VALUES (3)`,
		`INSERT INTO "orders" VALUES (4, 3, 3)`,
	} {
		if _, err := db.ExecContext(ctx, stmt); err != nil {
			t.Fatal(stmt, err)
		}
	}
	reg, err := automap.Map(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	if got := fmt.Sprint(reg.Names()); got != "[Order odd, table orders select]" {
		t.Errorf("Names() = %s", got)
	}
	if got := fmt.Sprint(reg.Skipped()); got != "[{dotted.name its name holds a dot, which Bun reads as schema.table; rename the table to map it}]" {
		t.Errorf("Skipped() = %s", got)
	}
	if got := strings.Join(reg.Graph().Warnings, "\n"); got != `odd, table(select_from) → select: no belongs-to relation: `+
		`Bun cannot alias the joined column "x\"y" of select, whose name holds the quote character "` {
		t.Errorf("Warnings = %s", got)
	}

	var lines []string
	for _, m := range reg.Models() {
		lines = append(lines, fmt.Sprintf("%s %s %v %v", m, m.Name(), m.Fields(), m.Relations()))
		rows := m.NewSlice()
		q := db.NewSelect().Model(rows)
		for _, r := range m.Relations() {
			q = q.Relation(r)
		}
		if err := q.Scan(ctx); err != nil {
			t.Errorf("%s: %v", m, err)
			continue
		}
		for _, r := range automap.Rows(rows) {
			lines = append(lines, "  "+repr.String(r))
			for _, rel := range m.Relations() {
				lines = append(lines, "    "+rel+": "+repr.String(automap.MustGet(r, rel)))
			}
		}
	}
	want := `Order Order [Id] [OrderOrders_2 OrderOrders_2Rel]
  Order(Id=3)
    OrderOrders_2: [orders(Id=4, Order=3, OrderId=3)]
    OrderOrders_2Rel: [orders(Id=4, Order=3, OrderId=3)]
odd, table OddTable [Id SelectFrom] []
  odd, table(Id=8, SelectFrom=1)
orders Order_2 [Id Order OrderId] [OrderOrder OrderRel]
  orders(Id=4, Order=3, OrderId=3)
    OrderOrder: Order(Id=3)
    OrderRel: Order(Id=3)
select Select [From FirstName FirstName_2 X2nd X名前 AB XY BaseModel_2] [OddTables]
  select(From=1, FirstName="Ada", FirstName_2="Lovelace", X2nd=2, X名前="エイダ", AB="comma", XY="quote", BaseModel_2="bm")
    OddTables: [odd, table(Id=8, SelectFrom=1)]`
	if got := strings.Join(lines, "\n"); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
	row := reg.MustLookup("select").New()
	if err := db.NewSelect().Model(row).Scan(ctx); err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]any{"first name": "Ada", "FirstName_2": "Lovelace", `x"y`: "quote", "名前": "エイダ", "X名前": "エイダ", "a,b": "comma"} {
		if got := automap.MustGet(row, name); got != want {
			t.Errorf("Get(%q) = %v, want %v", name, got, want)
		}
	}
}
