package inspect_test

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/sqlitedialect"
	"github.com/uptrace/bun/driver/sqliteshim"

	"github.com/bunbook/bunbook/helpers/inspect"
	"github.com/bunbook/bunbook/internal/shareddata"
)

// Every table of the course's copy of Chinook, SQLite's own included, like
// SQLAlchemy's engine.table_names().
func ExampleInspect_tableNames() {
	shared, err := shareddata.Dir() // ../shared/data beside the checkout, or $BUNBOOK_SHARED_DATA
	if err != nil {
		panic(err)
	}
	sqldb, err := sql.Open(sqliteshim.ShimName, "file:"+filepath.Join(shared, "chinook.db")+"?mode=ro")
	if err != nil {
		panic(err)
	}
	db := bun.NewDB(sqldb, sqlitedialect.New())
	defer db.Close()

	s, err := inspect.Inspect(context.Background(), db, inspect.WithInternal(), inspect.WithoutViews())
	if err != nil {
		panic(err)
	}
	for _, t := range s.Tables {
		fmt.Println(t.Name)
	}
	// Output:
	// albums
	// artists
	// customers
	// employees
	// genres
	// invoice_items
	// invoices
	// media_types
	// playlist_track
	// playlists
	// sqlite_sequence
	// sqlite_stat1
	// tracks
}

func ExampleInspect() {
	sqldb, err := sql.Open(sqliteshim.ShimName, "file::memory:")
	if err != nil {
		panic(err)
	}
	sqldb.SetMaxOpenConns(1) // every connection to :memory: is a new, empty database
	db := bun.NewDB(sqldb, sqlitedialect.New())
	defer db.Close()

	ctx := context.Background()
	for _, stmt := range []string{
		`CREATE TABLE authors (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE)`,
		`CREATE TABLE "book chapters" (
			book INT NOT NULL,
			"order" INT NOT NULL,
			title TEXT DEFAULT 'untitled',
			author_id INTEGER REFERENCES authors ON DELETE SET NULL,
			PRIMARY KEY (book, "order")
		)`,
	} {
		if _, err := db.ExecContext(ctx, stmt); err != nil {
			panic(err)
		}
	}

	s, err := inspect.Inspect(ctx, db)
	if err != nil {
		panic(err)
	}
	for _, t := range s.Tables {
		fmt.Printf("%s %q, primary key %q\n", t.Kind, t.Name, t.PrimaryKey)
		for _, c := range t.Columns {
			var notes []string
			if !c.Nullable {
				notes = append(notes, "not null")
			}
			if c.AutoIncrement {
				notes = append(notes, "generated")
			}
			if c.Default != nil {
				notes = append(notes, "default "+*c.Default)
			}
			line := fmt.Sprintf("  %-9s %-7s %s", c.Name, c.Type, strings.Join(notes, ", "))
			fmt.Println(strings.TrimRight(line, " "))
		}
		for _, fk := range t.ForeignKeys {
			fmt.Printf("  foreign key %q -> %s %q on delete %s\n", fk.Columns, fk.RefTable, fk.RefColumns, fk.OnDelete)
		}
		for _, ix := range t.Indexes {
			fmt.Printf("  index %q on %q, from %s, unique: %v\n", ix.Name, ix.Columns, ix.Origin, ix.Unique)
		}
	}
	// Output:
	// table "authors", primary key ["id"]
	//   id        INTEGER not null, generated
	//   name      TEXT    not null
	//   index "sqlite_autoindex_authors_1" on ["name"], from unique, unique: true
	// table "book chapters", primary key ["book" "order"]
	//   book      INT     not null
	//   order     INT     not null
	//   title     TEXT    default 'untitled'
	//   author_id INTEGER
	//   foreign key ["author_id"] -> authors ["id"] on delete SET NULL
	//   index "sqlite_autoindex_book chapters_1" on ["book" "order"], from primary key, unique: true
}

// Asking for a table that does not exist names it and lists what does.
func ExampleSchema_LookupAll() {
	shared, err := shareddata.Dir() // ../shared/data beside the checkout, or $BUNBOOK_SHARED_DATA
	if err != nil {
		panic(err)
	}
	sqldb, err := sql.Open(sqliteshim.ShimName, "file:"+filepath.Join(shared, "chinook.db")+"?mode=ro")
	if err != nil {
		panic(err)
	}
	db := bun.NewDB(sqldb, sqlitedialect.New())
	defer db.Close()

	s, err := inspect.Inspect(context.Background(), db)
	if err != nil {
		panic(err)
	}
	_, err = s.LookupAll("album", "tracks")
	fmt.Println(err)
	// Output:
	// no table or view named "album" (did you mean "albums"?); this database has "albums", "artists", "customers", "employees", "genres", "invoice_items", "invoices", "media_types", … and 3 more (Schema.Tables lists them all)
}

// codegen's Tables option finds names as Schema.Lookup does: exactly,
// else the one table equal ignoring case; a mistyped name gets a hint.
func ExampleSchema_Lookup() {
	s := &inspect.Schema{Dialect: "sqlite", Tables: []inspect.Table{{Name: "albums"}, {Name: "artists"}}}
	t, err := s.Lookup("Albums")
	fmt.Println(t.Name, err)
	_, err = s.Lookup("albmus")
	fmt.Println(err)
	// Output:
	// albums <nil>
	// no table or view named "albmus" (did you mean "albums"?); this database has "albums", "artists"
}
