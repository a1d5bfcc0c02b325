// Command erd prints the entity-relationship diagram of a SQLite database,
// as Mermaid text (default) or SVG:
//
//	go run ./example/erd ../shared/data/chinook.db > chinook.mmd
//	go run ./example/erd -svg ../shared/data/chinook.db > chinook.svg
package main

import (
	"context"
	"database/sql"
	"flag"
	"fmt"
	"log"
	"os"

	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/sqlitedialect"
	"github.com/uptrace/bun/driver/sqliteshim"

	"github.com/bunbook/bunbook/helpers/erd"
	"github.com/bunbook/bunbook/helpers/inspect"
)

func main() {
	svg := flag.Bool("svg", false, "write SVG instead of Mermaid")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: erd [-svg] path/to/database.db")
		os.Exit(2)
	}
	path := flag.Arg(0)
	if _, err := os.Stat(path); err != nil {
		log.Fatalf("erd: %v (give the path of an existing SQLite file)", err)
	}
	// Read-only: drawing a diagram never changes the database.
	sqldb, err := sql.Open(sqliteshim.ShimName, "file:"+path+"?mode=ro")
	if err != nil {
		log.Fatal(err)
	}
	db := bun.NewDB(sqldb, sqlitedialect.New())
	defer db.Close()

	s, err := inspect.Inspect(context.Background(), db)
	if err != nil {
		log.Fatal(err)
	}
	if *svg {
		fmt.Print(erd.SVG(s))
		return
	}
	fmt.Print(erd.Mermaid(s))
}
