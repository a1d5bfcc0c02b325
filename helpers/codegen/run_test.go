package codegen

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/bunbook/bunbook/helpers/connect"
	"github.com/bunbook/bunbook/helpers/modelgraph"
	"github.com/bunbook/bunbook/internal/modroot"
	"github.com/bunbook/bunbook/internal/shareddata"
)

// A generated package compiled and run by TestGeneratedCodeRuns: the golden
// file (exactly as committed), its package name, the models to scan and
// the join models to register.
type generatedPackage struct {
	golden string
	pkg    string
	graph  *modelgraph.Graph
	dbArg  int // index of the database path in the program's arguments
}

// moduleRoot is the directory holding go.mod.
func moduleRoot(t *testing.T) string {
	t.Helper()
	root, err := modroot.Find("")
	if err != nil {
		t.Fatal(err)
	}
	return root
}

func goTool(t *testing.T) string {
	t.Helper()
	if p, err := exec.LookPath("go"); err == nil {
		return p
	}
	p := filepath.Join(runtime.GOROOT(), "bin", "go")
	if _, err := os.Stat(p); err != nil {
		t.Fatalf("no go command on PATH or in GOROOT: %v", err)
	}
	return p
}

// runGenerated writes each golden file as a package of a throwaway program
// inside this module (under testdata, which `go build ./...` skips), adds
// main.go, and runs it with args. The module's go.mod and go.sum apply, so
// it builds offline from the module cache.
func runGenerated(t *testing.T, pkgs []generatedPackage, mainSrc string, args ...string) string {
	t.Helper()
	dir, err := os.MkdirTemp("testdata", "tmp-run-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	for _, p := range pkgs {
		src, err := os.ReadFile(filepath.Join("testdata", p.golden))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(src), "\npackage ") {
			src = append([]byte("package "+p.pkg+"\n\n"), src...) // a -cell file
		}
		src = []byte(strings.Replace(string(src), "\npackage models\n", "\npackage "+p.pkg+"\n", 1))
		if err := os.MkdirAll(filepath.Join(dir, p.pkg), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, p.pkg, "models.go"), src, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	mainSrc = strings.ReplaceAll(mainSrc, "/TMPDIR/", "/"+filepath.Base(dir)+"/")
	if err := os.WriteFile(filepath.Join(dir, "main.go"), []byte(mainSrc), 0o644); err != nil {
		t.Fatal(err)
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		t.Fatal(err)
	}
	root := moduleRoot(t)
	rel, err := filepath.Rel(root, abs)
	if err != nil {
		t.Fatal(err)
	}
	// go vet first: its structtag check reads every generated tag.
	vet := exec.Command(goTool(t), "vet", "./"+filepath.ToSlash(rel)+"/...")
	vet.Dir = root
	if out, err := vet.CombinedOutput(); err != nil {
		t.Fatalf("go vet of the generated code failed: %v\n%s", err, out)
	}
	cmd := exec.Command(goTool(t), append([]string{"run", "./" + filepath.ToSlash(rel)}, args...)...)
	cmd.Dir = root
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("go run of the generated code failed: %v\n%s", err, out)
	}
	return string(out)
}

// mainProgram writes a main package that opens each package's database,
// registers its join models, selects the first row of every model (proving
// each tag and type matches the real data), then runs extra, the checks
// specific to these databases.
func mainProgram(pkgs []generatedPackage, extra string) string {
	var b strings.Builder
	b.WriteString("package main\n\nimport (\n\t\"context\"\n\t\"database/sql\"\n\t\"errors\"\n\t\"fmt\"\n\t\"os\"\n\n\t\"github.com/uptrace/bun\"\n\n\t\"github.com/bunbook/bunbook/helpers/connect\"\n\t_ \"github.com/bunbook/bunbook/helpers/connect/servers\"\n")
	dir := "github.com/bunbook/bunbook/helpers/codegen/testdata/TMPDIR/"
	for _, p := range pkgs {
		fmt.Fprintf(&b, "\t%q\n", dir+p.pkg)
	}
	b.WriteString(")\n\n")
	b.WriteString(`func open(ctx context.Context, path string) *bun.DB {
	db, err := connect.Open(ctx, path)
	if err != nil {
		panic(err)
	}
	return db
}

func first(ctx context.Context, db *bun.DB, name string, model any) {
	if err := db.NewSelect().Model(model).Limit(1).Scan(ctx); err != nil && !errors.Is(err, sql.ErrNoRows) {
		fmt.Printf("%s: %v\n", name, err)
	}
}

func must(err error) {
	if err != nil {
		panic(err)
	}
}

func main() {
	ctx := context.Background()
	_ = must
`)
	for _, p := range pkgs {
		fmt.Fprintf(&b, "\t%sDB := open(ctx, os.Args[%d])\n", p.pkg, p.dbArg)
		for _, m := range p.graph.Associations {
			fmt.Fprintf(&b, "\t%sDB.RegisterModel((*%s.%s)(nil))\n", p.pkg, p.pkg, m.GoName)
		}
		n := 0
		for _, m := range append(append([]*modelgraph.Model{}, p.graph.Models...), p.graph.Associations...) {
			fmt.Fprintf(&b, "\tfirst(ctx, %sDB, %q, new(%s.%s))\n", p.pkg, p.pkg+"."+m.GoName, p.pkg, m.GoName)
			n++
		}
		fmt.Fprintf(&b, "\tfmt.Println(%q, %d)\n", p.pkg+" models scanned:", n)
	}
	b.WriteString(extra)
	b.WriteString("}\n")
	return b.String()
}

func graphFor(t *testing.T, db string, opts ...Option) *modelgraph.Graph {
	t.Helper()
	bdb := openShared(t, db)
	s, err := inspectSchema(context.Background(), bdb, NewOptions(opts...))
	if err != nil {
		t.Fatal(err)
	}
	g, err := BuildGraph(s, NewOptions(opts...))
	if err != nil {
		t.Fatal(err)
	}
	return g
}

// TestGeneratedCodeRuns compiles the committed golden files and runs them
// against the real databases: the lesson's first track loads with
// Relation("Album.Artist"), every Chinook and Northwind model (Order
// Details and the views included) selects its first row, and the
// hand-built graph's hostile names round-trip through insert and select.
func TestGeneratedCodeRuns(t *testing.T) {
	chinook := shareddataCopy(t, "chinook.db")
	northwind := shareddataCopy(t, "northwind.db")
	hand := handDatabase(t)

	pkgs := []generatedPackage{
		{golden: "chinook_lesson.golden", pkg: "lesson", dbArg: 1, graph: graphFor(t, "chinook.db", Tables(lessonTables...))},
		{golden: "chinook_all.golden", pkg: "chinook", dbArg: 1, graph: graphFor(t, "chinook.db")},
		{golden: "chinook_sqlnull_nobackreferences.golden", pkg: "sqlnull", dbArg: 1, graph: graphFor(t, "chinook.db", WithNullStyle(modelgraph.NullSQL), WithoutBackReferences())},
		{golden: "chinook_norelations_cell.golden", pkg: "cell", dbArg: 1, graph: graphFor(t, "chinook.db", Tables("tracks"), WithoutRelations())},
		// Northwind's views too: their computed columns (Salesperson,
		// Subtotal, …) have no declared type and scan into any.
		{golden: "northwind.golden", pkg: "northwind", dbArg: 2, graph: graphFor(t, "northwind.db")},
		{golden: "northwind_noviews.golden", pkg: "nwtables", dbArg: 2, graph: graphFor(t, "northwind.db", WithoutViews())},
		{golden: "hand.golden", pkg: "hand", dbArg: 3, graph: handGraph()},
	}
	extra := `
	var track lesson.Track
	must(lessonDB.NewSelect().Model(&track).Relation("Album.Artist").Order("track.TrackId").Limit(1).Scan(ctx))
	fmt.Printf("%s | %s | %s\n", track.Name, track.Album.Title, *track.Album.Artist.Name)

	var playlist chinook.Playlist
	must(chinookDB.NewSelect().Model(&playlist).Relation("Tracks").Where("playlist.PlaylistId = 1").Scan(ctx))
	fmt.Println("playlist:", *playlist.Name, len(playlist.Tracks), "tracks")

	var boss lesson.Employee
	must(lessonDB.NewSelect().Model(&boss).Relation("ReportsToEmployees").Where("employee.EmployeeId = 1").Scan(ctx))
	fmt.Println("reports to", boss.FirstName+":", len(boss.ReportsToEmployees))

	var sn sqlnull.Employee
	must(sqlnullDB.NewSelect().Model(&sn).Relation("ReportsToEmployee").Where("employee.EmployeeId = 2").Scan(ctx))
	fmt.Println("sql.Null:", sn.FirstName, "reports to", sn.ReportsToEmployee.FirstName, "valid:", sn.ReportsTo.Valid)

	var line northwind.OrderDetail
	must(northwindDB.NewSelect().Model(&line).Relation("Order").Relation("Product").Order("order_detail.OrderID", "order_detail.ProductID").Limit(1).Scan(ctx))
	fmt.Println("order details:", line.OrderID, line.Product.ProductName, line.Quantity, line.UnitPrice)

	var album hand.Album
	must(handDB.NewSelect().Model(&album).Relation("Artist").Where("album.AlbumId = 1").Scan(ctx))
	fmt.Println("hand album:", album.Title, "by", *album.Artist.Name)
	var hp hand.Playlist
	must(handDB.NewSelect().Model(&hp).Relation("Tracks").Where("playlist.PlaylistId = 1").Scan(ctx))
	fmt.Println("hand playlist:", *hp.Name, len(hp.Tracks))
	var he hand.Employee
	must(handDB.NewSelect().Model(&he).Relation("Manager").Relation("Reports").Where("employee.EmployeeId = 2").Scan(ctx))
	fmt.Println("hand employee:", he.Email, "manager", he.Manager.Email, "reports", len(he.Reports))
	hi := "hello, \"world\""
	d := hand.OrderDetail{OrderID: 7, Type: 3, UnitPrice: "9.99", SayHi: &hi}
	_, err := handDB.NewInsert().Model(&d).ExcludeColumn("Total").Exec(ctx)
	must(err)
	back := hand.OrderDetail{OrderID: 7, Type: 3}
	must(handDB.NewSelect().Model(&back).WherePK().Scan(ctx))
	fmt.Printf("hand detail: %s %q %.2f\n", back.UnitPrice, *back.SayHi, back.Total)
`
	src := mainProgram(pkgs, extra)
	out := runGenerated(t, pkgs, src, chinook, northwind, hand)
	want := strings.Join([]string{
		"lesson models scanned: 9",
		"chinook models scanned: 11",
		"sqlnull models scanned: 11",
		"cell models scanned: 1",
		"northwind models scanned: 29",
		"nwtables models scanned: 13",
		"hand models scanned: 8",
		"For Those About To Rock (We Salute You) | For Those About To Rock We Salute You | AC/DC",
		"playlist: Music 3290 tracks",
		"reports to Andrew: 2",
		"sql.Null: Nancy reports to Andrew valid: true",
		"order details: 10248 Queso Cabrales 12 14",
		"hand album: Let There Be Rock by AC/DC",
		"hand playlist: Grunge 2",
		"hand employee: nancy@example.com manager andrew@example.com reports 1",
		`hand detail: 9.99 "hello, \"world\"" 19.98`,
		"",
	}, "\n")
	if out != want {
		t.Errorf("generated program printed:\n%s\nwant:\n%s", out, want)
	}
}

func shareddataCopy(t *testing.T, name string) string {
	t.Helper()
	p, err := filepath.Abs(shareddata.Copy(t, name))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// handDatabase creates the SQLite database that handGraph describes.
func handDatabase(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "hand.db")
	ctx := context.Background()
	db, err := connect.Open(ctx, path, connect.Create())
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, stmt := range []string{
		`CREATE TABLE artists (ArtistId INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, Name NVARCHAR(120))`,
		`CREATE TABLE albums (AlbumId INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, Title NVARCHAR(160) NOT NULL,
			ArtistId INTEGER NOT NULL REFERENCES artists (ArtistId))`,
		`CREATE INDEX IFK_AlbumArtistId ON albums (ArtistId)`,
		`CREATE TABLE employees (EmployeeId INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
			ReportsTo INTEGER REFERENCES employees (EmployeeId), BirthDate DATETIME, Email TEXT NOT NULL UNIQUE)`,
		`CREATE TABLE "Order Details" ("Order,ID" INTEGER NOT NULL, "type" INTEGER NOT NULL,
			"Unit Price" NUMERIC(10,2) NOT NULL DEFAULT 0, "say ""hi""" TEXT,
			Total REAL NOT NULL GENERATED ALWAYS AS ("Unit Price" * 2),
			PRIMARY KEY ("Order,ID", "type"), UNIQUE ("Unit Price", "say ""hi"""))`,
		`CREATE TABLE playlists (PlaylistId INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, Name NVARCHAR(120))`,
		`CREATE TABLE tracks (TrackId INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, Name NVARCHAR(200) NOT NULL, UnitPrice NUMERIC(10,2) NOT NULL)`,
		`CREATE TABLE playlist_track (PlaylistId INTEGER NOT NULL REFERENCES playlists (PlaylistId),
			TrackId INTEGER NOT NULL REFERENCES tracks (TrackId), PRIMARY KEY (PlaylistId, TrackId))`,
		`CREATE VIEW "top albums" AS SELECT Title, count(*) AS Plays FROM albums GROUP BY Title`,
		`INSERT INTO artists VALUES (1, 'AC/DC')`,
		`INSERT INTO albums VALUES (1, 'Let There Be Rock', 1)`,
		`INSERT INTO employees VALUES (1, NULL, '1962-02-18 00:00:00', 'andrew@example.com'), (2, 1, NULL, 'nancy@example.com'), (3, 2, NULL, 'jane@example.com')`,
		`INSERT INTO playlists VALUES (1, 'Grunge')`,
		`INSERT INTO tracks VALUES (1, 'Go Down', '0.99'), (2, 'Whole Lotta Rosie', '0.99')`,
		`INSERT INTO playlist_track VALUES (1, 1), (1, 2)`,
	} {
		if _, err := db.ExecContext(ctx, stmt); err != nil {
			t.Fatalf("%s: %v", stmt, err)
		}
	}
	return path
}
