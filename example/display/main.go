// Command display shows helpers/display outside a notebook: the SQL of a
// query, a short result in full, and a long one cut to head and tail with
// only those rows fetched. In a GoNB cell the same calls draw HTML tables.
//
//	go run ./example/display
package main

import (
	"context"
	"fmt"
	"os"

	"github.com/uptrace/bun"

	"github.com/bunbook/bunbook/helpers/connect"
	"github.com/bunbook/bunbook/helpers/display"
)

type Customer struct {
	bun.BaseModel `bun:"table:customers"`
	CustomerID    int64   `bun:"CustomerId,pk,autoincrement"`
	FirstName     string  `bun:"FirstName,notnull"`
	Company       *string `bun:"Company"`
	Email         string  `bun:"Email,notnull"`
}

func main() {
	if err := run(context.Background()); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func run(ctx context.Context) error {
	db, err := connect.Open(ctx, ":memory:")
	if err != nil {
		return err
	}
	defer db.Close()
	if _, err := db.NewCreateTable().Model((*Customer)(nil)).Exec(ctx); err != nil {
		return err
	}
	acme := "Acme & Sons"
	customers := []Customer{
		{FirstName: "Moshe", Email: "moshe@cohen.com"},
		{FirstName: "Ada", Company: &acme, Email: "ada@example.com"},
	}
	for i := range 998 {
		customers = append(customers, Customer{FirstName: fmt.Sprintf("Guest %d", i+1), Email: "guest@example.com"})
	}
	if _, err := db.NewInsert().Model(&customers).Exec(ctx); err != nil {
		return err
	}

	short := db.NewSelect().Model((*Customer)(nil)).
		Column("FirstName", "Company").Where(`"CustomerId" <= ?`, 2)
	display.SQL(short)
	if err := display.Query(ctx, short); err != nil {
		return err
	}

	fmt.Println()
	all := db.NewSelect().Model((*Customer)(nil)).Order("CustomerId")
	return display.Query(ctx, all)
}
