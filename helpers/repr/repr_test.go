package repr

import (
	"bytes"
	"database/sql"
	"fmt"
	"math"
	"reflect"
	"testing"
	"time"

	"github.com/uptrace/bun"
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

func (c Customer) String() string { return String(c) }

func ptr[T any](v T) *T { return &v }

var moshe = Customer{
	CustomerId: 1, FirstName: "Moshe", LastName: "Cohen",
	Address: ptr("Alenbi 99, Tel Aviv"), Phone: ptr("053-5556789"), Email: "moshe@cohen.com",
}

const mosheRepr = `Customer(CustomerId=1, FirstName="Moshe", LastName="Cohen", Company=<nil>, Address="Alenbi 99, Tel Aviv", Phone="053-5556789", Email="moshe@cohen.com")`

func TestStringLikeTheMixin(t *testing.T) {
	for _, v := range []any{moshe, &moshe} {
		if got := String(v); got != mosheRepr {
			t.Errorf("String(%T)\n got: %s\nwant: %s", v, got, mosheRepr)
		}
	}
	// Through the String method, fmt prints the same, without looping.
	if got := fmt.Sprint(moshe); got != mosheRepr {
		t.Errorf("fmt.Sprint\n got: %s\nwant: %s", got, mosheRepr)
	}
	if got := fmt.Sprint([]Customer{moshe}); got != "["+mosheRepr+"]" {
		t.Errorf("fmt.Sprint(slice) = %s", got)
	}
}

func TestHostileStringsAreQuoted(t *testing.T) {
	c := Customer{FirstName: "<script>alert(1)</script>", LastName: "O'Neil \"the\" & co\nline2\ttab", Email: "שלום 😀 \x00\xff"}
	want := `Customer(CustomerId=0, FirstName="<script>alert(1)</script>", LastName="O'Neil \"the\" & co\nline2\ttab", Company=<nil>, Address=<nil>, Phone=<nil>, Email="שלום 😀 \x00\xff")`
	if got := String(c); got != want {
		t.Errorf("\n got: %s\nwant: %s", got, want)
	}
}

type Artist struct {
	bun.BaseModel `bun:"table:artists"`
	ArtistID      int64    `bun:"artist_id,pk"`
	Name          string   `bun:"name"`
	Albums        []*Album `bun:"rel:has-many,join:artist_id=artist_id"`
}

type Album struct {
	bun.BaseModel `bun:"table:albums"`
	AlbumID       int64   `bun:"album_id,pk"`
	Title         string  `bun:"title"`
	ArtistID      int64   `bun:"artist_id"`
	Artist        *Artist `bun:"rel:belongs-to,join:artist_id=artist_id"`
	ignored       int
	Skipped       string `bun:"-"`
}

func TestGoNamesAndNoRelations(t *testing.T) {
	a := &Artist{ArtistID: 1, Name: "AC/DC"}
	a.Albums = []*Album{{AlbumID: 1, Title: "For Those About To Rock", ArtistID: 1, Artist: a, ignored: 3, Skipped: "x"}}
	if got, want := String(a), `Artist(ArtistID=1, Name="AC/DC")`; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
	if got, want := String(a.Albums[0]), `Album(AlbumID=1, Title="For Those About To Rock", ArtistID=1)`; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
}

type Purchase struct {
	bun.BaseModel `bun:"table:purchases"`
	Date          time.Time    `bun:",notnull"`
	PurchaseID    int64        `bun:",pk"` // struct order, as bun's CREATE TABLE
	Shipped       sql.NullTime `bun:""`
	Note          sql.NullString
	Qty           sql.NullInt64
	Price         float64
	Discount      float32
	Paid          bool
	Deleted       bun.NullTime
	Raw           []byte
	Tags          []string
	Attrs         map[string]any
	At            *time.Time
}

func TestNullTime(t *testing.T) {
	type stamp struct {
		ID int64
		At bun.NullTime
	}
	at := time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)
	if got, want := String(stamp{ID: 1, At: bun.NullTime{Time: at}}), `stamp(ID=1, At=2026-11-25T12:00:00Z)`; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
}

func TestValueForms(t *testing.T) {
	when := time.Date(2019, 7, 15, 19, 23, 47, 832000000, time.FixedZone("IDT", 3*3600))
	p := Purchase{
		Date:       time.Date(2009, 1, 1, 0, 0, 0, 0, time.UTC),
		PurchaseID: 5,
		Shipped:    sql.NullTime{Time: when, Valid: true},
		Note:       sql.NullString{},
		Qty:        sql.NullInt64{Int64: 3, Valid: true},
		Price:      0.99,
		Discount:   0.1,
		Paid:       true,
		Raw:        []byte("a\x00b"),
		Tags:       []string{"x", "y\"z"},
		Attrs:      map[string]any{"b": 2, "a": nil},
	}
	want := `Purchase(Date=2009-01-01T00:00:00Z, PurchaseID=5, Shipped=2019-07-15T19:23:47.832+03:00, Note=<nil>, Qty=3, Price=0.99, Discount=0.1, Paid=true, Deleted=<nil>, Raw=[]byte("a\x00b"), Tags=["x", "y\"z"], Attrs={"a": <nil>, "b": 2}, At=<nil>)`
	if got := String(p); got != want {
		t.Errorf("\n got: %s\nwant: %s", got, want)
	}
}

type Plain struct {
	Name    string
	Score   float64
	private string
	Inner
}

type Inner struct {
	Level int
}

func TestPlainStruct(t *testing.T) {
	if got, want := String(Plain{Name: "x", Score: 1e6, private: "p", Inner: Inner{Level: 2}}), `Plain(Name="x", Score=1000000, Level=2)`; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
	if got, want := String(struct{ A, B int }{1, 2}), `struct(A=1, B=2)`; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
}

type withEmbeddedPointer struct {
	ID int64 `bun:",pk"`
	*Inner
}

func TestNilEmbeddedPointer(t *testing.T) {
	if got, want := String(withEmbeddedPointer{ID: 1}), `withEmbeddedPointer(ID=1, Level=<nil>)`; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
	if got, want := String(withEmbeddedPointer{ID: 1, Inner: &Inner{Level: 4}}), `withEmbeddedPointer(ID=1, Level=4)`; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
}

func albumType() reflect.Type {
	return reflect.StructOf([]reflect.StructField{
		{Name: "BaseModel", Type: reflect.TypeFor[bun.BaseModel](), Anonymous: true, Tag: `bun:"table:albums"`},
		{Name: "AlbumId", Type: reflect.TypeFor[int64](), Tag: `bun:"AlbumId,pk"`},
		{Name: "Title", Type: reflect.TypeFor[string](), Tag: `bun:"Title"`},
		{Name: "ArtistId", Type: reflect.TypeFor[*int64](), Tag: `bun:"ArtistId"`},
	})
}

func TestRuntimeStructUsesTableName(t *testing.T) {
	v := reflect.New(albumType())
	v.Elem().Field(1).SetInt(1)
	v.Elem().Field(2).SetString("For Those About To Rock We Salute You")
	want := `albums(AlbumId=1, Title="For Those About To Rock We Salute You", ArtistId=<nil>)`
	if got := String(v.Interface()); got != want {
		t.Errorf("pointer:\n got: %s\nwant: %s", got, want)
	}
	if got := String(v.Elem().Interface()); got != want {
		t.Errorf("value:\n got: %s\nwant: %s", got, want)
	}
}

type named struct {
	ID int64 `bun:",pk"`
}

func (named) ReprName() string { return "Custom" }

type namedPtr struct {
	ID int64 `bun:",pk"`
}

func (*namedPtr) ReprName() string { return "ViaPointer" }

func TestReprName(t *testing.T) {
	for v, want := range map[any]string{
		named{ID: 1}:     "Custom(ID=1)",
		&named{ID: 2}:    "Custom(ID=2)",
		namedPtr{ID: 3}:  "ViaPointer(ID=3)",
		&namedPtr{ID: 4}: "ViaPointer(ID=4)",
	} {
		if got := String(v); got != want {
			t.Errorf("String(%#v) = %s, want %s", v, got, want)
		}
	}
}

type node struct {
	Name string
	Next *node
}

func TestCycleStops(t *testing.T) {
	n := &node{Name: "a"}
	n.Next = n
	want := `node(Name="a", Next=node(Name="a", Next=node(Name="a", Next=node(Name="a", Next=node(Name="a", Next=node(…))))))`
	if got := String(n); got != want {
		t.Errorf("got %s, want %s", got, want)
	}
}

func TestNonStructs(t *testing.T) {
	for _, tc := range []struct {
		in   any
		want string
	}{
		{nil, "<nil>"},
		{(*Customer)(nil), "<nil>"},
		{42, "42"},
		{"x\ny", `"x\ny"`},
		{[]int{1, 2}, "[1, 2]"},
		{[]*Customer{nil}, "[<nil>]"},
		{sql.NullString{}, "<nil>"},
		{sql.NullString{String: "s", Valid: true}, `"s"`},
	} {
		if got := String(tc.in); got != tc.want {
			t.Errorf("String(%#v) = %s, want %s", tc.in, got, tc.want)
		}
	}
}

func TestFprint(t *testing.T) {
	var buf bytes.Buffer
	other := moshe
	other.CustomerId, other.FirstName = 2, "Ada"
	if err := Fprint(&buf, []Customer{moshe, other}, &[]int{7}, "x", []byte("b")); err != nil {
		t.Fatal(err)
	}
	want := mosheRepr + "\n" +
		`Customer(CustomerId=2, FirstName="Ada", LastName="Cohen", Company=<nil>, Address="Alenbi 99, Tel Aviv", Phone="053-5556789", Email="moshe@cohen.com")` + "\n" +
		"7\n" + `"x"` + "\n" + `[]byte("b")` + "\n"
	if buf.String() != want {
		t.Errorf("got:\n%s\nwant:\n%s", buf.String(), want)
	}
}

type noKey struct{ Name string }

// brokenModel makes bun panic (its relation target has no primary key):
// repr falls back to plain reflection and still leaves the relation out.
type brokenModel struct {
	ID      int64
	Other   *noKey `bun:"rel:has-one,join:other_id=id"`
	Skipped string `bun:"-"`
	Label   string `bun:"label,notnull"`
	Inner
	hidden int
}

func TestFallbackWhenBunRejectsTheModel(t *testing.T) {
	v := brokenModel{ID: 1, Other: &noKey{Name: "x"}, Skipped: "s", Label: "l", Inner: Inner{Level: 2}, hidden: 3}
	want := `brokenModel(ID=1, Label="l", Level=2)`
	for range 2 { // the second time comes from the cache
		if got := String(v); got != want {
			t.Errorf("got %s, want %s", got, want)
		}
	}
}

func TestFloatForms(t *testing.T) {
	for f, want := range map[float64]string{0: "0", -2.5: "-2.5", 1e20: "1e+20", 1e-7: "1e-07", math.Inf(1): "+Inf", math.NaN(): "NaN"} {
		if got := String(f); got != want {
			t.Errorf("String(%v) = %s, want %s", f, got, want)
		}
	}
}
