package codegen

import (
	"context"
	"strconv"
	"testing"

	"github.com/uptrace/bun"

	"github.com/bunbook/bunbook/helpers/connect"
	"github.com/bunbook/bunbook/internal/shareddata"
)

// lessonTables is the selection the Python lesson passes to sqlacodegen.
var lessonTables = []string{"albums", "artists", "customers", "employees", "genres", "invoice_items", "invoices", "tracks"}

func openShared(t *testing.T, name string) *bun.DB {
	t.Helper()
	db, err := connect.Open(context.Background(), shareddata.Copy(t, name))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func openURL(t *testing.T, url string) *bun.DB {
	t.Helper()
	db, err := connect.Open(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func itoa(i int) string { return strconv.Itoa(i) }

func generate(t *testing.T, db *bun.DB, opts ...Option) []byte {
	t.Helper()
	src, err := Generate(context.Background(), db, opts...)
	if err != nil {
		t.Fatal(err)
	}
	return src
}

func TestChinookGolden(t *testing.T) {
	db := openShared(t, "chinook.db")
	cases := []struct {
		golden string
		opts   []Option
	}{
		{"chinook_lesson.golden", []Option{Source("chinook.db"), Tables(lessonTables...)}},
		{"chinook_all.golden", []Option{Source("chinook.db")}},
		{"chinook_sqlnull_nobackrefs.golden", []Option{Source("chinook.db"), WithNullStyle(1), NoBackrefs(), NoIndexes()}},
		{"chinook_norelations_cell.golden", []Option{Source("chinook.db"), Tables("tracks"), NoRelations(), Cell()}},
	}
	for _, c := range cases {
		t.Run(c.golden, func(t *testing.T) {
			checkGolden(t, c.golden, generate(t, db, c.opts...))
		})
	}
}

func TestNorthwindGolden(t *testing.T) {
	db := openShared(t, "northwind.db")
	checkGolden(t, "northwind.golden", generate(t, db, Source("northwind.db")))
	checkGolden(t, "northwind_noviews.golden", generate(t, db, Source("northwind.db"), NoViews()))
}
