// Command codegen is the notebook cell that replaces the lesson's
// `!sqlacodegen sqlite:///chinook.db --tables …`: it prints the Bun models
// of the lesson's Chinook tables, ready to paste into the next cell.
//
//	go run ./example/codegen ../shared/data/chinook.db
//
// The same from the command line: go run ./cmd/bunacodegen -cell -tables … chinook.db
package main

import (
	"context"
	"fmt"
	"io"
	"os"

	"github.com/bunbook/bunbook/helpers/codegen"
	"github.com/bunbook/bunbook/helpers/connect"
)

// lessonTables is the selection the Python lesson passes to sqlacodegen.
var lessonTables = []string{"albums", "artists", "customers", "employees", "genres", "invoice_items", "invoices", "tracks"}

func main() {
	path := "chinook.db"
	if len(os.Args) > 1 {
		path = os.Args[1]
	}
	if err := run(context.Background(), path, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func run(ctx context.Context, path string, w io.Writer) error {
	db, err := connect.Open(ctx, path)
	if err != nil {
		return err
	}
	defer db.Close()
	// Cell leaves out the package clause: GoNB cells must not have one.
	return codegen.Write(ctx, db, w, codegen.Tables(lessonTables...), codegen.Cell(), codegen.Source("chinook.db"))
}
