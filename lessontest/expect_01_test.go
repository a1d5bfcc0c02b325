package lessontest_test

import (
	"strings"
	"testing"

	"github.com/bunbook/bunbook/internal/nbrun"
)

func init() {
	expect("01_create_database.ipynb", expectation{Check: check01})
}

// check01 asserts lesson 1's outputs: the DDL the echo shows, Moshe in the
// HTML table, the repr line, the relations, the transactions' counts, all
// exactly once.
func check01(t *testing.T, nb *nbrun.Notebook) {
	opened := cellByID(t, nb, "open-db").Stdout()
	if opened != "connected: sqlite\n" {
		t.Errorf("open-db printed %q", opened)
	}

	ddl := cellByID(t, nb, "create-tables").Stdout()
	for _, line := range []string{
		`[bun]  DROP TABLE        DROP TABLE IF EXISTS "purchases"`,
		`[bun]  CREATE TABLE      CREATE TABLE "customers" ("CustomerId" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, "FirstName" varchar(40) NOT NULL, "LastName" varchar(20) NOT NULL, "Company" varchar(80), "Address" varchar(70), "Phone" varchar(24), "Email" varchar(60) NOT NULL)`,
		`[bun]  CREATE TABLE      CREATE TABLE "items" ("ItemId" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, "Name" varchar(40) NOT NULL, "Price" numeric(10,2) NOT NULL)`,
		`[bun]  CREATE TABLE      CREATE TABLE "purchases" ("PurchaseId" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, "ItemId" INTEGER NOT NULL, "CustomerId" INTEGER NOT NULL, "Date" TIMESTAMP NOT NULL, ` +
			`FOREIGN KEY ("CustomerId") REFERENCES "customers" ("CustomerId") ON UPDATE NO ACTION ON DELETE NO ACTION, ` +
			`FOREIGN KEY ("ItemId") REFERENCES "items" ("ItemId") ON UPDATE NO ACTION ON DELETE NO ACTION)`,
		`[bun]  CREATE INDEX      CREATE INDEX "ix_purchases_ItemId" ON "purchases" ("ItemId")`,
		`[bun]  CREATE INDEX      CREATE INDEX "ix_purchases_CustomerId" ON "purchases" ("CustomerId")`,
	} {
		requireLine(t, "create-tables", ddl, line, 1)
	}

	inserted := cellByID(t, nb, "insert").Stdout()
	requireLine(t, "insert", inserted, "new customer id: 1", 1)

	requireLine(t, "query-columns", cellByID(t, nb, "query-columns").Stdout(), `["Moshe"] ["moshe@cohen.com"]`, 1)

	html := cellByID(t, nb, "query-display").HTML()
	if len(html) != 1 {
		t.Fatalf("query-display: %d HTML outputs, want 1 table", len(html))
	}
	for _, want := range []string{"<table", "<th>FirstName</th>", "<th>Email</th>", "<td>Moshe</td>", "<td>moshe@cohen.com</td>", "1 row × 2 columns"} {
		if n := strings.Count(html[0], want); n != 1 {
			t.Errorf("query-display: HTML has %q %d times, want once:\n%s", want, n, html[0])
		}
	}

	requireLine(t, "query-models", cellByID(t, nb, "query-models").Stdout(),
		`Customer(CustomerId=1, FirstName="Moshe", LastName="Cohen", Company=<nil>, Address="Alenbi 99, Tel Aviv", Phone="053-5556789", Email="moshe@cohen.com")`, 1)
	requireLine(t, "query-models", cellByID(t, nb, "query-models").Stdout(), "[]main.Customer", 1)

	rel := cellByID(t, nb, "relations").Stdout()
	requireLine(t, "relations", rel, "Moshe Cohen bought Falafel for 12.50 on 2024-03-14", 1)
	requireLine(t, "relations", rel, "customer 42 buys a falafel: constraint failed: FOREIGN KEY constraint failed (787)", 1)

	checkTransactions(t, nb, "constraint failed: FOREIGN KEY constraint failed (787)")

	if n := strings.Count(nb.Stdout(), `FirstName="Moshe"`); n != 1 {
		t.Errorf("the notebook printed Moshe's model %d times, want once (a re-run must not duplicate him)", n)
	}
}

// checkTransactions asserts lesson 1's section 8 on any database: the
// committed transaction's two items are there, and the one that failed
// half-way (its second statement refused with fkError) left the customers
// as they were, its first insert rolled back.
func checkTransactions(t *testing.T, nb *nbrun.Notebook, fkError string) {
	t.Helper()
	commit := cellByID(t, nb, "tx-commit").Stdout()
	for _, line := range []string{"[bun]  BEGIN             BEGIN", "[bun]  COMMIT            COMMIT", "items: 3"} {
		requireLine(t, "tx-commit", commit, line, 1)
	}
	rollback := cellByID(t, nb, "tx-rollback").Stdout()
	for _, line := range []string{"customers before: 1", "[bun]  BEGIN             BEGIN", "[bun]  ROLLBACK          ROLLBACK",
		"transaction: " + fkError, "customers after: 1"} {
		requireLine(t, "tx-rollback", rollback, line, 1)
	}
	if strings.Contains(rollback, "COMMIT") {
		t.Errorf("tx-rollback committed:\n%s", rollback)
	}
}

// cellByID returns the cell with the given nbformat id, or stops the test.
func cellByID(t *testing.T, nb *nbrun.Notebook, id string) nbrun.Cell {
	t.Helper()
	for _, c := range nb.Cells {
		if c.ID == id {
			return c
		}
	}
	t.Fatalf("no cell with id %q: the expectations name cells by id (Jupyter keeps ids when cells are edited)", id)
	return nbrun.Cell{}
}

// requireLine checks that text has the whole line want exactly n times.
func requireLine(t *testing.T, cell, text, want string, n int) {
	t.Helper()
	got := 0
	for _, line := range strings.Split(text, "\n") {
		if line == want {
			got++
		}
	}
	if got != n {
		t.Errorf("cell %s: line %q appears %d times, want %d; the cell printed:\n%s", cell, want, got, n, text)
	}
}
