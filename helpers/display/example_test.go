package display_test

import (
	"context"
	"fmt"

	"github.com/uptrace/bun"

	"github.com/bunbook/bunbook/helpers/connect"
	"github.com/bunbook/bunbook/helpers/display"
)

type Customer struct {
	bun.BaseModel `bun:"table:customers"`
	CustomerId    int64   `bun:"CustomerId,pk,autoincrement"`
	FirstName     string  `bun:"FirstName,notnull"`
	Company       *string `bun:"Company"`
	Email         string  `bun:"Email,notnull"`
}

func exampleDB(ctx context.Context) *bun.DB {
	db := connect.MustOpen(context.Background(), ":memory:")
	if _, err := db.NewCreateTable().Model((*Customer)(nil)).Exec(ctx); err != nil {
		panic(err)
	}
	acme := "Acme & Sons"
	customers := []Customer{
		{FirstName: "Moshe", Email: "moshe@cohen.com"},
		{FirstName: "Ada", Company: &acme, Email: "ada@example.com"},
	}
	for i := range 98 {
		customers = append(customers, Customer{FirstName: fmt.Sprint("Guest ", i+1), Email: "guest@example.com"})
	}
	if _, err := db.NewInsert().Model(&customers).Exec(ctx); err != nil {
		panic(err)
	}
	return db
}

func ExampleQuery() {
	ctx := context.Background()
	db := exampleDB(ctx)
	defer db.Close()

	q := db.NewSelect().Model((*Customer)(nil)).Column("FirstName", "Company").Where(`"CustomerId" <= 2`)
	if err := display.Query(ctx, q); err != nil {
		fmt.Println(err)
	}
	// Output:
	//    FirstName  Company
	// 0  Moshe      <NULL>
	// 1  Ada        Acme & Sons
	// [2 rows × 2 columns]
}

func ExampleQuery_cut() {
	ctx := context.Background()
	db := exampleDB(ctx)
	defer db.Close()

	// 100 rows: more than MaxRows (60), so the first and last 5 are
	// fetched (with LIMIT and OFFSET) and shown.
	q := db.NewSelect().Model((*Customer)(nil)).Column("CustomerId", "FirstName").Order("CustomerId")
	if err := display.Query(ctx, q); err != nil {
		fmt.Println(err)
	}
	// Output:
	//     CustomerId  FirstName
	//  0           1  Moshe
	//  1           2  Ada
	//  2           3  Guest 1
	//  3           4  Guest 2
	//  4           5  Guest 3
	//  …           …  …
	// 95          96  Guest 94
	// 96          97  Guest 95
	// 97          98  Guest 96
	// 98          99  Guest 97
	// 99         100  Guest 98
	// [100 rows × 2 columns]
}

func ExampleSQL() {
	ctx := context.Background()
	db := exampleDB(ctx)
	defer db.Close()

	q := db.NewSelect().Model((*Customer)(nil)).Column("FirstName", "Email").Where(`"FirstName" = ?`, "Moshe")
	display.SQL(q)
	// Output:
	//
	// SELECT "customer"."FirstName", "customer"."Email" FROM "customers" AS "customer" WHERE ("FirstName" = 'Moshe')
}
