package automap_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/uptrace/bun"

	"github.com/bunbook/bunbook/helpers/automap"
	"github.com/bunbook/bunbook/helpers/connect"
	"github.com/bunbook/bunbook/helpers/repr"
	"github.com/bunbook/bunbook/internal/dbtest"
)

// fixture creates a SQLite database from statements and returns it open.
func fixture(t *testing.T, stmts ...string) *bun.DB {
	t.Helper()
	db, err := connect.Open(ctx, t.TempDir()+"/fixture.db", connect.Create())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	for _, stmt := range stmts {
		if _, err := db.ExecContext(ctx, stmt); err != nil {
			t.Fatal(stmt, err)
		}
	}
	return db
}

// within runs f and fails the test if it has not returned after d: the
// failures these tests guard against are hangs (a Bun panic inside
// Rows.Scan deadlocks the deferred Rows.Close).
func within(t *testing.T, d time.Duration, what string, f func() error) error {
	t.Helper()
	done := make(chan error, 1)
	go func() {
		defer func() {
			if p := recover(); p != nil {
				done <- fmt.Errorf("panic: %v", p)
			}
		}()
		done <- f()
	}()
	select {
	case err := <-done:
		return err
	case <-time.After(d):
		t.Fatalf("%s: no answer after %s (hang)", what, d)
		return nil
	}
}

// selectAll selects every row of model name with the given relations and
// returns them printed.
func selectAll(t *testing.T, db *bun.DB, reg *automap.Registry, name string, relations ...string) string {
	t.Helper()
	rows := reg.MustLookup(name).NewSlice()
	q := db.NewSelect().Model(rows).OrderExpr("1")
	for _, r := range relations {
		q = q.Relation(r)
	}
	err := within(t, 10*time.Second, name+" with "+fmt.Sprint(relations), func() error { return q.Scan(ctx) })
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	var out string
	for _, r := range automap.Rows(rows) {
		out += repr.String(r) + "\n"
		for _, rel := range relations {
			out += "  " + rel + ": " + repr.String(automap.MustGet(r, rel)) + "\n"
		}
	}
	return out
}

// TestManyToManyThroughNullableKeys: SQLite lets a composite primary key
// hold NULL unless NOT NULL is written, so hand-written association tables
// often have nullable key columns. Their relations must query, not hang.
func TestManyToManyThroughNullableKeys(t *testing.T) {
	db := fixture(t,
		`CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT)`,
		`CREATE TABLE groups (id INTEGER PRIMARY KEY, name TEXT)`,
		`CREATE TABLE user_groups (user_id INTEGER REFERENCES users(id), group_id INTEGER REFERENCES groups(id), PRIMARY KEY (user_id, group_id))`,
		`CREATE TABLE friends (user_id INTEGER REFERENCES users(id), friend_id INTEGER REFERENCES users(id), PRIMARY KEY (user_id, friend_id))`,
		`INSERT INTO users VALUES (1, 'ana'), (2, 'bo')`,
		`INSERT INTO groups VALUES (1, 'admins')`,
		`INSERT INTO user_groups VALUES (1, 1), (2, 1)`,
		`INSERT INTO friends VALUES (1, 2)`,
	)
	reg, err := automap.Map(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	got := selectAll(t, db, reg, "groups", "Users")
	want := "groups(Id=1, Name=\"admins\")\n  Users: [users(Id=1, Name=\"ana\"), users(Id=2, Name=\"bo\")]\n"
	if got != want {
		t.Errorf("groups with Users:\n%s\nwant:\n%s", got, want)
	}
	t.Log(reg.MustLookup("users").Relations())
	for _, rel := range reg.MustLookup("users").Relations() {
		selectAll(t, db, reg, "users", rel)
	}
}

// TestColumnNamesBunCannotSpell: Bun strips the quotes of a result column
// named like "x" (a lone " makes it panic inside Rows.Scan, which
// deadlocks), splits identifiers on dots, ignores an empty result column
// and writes * unquoted. Such a column is left out of the model, with a
// warning saying why; the rest of the table reads and writes.
func TestColumnNamesBunCannotSpell(t *testing.T) {
	for _, name := range []string{`"`, `""`, `"x"`, `a.b`, `a b.c`, `.x`, `x.`, ``, `*`} {
		t.Run(name, func(t *testing.T) {
			quoted := `"` + strings.ReplaceAll(name, `"`, `""`) + `"`
			db := fixture(t,
				`CREATE TABLE w (id INTEGER PRIMARY KEY, `+quoted+` TEXT, v TEXT)`,
				`INSERT INTO w VALUES (1, 'hidden', 'seen')`)
			reg, err := automap.Map(ctx, db)
			if err != nil {
				t.Fatal(err)
			}
			m := reg.MustLookup("w")
			if got := fmt.Sprint(m.Fields()); got != "[Id V]" {
				t.Errorf("fields = %s, want [Id V]", got)
			}
			if got := selectAll(t, db, reg, "w"); got != "w(Id=1, V=\"seen\")\n" {
				t.Errorf("select = %q", got)
			}
			row := m.New()
			reflectSet(t, row, "Id", int64(2))
			if err := within(t, 10*time.Second, "insert", func() error {
				_, err := db.NewInsert().Model(row).Exec(ctx)
				return err
			}); err != nil {
				t.Fatalf("insert: %v", err)
			}
			warnings := strings.Join(reg.Graph().Warnings, "\n")
			if want := fmt.Sprintf("w(%q): column left out: ", name); !strings.Contains(warnings, want) {
				t.Errorf("warnings = %q, want one starting %q", warnings, want)
			}
		})
	}
}

// TestGetByColumnNameWithBackslash: Get accepts the column name as the
// database spells it.
func TestGetByColumnNameWithBackslash(t *testing.T) {
	db := fixture(t, `CREATE TABLE w (id INTEGER PRIMARY KEY, "a\b" TEXT)`, `INSERT INTO w VALUES (1, 'x')`)
	reg := automap.MustMap(ctx, db)
	rows := reg.MustLookup("w").NewSlice()
	if err := db.NewSelect().Model(rows).Scan(ctx); err != nil {
		t.Fatal(err)
	}
	v, err := automap.Get(automap.Rows(rows)[0], `a\b`)
	if err != nil || fmt.Sprint(deref(v)) != "x" {
		t.Fatalf(`Get(row, "a\\b") = %v, %v; want x`, v, err)
	}
}

func deref(v any) any {
	if p, ok := v.(*string); ok && p != nil {
		return *p
	}
	return v
}

// TestGeneratedColumnsAreReadNotWritten: a row of a table with computed
// columns can be inserted and updated, and reads the computed values back.
func TestGeneratedColumnsAreReadNotWritten(t *testing.T) {
	for _, tc := range []struct {
		dialect string
		open    func(t *testing.T) *bun.DB
		ddl     string
	}{
		{"sqlite", func(t *testing.T) *bun.DB { return fixture(t) },
			`CREATE TABLE gen (id INTEGER PRIMARY KEY, a INTEGER, b INTEGER GENERATED ALWAYS AS (a * 2) VIRTUAL, c INTEGER NOT NULL GENERATED ALWAYS AS (coalesce(a, 0) + 1) STORED)`},
		{"postgres", func(t *testing.T) *bun.DB { return dbtest.Postgres(t) },
			`CREATE TABLE gen (id integer PRIMARY KEY, a integer, b integer GENERATED ALWAYS AS (a * 2) STORED, c integer NOT NULL GENERATED ALWAYS AS (coalesce(a, 0) + 1) STORED)`},
		{"mariadb", func(t *testing.T) *bun.DB { return dbtest.MariaDB(t) },
			`CREATE TABLE gen (id int PRIMARY KEY, a int, b int AS (a * 2) VIRTUAL, c int AS (coalesce(a, 0) + 1) PERSISTENT)`},
	} {
		t.Run(tc.dialect, func(t *testing.T) {
			db := tc.open(t)
			if _, err := db.ExecContext(ctx, tc.ddl); err != nil {
				t.Fatal(err)
			}
			reg := automap.MustMap(ctx, db)
			m := reg.MustLookup("gen")
			row := m.New()
			reflectSet(t, row, "Id", int64(1))
			reflectSet(t, row, "A", ptr(int64(5)))
			if _, err := db.NewInsert().Model(row).Exec(ctx); err != nil {
				t.Fatalf("insert: %v", err)
			}
			if got := selectAll(t, db, reg, "gen"); got != "gen(Id=1, A=5, B=10, C=6)\n" {
				t.Errorf("after insert: %q", got)
			}
			rows := m.NewSlice()
			if err := db.NewSelect().Model(rows).Scan(ctx); err != nil {
				t.Fatal(err)
			}
			back := automap.Rows(rows)[0]
			reflectSet(t, back, "A", ptr(int64(7)))
			if _, err := db.NewUpdate().Model(back).WherePK().Exec(ctx); err != nil {
				t.Fatalf("update: %v", err)
			}
			if got := selectAll(t, db, reg, "gen"); got != "gen(Id=1, A=7, B=14, C=8)\n" {
				t.Errorf("after update: %q", got)
			}
		})
	}
}

func ptr[T any](v T) *T { return &v }

// wideSchema is a table with 150 foreign keys to another: each has 150
// relations to the other, so a level-2 type nests the level-0 type of
// its own table 150 × 150 times (the type descriptions grow
// exponentially with the depth).
func wideSchema(t *testing.T) *bun.DB {
	cols := []string{"id INTEGER PRIMARY KEY"}
	for i := range 150 {
		cols = append(cols, fmt.Sprintf("user%03d_id INTEGER REFERENCES users(id)", i))
	}
	return fixture(t, `CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT)`,
		`CREATE TABLE edits (`+strings.Join(cols, ", ")+`)`)
}

// hubSchema is 60 tables with two foreign keys each to users: users has
// 120 relations, which fit.
func hubSchema(t *testing.T) *bun.DB {
	stmts := []string{`CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT)`}
	for i := range 60 {
		stmts = append(stmts, fmt.Sprintf(`CREATE TABLE t%02d (id INTEGER PRIMARY KEY, owner_id INTEGER REFERENCES users(id), editor_id INTEGER REFERENCES users(id))`, i))
	}
	return fixture(t, stmts...)
}

// TestDepthHasAMemoryBudget: a schema whose run-time types would not fit
// in memory is refused with a message saying why, instead of running out
// of memory (Go cannot recover from that).
func TestDepthHasAMemoryBudget(t *testing.T) {
	_, err := automap.Map(ctx, wideSchema(t))
	want := "automap: relation chains 2 deep are too deep for this schema: its run-time types would take about "
	if err == nil || !strings.HasPrefix(err.Error(), want) || !strings.Contains(err.Error(), "has 150 relations") {
		t.Fatalf("Map(wide schema) = %v\nwant an error starting %q and naming the table with 150 relations", err, want)
	}
	db := hubSchema(t)
	reg, err := automap.Map(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	if got := selectAll(t, db, reg, "t00", "Owner"); got != "" {
		t.Errorf("t00 rows: %q", got)
	}
}

// TestSelfReferenceNamedLikeItsModel: Bun aliases a joined relation by its
// name in snake_case, so a relation NODE on model Node (alias node) must
// be named apart, on every dialect (W1).
func TestSelfReferenceNamedLikeItsModel(t *testing.T) {
	for _, tc := range []struct {
		dialect string
		open    func(t *testing.T) *bun.DB
		ddl     []string
	}{
		{"sqlite", func(t *testing.T) *bun.DB { return fixture(t) }, []string{
			`CREATE TABLE node (id INTEGER PRIMARY KEY, "NODE_ID" INTEGER REFERENCES node(id))`}},
		{"postgres", func(t *testing.T) *bun.DB { return dbtest.Postgres(t) }, []string{
			`CREATE TABLE node (id integer PRIMARY KEY, "NODE_ID" integer REFERENCES node(id))`}},
		{"mariadb", func(t *testing.T) *bun.DB { return dbtest.MariaDB(t) }, []string{
			"CREATE TABLE node (id int PRIMARY KEY, `NODE_ID` int, FOREIGN KEY (`NODE_ID`) REFERENCES node(id))"}},
	} {
		t.Run(tc.dialect, func(t *testing.T) {
			db := tc.open(t)
			for _, stmt := range append(tc.ddl, `INSERT INTO node VALUES (1, NULL)`, `INSERT INTO node VALUES (2, 1)`) {
				if _, err := db.ExecContext(ctx, stmt); err != nil {
					t.Fatal(stmt, err)
				}
			}
			reg := automap.MustMap(ctx, db)
			m := reg.MustLookup("node")
			var belongs string
			for _, r := range m.Relations() {
				if !strings.HasSuffix(r, "s") { // the has-many back reference ends in s
					belongs = r
				}
			}
			got := selectAll(t, db, reg, "node", belongs)
			want := "node(Id=1, NODEID=<nil>)\n  NODERel: <nil>\nnode(Id=2, NODEID=1)\n  NODERel: node(Id=1, NODEID=<nil>)\n"
			if got != want {
				t.Errorf("relations %v; got:\n%s\nwant:\n%s", m.Relations(), got, want)
			}
		})
	}
}

// TestLookupQualifiedAndAmbiguousNames: Lookup accepts schema.table, as
// documented, and refuses a case-insensitive match that fits two tables.
func TestLookupQualifiedAndAmbiguousNames(t *testing.T) {
	db := dbtest.Postgres(t)
	for _, stmt := range []string{
		`CREATE TABLE "Users" (id integer PRIMARY KEY)`,
		`CREATE TABLE users (id integer PRIMARY KEY, name text)`,
	} {
		if _, err := db.ExecContext(ctx, stmt); err != nil {
			t.Fatal(err)
		}
	}
	reg := automap.MustMap(ctx, db)
	for name, want := range map[string]string{"users": "users", "Users": "Users", "public.users": "users", "public.Users": "Users"} {
		m, err := reg.Lookup(name)
		if err != nil || m.String() != want {
			t.Errorf("Lookup(%q) = %v, %v; want %s", name, m, err, want)
		}
	}
	_, err := reg.Lookup("USERS")
	if want := `automap: "USERS" matches more than one table (Users, users) when case is ignored: write the name exactly`; err == nil || err.Error() != want {
		t.Errorf("Lookup(USERS) = %v\nwant %s", err, want)
	}
}

// TestManyToManyThroughNullableCompositeKeys: the association's foreign key
// to one side is composite, and none of its key columns says NOT NULL.
func TestManyToManyThroughNullableCompositeKeys(t *testing.T) {
	db := fixture(t,
		`CREATE TABLE parts (maker TEXT, code INTEGER, name TEXT, PRIMARY KEY (maker, code))`,
		`CREATE TABLE bins (id INTEGER PRIMARY KEY, label TEXT)`,
		`CREATE TABLE part_bins (maker TEXT, code INTEGER, bin_id INTEGER REFERENCES bins(id),
			PRIMARY KEY (maker, code, bin_id), FOREIGN KEY (maker, code) REFERENCES parts(maker, code))`,
		`INSERT INTO parts VALUES ('acme', 1, 'bolt')`,
		`INSERT INTO bins VALUES (7, 'top shelf')`,
		`INSERT INTO part_bins VALUES ('acme', 1, 7)`,
	)
	reg := automap.MustMap(ctx, db)
	got := selectAll(t, db, reg, "bins", "Parts") + selectAll(t, db, reg, "parts", "Bins")
	want := "bins(Id=7, Label=\"top shelf\")\n  Parts: [parts(Maker=\"acme\", Code=1, Name=\"bolt\")]\n" +
		"parts(Maker=\"acme\", Code=1, Name=\"bolt\")\n  Bins: [bins(Id=7, Label=\"top shelf\")]\n"
	if got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}

// TestStoredBooleansKeepTheirValue: SQLite's BOOLEAN holds any integer. A
// bool field would read 2 and -5 as true and write them back as 1 (probe
// 2026-12-05); the model's int64 field reads and writes the stored value.
func TestStoredBooleansKeepTheirValue(t *testing.T) {
	db := fixture(t,
		`CREATE TABLE flags (id INTEGER PRIMARY KEY, c BOOLEAN NOT NULL)`,
		`INSERT INTO flags VALUES (1, 1), (2, 0), (3, 2), (4, -5)`)
	reg, err := automap.Map(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	want := "flags(Id=1, C=1)\nflags(Id=2, C=0)\nflags(Id=3, C=2)\nflags(Id=4, C=-5)\n"
	if got := selectAll(t, db, reg, "flags"); got != want {
		t.Errorf("select:\n%s\nwant\n%s", got, want)
	}
	row := reg.MustLookup("flags").New()
	if err := db.NewSelect().Model(row).Where("id = 3").Scan(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := db.NewUpdate().Model(row).WherePK().Exec(ctx); err != nil {
		t.Fatal(err)
	}
	var stored int64
	if err := db.NewRaw("SELECT c FROM flags WHERE id = 3").Scan(ctx, &stored); err != nil {
		t.Fatal(err)
	}
	if stored != 2 {
		t.Errorf("after writing the row back, c = %d, want the 2 it held", stored)
	}
}
