package modelgraph

import (
	"go/token"
	"testing"
)

func TestGoName(t *testing.T) {
	for in, want := range map[string]string{
		"AlbumId":       "AlbumId",
		"first name":    "FirstName",
		"first_name":    "FirstName",
		"FIRST_NAME":    "FIRSTNAME",
		"select":        "Select",
		"type":          "Type",
		"func":          "Func",
		"2nd_place":     "X2ndPlace",
		"2":             "X2",
		"名前":            "X名前",
		"café":          "Café",
		"über alles":    "ÜberAlles",
		"e-mail":        "EMail",
		"Order Details": "OrderDetails",
		"_id":           "Id",
		"a.b":           "AB",
		"%%%":           "",
		"":              "",
		"\xff\xfeid":    "Id",
		"ǆemal":         "Ǆemal",
	} {
		got := GoName(in)
		if got != want {
			t.Errorf("GoName(%q) = %q, want %q", in, got, want)
		}
		if got != "" && (!token.IsIdentifier(got) || !token.IsExported(got)) {
			t.Errorf("GoName(%q) = %q is not an exported identifier", in, got)
		}
	}
}

func TestModelName(t *testing.T) {
	for in, want := range map[string]string{
		"albums":               "Album",
		"invoice_items":        "InvoiceItem",
		"Order Details":        "OrderDetail",
		"media_types":          "MediaType",
		"playlist_track":       "PlaylistTrack",
		"people":               "Person",
		"Categories":           "Category",
		"CustomerCustomerDemo": "CustomerCustomerDemo",
		"CustomerDemographics": "CustomerDemographic",
		"status":               "Status",
		"ALBUMS":               "ALBUM",
		"2019_sales":           "X2019Sale",
		"sqlite_stat1":         "SqliteStat1",
		"S":                    "S",
		"s":                    "S",
	} {
		if got := ModelName(in); got != want {
			t.Errorf("ModelName(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestIDSuffixStripped(t *testing.T) {
	for in, want := range map[string]string{
		"AlbumId": "Album", "CustomerID": "Customer", "album_id": "Album", "manager id": "Manager",
		"SupportRepId": "SupportRep", "ReportsTo": "", "Id": "", "id": "", "paid": "", "valid": "",
		"Squid": "", "ShipVia": "", "ALBUM_ID": "ALBUM", "Track2Id": "Track2",
	} {
		if got := idSuffixStripped(in); got != want {
			t.Errorf("idSuffixStripped(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestAliasName(t *testing.T) {
	for in, want := range map[string]string{
		"Album": "album", "InvoiceItem": "invoice_item", "OrderDetail": "order_detail",
		"X2019Sale": "x2019_sale", "ALBUM": "album", "Order_2": "order_2",
	} {
		if got := bunUnderscore(in); got != want {
			t.Errorf("bunUnderscore(%q) = %q, want %q", in, got, want)
		}
	}
}

func FuzzGoName(f *testing.F) {
	for _, s := range []string{"AlbumId", "first name", "2nd", "名前", "select", "", "\xff", "a__b", "ǆ", "ß"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := GoName(s)
		if got != GoName(s) {
			t.Fatalf("GoName(%q) is not deterministic", s)
		}
		if got == "" {
			return
		}
		if !token.IsIdentifier(got) || !token.IsExported(got) {
			t.Fatalf("GoName(%q) = %q: not an exported Go identifier", s, got)
		}
		if again := GoName(got); again != got {
			t.Fatalf("GoName(%q) = %q but GoName(%q) = %q", s, got, got, again)
		}
		m := ModelName(s)
		if !token.IsIdentifier(m) || !token.IsExported(m) {
			t.Fatalf("ModelName(%q) = %q: not an exported Go identifier", s, m)
		}
	})
}

func TestPluralName(t *testing.T) {
	for in, want := range map[string]string{
		"Album": "Albums", "InvoiceItem": "InvoiceItems", "Person": "People", "Order_2": "Orders_2",
		"Category": "Categories", "Status": "Statuses",
	} {
		if got := pluralName(in); got != want {
			t.Errorf("pluralName(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestNamesThatInflectBadly: words that only look plural keep their s, and
// a short all-capital word (an acronym) takes a lower-case s.
func TestNamesThatInflectBadly(t *testing.T) {
	for in, want := range map[string]string{
		"ident_always": "IdentAlways", "canvas": "Canvas", "bonus": "Bonus", "yes_no": "YesNo", "campus_news": "CampusNews",
	} {
		if got := ModelName(in); got != want {
			t.Errorf("ModelName(%q) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]string{"C": "Cs", "XY": "XYs", "ID": "IDs", "ALBUM": "ALBUMS", "Bonus": "Bonuses"} {
		if got := pluralName(in); got != want {
			t.Errorf("pluralName(%q) = %q, want %q", in, got, want)
		}
	}
}
