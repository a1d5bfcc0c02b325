package automap_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/uptrace/bun"

	"github.com/bunbook/bunbook/helpers/automap"
	"github.com/bunbook/bunbook/helpers/connect"
	"github.com/bunbook/bunbook/helpers/repr"
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
	rows := reg.Model(name).NewSlice()
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
	t.Log(reg.Model("users").Relations())
	for _, rel := range reg.Model("users").Relations() {
		selectAll(t, db, reg, "users", rel)
	}
}
