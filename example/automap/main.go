// Command automap walks through the Python lesson's automap steps in Go:
// map a database at run time, list the models and the tables left out,
// show a model's columns, query its first row and load its relations.
//
//	go run ./example/automap                              # the shared Chinook sample
//	go run ./example/automap path/to/database.db
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/uptrace/bun"

	"github.com/bunbook/bunbook/helpers/automap"
	"github.com/bunbook/bunbook/helpers/connect"
	"github.com/bunbook/bunbook/helpers/display"
	"github.com/bunbook/bunbook/helpers/repr"
	"github.com/bunbook/bunbook/internal/shareddata"
)

func main() {
	path := ""
	if len(os.Args) > 1 {
		path = os.Args[1]
	} else {
		dir, err := shareddata.Dir()
		if err != nil {
			fmt.Fprintln(os.Stderr, "automap:", err)
			os.Exit(1)
		}
		path = filepath.Join(dir, "chinook.db")
	}
	if err := run(context.Background(), os.Stdout, path); err != nil {
		fmt.Fprintln(os.Stderr, "automap:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, w io.Writer, path string) error {
	db, err := connect.Open(ctx, path)
	if err != nil {
		return err
	}
	defer db.Close()

	// automap_database(engine)
	reg, err := automap.Map(ctx, db)
	if err != nil {
		return err
	}
	fmt.Fprintln(w, "Generated the following models:")
	fmt.Fprintln(w, "\t", strings.Join(reg.Names(), ", "))
	fmt.Fprintln(w, "Left out:")
	for _, s := range reg.Skipped() {
		fmt.Fprintf(w, "\t %s: %s\n", s.Table, s.Reason)
	}

	// A model, its columns and relations, and its first row.
	for _, m := range reg.Models() {
		fmt.Fprintf(w, "\n%s (%s)\n\t columns:   %s\n\t relations: %s\n",
			m, m.Name(), strings.Join(m.Columns(), ", "), strings.Join(m.Relations(), ", "))
		first := m.New()
		if err := db.NewSelect().Model(first).Limit(1).Scan(ctx); err != nil {
			fmt.Fprintln(w, "\t no first row:", err)
			continue
		}
		fmt.Fprintln(w, "\t first row:", repr.String(first))
	}
	if _, err := reg.Lookup("albums"); err != nil {
		return nil // not Chinook: the walk-through below needs its tables
	}
	return chinook(ctx, w, db, reg)
}

// chinook loads one relation of each kind from the Chinook sample.
func chinook(ctx context.Context, w io.Writer, db *bun.DB, reg *automap.Registry) error {
	fmt.Fprintln(w)
	artist := reg.MustLookup("artists").New()
	err := db.NewSelect().Model(artist).Where("artist.Name = ?", "AC/DC").
		Relation("Albums", func(q *bun.SelectQuery) *bun.SelectQuery { return q.Order("AlbumId") }).
		Relation("Albums.Tracks").
		Scan(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintln(w, "AC/DC's albums (has-many), with their tracks (two hops):")
	for _, album := range automap.Rows(automap.MustGet(artist, "Albums")) {
		fmt.Fprintf(w, "\t %s: %d tracks\n", automap.MustGet(album, "Title"), len(automap.Rows(automap.MustGet(album, "Tracks"))))
	}

	playlist := reg.MustLookup("playlists").New()
	if err := db.NewSelect().Model(playlist).Relation("Tracks").Where("playlist.PlaylistId = 1").Scan(ctx); err != nil {
		return err
	}
	fmt.Fprintf(w, "Playlist %q (many-to-many through playlist_track): %d tracks\n",
		automap.MustGet(playlist, "Name"), len(automap.Rows(automap.MustGet(playlist, "Tracks"))))

	employees := reg.MustLookup("employees").NewSlice()
	err = db.NewSelect().Model(employees).Relation("ReportsToEmployee").
		OrderExpr("?TableAlias.EmployeeId").Scan(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintln(w, "Employees and their managers (self-reference ReportsTo):")
	for _, e := range automap.Rows(employees) {
		manager := "nobody"
		if m := automap.MustGet(e, "ReportsToEmployee"); m != nil {
			manager = fmt.Sprint(automap.MustGet(m, "FirstName"), " ", automap.MustGet(m, "LastName"))
		}
		fmt.Fprintf(w, "\t %s %s reports to %s\n", automap.MustGet(e, "FirstName"), automap.MustGet(e, "LastName"), manager)
	}

	fmt.Fprintln(w, "\nThe first invoices, as a table:")
	return display.Query(ctx, db.NewSelect().Model(reg.MustLookup("invoices").NewSlice()).
		Column("InvoiceId", "InvoiceDate", "BillingCountry", "Total").Limit(5), display.Writer(w))
}
