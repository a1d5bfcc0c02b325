package inspect_test

import (
	"context"
	"testing"

	"github.com/uptrace/bun"

	"github.com/bunbook/bunbook/helpers/inspect"
)

// hostileSchema uses every kind of name that breaks naive SQL splicing:
// spaces, both quote characters, a comma, mixed case, reserved words and
// non-ASCII letters; and the features the inspector must report: composite
// and self-referencing foreign keys with actions, a foreign key naming no
// columns, unique/non-unique/partial/expression indexes, defaults, a
// generated column, WITHOUT ROWID and AUTOINCREMENT.
var hostileSchema = []string{
	`CREATE TABLE "Order" (
		"select" INTEGER PRIMARY KEY AUTOINCREMENT,
		"Group By" TEXT NOT NULL DEFAULT 'it''s "quoted"',
		"créé le" TEXT DEFAULT CURRENT_TIMESTAMP,
		"qty" INT DEFAULT -1,
		"price" NUMERIC(10,2) DEFAULT 0.5,
		"parent" INTEGER REFERENCES "order" ON DELETE SET NULL,
		"total" REAL GENERATED ALWAYS AS ("qty" * "price") STORED
	)`,
	`CREATE TABLE "we""ird 'tbl'" (
		"a ""b""" TEXT NOT NULL,
		"c'd" INT,
		"group" TEXT DEFAULT (lower('X')),
		"parent a" TEXT,
		"parent c" INT,
		PRIMARY KEY ("a ""b""", "c'd"),
		FOREIGN KEY ("parent a", "parent c") REFERENCES "we""ird 'tbl'" ON DELETE CASCADE
	) WITHOUT ROWID`,
	`CREATE TABLE "line items" (
		id INTEGER PRIMARY KEY,
		"order" INTEGER NOT NULL REFERENCES "ORDER" ("select") ON DELETE CASCADE ON UPDATE SET NULL,
		"ref a" TEXT,
		"ref c" INT,
		"mixedCase" TEXT,
		boss INTEGER,
		FOREIGN KEY ("ref a", "ref c") REFERENCES "we""ird 'tbl'" ("a ""b""", "c'd")
			ON DELETE CASCADE ON UPDATE SET NULL,
		FOREIGN KEY (boss) REFERENCES "line items" (id)
	)`,
	`CREATE UNIQUE INDEX "uniq, ""odd"" idx" ON "line items" ("mixedCase", "order")`,
	`CREATE INDEX "by ref" ON "line items" ("ref c" DESC, "ref a")`,
	`CREATE INDEX "partial" ON "line items" ("order") WHERE "mixedCase" IS NOT NULL`,
	`CREATE INDEX "expr" ON "line items" (lower("mixedCase") COLLATE NOCASE DESC, boss, "ref c" + 1)`,
	`CREATE TABLE "Ünïcødé 表" ("名前" TEXT PRIMARY KEY, "x" INT UNIQUE)`,
	`CREATE VIEW "select view" AS SELECT "select", "Group By" AS "by", 1 + 1 AS two FROM "Order"`,
}

func openHostile(t testing.TB) *bun.DB {
	t.Helper()
	db := openEmpty(t)
	for _, stmt := range hostileSchema {
		if _, err := db.ExecContext(context.Background(), stmt); err != nil {
			t.Fatalf("%v\n%s", err, stmt)
		}
	}
	return db
}

func TestHostileNames(t *testing.T) {
	db := openHostile(t)
	ctx := context.Background()

	listed, err := inspect.Inspect(ctx, db, inspect.WithInternal(), inspect.WithoutViews())
	if err != nil {
		t.Fatal(err)
	}
	names := tableNames(listed)
	// Byte order: upper case before lower case, multi-byte UTF-8 last.
	equal(t, "tables", names, []string{"Order", "line items", "sqlite_sequence", "we\"ird 'tbl'", "Ünïcødé 表"})

	s, err := inspect.Inspect(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	var all []string
	for _, tb := range s.Tables {
		all = append(all, string(tb.Kind)+" "+tb.Name)
	}
	equal(t, "tables and views", all, []string{
		"table Order", "table line items", "view select view", "table we\"ird 'tbl'", "table Ünïcødé 表",
	})

	equal(t, "Order", *mustTable(t, s, "Order"), inspect.Table{
		Name: "Order",
		Kind: inspect.KindTable,
		Columns: []inspect.Column{
			rowidPK("select"),
			{Name: "Group By", Type: "TEXT", Default: ptr(`'it''s "quoted"'`)},
			{Name: "créé le", Type: "TEXT", Nullable: true, Default: ptr("CURRENT_TIMESTAMP")},
			{Name: "qty", Type: "INT", Nullable: true, Default: ptr("-1")},
			{Name: "price", Type: "NUMERIC(10,2)", Nullable: true, Default: ptr("0.5")},
			col("parent", "INTEGER"),
			{Name: "total", Type: "REAL", Nullable: true, Generated: true},
		},
		PrimaryKey: []string{"select"},
		ForeignKeys: []inspect.ForeignKey{{
			// REFERENCES "order": the parent's spelling is corrected and,
			// naming no column, it refers to the primary key.
			Columns: []string{"parent"}, RefTable: "Order", RefColumns: []string{"select"},
			OnUpdate: "NO ACTION", OnDelete: "SET NULL",
		}},
	})

	equal(t, "we\"ird 'tbl'", *mustTable(t, s, "we\"ird 'tbl'"), inspect.Table{
		Name: "we\"ird 'tbl'",
		Kind: inspect.KindTable,
		Columns: []inspect.Column{
			// WITHOUT ROWID: key columns are NOT NULL even when not declared so,
			// and an integer key is not generated.
			{Name: `a "b"`, Type: "TEXT", PrimaryKey: 1},
			{Name: "c'd", Type: "INT", PrimaryKey: 2},
			{Name: "group", Type: "TEXT", Nullable: true, Default: ptr("lower('X')")},
			col("parent a", "TEXT"),
			col("parent c", "INT"),
		},
		PrimaryKey: []string{`a "b"`, "c'd"},
		ForeignKeys: []inspect.ForeignKey{{
			Columns: []string{"parent a", "parent c"}, RefTable: "we\"ird 'tbl'", RefColumns: []string{`a "b"`, "c'd"},
			OnUpdate: "NO ACTION", OnDelete: "CASCADE",
		}},
		Indexes: []inspect.Index{
			{Name: "sqlite_autoindex_we\"ird 'tbl'_1", Unique: true, Columns: []string{`a "b"`, "c'd"}, Origin: "primary key"},
		},
	})

	equal(t, "line items", *mustTable(t, s, "line items"), inspect.Table{
		Name: "line items",
		Kind: inspect.KindTable,
		Columns: []inspect.Column{
			rowidPK("id"), // INTEGER PRIMARY KEY without AUTOINCREMENT: still generated
			notNull(col("order", "INTEGER")),
			col("ref a", "TEXT"),
			col("ref c", "INT"),
			col("mixedCase", "TEXT"),
			col("boss", "INTEGER"),
		},
		PrimaryKey: []string{"id"},
		ForeignKeys: []inspect.ForeignKey{
			fk([]string{"boss"}, "line items", []string{"id"}),
			{
				Columns: []string{"order"}, RefTable: "Order", RefColumns: []string{"select"},
				OnUpdate: "SET NULL", OnDelete: "CASCADE",
			},
			{
				Columns: []string{"ref a", "ref c"}, RefTable: "we\"ird 'tbl'", RefColumns: []string{`a "b"`, "c'd"},
				OnUpdate: "SET NULL", OnDelete: "CASCADE",
			},
		},
		Indexes: []inspect.Index{
			{Name: "by ref", Columns: []string{"ref c", "ref a"}, Origin: "index"},
			{Name: "expr", Columns: []string{`lower("mixedCase")`, "boss", `"ref c" + 1`}, Origin: "index"},
			{Name: "partial", Columns: []string{"order"}, Origin: "index", Partial: true},
			{Name: `uniq, "odd" idx`, Unique: true, Columns: []string{"mixedCase", "order"}, Origin: "index"},
		},
	})

	equal(t, "Ünïcødé 表", *mustTable(t, s, "Ünïcødé 表"), inspect.Table{
		Name: "Ünïcødé 表",
		Kind: inspect.KindTable,
		Columns: []inspect.Column{
			// A TEXT key is no rowid alias, so SQLite lets it be NULL.
			{Name: "名前", Type: "TEXT", Nullable: true, PrimaryKey: 1},
			col("x", "INT"),
		},
		PrimaryKey: []string{"名前"},
		Indexes: []inspect.Index{
			{Name: "sqlite_autoindex_Ünïcødé 表_1", Unique: true, Columns: []string{"名前"}, Origin: "primary key"},
			{Name: "sqlite_autoindex_Ünïcødé 表_2", Unique: true, Columns: []string{"x"}, Origin: "unique"},
		},
	})

	equal(t, "select view", *mustTable(t, s, "select view"), inspect.Table{
		Name: "select view",
		Kind: inspect.KindView,
		Columns: []inspect.Column{
			col("select", "INTEGER"),
			col("by", "TEXT"),
			col("two", ""),
		},
	})
}

// TestHostileForeignKeysEnforced checks the foreign keys read back are the ones
// SQLite enforces: the ON DELETE CASCADE reported really cascades.
func TestHostileForeignKeysEnforced(t *testing.T) {
	db := openHostile(t)
	ctx := context.Background()
	for _, stmt := range []string{
		`INSERT INTO "Order" ("Group By") VALUES ('g')`,
		`INSERT INTO "line items" ("order") VALUES (1)`,
		`DELETE FROM "Order"`,
	} {
		if _, err := db.ExecContext(ctx, stmt); err != nil {
			t.Fatal(err)
		}
	}
	var n int
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM "line items"`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != 0 {
		t.Errorf("%d line items left after deleting their order, want 0 (ON DELETE CASCADE)", n)
	}
}
