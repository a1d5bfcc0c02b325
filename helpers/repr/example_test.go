package repr_test

import (
	"fmt"

	"github.com/uptrace/bun"

	"github.com/bunbook/bunbook/helpers/repr"
)

type Customer struct {
	bun.BaseModel `bun:"table:customers"`
	CustomerId    int64   `bun:"CustomerId,pk,autoincrement"`
	FirstName     string  `bun:"FirstName,notnull"`
	LastName      string  `bun:"LastName,notnull"`
	Company       *string `bun:"Company"`
	Address       *string `bun:"Address"`
	Phone         *string `bun:"Phone"`
	Email         string  `bun:"Email,notnull"`
}

func ExampleString() {
	address, phone := "Alenbi 99, Tel Aviv", "053-5556789"
	c := Customer{
		CustomerId: 1, FirstName: "Moshe", LastName: "Cohen",
		Address: &address, Phone: &phone, Email: "moshe@cohen.com",
	}
	fmt.Println(repr.String(c))
	// Output:
	// Customer(CustomerId=1, FirstName="Moshe", LastName="Cohen", Company=<nil>, Address="Alenbi 99, Tel Aviv", Phone="053-5556789", Email="moshe@cohen.com")
}

type Item struct {
	bun.BaseModel `bun:"table:items"`
	ItemId        int64   `bun:"ItemId,pk"`
	Name          string  `bun:"Name"`
	Price         float64 `bun:"Price"`
}

// A String method makes fmt (and a notebook cell's last expression) print
// the model this way.
func (i Item) String() string { return repr.String(i) }

func ExamplePrint() {
	repr.Print([]Item{{ItemId: 1, Name: "Cup", Price: 2.5}, {ItemId: 2, Name: "Plate", Price: 4}})
	fmt.Println(Item{ItemId: 3, Name: "Fork", Price: 0.99})
	// Output:
	// Item(ItemId=1, Name="Cup", Price=2.5)
	// Item(ItemId=2, Name="Plate", Price=4)
	// Item(ItemId=3, Name="Fork", Price=0.99)
}
