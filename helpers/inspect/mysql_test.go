package inspect_test

import (
	"context"
	"strings"
	"testing"

	"github.com/uptrace/bun"

	"github.com/bunbook/bunbook/helpers/inspect"
	"github.com/bunbook/bunbook/internal/dbtest"
)

// mysqlHostileSchema mirrors the PostgreSQL one for MariaDB: backticks,
// quotes, dots, commas, spaces, reserved words and non-ASCII in names;
// AUTO_INCREMENT, defaults of every kind, a generated column, composite and
// self-referencing foreign keys with actions, unique constraints and
// indexes, a prefix key, a view, a broken view and a sequence (which is not
// a table).
var mysqlHostileSchema = []string{
	"CREATE TABLE `Order` (\n" +
		"`select` INT AUTO_INCREMENT PRIMARY KEY,\n" +
		"`Group By` VARCHAR(40) NOT NULL DEFAULT 'it''s \"quoted\"',\n" +
		"`créé le` DATETIME DEFAULT CURRENT_TIMESTAMP,\n" +
		"qty INT DEFAULT -1,\n" +
		"price DECIMAL(10,2) DEFAULT 0.5,\n" +
		"parent INT,\n" +
		"total DECIMAL(12,2) AS (qty * price) STORED,\n" +
		"flag BOOLEAN NOT NULL DEFAULT FALSE,\n" +
		"FOREIGN KEY (parent) REFERENCES `Order` (`select`) ON DELETE SET NULL\n" +
		")",
	"CREATE TABLE `we\"ird 'tbl'.x` (\n" +
		"`a ``b``` VARCHAR(20) NOT NULL,\n" +
		"`c'd` INT NOT NULL,\n" +
		"`group` VARCHAR(10) DEFAULT (lower('X')),\n" +
		"`parent a` VARCHAR(20),\n" +
		"`parent c` INT,\n" +
		"PRIMARY KEY (`c'd`, `a ``b```),\n" +
		"CONSTRAINT `self, \"ref\"` FOREIGN KEY (`parent c`, `parent a`) REFERENCES `we\"ird 'tbl'.x` (`c'd`, `a ``b```) ON DELETE CASCADE\n" +
		")",
	"CREATE TABLE `line items` (\n" +
		"id BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,\n" +
		"`order` INT NOT NULL,\n" +
		"`ref a` VARCHAR(20),\n" +
		"`ref c` INT,\n" +
		"`mixedCase` VARCHAR(50) UNIQUE,\n" +
		"boss BIGINT UNSIGNED,\n" +
		"kind ENUM('a', 'b''c') DEFAULT 'a',\n" +
		"FOREIGN KEY (`order`) REFERENCES `Order` (`select`) ON DELETE CASCADE ON UPDATE CASCADE,\n" +
		"FOREIGN KEY (`ref c`, `ref a`) REFERENCES `we\"ird 'tbl'.x` (`c'd`, `a ``b```) ON DELETE CASCADE ON UPDATE NO ACTION,\n" +
		"FOREIGN KEY (boss) REFERENCES `line items` (id) ON UPDATE RESTRICT ON DELETE SET NULL,\n" +
		"CONSTRAINT `uniq, \"odd\" pair` UNIQUE (`ref a`, `order`)\n" +
		")",
	"CREATE UNIQUE INDEX `uniq, \"odd\" idx` ON `line items` (`mixedCase`, `order`)",
	"CREATE INDEX `by ref` ON `line items` (`ref c` DESC, `ref a`(5))",
	"CREATE TABLE `Ünïcødé 表` (`名前` VARCHAR(20) PRIMARY KEY, x SMALLINT UNIQUE)",
	"CREATE TABLE doomed (id INT)",
	"CREATE VIEW `select view` AS SELECT `select`, `Group By` AS `by`, 1 + 1 AS two FROM `Order`",
	"CREATE VIEW `broken view` AS SELECT id FROM doomed",
	"DROP TABLE doomed",
	"CREATE SEQUENCE counter",
}

func mysqlHostile(t *testing.T) *bun.DB {
	t.Helper()
	db := dbtest.MariaDB(t)
	for _, stmt := range mysqlHostileSchema {
		if _, err := db.DB.ExecContext(context.Background(), stmt); err != nil {
			t.Fatalf("%v\n%s", err, stmt)
		}
	}
	return db
}

// myFK builds a foreign key of the MariaDB Chinook, which the copy from
// SQLite declares ON DELETE NO ACTION ON UPDATE NO ACTION.
func myFK(schema, name string, cols []string, table string, refCols []string) inspect.ForeignKey {
	return inspect.ForeignKey{Name: name, Columns: cols, RefSchema: schema, RefTable: table, RefColumns: refCols,
		OnUpdate: "NO ACTION", OnDelete: "NO ACTION"}
}

func TestMySQLChinook(t *testing.T) {
	db := dbtest.MariaDB(t)
	dbtest.LoadChinookMariaDB(t, db)
	ctx := context.Background()
	s, err := inspect.Inspect(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	if s.Dialect != "mysql" {
		t.Errorf("Dialect = %q, want mysql", s.Dialect)
	}
	var schema string
	if err := db.QueryRowContext(ctx, "SELECT DATABASE()").Scan(&schema); err != nil {
		t.Fatal(err)
	}
	equal(t, "tables", tableNames(s), []string{
		"albums", "artists", "customers", "employees", "genres", "invoice_items", "invoices",
		"media_types", "playlist_track", "playlists", "tracks",
	})
	indexes := 0
	for _, tb := range s.Tables {
		if tb.Schema != schema || tb.Kind != inspect.KindTable || tb.Internal || tb.Problem != "" {
			t.Errorf("%s: Schema %q Kind %q Internal %v Problem %q", tb.Name, tb.Schema, tb.Kind, tb.Internal, tb.Problem)
		}
		indexes += len(tb.Indexes)
	}
	// 11 primary keys and the 10 IFK_* indexes. InnoDB adds none of its
	// own: each foreign key already leads an index (PlaylistId leads
	// playlist_track's primary key).
	if indexes != 21 {
		t.Errorf("%d indexes, want 21", indexes)
	}
	key := func(name string) inspect.Column {
		return inspect.Column{Name: name, Type: "int(11)", PrimaryKey: 1, AutoIncrement: true}
	}

	t.Run("albums", func(t *testing.T) {
		equal(t, "albums", *mustTable(t, s, "albums"), inspect.Table{
			Schema: schema, Name: "albums", Kind: inspect.KindTable,
			Columns: []inspect.Column{
				key("AlbumId"),
				notNull(col("Title", "varchar(160)")),
				notNull(col("ArtistId", "int(11)")),
			},
			PrimaryKey:  []string{"AlbumId"},
			ForeignKeys: []inspect.ForeignKey{myFK(schema, "albums_ibfk_1", []string{"ArtistId"}, "artists", []string{"ArtistId"})},
			Indexes: []inspect.Index{
				{Name: "IFK_AlbumArtistId", Columns: []string{"ArtistId"}, Origin: "index"},
				{Name: "PRIMARY", Unique: true, Columns: []string{"AlbumId"}, Origin: "primary key"},
			},
		})
	})
	t.Run("employees", func(t *testing.T) {
		employees := mustTable(t, s, schema+".employees")
		equal(t, "employees columns", employees.Columns, []inspect.Column{
			key("EmployeeId"),
			notNull(col("LastName", "varchar(20)")),
			notNull(col("FirstName", "varchar(20)")),
			col("Title", "varchar(30)"),
			col("ReportsTo", "int(11)"),
			col("BirthDate", "datetime"),
			col("HireDate", "datetime"),
			col("Address", "varchar(70)"),
			col("City", "varchar(40)"),
			col("State", "varchar(40)"),
			col("Country", "varchar(40)"),
			col("PostalCode", "varchar(10)"),
			col("Phone", "varchar(24)"),
			col("Fax", "varchar(24)"),
			col("Email", "varchar(60)"),
		})
		// Self-reference: the manager of an employee is an employee.
		equal(t, "employees foreign keys", employees.ForeignKeys, []inspect.ForeignKey{
			myFK(schema, "employees_ibfk_1", []string{"ReportsTo"}, "employees", []string{"EmployeeId"}),
		})
	})
	t.Run("playlist_track", func(t *testing.T) {
		pt := mustTable(t, s, "playlist_track")
		equal(t, "playlist_track columns", pt.Columns, []inspect.Column{
			{Name: "PlaylistId", Type: "int(11)", PrimaryKey: 1},
			{Name: "TrackId", Type: "int(11)", PrimaryKey: 2},
		})
		equal(t, "playlist_track primary key", pt.PrimaryKey, []string{"PlaylistId", "TrackId"})
		var refs []string
		for _, fk := range pt.ForeignKeys {
			refs = append(refs, strings.Join(fk.Columns, ",")+" -> "+fk.RefTable+"."+strings.Join(fk.RefColumns, ","))
		}
		equal(t, "playlist_track foreign keys", refs, []string{"PlaylistId -> playlists.PlaylistId", "TrackId -> tracks.TrackId"})
	})
	t.Run("tracks and invoice_items", func(t *testing.T) {
		sel, err := inspect.Inspect(ctx, db)
		if err != nil {
			t.Fatal(err)
		}
		var refs []string
		for _, fk := range mustTable(t, sel, "tracks").ForeignKeys {
			refs = append(refs, strings.Join(fk.Columns, ",")+" -> "+fk.RefTable+"."+strings.Join(fk.RefColumns, ","))
		}
		equal(t, "tracks foreign keys", refs, []string{
			"AlbumId -> albums.AlbumId", "GenreId -> genres.GenreId", "MediaTypeId -> media_types.MediaTypeId",
		})
		equal(t, "invoice_items columns", mustTable(t, sel, "invoice_items").Columns, []inspect.Column{
			key("InvoiceLineId"),
			notNull(col("InvoiceId", "int(11)")),
			notNull(col("TrackId", "int(11)")),
			notNull(col("UnitPrice", "decimal(10,2)")),
			notNull(col("Quantity", "int(11)")),
		})
	})
}

func TestMySQLHostileNames(t *testing.T) {
	db := mysqlHostile(t)
	ctx := context.Background()
	s, err := inspect.Inspect(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	schema := mustTable(t, s, "Order").Schema
	var names []string
	for _, tb := range s.Tables {
		names = append(names, tb.Name+" ("+string(tb.Kind)+")")
	}
	// Byte order; the sequence "counter" is not a table.
	equal(t, "tables", names, []string{
		"Order (table)", "broken view (view)", "line items (table)", "select view (view)",
		`we"ird 'tbl'.x (table)`, "Ünïcødé 表 (table)",
	})

	order := mustTable(t, s, "Order")
	equal(t, "Order columns", order.Columns, []inspect.Column{
		{Name: "select", Type: "int(11)", PrimaryKey: 1, AutoIncrement: true},
		{Name: "Group By", Type: "varchar(40)", Default: ptr(`'it''s "quoted"'`)},
		{Name: "créé le", Type: "datetime", Nullable: true, Default: ptr("current_timestamp()")},
		{Name: "qty", Type: "int(11)", Nullable: true, Default: ptr("-1")},
		{Name: "price", Type: "decimal(10,2)", Nullable: true, Default: ptr("0.50")},
		col("parent", "int(11)"),
		{Name: "total", Type: "decimal(12,2)", Nullable: true, Generated: true},
		{Name: "flag", Type: "tinyint(1)", Default: ptr("0")},
	})
	equal(t, "Order foreign keys", order.ForeignKeys, []inspect.ForeignKey{{
		Name: "Order_ibfk_1", Columns: []string{"parent"}, RefSchema: schema, RefTable: "Order",
		RefColumns: []string{"select"}, OnUpdate: "RESTRICT", OnDelete: "SET NULL", // RESTRICT: left out of the DDL
	}})

	// Composite primary key in key order, not column order; composite,
	// named self-reference.
	weird := `we"ird 'tbl'.x`
	equal(t, "weird tbl", *mustTable(t, s, weird), inspect.Table{
		Schema: schema, Name: weird, Kind: inspect.KindTable,
		Columns: []inspect.Column{
			{Name: "a `b`", Type: "varchar(20)", PrimaryKey: 2},
			{Name: "c'd", Type: "int(11)", PrimaryKey: 1},
			{Name: "group", Type: "varchar(10)", Nullable: true, Default: ptr("lcase('X')")},
			col("parent a", "varchar(20)"),
			col("parent c", "int(11)"),
		},
		PrimaryKey: []string{"c'd", "a `b`"},
		ForeignKeys: []inspect.ForeignKey{{
			Name: `self, "ref"`, Columns: []string{"parent c", "parent a"}, RefSchema: schema, RefTable: weird,
			RefColumns: []string{"c'd", "a `b`"}, OnUpdate: "RESTRICT", OnDelete: "CASCADE",
		}},
		Indexes: []inspect.Index{
			{Name: "PRIMARY", Unique: true, Columns: []string{"c'd", "a `b`"}, Origin: "primary key"},
			{Name: `self, "ref"`, Columns: []string{"parent c", "parent a"}, Origin: "index"}, // added by InnoDB
		},
	})

	items := mustTable(t, s, "line items")
	equal(t, "line items columns", items.Columns, []inspect.Column{
		{Name: "id", Type: "bigint(20) unsigned", PrimaryKey: 1, AutoIncrement: true},
		{Name: "order", Type: "int(11)"},
		col("ref a", "varchar(20)"),
		col("ref c", "int(11)"),
		col("mixedCase", "varchar(50)"),
		col("boss", "bigint(20) unsigned"),
		{Name: "kind", Type: "enum('a','b''c')", Nullable: true, Default: ptr("'a'")},
	})
	equal(t, "line items foreign keys", items.ForeignKeys, []inspect.ForeignKey{
		{Name: "line items_ibfk_3", Columns: []string{"boss"}, RefSchema: schema, RefTable: "line items",
			RefColumns: []string{"id"}, OnUpdate: "RESTRICT", OnDelete: "SET NULL"},
		{Name: "line items_ibfk_1", Columns: []string{"order"}, RefSchema: schema, RefTable: "Order",
			RefColumns: []string{"select"}, OnUpdate: "CASCADE", OnDelete: "CASCADE"},
		{Name: "line items_ibfk_2", Columns: []string{"ref c", "ref a"}, RefSchema: schema, RefTable: weird,
			RefColumns: []string{"c'd", "a `b`"}, OnUpdate: "NO ACTION", OnDelete: "CASCADE"},
	})
	equal(t, "line items indexes", items.Indexes, []inspect.Index{
		{Name: "PRIMARY", Unique: true, Columns: []string{"id"}, Origin: "primary key"},
		{Name: "boss", Columns: []string{"boss"}, Origin: "index"},
		{Name: "by ref", Columns: []string{"ref c", "ref a"}, Origin: "index"}, // DESC and the prefix length dropped
		{Name: "mixedCase", Unique: true, Columns: []string{"mixedCase"}, Origin: "unique"},
		{Name: "order", Columns: []string{"order"}, Origin: "index"},
		{Name: "ref c", Columns: []string{"ref c", "ref a"}, Origin: "index"},
		{Name: `uniq, "odd" idx`, Unique: true, Columns: []string{"mixedCase", "order"}, Origin: "unique"},
		{Name: `uniq, "odd" pair`, Unique: true, Columns: []string{"ref a", "order"}, Origin: "unique"},
	})

	equal(t, "view", *mustTable(t, s, "select view"), inspect.Table{
		Schema: schema, Name: "select view", Kind: inspect.KindView,
		Columns: []inspect.Column{{Name: "select", Type: "int(11)"}, {Name: "by", Type: "varchar(40)"}, {Name: "two", Type: "int(3)"}},
	})
	broken := mustTable(t, s, "broken view")
	if len(broken.Columns) != 0 || !strings.Contains(broken.Problem, "fix or drop the view") {
		t.Errorf("broken view: columns %v, Problem %q", broken.Columns, broken.Problem)
	}
	equal(t, "unicode", mustTable(t, s, "Ünïcødé 表").Columns, []inspect.Column{
		{Name: "名前", Type: "varchar(20)", PrimaryKey: 1},
		col("x", "smallint(6)"),
	})
}
