// Command repr prints models the way the Python lesson's ReflectiveMixin
// does, for a declared model and for one built at run time.
//
//	go run ./example/repr
package main

import (
	"fmt"
	"reflect"

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

// String makes fmt print a Customer through repr.
func (c Customer) String() string { return repr.String(c) }

func main() {
	address, phone := "Alenbi 99, Tel Aviv", "053-5556789"
	moshe := Customer{
		CustomerId: 1, FirstName: "Moshe", LastName: "Cohen",
		Address: &address, Phone: &phone, Email: "moshe@cohen.com",
	}
	fmt.Println(moshe)

	// A model built at run time (as automap does) has no Go type name:
	// repr names it after its table.
	albumType := reflect.StructOf([]reflect.StructField{
		{Name: "BaseModel", Type: reflect.TypeFor[bun.BaseModel](), Anonymous: true, Tag: `bun:"table:albums"`},
		{Name: "AlbumId", Type: reflect.TypeFor[int64](), Tag: `bun:"AlbumId,pk"`},
		{Name: "Title", Type: reflect.TypeFor[string](), Tag: `bun:"Title"`},
		{Name: "ArtistId", Type: reflect.TypeFor[int64](), Tag: `bun:"ArtistId"`},
	})
	album := reflect.New(albumType).Elem()
	album.FieldByName("AlbumId").SetInt(1)
	album.FieldByName("Title").SetString("For Those About To Rock We Salute You")
	album.FieldByName("ArtistId").SetInt(1)
	repr.Print(album.Addr().Interface())
}
