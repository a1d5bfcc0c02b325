package inspect_test

import (
	"errors"
	"testing"

	"github.com/bunbook/bunbook/helpers/inspect"
)

// TestSchemaLookup: the one table-name rule every helper uses.
func TestSchemaLookup(t *testing.T) {
	s := &inspect.Schema{Dialect: "pg", Tables: []inspect.Table{
		{Schema: "public", Name: "albums"},
		{Schema: "public", Name: "Users"},
		{Schema: "public", Name: "users"},
		{Schema: "sales", Name: "Order Details"},
	}}
	for name, want := range map[string]string{
		"albums":              "public.albums",
		"Albums":              "public.albums", // one table ignoring case
		"PUBLIC.ALBUMS":       "public.albums",
		"Users":               "public.Users", // exact wins
		"users":               "public.users",
		"public.Users":        "public.Users",
		"order details":       "sales.Order Details",
		"sales.Order Details": "sales.Order Details",
	} {
		got, err := s.Lookup(name)
		if err != nil || got.QualifiedName() != want {
			t.Errorf("Lookup(%q) = %v, %v; want %s", name, got, err, want)
		}
	}

	for name, want := range map[string]string{
		"albmus": `no table or view named "albmus" (did you mean "albums"?); this database has "public.albums", "public.Users", "public.users", "sales.Order Details"`,
		"USERS":  `"USERS" matches more than one table (Users, users) when case is ignored: write the name exactly`,
	} {
		_, err := s.Lookup(name)
		var unknown *inspect.UnknownTablesError
		if !errors.As(err, &unknown) || err.Error() != want {
			t.Errorf("Lookup(%q) error:\n got: %v\nwant: %s", name, err, want)
		}
	}

	got, err := s.LookupAll("users", "albums", "Users", "users")
	if err != nil || len(got) != 3 || got[0].Name != "users" || got[1].Name != "albums" || got[2].Name != "Users" {
		t.Errorf("LookupAll = %v, %v; want users, albums, Users (each once, in the order asked)", got, err)
	}
	_, err = s.LookupAll("albums", "nope", "albumz")
	if want := `no table or view named "nope", "albumz" (did you mean "albums"?); this database has`; err == nil || !startsWith(err.Error(), want) {
		t.Errorf("LookupAll error = %v, want it to start %s", err, want)
	}
	if _, err := (&inspect.Schema{}).Lookup("albums"); err == nil || err.Error() != `no table or view named "albums": the schema has no tables or views at all (is this the right database?)` {
		t.Errorf("empty schema: %v", err)
	}
}

func startsWith(s, prefix string) bool { return len(s) >= len(prefix) && s[:len(prefix)] == prefix }
