package lessontest_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/bunbook/bunbook/internal/dbtest"
	"github.com/bunbook/bunbook/internal/nbrun"
)

// lesson1 is the notebook the server tests run.
const lesson1 = "01_create_database.ipynb"

// lesson1Server is lesson 1 on one database server: how to get a fresh
// database there, and the lines only that server prints.
type lesson1Server struct {
	name    string
	url     func(t *testing.T) string
	dialect string
	ddl     []string
	// fkError is how the server refuses a purchase by customer 42 (the
	// relations cell's last line, the failed transaction's); {db} stands for the
	// database's name.
	fkError string
}

var lesson1Servers = []lesson1Server{
	{
		name:    "postgres",
		url:     func(t *testing.T) string { return dbtest.PostgresURL(t) },
		dialect: "pg",
		ddl: []string{
			`[bun]  DROP TABLE        DROP TABLE IF EXISTS "purchases"`,
			`[bun]  CREATE TABLE      CREATE TABLE "customers" ("CustomerId" BIGSERIAL NOT NULL, "FirstName" varchar(40) NOT NULL, "LastName" varchar(20) NOT NULL, "Company" varchar(80), "Address" varchar(70), "Phone" varchar(24), "Email" varchar(60) NOT NULL, PRIMARY KEY ("CustomerId"))`,
			`[bun]  CREATE TABLE      CREATE TABLE "items" ("ItemId" BIGSERIAL NOT NULL, "Name" varchar(40) NOT NULL, "Price" numeric(10,2) NOT NULL, PRIMARY KEY ("ItemId"))`,
			`[bun]  CREATE TABLE      CREATE TABLE "purchases" ("PurchaseId" BIGSERIAL NOT NULL, "ItemId" BIGINT NOT NULL, "CustomerId" BIGINT NOT NULL, "Date" TIMESTAMPTZ NOT NULL, PRIMARY KEY ("PurchaseId"), ` +
				`FOREIGN KEY ("CustomerId") REFERENCES "customers" ("CustomerId") ON UPDATE NO ACTION ON DELETE NO ACTION, ` +
				`FOREIGN KEY ("ItemId") REFERENCES "items" ("ItemId") ON UPDATE NO ACTION ON DELETE NO ACTION)`,
			`[bun]  CREATE INDEX      CREATE INDEX "ix_purchases_ItemId" ON "purchases" ("ItemId")`,
			`[bun]  CREATE INDEX      CREATE INDEX "ix_purchases_CustomerId" ON "purchases" ("CustomerId")`,
		},
		fkError: `ERROR: insert or update on table "purchases" violates foreign key constraint "purchases_CustomerId_fkey" (SQLSTATE 23503)`,
	},
	{
		name: "mariadb",
		url: func(t *testing.T) string {
			cfg := dbtest.MariaDBConfig(t)
			if cfg.Passwd != "" {
				return "mysql://" + cfg.User + ":" + cfg.Passwd + "@" + cfg.Addr + "/" + cfg.DBName
			}
			return "mysql://" + cfg.User + "@" + cfg.Addr + "/" + cfg.DBName
		},
		dialect: "mysql",
		ddl: []string{
			"[bun]  DROP TABLE        DROP TABLE IF EXISTS `purchases`",
			"[bun]  CREATE TABLE      CREATE TABLE `customers` (`CustomerId` BIGINT NOT NULL AUTO_INCREMENT, `FirstName` varchar(40) NOT NULL, `LastName` varchar(20) NOT NULL, `Company` varchar(80), `Address` varchar(70), `Phone` varchar(24), `Email` varchar(60) NOT NULL, PRIMARY KEY (`CustomerId`))",
			"[bun]  CREATE TABLE      CREATE TABLE `items` (`ItemId` BIGINT NOT NULL AUTO_INCREMENT, `Name` varchar(40) NOT NULL, `Price` numeric(10,2) NOT NULL, PRIMARY KEY (`ItemId`))",
			"[bun]  CREATE TABLE      CREATE TABLE `purchases` (`PurchaseId` BIGINT NOT NULL AUTO_INCREMENT, `ItemId` BIGINT NOT NULL, `CustomerId` BIGINT NOT NULL, `Date` DATETIME NOT NULL, PRIMARY KEY (`PurchaseId`), " +
				"FOREIGN KEY (`CustomerId`) REFERENCES `customers` (`CustomerId`) ON UPDATE NO ACTION ON DELETE NO ACTION, " +
				"FOREIGN KEY (`ItemId`) REFERENCES `items` (`ItemId`) ON UPDATE NO ACTION ON DELETE NO ACTION)",
			"[bun]  CREATE INDEX      CREATE INDEX `ix_purchases_ItemId` ON `purchases` (`ItemId`)",
			"[bun]  CREATE INDEX      CREATE INDEX `ix_purchases_CustomerId` ON `purchases` (`CustomerId`)",
		},
		fkError: "Error 1452 (23000): Cannot add or update a child row: a foreign key constraint fails " +
			"(`{db}`.`purchases`, CONSTRAINT `purchases_ibfk_1` FOREIGN KEY (`CustomerId`) REFERENCES `customers` (`CustomerId`) ON DELETE NO ACTION ON UPDATE NO ACTION)",
	},
}

// TestLesson1OnServers runs lesson 1 with DATABASE_URL pointing at a fresh
// database on the PostgreSQL and MariaDB test servers, twice in a row, as a
// student who followed the lesson's note would: set the variable and run the
// note's cell (the server drivers, and db opened with the connect helper)
// after the first one. The models' DDL must be portable, and the
// lesson re-runnable there too. The committed outputs are SQLite's, so only
// this test's assertions apply.
func TestLesson1OnServers(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: the notebook tests execute lessons, which takes minutes")
	}
	root, j := notebookRunner(t)
	notebook := withServersCell(t, lesson1)
	for _, srv := range lesson1Servers {
		t.Run(srv.name, func(t *testing.T) {
			// The lesson's SQLite file must stay untouched.
			before := fileState(t, "lesson1.db")
			url := srv.url(t)
			t.Setenv("DATABASE_URL", url)
			dbName := url[strings.LastIndexByte(url, '/')+1:]
			dbName, _, _ = strings.Cut(dbName, "?")
			var first *nbrun.Notebook
			for run := 1; run <= 2; run++ {
				r, err := j.Execute(t.Context(), notebook, nbrun.ExecOptions{
					OutDir:    t.TempDir(),
					Normalize: nbrun.NormalizeOptions{Root: root},
				})
				if err != nil {
					t.Fatalf("run %d: %v", run, err)
				}
				if err := r.CellErrors(); err != nil {
					t.Fatalf("run %d: %v\n--- kernel log (tail):\n%s", run, err, r.LogTail(30))
				}
				nb := r.Notebook
				for _, c := range nb.CodeCells() {
					if s := c.Stderr(); s != "" {
						t.Errorf("run %d: cell %d wrote to stderr:\n%s", run, c.Index, s)
					}
				}
				checkLesson1OnServer(t, nb, srv, dbName)
				if first == nil {
					first = nb
				} else if err := nbrun.SameOutputs(first, nb); err != nil {
					t.Errorf("run %d gave other outputs than run 1, so the lesson is not re-runnable on %s: %v", run, srv.name, err)
				}
				if t.Failed() {
					return
				}
			}
			// The first cell, run before the note's, opens lesson1.db: it may
			// create the file, empty, but never write to it.
			if after := fileState(t, "lesson1.db"); after != before && !(before == "missing" && strings.HasPrefix(after, "0 bytes,")) {
				t.Errorf("lesson1.db changed (%s → %s) although DATABASE_URL was set", before, after)
			}
		})
	}
}

// serversImport is the import a student adds for a server: the lesson
// itself links SQLite only.
const serversImport = `_ "github.com/bunbook/bunbook/helpers/connect/servers"`

// serversCell returns the code of the cell that lesson 1's going-further
// note tells a student to run for a server: its ```go block.
func serversCell(t *testing.T, nb *nbrun.Notebook) string {
	t.Helper()
	note := cellByID(t, nb, "going-further").Source
	_, code, ok := strings.Cut(note, "```go\n")
	code, _, closed := strings.Cut(code, "```")
	if !ok || !closed {
		t.Fatalf("%s's going-further note has no ```go block:\n%s", lesson1, note)
	}
	return code
}

// withServersCell writes a copy of the notebook into a temporary folder
// with the going-further note's cell inserted after open-db, and returns the
// copy's path. The committed lesson stays as it is, so its default path
// keeps linking SQLite only.
func withServersCell(t *testing.T, name string) string {
	t.Helper()
	committed, err := nbrun.ReadNotebook(name)
	if err != nil {
		t.Fatal(err)
	}
	code := serversCell(t, committed)
	raw, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	var nb map[string]any
	if err := json.Unmarshal(raw, &nb); err != nil {
		t.Fatal(err)
	}
	cells, _ := nb["cells"].([]any)
	open := slices.IndexFunc(cells, func(c any) bool {
		cell, _ := c.(map[string]any)
		return cell["id"] == "open-db"
	})
	if open < 0 {
		t.Fatalf("%s has no open-db cell", name)
	}
	cell := map[string]any{
		"cell_type": "code", "id": "servers", "metadata": map[string]any{},
		"execution_count": nil, "outputs": []any{}, "source": code,
	}
	nb["cells"] = slices.Insert(cells, open+1, any(cell))
	out, err := json.MarshalIndent(nb, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, out, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestLesson1NotesTheServersCell keeps the lesson's note and the test's
// added cell the same step. The note is in "Going further", at the end of
// the lesson, and section 1 points to it.
func TestLesson1NotesTheServersCell(t *testing.T) {
	nb, err := nbrun.ReadNotebook(lesson1)
	if err != nil {
		t.Fatal(err)
	}
	code := serversCell(t, nb)
	for _, want := range []string{serversImport, "var db = connect.MustOpenEnv(", `fmt.Println("connected:", db.Dialect().Name())`} {
		if !strings.Contains(code, want) {
			t.Errorf("%s's going-further cell has no %s:\n%s", lesson1, want, code)
		}
	}
	if further := cellByID(t, nb, "going-further").Source; !strings.Contains(further, "DATABASE_URL") {
		t.Errorf("%s's going-further note does not name DATABASE_URL:\n%s", lesson1, further)
	}
	if open := cellByID(t, nb, "open-md").Source; !strings.Contains(open, "*Going further*") {
		t.Errorf("%s's open-md does not point to *Going further* for servers:\n%s", lesson1, open)
	}
	// The cell redeclares the first cell's db, so that it replaces it.
	if !strings.Contains(cellByID(t, nb, "open-db").Source, "\nvar db = openDB(") {
		t.Errorf("open-db declares no var db for the going-further cell to replace")
	}
}

// checkLesson1OnServer asserts lesson 1's outputs on a server: which
// database it opened, the server's DDL, Moshe in the HTML table, the repr
// line, the relations and the server's refusal of an orphan purchase.
func checkLesson1OnServer(t *testing.T, nb *nbrun.Notebook, srv lesson1Server, dbName string) {
	t.Helper()
	if got, want := cellByID(t, nb, "servers").Stdout(), "connected: "+srv.dialect+"\n"; got != want {
		t.Errorf("the going-further cell printed %q, want %q", got, want)
	}
	ddl := cellByID(t, nb, "create-tables").Stdout()
	for _, line := range srv.ddl {
		requireLine(t, "create-tables", ddl, line, 1)
	}
	requireLine(t, "insert", cellByID(t, nb, "insert").Stdout(), "new customer id: 1", 1)
	requireLine(t, "query-columns", cellByID(t, nb, "query-columns").Stdout(), `["Moshe"] ["moshe@cohen.com"]`, 1)

	html := cellByID(t, nb, "query-display").HTML()
	if len(html) != 1 {
		t.Fatalf("query-display: %d HTML outputs, want 1 table", len(html))
	}
	for _, want := range []string{"<th>FirstName</th>", "<th>Email</th>", "<td>Moshe</td>", "<td>moshe@cohen.com</td>", "1 row × 2 columns"} {
		if n := strings.Count(html[0], want); n != 1 {
			t.Errorf("query-display: HTML has %q %d times, want once:\n%s", want, n, html[0])
		}
	}
	models := cellByID(t, nb, "query-models").Stdout()
	requireLine(t, "query-models", models,
		`Customer(CustomerId=1, FirstName="Moshe", LastName="Cohen", Company=<nil>, Address="Alenbi 99, Tel Aviv", Phone="053-5556789", Email="moshe@cohen.com")`, 1)

	rel := cellByID(t, nb, "relations").Stdout()
	requireLine(t, "relations", rel, "Moshe Cohen bought Falafel for 12.50 on 2024-03-14", 1)
	requireLine(t, "relations", rel, "customer 42 buys a falafel: "+strings.ReplaceAll(srv.fkError, "{db}", dbName), 1)
	checkTransactions(t, nb, strings.ReplaceAll(srv.fkError, "{db}", dbName))
	if n := strings.Count(nb.Stdout(), `FirstName="Moshe"`); n != 1 {
		t.Errorf("the notebook printed Moshe's model %d times, want once", n)
	}
}

// fileState describes a file by size and modification time ("missing"
// when it does not exist).
func fileState(t *testing.T, name string) string {
	t.Helper()
	fi, err := os.Stat(filepath.Clean(name))
	if os.IsNotExist(err) {
		return "missing"
	}
	if err != nil {
		t.Fatal(err)
	}
	return fmt.Sprintf("%d bytes, modified %s", fi.Size(), fi.ModTime().Format(time.RFC3339Nano))
}
