package inspect_test

import (
	"context"
	"errors"
	"testing"

	"github.com/bunbook/bunbook/helpers/inspect"
)

func TestForeignKeySpelling(t *testing.T) {
	db := openEmpty(t)
	ctx := context.Background()
	for _, stmt := range []string{
		`CREATE TABLE Parent (Id INTEGER PRIMARY KEY, Code TEXT UNIQUE)`,
		// SQLite resolves parent names ignoring case and reports them as
		// written; the inspector reports the parent's own spelling.
		`CREATE TABLE child (x INTEGER, y TEXT, z INTEGER,
			FOREIGN KEY (X) REFERENCES PARENT (ID),
			FOREIGN KEY (y) REFERENCES parent (code) ON UPDATE CASCADE,
			FOREIGN KEY (z) REFERENCES missing (whatever) ON DELETE RESTRICT)`,
	} {
		if _, err := db.ExecContext(ctx, stmt); err != nil {
			t.Fatal(err)
		}
	}
	s, err := inspect.Inspect(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	equal(t, "child foreign keys", mustTable(t, s, "child").ForeignKeys, []inspect.ForeignKey{
		fk([]string{"x"}, "Parent", []string{"Id"}),
		{Columns: []string{"y"}, RefTable: "Parent", RefColumns: []string{"Code"}, OnUpdate: "CASCADE", OnDelete: "NO ACTION"},
		// Dangling: kept exactly as declared.
		{Columns: []string{"z"}, RefTable: "missing", RefColumns: []string{"whatever"}, OnUpdate: "NO ACTION", OnDelete: "RESTRICT"},
	})
}

func TestVirtualTables(t *testing.T) {
	db := openEmpty(t)
	ctx := context.Background()
	if _, err := db.ExecContext(ctx, `CREATE VIRTUAL TABLE docs USING fts5(title, body)`); err != nil {
		t.Fatal(err)
	}
	s, err := inspect.Inspect(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	// FTS5's shadow tables (docs_config, docs_data, …) are internal, and its
	// hidden columns (docs, rank) are not part of the declared table.
	equal(t, "virtual table", s.Tables, []inspect.Table{{
		Name: "docs", Kind: inspect.KindTable,
		Columns: []inspect.Column{col("title", ""), col("body", "")},
	}})

	all, err := inspect.Inspect(ctx, db, inspect.WithInternal())
	if err != nil {
		t.Fatal(err)
	}
	equal(t, "tables", tableNames(all), []string{"docs", "docs_config", "docs_content", "docs_data", "docs_docsize", "docs_idx"})
	for _, tb := range all.Tables {
		if tb.Internal != (tb.Name != "docs") {
			t.Errorf("%s: Internal = %v", tb.Name, tb.Internal)
		}
	}
}

// TestTempTableShadow: a temp table of the same name does not hide the
// main database's table, which is the one read.
func TestTempTableShadow(t *testing.T) {
	db := openEmpty(t)
	db.SetMaxOpenConns(1) // temp tables belong to one connection
	ctx := context.Background()
	for _, stmt := range []string{
		`CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)`,
		`CREATE TEMP TABLE notes (scratch TEXT DEFAULT '')`,
		`CREATE TEMP TABLE scratch (id INTEGER PRIMARY KEY)`,
	} {
		if _, err := db.ExecContext(ctx, stmt); err != nil {
			t.Fatal(err)
		}
	}
	s, err := inspect.Inspect(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	equal(t, "main tables", s.Tables, []inspect.Table{{
		Name: "notes", Kind: inspect.KindTable,
		Columns:    []inspect.Column{rowidPK("id"), col("body", "TEXT")},
		PrimaryKey: []string{"id"},
	}})
}

func TestCanceledContext(t *testing.T) {
	db := openShared(t, "chinook.db")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := inspect.Inspect(ctx, db); !errors.Is(err, context.Canceled) {
		t.Errorf("Inspect with a canceled context: err = %v, want context.Canceled", err)
	}
}

// TestRowidAlias pins when SQLite generates a key (AutoIncrement): exactly
// when the column is an alias of the rowid.
func TestRowidAlias(t *testing.T) {
	db := openEmpty(t)
	ctx := context.Background()
	cases := []struct {
		create   string
		generate bool
	}{
		{`CREATE TABLE a (id INTEGER PRIMARY KEY)`, true},
		{`CREATE TABLE b (id integer primary key autoincrement)`, true},
		{`CREATE TABLE c (id INTEGER, x TEXT, PRIMARY KEY (id DESC))`, true}, // table constraint: DESC is fine
		{`CREATE TABLE d (id INTEGER PRIMARY KEY DESC)`, false},              // SQLite's documented exception
		{`CREATE TABLE e (id INT PRIMARY KEY)`, false},                       // INT is not INTEGER
		{`CREATE TABLE f (id BIGINT PRIMARY KEY)`, false},
		{`CREATE TABLE g (id INTEGER PRIMARY KEY) WITHOUT ROWID`, false},
		{`CREATE TABLE h (id INTEGER, k INTEGER, PRIMARY KEY (id, k))`, false},
	}
	for _, c := range cases {
		if _, err := db.ExecContext(ctx, c.create); err != nil {
			t.Fatal(err)
		}
	}
	s, err := inspect.Inspect(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	for i, c := range cases {
		id := s.Tables[i].Columns[0]
		if id.AutoIncrement != c.generate || (c.generate && id.Nullable) {
			t.Errorf("%s: AutoIncrement %v Nullable %v, want AutoIncrement %v", c.create, id.AutoIncrement, id.Nullable, c.generate)
		}
		// The rule agrees with SQLite: after an INSERT that leaves the key
		// out, only a rowid alias holds a value (the others stay NULL, or
		// the INSERT fails where the key is implicitly NOT NULL).
		name := s.Tables[i].Name
		if _, err := db.ExecContext(ctx, `INSERT INTO `+name+` DEFAULT VALUES`); err != nil {
			if c.generate {
				t.Errorf("%s: insert: %v", c.create, err)
			}
			continue
		}
		var key any
		if err := db.QueryRowContext(ctx, `SELECT id FROM `+name).Scan(&key); err != nil {
			t.Fatal(err)
		}
		if (key != nil) != c.generate {
			t.Errorf("%s: inserted key %v, want generated %v", c.create, key, c.generate)
		}
	}
}
