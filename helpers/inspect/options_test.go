package inspect_test

import (
	"context"
	"net/url"
	"testing"

	"github.com/bunbook/bunbook/helpers/inspect"
	"github.com/bunbook/bunbook/internal/shareddata"
)

func TestTablesOption(t *testing.T) {
	db := openShared(t, "chinook.db")
	ctx := context.Background()

	// SQL identifiers ignore ASCII case, so the option does too; an internal
	// table named explicitly is read without WithInternal; repeats are
	// read once.
	s, err := inspect.Inspect(ctx, db, inspect.Tables("ALBUMS", "sqlite_sequence", "albums"))
	if err != nil {
		t.Fatal(err)
	}
	equal(t, "selected", s.TableNames(), []string{"albums", "sqlite_sequence"})
	if !mustTable(t, s, "sqlite_sequence").Internal {
		t.Error("sqlite_sequence not marked Internal")
	}

	_, err = inspect.Inspect(ctx, db, inspect.Tables("albums", "album", "Order Details", "PlayList-Tracks"))
	want := `inspect: Tables: no table or view named "album" (did you mean "albums"?), "Order Details", "PlayList-Tracks" (did you mean "playlist_track"?); this database has "albums", "artists", "customers", "employees", "genres", "invoice_items", "invoices", "media_types", … and 5 more (inspect.TableNames lists them all)`
	if err == nil || err.Error() != want {
		t.Errorf("unknown tables:\n got: %v\nwant: %s", err, want)
	}
}

func TestTablesOptionViews(t *testing.T) {
	db := openShared(t, "northwind.db")
	ctx := context.Background()

	s, err := inspect.Inspect(ctx, db, inspect.Tables("order subtotals"))
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Tables) != 1 || s.Tables[0].Name != "Order Subtotals" || s.Tables[0].Kind != inspect.KindView {
		t.Errorf("got %+v, want the view Order Subtotals", s.Tables)
	}

	_, err = inspect.Inspect(ctx, db, inspect.WithoutViews(), inspect.Tables("Orders", "Order Subtotals"))
	want := `inspect: Tables names view "Order Subtotals" but WithoutViews was given: drop one of the two options`
	if err == nil || err.Error() != want {
		t.Errorf("view with WithoutViews:\n got: %v\nwant: %s", err, want)
	}
}

func TestSchemasOption(t *testing.T) {
	db := openEmpty(t)
	db.SetMaxOpenConns(1) // ATTACH belongs to one connection
	ctx := context.Background()
	chinook := url.URL{Scheme: "file", Path: shareddata.Path(t, "chinook.db"), RawQuery: "mode=ro"}
	for _, stmt := range []string{
		`CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)`,
		`ATTACH DATABASE '` + chinook.String() + `' AS "music store"`,
	} {
		if _, err := db.ExecContext(ctx, stmt); err != nil {
			t.Fatal(err)
		}
	}

	s, err := inspect.Inspect(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	equal(t, "main only by default", s.TableNames(), []string{"notes"})

	s, err = inspect.Inspect(ctx, db, inspect.Schemas("main", "music store"), inspect.Tables("notes", "music store.albums"))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, tb := range s.Tables {
		names = append(names, tb.QualifiedName())
	}
	equal(t, "qualified names", names, []string{"notes", "music store.albums"})
	equal(t, "attached foreign key", mustTable(t, s, "music store.albums").ForeignKeys, []inspect.ForeignKey{{
		Columns: []string{"ArtistId"}, RefSchema: "music store", RefTable: "artists", RefColumns: []string{"ArtistId"},
		OnUpdate: "NO ACTION", OnDelete: "NO ACTION",
	}})

	_, err = inspect.Inspect(ctx, db, inspect.Schemas("public"))
	want := `inspect: Schemas: SQLite has no database named "public"; on SQLite a schema is an attached database, and this connection has main, music store, temp (ATTACH DATABASE adds more)`
	if err == nil || err.Error() != want {
		t.Errorf("unknown schema:\n got: %v\nwant: %s", err, want)
	}
}
