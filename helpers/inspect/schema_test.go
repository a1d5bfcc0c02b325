package inspect

import "testing"

func TestReferenced(t *testing.T) {
	s := &Schema{Tables: []Table{
		{Schema: "public", Name: "artist"},
		{Schema: "sales", Name: "artist"},
		{Schema: "sales", Name: "Album", ForeignKeys: []ForeignKey{
			{RefTable: "artist"},                      // same schema wins
			{RefSchema: "public", RefTable: "artist"}, // schema named
			{RefTable: "ALBUM"},                       // case-insensitive fallback
			{RefTable: "nowhere"},
		}},
	}}
	from := &s.Tables[2]
	want := []*Table{&s.Tables[1], &s.Tables[0], &s.Tables[2], nil}
	for i := range from.ForeignKeys {
		if got := s.Referenced(from, &from.ForeignKeys[i]); got != want[i] {
			t.Errorf("foreign key %d: got %v, want %v", i, got, want[i])
		}
	}
}
