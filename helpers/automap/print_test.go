package automap_test

import (
	"strings"
	"testing"

	"github.com/bunbook/bunbook/helpers/automap"
	"github.com/bunbook/bunbook/helpers/display"
	"github.com/bunbook/bunbook/helpers/repr"
)

// Rows print with repr and display as tables, like hand-written models.
func TestPrintAndDisplay(t *testing.T) {
	db, reg := open(t, "chinook.db")
	employees := reg.MustLookup("employees").NewSlice()
	if err := db.NewSelect().Model(employees).Relation("ReportsToEmployee").
		OrderExpr("?TableAlias.EmployeeId").Limit(2).Scan(ctx); err != nil {
		t.Fatal(err)
	}
	rows := automap.Rows(employees)
	if got, want := repr.String(rows[1]), `employees(EmployeeId=2, LastName="Edwards", FirstName="Nancy", `+
		`Title="Sales Manager", ReportsTo=1, BirthDate=1958-12-08T00:00:00Z, HireDate=2002-05-01T00:00:00Z, `+
		`Address="825 8 Ave SW", City="Calgary", State="AB", Country="Canada", PostalCode="T2P 2T3", `+
		`Phone="+1 (403) 262-3443", Fax="+1 (403) 262-3322", Email="nancy@chinookcorp.com")`; got != want {
		t.Errorf("repr:\n got %s\nwant %s", got, want)
	}
	// The manager is a row of a lower level type, printed the same way.
	if got := repr.String(automap.MustGet(rows[1], "ReportsToEmployee")); !strings.HasPrefix(got, `employees(EmployeeId=1, LastName="Adams", FirstName="Andrew",`) {
		t.Errorf("repr of the manager: %s", got)
	}

	var b strings.Builder
	q := db.NewSelect().Model(reg.MustLookup("albums").NewSlice()).Limit(3)
	if err := display.Query(ctx, q, display.Writer(&b)); err != nil {
		t.Fatal(err)
	}
	want := `   AlbumId  Title                                  ArtistId
0        1  For Those About To Rock We Salute You         1
1        2  Balls to the Wall                             2
2        3  Restless and Wild                             2
[3 rows × 3 columns]
`
	if got := b.String(); got != want {
		t.Errorf("display.Query:\n%s\nwant:\n%s", got, want)
	}
}
