package modelgraph

import (
	"fmt"
	"go/token"
	"strings"
	"testing"

	"github.com/bunbook/bunbook/helpers/inspect"
)

// table builds an inspect.Table: columns "name type", a leading '*' marks
// a primary-key column and a trailing '?' a nullable one.
func table(name string, cols ...string) inspect.Table {
	t := inspect.Table{Name: name, Kind: inspect.KindTable}
	for _, c := range cols {
		col := inspect.Column{}
		if strings.HasPrefix(c, "*") {
			c = c[1:]
			t.PrimaryKey = append(t.PrimaryKey, "")
			col.PrimaryKey = len(t.PrimaryKey)
		}
		if strings.HasSuffix(c, "?") {
			c = c[:len(c)-1]
			col.Nullable = true
		}
		i := strings.LastIndexByte(c, ' ')
		col.Name, col.Type = c[:i], c[i+1:]
		if col.PrimaryKey > 0 {
			t.PrimaryKey[col.PrimaryKey-1] = col.Name
		}
		t.Columns = append(t.Columns, col)
	}
	return t
}

func fk(t inspect.Table, col, ref, refCol string) inspect.Table {
	t.ForeignKeys = append(t.ForeignKeys, inspect.ForeignKey{
		Columns: strings.Split(col, ","), RefTable: ref, RefColumns: strings.Split(refCol, ","),
		OnUpdate: "NO ACTION", OnDelete: "NO ACTION",
	})
	return t
}

// describe prints a graph compactly for exact comparison.
func describe(g *Graph) string {
	var b strings.Builder
	for _, list := range [][]*Model{g.Models, g.Associations} {
		for _, m := range list {
			var fields []string
			for _, f := range m.Fields {
				fields = append(fields, f.GoName)
			}
			fmt.Fprintf(&b, "%s %s(%s)\n", m.Table.Name, m.GoName, strings.Join(fields, " "))
			for _, r := range m.Relations {
				fmt.Fprintf(&b, "  %s %s %s `%s`\n", m.GoName+"."+r.Name, r.Kind, r.Target.GoName, r.Tag())
			}
		}
	}
	for _, s := range g.Skipped {
		fmt.Fprintf(&b, "skip %s: %s\n", s.Table, s.Reason)
	}
	for _, w := range g.Warnings {
		fmt.Fprintf(&b, "warn %s\n", w)
	}
	return b.String()
}

func build(t *testing.T, s *inspect.Schema, opts ...Option) string {
	t.Helper()
	g, err := BuildWith(s, opts...)
	if err != nil {
		t.Fatal(err)
	}
	again, err := BuildWith(s, opts...)
	if err != nil {
		t.Fatal(err)
	}
	got := describe(g)
	if describe(again) != got {
		t.Fatalf("Build is not deterministic:\n%s\nthen\n%s", got, describe(again))
	}
	return got
}

func expect(t *testing.T, got, want string) {
	t.Helper()
	want = strings.TrimLeft(want, "\n")
	if got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}

// musicSchema is a small Chinook: belongs-to, has-many, an association
// table, a self-reference and a table without a primary key.
func musicSchema() *inspect.Schema {
	return &inspect.Schema{Dialect: "sqlite", Tables: []inspect.Table{
		fk(table("albums", "*AlbumId INTEGER", "Title NVARCHAR(160)", "ArtistId INTEGER"), "ArtistId", "artists", "ArtistId"),
		table("artists", "*ArtistId INTEGER", "Name NVARCHAR(120)?"),
		fk(table("employees", "*EmployeeId INTEGER", "LastName NVARCHAR(20)", "ReportsTo INTEGER?"),
			"ReportsTo", "employees", "EmployeeId"),
		table("log", "at DATETIME", "message TEXT"),
		fk(fk(table("playlist_track", "*PlaylistId INTEGER", "*TrackId INTEGER"),
			"PlaylistId", "playlists", "PlaylistId"), "TrackId", "tracks", "TrackId"),
		table("playlists", "*PlaylistId INTEGER", "Name NVARCHAR(120)?"),
		{Name: "sqlite_sequence", Kind: inspect.KindTable, Internal: true, Columns: []inspect.Column{{Name: "name"}, {Name: "seq"}}},
		fk(table("tracks", "*TrackId INTEGER", "Name NVARCHAR(200)", "AlbumId INTEGER?"), "AlbumId", "albums", "AlbumId"),
		{Name: "top_albums", Kind: inspect.KindView, Columns: []inspect.Column{{Name: "Title", Type: "NVARCHAR(160)"}}},
	}}
}

func TestBuildMusic(t *testing.T) {
	s := musicSchema()
	expect(t, build(t, s, WithoutViews()), `
albums Album(AlbumId Title ArtistId)
  Album.Artist belongs-to Artist `+"`rel:belongs-to,join:ArtistId=ArtistId`"+`
  Album.Tracks has-many Track `+"`rel:has-many,join:AlbumId=AlbumId`"+`
artists Artist(ArtistId Name)
  Artist.Albums has-many Album `+"`rel:has-many,join:ArtistId=ArtistId`"+`
employees Employee(EmployeeId LastName ReportsTo)
  Employee.ReportsToEmployee belongs-to Employee `+"`rel:belongs-to,join:ReportsTo=EmployeeId`"+`
  Employee.ReportsToEmployees has-many Employee `+"`rel:has-many,join:EmployeeId=ReportsTo`"+`
playlists Playlist(PlaylistId Name)
  Playlist.Tracks m2m Track `+"`m2m:playlist_track,join:Playlist=Track`"+`
tracks Track(TrackId Name AlbumId)
  Track.Album belongs-to Album `+"`rel:belongs-to,join:AlbumId=AlbumId`"+`
  Track.Playlists m2m Playlist `+"`m2m:playlist_track,join:Track=Playlist`"+`
playlist_track PlaylistTrack(PlaylistId TrackId)
  PlaylistTrack.Playlist belongs-to Playlist `+"`rel:belongs-to,join:PlaylistId=PlaylistId`"+`
  PlaylistTrack.Track belongs-to Track `+"`rel:belongs-to,join:TrackId=TrackId`"+`
skip log: no primary key: a Bun model needs one to update, delete and relate rows; add a PRIMARY KEY to map it
skip playlist_track: association table for playlists ↔ tracks
skip sqlite_sequence: internal table (the database engine's own bookkeeping)
skip top_albums: view, left out by the WithoutViews option
`)
}

func TestBuildOptions(t *testing.T) {
	s := musicSchema()
	expect(t, build(t, s, WithoutBackReferences(), Tables("albums", "artists", "playlists", "tracks", "playlist_track")), `
albums Album(AlbumId Title ArtistId)
  Album.Artist belongs-to Artist `+"`rel:belongs-to,join:ArtistId=ArtistId`"+`
artists Artist(ArtistId Name)
playlists Playlist(PlaylistId Name)
  Playlist.Tracks m2m Track `+"`m2m:playlist_track,join:Playlist=Track`"+`
tracks Track(TrackId Name AlbumId)
  Track.Album belongs-to Album `+"`rel:belongs-to,join:AlbumId=AlbumId`"+`
playlist_track PlaylistTrack(PlaylistId TrackId)
  PlaylistTrack.Playlist belongs-to Playlist `+"`rel:belongs-to,join:PlaylistId=PlaylistId`"+`
  PlaylistTrack.Track belongs-to Track `+"`rel:belongs-to,join:TrackId=TrackId`"+`
skip employees: not among the tables asked for (Tables option)
skip log: not among the tables asked for (Tables option)
skip playlist_track: association table for playlists ↔ tracks
skip sqlite_sequence: internal table (the database engine's own bookkeeping)
skip top_albums: not among the tables asked for (Tables option)
`)

	got := build(t, s, WithoutRelations(), Tables("artists", "top_albums"))
	expect(t, got, `
artists Artist(ArtistId Name)
top_albums TopAlbum(Title)
skip albums: not among the tables asked for (Tables option)
skip employees: not among the tables asked for (Tables option)
skip log: not among the tables asked for (Tables option)
skip playlist_track: not among the tables asked for (Tables option)
skip playlists: not among the tables asked for (Tables option)
skip sqlite_sequence: internal table (the database engine's own bookkeeping)
skip tracks: not among the tables asked for (Tables option)
`)
	g, _ := BuildWith(s)
	if m := g.Model("top_albums"); m == nil || !m.ReadOnly {
		t.Errorf("default: top_albums = %+v, want a read-only model", m)
	}

	_, err := BuildWith(s, Tables("albums", "albumz", "trakcs"))
	if err == nil || !strings.Contains(err.Error(), `modelgraph: Tables: no table or view named "albumz" (did you mean "albums"?), "trakcs" (did you mean "tracks"?); this database has "albums", "artists"`) {
		t.Errorf("unknown table: err = %v", err)
	}
	if _, err := BuildWith(nil); err == nil {
		t.Error("BuildWith(nil) succeeded")
	}
}

func TestBuildNamesCollide(t *testing.T) {
	s := &inspect.Schema{Dialect: "sqlite", Tables: []inspect.Table{
		// Tables whose model names collide, columns whose field names
		// collide, a reserved name, keywords, digits first, non-ASCII.
		table("Order", "*id INTEGER"),
		table("orders", "*id INTEGER", "first name TEXT", "first_name TEXT", "FirstName TEXT",
			"base_model TEXT", "select TEXT", "2nd place TEXT", "名前 TEXT", "%%% TEXT", "Column9 TEXT"),
		// A relation named like a column, and two relations named alike.
		fk(fk(fk(table("tracks", "*TrackId INTEGER", "Artist TEXT", "ArtistId INTEGER", "ArtistRel TEXT", "Track INTEGER"),
			"ArtistId", "artists", "ArtistId"), "Artist", "artists", "Name"), "Track", "tracks", "TrackId"),
		table("artists", "*ArtistId INTEGER", "Name TEXT"),
	}}
	expect(t, build(t, s), `
Order Order(Id)
orders Order_2(Id FirstName FirstName_2 FirstName_3 BaseModel_2 Select X2ndPlace X名前 Column9 Column9_2)
tracks Track(TrackId Artist ArtistId ArtistRel Track)
  Track.ArtistArtist belongs-to Artist `+"`rel:belongs-to,join:Artist=Name`"+`
  Track.ArtistRel_2 belongs-to Artist `+"`rel:belongs-to,join:ArtistId=ArtistId`"+`
  Track.TrackTrack belongs-to Track `+"`rel:belongs-to,join:Track=TrackId`"+`
  Track.TrackTracks has-many Track `+"`rel:has-many,join:TrackId=Track`"+`
artists Artist(ArtistId Name)
  Artist.ArtistTracks has-many Track `+"`rel:has-many,join:ArtistId=ArtistId`"+`
  Artist.ArtistTracksRel has-many Track `+"`rel:has-many,join:Name=Artist`"+`
`)
}

func TestBuildRelationShapes(t *testing.T) {
	noRef := fk(table("notes", "*id INTEGER", "user_id INTEGER"), "user_id", "users", "")
	noRef.ForeignKeys[0].RefColumns = nil // REFERENCES users: its primary key
	s := &inspect.Schema{Dialect: "sqlite", Tables: []inspect.Table{
		// Two foreign keys to one table; composite foreign key.
		fk(fk(table("invoices", "*id INTEGER", "billing_address_id INTEGER", "shipping_address_id INTEGER?"),
			"billing_address_id", "addresses", "id"), "shipping_address_id", "addresses", "id"),
		table("addresses", "*id INTEGER", "street TEXT"),
		// Self-referencing association, and a second association between
		// the same two tables as another.
		fk(fk(table("friends", "*user_id INTEGER", "*friend_id INTEGER"), "user_id", "users", "id"), "friend_id", "users", "id"),
		fk(fk(table("group_members", "*group_id INTEGER", "*user_id INTEGER"), "group_id", "groups", "id"), "user_id", "users", "id"),
		fk(fk(table("group_owners", "*group_id INTEGER", "*user_id INTEGER"), "group_id", "groups", "id"), "user_id", "users", "id"),
		table("groups", "*id INTEGER"),
		noRef,
		// One-to-one: the foreign key is the primary key; a unique index.
		fk(table("profiles", "*user_id INTEGER", "bio TEXT"), "user_id", "users", "id"),
		fk(table("passports", "*id INTEGER", "holder INTEGER"), "holder", "users", "id"),
		table("users", "*id INTEGER", "manager_id INTEGER?"),
		// Foreign keys that cannot be relations.
		fk(fk(table("visits", "*id INTEGER", "log_id INTEGER", "ghost_id INTEGER"), "log_id", "log", "id"), "ghost_id", "ghosts", "id"),
		table("log", "id INTEGER"),
		// Composite key.
		fk(table("lines", "*order_id INTEGER", "*line INTEGER"), "order_id", "orders", "id"),
		fk(table("shipments", "*id INTEGER", "order_id INTEGER", "line INTEGER"), "order_id,line", "lines", "order_id,line"),
		table("orders", "*id INTEGER"),
	}}
	s.Tables[8].Indexes = []inspect.Index{{Name: "passports_holder", Unique: true, Columns: []string{"holder"}, Origin: "unique"}}
	s.Tables[9] = fk(s.Tables[9], "manager_id", "users", "id")
	expect(t, build(t, s), `
invoices Invoice(Id BillingAddressId ShippingAddressId)
  Invoice.BillingAddress belongs-to Address `+"`rel:belongs-to,join:billing_address_id=id`"+`
  Invoice.ShippingAddress belongs-to Address `+"`rel:belongs-to,join:shipping_address_id=id`"+`
addresses Address(Id Street)
  Address.BillingAddressInvoices has-many Invoice `+"`rel:has-many,join:id=billing_address_id`"+`
  Address.ShippingAddressInvoices has-many Invoice `+"`rel:has-many,join:id=shipping_address_id`"+`
groups Group(Id)
  Group.UsersViaGroupMember m2m User `+"`m2m:group_members,join:Group=User`"+`
  Group.UsersViaGroupOwner m2m User `+"`m2m:group_owners,join:Group=User`"+`
notes Note(Id UserId)
  Note.User belongs-to User `+"`rel:belongs-to,join:user_id=id`"+`
profiles Profile(UserId Bio)
  Profile.User belongs-to User `+"`rel:belongs-to,join:user_id=id`"+`
passports Passport(Id Holder)
  Passport.User belongs-to User `+"`rel:belongs-to,join:holder=id`"+`
users User(Id ManagerId)
  User.Manager belongs-to User `+"`rel:belongs-to,join:manager_id=id`"+`
  User.Passport has-one Passport `+"`rel:has-one,join:id=holder`"+`
  User.Profile has-one Profile `+"`rel:has-one,join:id=user_id`"+`
  User.ManagerUsers has-many User `+"`rel:has-many,join:id=manager_id`"+`
  User.Notes has-many Note `+"`rel:has-many,join:id=user_id`"+`
  User.Friends m2m User `+"`m2m:friends,join:User=FriendRel`"+`
  User.GroupsViaGroupMember m2m Group `+"`m2m:group_members,join:User=Group`"+`
  User.GroupsViaGroupOwner m2m Group `+"`m2m:group_owners,join:User=Group`"+`
  User.Users m2m User `+"`m2m:friends,join:FriendRel=User`"+`
visits Visit(Id LogId GhostId)
lines Line(OrderId Line)
  Line.Order belongs-to Order `+"`rel:belongs-to,join:order_id=id`"+`
  Line.Shipments has-many Shipment `+"`rel:has-many,join:order_id=order_id,join:line=line`"+`
shipments Shipment(Id OrderId Line)
  Shipment.LineRel belongs-to Line `+"`rel:belongs-to,join:order_id=order_id,join:line=line`"+`
orders Order(Id)
  Order.Lines has-many Line `+"`rel:has-many,join:id=order_id`"+`
friends Friend(UserId FriendId)
  Friend.FriendRel belongs-to User `+"`rel:belongs-to,join:friend_id=id`"+`
  Friend.User belongs-to User `+"`rel:belongs-to,join:user_id=id`"+`
group_members GroupMember(GroupId UserId)
  GroupMember.Group belongs-to Group `+"`rel:belongs-to,join:group_id=id`"+`
  GroupMember.User belongs-to User `+"`rel:belongs-to,join:user_id=id`"+`
group_owners GroupOwner(GroupId UserId)
  GroupOwner.Group belongs-to Group `+"`rel:belongs-to,join:group_id=id`"+`
  GroupOwner.User belongs-to User `+"`rel:belongs-to,join:user_id=id`"+`
skip friends: association table for users ↔ users
skip group_members: association table for groups ↔ users
skip group_owners: association table for groups ↔ users
skip log: no primary key: a Bun model needs one to update, delete and relate rows; add a PRIMARY KEY to map it
warn visits(log_id) → log: no relation: log is not mapped (no primary key: a Bun model needs one to update, delete and relate rows; add a PRIMARY KEY to map it)
warn visits(ghost_id) → ghosts: no relation: the schema has no table ghosts
`)
}

func TestTagsQuote(t *testing.T) {
	s := &inspect.Schema{Dialect: "sqlite", Tables: []inspect.Table{
		fk(table("Order Details", "*Order,ID INTEGER", `*"Qty NUMERIC(10,2)`), "Order,ID", "Orders", "ID"),
		table("Orders", "*ID INTEGER"),
	}}
	s.Tables[0].ForeignKeys[0].Columns = []string{"Order,ID"}
	g, err := BuildWith(s, WithNullStyle(NullSQL))
	if err != nil {
		t.Fatal(err)
	}
	m := g.Model("Order Details")
	if got, want := m.TableTag(), `table:Order Details,alias:order_detail`; got != want {
		t.Errorf("TableTag = %s, want %s", got, want)
	}
	if got, want := m.Fields[0].Tag(), `"Order,ID",pk`; got != want {
		t.Errorf("Tag = %s, want %s", got, want)
	}
	if got, want := m.Fields[1].Tag(), `"\"Qty",pk,type:numeric(10,2)`; got != want {
		t.Errorf("Tag = %s, want %s", got, want)
	}
	if len(g.Warnings) != 1 || !strings.Contains(g.Warnings[0], "which a Bun join tag cannot express") {
		t.Errorf("Warnings = %q", g.Warnings)
	}
	for in, want := range map[string]string{
		"numeric(10,2)": "numeric(10,2)", "enum('a','b')": "enum('a','b')", "a,b": `"a,b"`,
		"x(": `"x("`, "a:b": `"a:b"`, " padded": `" padded"`, "": `""`, `a\b`: `"a\b"`,
	} {
		if got := typeTagValue(in); got != want {
			t.Errorf("typeTagValue(%q) = %s, want %s", in, got, want)
		}
	}
}

// Whatever the column and table names, every model and field gets a
// distinct, exported Go identifier, the same on every run.
func FuzzNames(f *testing.F) {
	f.Add("first name", "first_name", "FirstName", "orders", "Order")
	f.Add("2nd", "X2nd", "base_model", "select", "名前")
	f.Add("%", "", "Column1", "a.b", "Column3")
	f.Fuzz(func(t *testing.T, c1, c2, c3, t1, t2 string) {
		s := &inspect.Schema{Dialect: "sqlite", Tables: []inspect.Table{
			{Name: t1, Kind: inspect.KindTable, PrimaryKey: []string{c1},
				Columns: []inspect.Column{{Name: c1, Type: "INTEGER", PrimaryKey: 1}, {Name: c2}, {Name: c3, Nullable: true}}},
			{Name: t2, Kind: inspect.KindTable, PrimaryKey: []string{"id"}, Columns: []inspect.Column{{Name: "id", PrimaryKey: 1}}},
		}}
		g, err := BuildWith(s)
		if err != nil {
			t.Fatal(err)
		}
		again, _ := BuildWith(s)
		if describe(g) != describe(again) {
			t.Fatal("not deterministic")
		}
		models := map[string]bool{}
		for _, m := range g.Models {
			if !token.IsIdentifier(m.GoName) || !token.IsExported(m.GoName) || models[m.GoName] {
				t.Fatalf("model name %q (table %q) invalid or duplicate", m.GoName, m.Table.Name)
			}
			models[m.GoName] = true
			fields := map[string]bool{"BaseModel": true}
			for _, f := range m.Fields {
				if !token.IsIdentifier(f.GoName) || !token.IsExported(f.GoName) || fields[f.GoName] {
					t.Fatalf("field name %q (column %q) invalid or duplicate", f.GoName, f.Column.Name)
				}
				fields[f.GoName] = true
			}
		}
	})
}

// TestTablesMatchesLikeLookup: Tables("Albums") finds albums, as codegen's
// and automap's do (one rule: inspect.Schema.Lookup).
func TestTablesMatchesLikeLookup(t *testing.T) {
	g, err := BuildWith(musicSchema(), Tables("Albums"), WithoutRelations())
	if err != nil || g.Model("albums") == nil || len(g.Models) != 1 {
		t.Fatalf("Tables(Albums) = %v, %v; want the albums model alone", g, err)
	}
}

// TestJoinColumnWithOuterSpace: Bun trims each join:local=remote pair, so
// a foreign key whose column starts or ends with a space becomes no
// relation, with a warning, for automap and codegen alike.
func TestJoinColumnWithOuterSpace(t *testing.T) {
	id := inspect.Column{Name: "id", Type: "INTEGER", PrimaryKey: 1}
	s := &inspect.Schema{Dialect: "sqlite", Tables: []inspect.Table{
		{Name: "a", Kind: inspect.KindTable, PrimaryKey: []string{"id"},
			Columns:     []inspect.Column{id, {Name: " b_id", Type: "INTEGER"}},
			ForeignKeys: []inspect.ForeignKey{{Columns: []string{" b_id"}, RefTable: "b", RefColumns: []string{"id"}}}},
		{Name: "b", Kind: inspect.KindTable, PrimaryKey: []string{"id"}, Columns: []inspect.Column{id}},
	}}
	g, err := Build(s, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(g.Warnings) != 1 || !strings.Contains(g.Warnings[0], "starts or ends with a space") {
		t.Errorf("Warnings = %q", g.Warnings)
	}
	for _, m := range g.Models {
		if len(m.Relations) != 0 {
			t.Errorf("%s.Relations = %v, want none", m.GoName, m.Relations)
		}
	}
}
