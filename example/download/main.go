// Command download follows the lesson's first cells with data/download:
// get chinook.db (or reuse the verified copy already there), then list its
// tables, as the Python lesson does with engine.table_names().
//
//	go run ./example/download                          # ./chinook.db
//	go run ./example/download -o /tmp/course/chinook.db
//	CHINOOK_SOURCE=/srv/course/chinook.zip go run ./example/download
//
// Ctrl-C cancels the download cleanly: nothing half-written is left.
package main

import (
	"context"
	"database/sql"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"

	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/sqlitedialect"
	"github.com/uptrace/bun/driver/sqliteshim"

	"github.com/bunbook/bunbook/data/download"
)

func main() {
	dest := flag.String("o", download.DBName, "where chinook.db goes")
	flag.Parse()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	// In a terminal the default shows a progress bar; in GoNB an HTML one.
	if err := run(ctx, os.Stdout, *dest); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func run(ctx context.Context, w io.Writer, dest string, opts ...download.Option) error {
	path, err := download.Chinook(ctx, dest, opts...)
	if err != nil {
		return err
	}

	sqldb, err := sql.Open(sqliteshim.ShimName, "file:"+path+"?mode=ro")
	if err != nil {
		return err
	}
	db := bun.NewDB(sqldb, sqlitedialect.New())
	defer db.Close()

	var tables []string
	err = db.NewSelect().
		Table("sqlite_master").
		Column("name").
		Where("type = 'table'").
		Where("name NOT LIKE 'sqlite_%'").
		Order("name").
		Scan(ctx, &tables)
	if err != nil {
		return fmt.Errorf("list tables of %s: %w", path, err)
	}
	fmt.Fprintln(w, "tables:", strings.Join(tables, ", "))
	return nil
}
