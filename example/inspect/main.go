// Command inspect prints the schema of a SQLite database as the inspect
// package reads it: tables and views, columns, keys and indexes.
//
//	go run ./example/inspect ../shared/data/chinook.db
//	go run ./example/inspect ../shared/data/northwind.db "Order Details" Orders
//	go run ./example/inspect -internal -views=false ../shared/data/chinook.db
//	go run ./example/inspect -json ../shared/data/chinook.db > chinook.json
//
// Arguments after the database name limit the report to those tables or
// views. The database is opened read-only.
package main

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/sqlitedialect"
	"github.com/uptrace/bun/driver/sqliteshim"

	"github.com/bunbook/bunbook/helpers/inspect"
)

func main() {
	internal := flag.Bool("internal", false, "also list SQLite's own sqlite_* tables")
	views := flag.Bool("views", true, "list views")
	asJSON := flag.Bool("json", false, "print the schema as JSON")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: inspect [-internal] [-views=false] [-json] path/to/database.db [table ...]")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() < 1 {
		flag.Usage()
		os.Exit(2)
	}
	log.SetFlags(0)

	db, err := openReadOnly(flag.Arg(0))
	if err != nil {
		log.Fatal(err)
	}
	defer db.Close()

	var opts []inspect.Option
	names := flag.Args()[1:]
	if *internal || len(names) > 0 { // a named table is shown even if internal
		opts = append(opts, inspect.WithInternal())
	}
	if !*views {
		opts = append(opts, inspect.WithoutViews())
	}
	s, err := inspect.Inspect(context.Background(), db, opts...)
	if err != nil {
		log.Fatal(err)
	}
	if len(names) > 0 {
		if s, err = only(s, names); err != nil {
			log.Fatal(err)
		}
	}
	if *asJSON {
		enc := json.NewEncoder(os.Stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(s); err != nil {
			log.Fatal(err)
		}
		return
	}
	if err := report(os.Stdout, s); err != nil {
		log.Fatal(err)
	}
}

// openReadOnly opens an existing SQLite file read-only; a missing file is an
// error rather than a new empty database.
func openReadOnly(path string) (*bun.DB, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	if _, err := os.Stat(abs); err != nil {
		return nil, fmt.Errorf("inspect: %w (give the path of an existing SQLite file)", err)
	}
	dsn := url.URL{Scheme: "file", Path: abs, RawQuery: "mode=ro"} // escapes ? and # in the path
	sqldb, err := sql.Open(sqliteshim.ShimName, dsn.String())
	if err != nil {
		return nil, err
	}
	return bun.NewDB(sqldb, sqlitedialect.New()), nil
}

// report prints one block per table or view: a column table, then foreign
// keys and indexes.
func report(w io.Writer, s *inspect.Schema) error {
	var buf bytes.Buffer
	tw := tabwriter.NewWriter(&buf, 0, 4, 2, ' ', 0)
	for i, t := range s.Tables {
		if i > 0 {
			fmt.Fprintln(tw)
		}
		kind := string(t.Kind)
		if t.Internal {
			kind = "internal " + kind
		}
		fmt.Fprintf(tw, "%s (%s)\n", t.QualifiedName(), kind)
		if t.Problem != "" {
			fmt.Fprintf(tw, "  problem: %s\n", t.Problem)
			continue
		}
		for _, c := range t.Columns {
			typ := c.Type
			if typ == "" {
				typ = "(no type)" // SQLite allows columns without one
			}
			fmt.Fprintf(tw, "  %s\t%s\t%s\n", c.Name, typ, columnNotes(c))
		}
		for _, fk := range t.ForeignKeys {
			fmt.Fprintf(tw, "  foreign key (%s) -> %s (%s) on update %s, on delete %s\n",
				strings.Join(fk.Columns, ", "), fk.RefTable, strings.Join(fk.RefColumns, ", "), fk.OnUpdate, fk.OnDelete)
		}
		for _, ix := range t.Indexes {
			fmt.Fprintf(tw, "  %s (%s)\n", indexLabel(ix), strings.Join(ix.Columns, ", "))
		}
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	// tabwriter pads every cell, the last one too; drop that padding.
	for line := range strings.Lines(buf.String()) {
		if _, err := io.WriteString(w, strings.TrimRight(line, " \n")+"\n"); err != nil {
			return err
		}
	}
	return nil
}

func columnNotes(c inspect.Column) string {
	var notes []string
	if c.PrimaryKey > 0 {
		notes = append(notes, fmt.Sprintf("primary key #%d", c.PrimaryKey))
	}
	if c.AutoIncrement {
		notes = append(notes, "generated id")
	}
	if c.Generated {
		notes = append(notes, "computed")
	}
	if !c.Nullable {
		notes = append(notes, "not null")
	}
	if c.Default != nil {
		notes = append(notes, "default "+*c.Default)
	}
	return strings.Join(notes, ", ")
}

func indexLabel(ix inspect.Index) string {
	label := "index " + ix.Name
	if ix.Unique {
		label = "unique " + label
	}
	if ix.Partial {
		label = "partial " + label
	}
	if ix.Origin != "index" {
		label += " [" + ix.Origin + "]"
	}
	return label
}

// only keeps the named tables of s, matched as everywhere in bunbook: exact,
// else ignoring case, else an error with "did you mean".
func only(s *inspect.Schema, names []string) (*inspect.Schema, error) {
	sel, err := s.LookupAll(names...)
	if err != nil {
		return nil, err
	}
	keep := map[*inspect.Table]bool{}
	for _, t := range sel {
		keep[t] = true
	}
	out := &inspect.Schema{Dialect: s.Dialect}
	for i := range s.Tables { // in the schema's order, as Inspect gives them
		if keep[&s.Tables[i]] {
			out.Tables = append(out.Tables, s.Tables[i])
		}
	}
	return out, nil
}
