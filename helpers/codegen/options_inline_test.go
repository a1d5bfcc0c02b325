package codegen

import (
	"context"
	"strings"
	"testing"

	"github.com/bunbook/bunbook/helpers/inspect"
	"github.com/bunbook/bunbook/helpers/modelgraph"
)

// optionSchema is the small schema the per-option tests generate from,
// in sqlacodegen's style: artists ← albums (a nullable foreign key with an
// index), a UNIQUE column with a default, and a view.
func optionSchema() *inspect.Schema {
	zero := "0"
	return &inspect.Schema{Dialect: "sqlite", Tables: []inspect.Table{
		{Name: "artists", Kind: inspect.KindTable, PrimaryKey: []string{"ArtistId"},
			Columns: []inspect.Column{
				{Name: "ArtistId", Type: "INTEGER", PrimaryKey: 1},
				{Name: "Name", Type: "TEXT", Nullable: true},
			},
		},
		{Name: "albums", Kind: inspect.KindTable, PrimaryKey: []string{"AlbumId"},
			Columns: []inspect.Column{
				{Name: "AlbumId", Type: "INTEGER", PrimaryKey: 1},
				{Name: "Code", Type: "TEXT", Default: &zero},
				{Name: "ArtistId", Type: "INTEGER", Nullable: true},
			},
			ForeignKeys: []inspect.ForeignKey{{Columns: []string{"ArtistId"}, RefTable: "artists", RefColumns: []string{"ArtistId"}}},
			Indexes: []inspect.Index{
				{Name: "IFK_AlbumArtistId", Columns: []string{"ArtistId"}, Origin: "index"},
				{Name: "sqlite_autoindex_albums_1", Unique: true, Columns: []string{"Code"}, Origin: "unique"},
			},
		},
		{Name: "artist_names", Kind: inspect.KindView, Columns: []inspect.Column{{Name: "Name", Type: "TEXT", Nullable: true}}},
	}}
}

// TestOptionsInline: one small case per option, with the declarations it
// changes written out (sqlacodegen's style), so a failure names the option
// that broke; the goldens beside them cover whole databases.
func TestOptionsInline(t *testing.T) {
	for _, c := range []struct {
		name    string
		opts    []Option
		command string   // the Regenerate line's flags
		want    []string // exact type declarations with their comments; ´ stands for a backquote
		absent  []string // types that must not be generated
	}{
		{"default", nil, "-cell DATABASE",
			[]string{`// Artist is a row of table "artists".
type Artist struct {
	bun.BaseModel ´bun:"table:artists,alias:artist"´

	ArtistId int64   ´bun:"ArtistId,pk"´
	Name     *string ´bun:"Name,type:text"´

	Albums []*Album ´bun:"rel:has-many,join:ArtistId=ArtistId"´
}`,
				`// Album is a row of table "albums".
//
// Indexes (struct tags cannot declare them; db.NewCreateIndex() can):
//   - IFK_AlbumArtistId (ArtistId)
type Album struct {
	bun.BaseModel ´bun:"table:albums,alias:album"´

	AlbumId  int64  ´bun:"AlbumId,pk"´
	Code     string ´bun:"Code,notnull,type:text,unique"´ // default 0
	ArtistId *int64 ´bun:"ArtistId"´

	Artist *Artist ´bun:"rel:belongs-to,join:ArtistId=ArtistId"´
}`,
				`// ArtistName is a row of view "artist_names".
// A view has no primary key: select it, but do not insert, update or
// delete through it.
type ArtistName struct {
	bun.BaseModel ´bun:"table:artist_names,alias:artist_name"´

	Name *string ´bun:"Name,type:text"´
}`},
			nil},
		{"WithoutViews", []Option{WithoutViews()}, "-noviews -cell DATABASE",
			[]string{`// Artist is a row of table "artists".
type Artist struct {
	bun.BaseModel ´bun:"table:artists,alias:artist"´

	ArtistId int64   ´bun:"ArtistId,pk"´
	Name     *string ´bun:"Name,type:text"´

	Albums []*Album ´bun:"rel:has-many,join:ArtistId=ArtistId"´
}`,
				`// Album is a row of table "albums".
//
// Indexes (struct tags cannot declare them; db.NewCreateIndex() can):
//   - IFK_AlbumArtistId (ArtistId)
type Album struct {
	bun.BaseModel ´bun:"table:albums,alias:album"´

	AlbumId  int64  ´bun:"AlbumId,pk"´
	Code     string ´bun:"Code,notnull,type:text,unique"´ // default 0
	ArtistId *int64 ´bun:"ArtistId"´

	Artist *Artist ´bun:"rel:belongs-to,join:ArtistId=ArtistId"´
}`},
			[]string{"ArtistName"}},
		{"WithoutBackReferences", []Option{WithoutBackReferences()}, "-nobackreferences -cell DATABASE",
			[]string{`// Artist is a row of table "artists".
type Artist struct {
	bun.BaseModel ´bun:"table:artists,alias:artist"´

	ArtistId int64   ´bun:"ArtistId,pk"´
	Name     *string ´bun:"Name,type:text"´
}`,
				`// Album is a row of table "albums".
//
// Indexes (struct tags cannot declare them; db.NewCreateIndex() can):
//   - IFK_AlbumArtistId (ArtistId)
type Album struct {
	bun.BaseModel ´bun:"table:albums,alias:album"´

	AlbumId  int64  ´bun:"AlbumId,pk"´
	Code     string ´bun:"Code,notnull,type:text,unique"´ // default 0
	ArtistId *int64 ´bun:"ArtistId"´

	Artist *Artist ´bun:"rel:belongs-to,join:ArtistId=ArtistId"´
}`,
				`// ArtistName is a row of view "artist_names".
// A view has no primary key: select it, but do not insert, update or
// delete through it.
type ArtistName struct {
	bun.BaseModel ´bun:"table:artist_names,alias:artist_name"´

	Name *string ´bun:"Name,type:text"´
}`},
			nil},
		{"WithoutRelations", []Option{WithoutRelations()}, "-norelations -cell DATABASE",
			[]string{`// Artist is a row of table "artists".
type Artist struct {
	bun.BaseModel ´bun:"table:artists,alias:artist"´

	ArtistId int64   ´bun:"ArtistId,pk"´
	Name     *string ´bun:"Name,type:text"´
}`,
				`// Album is a row of table "albums".
//
// Indexes (struct tags cannot declare them; db.NewCreateIndex() can):
//   - IFK_AlbumArtistId (ArtistId)
type Album struct {
	bun.BaseModel ´bun:"table:albums,alias:album"´

	AlbumId  int64  ´bun:"AlbumId,pk"´
	Code     string ´bun:"Code,notnull,type:text,unique"´ // default 0
	ArtistId *int64 ´bun:"ArtistId"´
}`,
				`// ArtistName is a row of view "artist_names".
// A view has no primary key: select it, but do not insert, update or
// delete through it.
type ArtistName struct {
	bun.BaseModel ´bun:"table:artist_names,alias:artist_name"´

	Name *string ´bun:"Name,type:text"´
}`},
			nil},
		{"WithoutIndexes", []Option{WithoutIndexes()}, "-noindexes -cell DATABASE",
			[]string{`// Artist is a row of table "artists".
type Artist struct {
	bun.BaseModel ´bun:"table:artists,alias:artist"´

	ArtistId int64   ´bun:"ArtistId,pk"´
	Name     *string ´bun:"Name,type:text"´

	Albums []*Album ´bun:"rel:has-many,join:ArtistId=ArtistId"´
}`,
				`// Album is a row of table "albums".
type Album struct {
	bun.BaseModel ´bun:"table:albums,alias:album"´

	AlbumId  int64  ´bun:"AlbumId,pk"´
	Code     string ´bun:"Code,notnull,type:text,unique"´ // default 0
	ArtistId *int64 ´bun:"ArtistId"´

	Artist *Artist ´bun:"rel:belongs-to,join:ArtistId=ArtistId"´
}`,
				`// ArtistName is a row of view "artist_names".
// A view has no primary key: select it, but do not insert, update or
// delete through it.
type ArtistName struct {
	bun.BaseModel ´bun:"table:artist_names,alias:artist_name"´

	Name *string ´bun:"Name,type:text"´
}`},
			nil},
		{"WithoutConstraints", []Option{WithoutConstraints()}, "-noconstraints -cell DATABASE",
			[]string{`// Artist is a row of table "artists".
type Artist struct {
	bun.BaseModel ´bun:"table:artists,alias:artist"´

	ArtistId int64   ´bun:"ArtistId,pk"´
	Name     *string ´bun:"Name,type:text"´

	Albums []*Album ´bun:"rel:has-many,join:ArtistId=ArtistId"´
}`,
				`// Album is a row of table "albums".
//
// Indexes (struct tags cannot declare them; db.NewCreateIndex() can):
//   - IFK_AlbumArtistId (ArtistId)
//   - unique sqlite_autoindex_albums_1 (Code)
type Album struct {
	bun.BaseModel ´bun:"table:albums,alias:album"´

	AlbumId  int64  ´bun:"AlbumId,pk"´
	Code     string ´bun:"Code,notnull,type:text"´
	ArtistId *int64 ´bun:"ArtistId"´

	Artist *Artist ´bun:"rel:belongs-to,join:ArtistId=ArtistId"´
}`,
				`// ArtistName is a row of view "artist_names".
// A view has no primary key: select it, but do not insert, update or
// delete through it.
type ArtistName struct {
	bun.BaseModel ´bun:"table:artist_names,alias:artist_name"´

	Name *string ´bun:"Name,type:text"´
}`},
			nil},
		{"WithNullStyle(NullSQL)", []Option{WithNullStyle(modelgraph.NullSQL)}, "-cell -nullstyle sqlnull DATABASE",
			[]string{`// Artist is a row of table "artists".
type Artist struct {
	bun.BaseModel ´bun:"table:artists,alias:artist"´

	ArtistId int64          ´bun:"ArtistId,pk"´
	Name     sql.NullString ´bun:"Name,type:text"´

	Albums []*Album ´bun:"rel:has-many,join:ArtistId=ArtistId"´
}`,
				`// Album is a row of table "albums".
//
// Indexes (struct tags cannot declare them; db.NewCreateIndex() can):
//   - IFK_AlbumArtistId (ArtistId)
type Album struct {
	bun.BaseModel ´bun:"table:albums,alias:album"´

	AlbumId  int64         ´bun:"AlbumId,pk"´
	Code     string        ´bun:"Code,notnull,type:text,unique"´ // default 0
	ArtistId sql.NullInt64 ´bun:"ArtistId"´

	Artist *Artist ´bun:"rel:belongs-to,join:ArtistId=ArtistId"´
}`},
			nil},
		{"Tables(albums)", []Option{Tables("albums")}, "-tables albums -cell DATABASE",
			[]string{`// Artist is a row of table "artists".
type Artist struct {
	bun.BaseModel ´bun:"table:artists,alias:artist"´

	ArtistId int64   ´bun:"ArtistId,pk"´
	Name     *string ´bun:"Name,type:text"´

	Albums []*Album ´bun:"rel:has-many,join:ArtistId=ArtistId"´
}`,
				`// Album is a row of table "albums".
//
// Indexes (struct tags cannot declare them; db.NewCreateIndex() can):
//   - IFK_AlbumArtistId (ArtistId)
type Album struct {
	bun.BaseModel ´bun:"table:albums,alias:album"´

	AlbumId  int64  ´bun:"AlbumId,pk"´
	Code     string ´bun:"Code,notnull,type:text,unique"´ // default 0
	ArtistId *int64 ´bun:"ArtistId"´

	Artist *Artist ´bun:"rel:belongs-to,join:ArtistId=ArtistId"´
}`},
			[]string{"ArtistName"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			src, err := FromSchema(context.Background(), optionSchema(), append([]Option{Cell()}, c.opts...)...)
			if err != nil {
				t.Fatal(err)
			}
			text := string(src)
			if !strings.Contains(text, "//\tbunacodegen "+c.command+"\n") {
				t.Errorf("Regenerate line is not %q:\n%s", c.command, text)
			}
			for _, want := range c.want {
				want = strings.ReplaceAll(want, "´", "`")
				if got := typeDecl(text, want); got != want {
					t.Errorf("got:\n%s\nwant:\n%s", got, want)
				}
			}
			for _, name := range c.absent {
				if strings.Contains(text, "type "+name+" struct") {
					t.Errorf("type %s generated, want it left out:\n%s", name, text)
				}
			}
		})
	}
}

// typeDecl returns the declaration in src of the type want declares, from
// its doc comment to its closing brace ("" when src has none).
func typeDecl(src, want string) string {
	first := want[:strings.IndexByte(want, '\n')] // "// Album is a row of …"
	i := strings.Index(src, first+"\n")
	if i < 0 {
		return ""
	}
	end := strings.Index(src[i:], "\n}\n")
	if end < 0 {
		return src[i:]
	}
	return src[i : i+end+2]
}
