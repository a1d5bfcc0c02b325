package modelgraph_test

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"testing"

	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/sqlitedialect"
	"github.com/uptrace/bun/driver/sqliteshim"

	"github.com/bunbook/bunbook/helpers/inspect"
	"github.com/bunbook/bunbook/helpers/modelgraph"
	"github.com/bunbook/bunbook/internal/shareddata"
)

func sampleGraph(t *testing.T, name string, opts ...modelgraph.Option) *modelgraph.Graph {
	t.Helper()
	sqldb, err := sql.Open(sqliteshim.ShimName, "file:"+shareddata.Path(t, name)+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	db := bun.NewDB(sqldb, sqlitedialect.New())
	t.Cleanup(func() { db.Close() })
	s, err := inspect.Inspect(context.Background(), db, inspect.WithInternal(), inspect.WithoutViews())
	if err != nil {
		t.Fatal(err)
	}
	g, err := modelgraph.BuildWith(s, opts...)
	if err != nil {
		t.Fatal(err)
	}
	return g
}

// relations lists every model's relations as Model.Name kind Target.
func relations(g *modelgraph.Graph) string {
	var b strings.Builder
	for _, m := range g.Models {
		for _, r := range m.Relations {
			fmt.Fprintf(&b, "%s.%s %s %s\n", m.GoName, r.Name, r.Kind, r.Target.GoName)
		}
	}
	return b.String()
}

func TestChinook(t *testing.T) {
	g := sampleGraph(t, "chinook.db")
	var names []string
	for _, m := range g.Models {
		names = append(names, m.Table.Name+"="+m.GoName)
	}
	if got, want := strings.Join(names, " "), "albums=Album artists=Artist customers=Customer employees=Employee "+
		"genres=Genre invoice_items=InvoiceItem invoices=Invoice media_types=MediaType playlists=Playlist tracks=Track"; got != want {
		t.Errorf("models:\n got %s\nwant %s", got, want)
	}
	if got, want := fmt.Sprint(g.Skipped), "[{playlist_track association table for playlists ↔ tracks} "+
		"{sqlite_sequence internal table (the database engine's own bookkeeping)} "+
		"{sqlite_stat1 internal table (the database engine's own bookkeeping)}]"; got != want {
		t.Errorf("skipped:\n got %s\nwant %s", got, want)
	}
	if len(g.Associations) != 1 || g.Associations[0].GoName != "PlaylistTrack" {
		t.Errorf("associations = %v", g.Associations)
	}
	want := `Album.Artist belongs-to Artist
Album.Tracks has-many Track
Artist.Albums has-many Album
Customer.SupportRep belongs-to Employee
Customer.Invoices has-many Invoice
Employee.ReportsToEmployee belongs-to Employee
Employee.Customers has-many Customer
Employee.ReportsToEmployees has-many Employee
Genre.Tracks has-many Track
InvoiceItem.Invoice belongs-to Invoice
InvoiceItem.Track belongs-to Track
Invoice.Customer belongs-to Customer
Invoice.InvoiceItems has-many InvoiceItem
MediaType.Tracks has-many Track
Playlist.Tracks m2m Track
Track.Album belongs-to Album
Track.Genre belongs-to Genre
Track.MediaType belongs-to MediaType
Track.InvoiceItems has-many InvoiceItem
Track.Playlists m2m Playlist
`
	if got := relations(g); got != want {
		t.Errorf("relations:\n%s\nwant:\n%s", got, want)
	}
	if len(g.Warnings) != 0 {
		t.Errorf("warnings: %q", g.Warnings)
	}

	invoice := g.Model("invoices")
	var tags []string
	for _, f := range invoice.Fields {
		tags = append(tags, f.GoName+" "+f.Type.Expr+" `"+f.Tag()+"`")
	}
	wantTags := "InvoiceId int64 `InvoiceId,pk,autoincrement`|CustomerId int64 `CustomerId,notnull`|" +
		"InvoiceDate time.Time `InvoiceDate,notnull,type:datetime`|BillingAddress *string `BillingAddress,type:nvarchar(70)`|" +
		"BillingCity *string `BillingCity,type:nvarchar(40)`|BillingState *string `BillingState,type:nvarchar(40)`|" +
		"BillingCountry *string `BillingCountry,type:nvarchar(40)`|BillingPostalCode *string `BillingPostalCode,type:nvarchar(10)`|" +
		"Total string `Total,notnull,type:numeric(10,2)`"
	if got := strings.Join(tags, "|"); got != wantTags {
		t.Errorf("invoice fields:\n got %s\nwant %s", got, wantTags)
	}
	if got := invoice.TableTag(); got != "table:invoices,alias:invoice" {
		t.Errorf("TableTag = %s", got)
	}
}

func TestNorthwind(t *testing.T) {
	g := sampleGraph(t, "northwind.db", modelgraph.WithNullStyle(modelgraph.NullSQL))
	var names []string
	for _, m := range g.Models {
		names = append(names, m.GoName)
	}
	if got, want := strings.Join(names, " "), "Category CustomerDemographic Customer Employee OrderDetail Order Product "+
		"Region Shipper Supplier Territory"; got != want {
		t.Errorf("models:\n got %s\nwant %s", got, want)
	}
	want := `Category.Products has-many Product
CustomerDemographic.Customers m2m Customer
Customer.Orders has-many Order
Customer.CustomerDemographics m2m CustomerDemographic
Employee.ReportsToEmployee belongs-to Employee
Employee.Orders has-many Order
Employee.ReportsToEmployees has-many Employee
Employee.Territories m2m Territory
OrderDetail.Order belongs-to Order
OrderDetail.Product belongs-to Product
Order.Customer belongs-to Customer
Order.Employee belongs-to Employee
Order.Shipper belongs-to Shipper
Order.OrderDetails has-many OrderDetail
Product.Category belongs-to Category
Product.Supplier belongs-to Supplier
Product.OrderDetails has-many OrderDetail
Region.Territories has-many Territory
Shipper.Orders has-many Order
Supplier.Products has-many Product
Territory.Region belongs-to Region
Territory.Employees m2m Employee
`
	if got := relations(g); got != want {
		t.Errorf("relations:\n%s\nwant:\n%s", got, want)
	}
	od := g.Model("Order Details")
	if got := od.TableTag(); got != "table:Order Details,alias:order_detail" {
		t.Errorf("TableTag = %s", got)
	}
	var types []string
	for _, f := range g.Model("Orders").Fields {
		types = append(types, f.GoName+":"+f.Type.Expr)
	}
	if got, want := strings.Join(types, " "), "OrderID:int64 CustomerID:sql.NullString EmployeeID:sql.NullInt64 "+
		"OrderDate:sql.NullTime RequiredDate:sql.NullTime ShippedDate:sql.NullTime ShipVia:sql.NullInt64 "+
		"Freight:sql.NullString ShipName:sql.NullString ShipAddress:sql.NullString ShipCity:sql.NullString "+
		"ShipRegion:sql.NullString ShipPostalCode:sql.NullString ShipCountry:sql.NullString"; got != want {
		t.Errorf("Orders types:\n got %s\nwant %s", got, want)
	}
}
