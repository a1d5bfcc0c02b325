package lessontest_test

import (
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/bunbook/bunbook/internal/nbrun"
)

// downloadPkg is the one package a lesson cell may import that links
// net/http: only the cell that shows the download uses it.
const downloadPkg = "github.com/bunbook/bunbook/data/download"

// heavyDeps are what a cell on the lessons' default (SQLite) path must not
// link: each adds link time to every run of every cell (issue 10).
var heavyDeps = []string{"net/http", "github.com/jackc/pgx/v5", "github.com/go-sql-driver/mysql"}

var importPath = regexp.MustCompile(`"([a-z0-9.]+\.[a-z]+/[^"]+)"`)

// cellImports returns the non-standard import paths a cell declares.
func cellImports(src string) []string {
	var paths []string
	inBlock := false
	for _, line := range strings.Split(src, "\n") {
		line = strings.TrimSpace(line)
		switch {
		case strings.HasPrefix(line, "import ("):
			inBlock = true
		case inBlock && line == ")":
			inBlock = false
		case inBlock || strings.HasPrefix(line, "import "):
			if m := importPath.FindStringSubmatch(line); m != nil {
				paths = append(paths, m[1])
			}
		}
	}
	return paths
}

// TestLessonCellsLinkNoServerDriversNorHTTP checks, without running a
// kernel, what every lesson and exercise cell links: the packages the
// notebooks import, data/download aside, pull in neither net/http nor the
// PostgreSQL and MySQL drivers; and data/download is used by one cell per
// notebook, in its main body, not in a declaration (GoNB's goimports drops
// an import no code of the cell's program uses, so the other cells do not
// link it).
func TestLessonCellsLinkNoServerDriversNorHTTP(t *testing.T) {
	root, err := nbrun.FindRoot(".")
	if err != nil {
		t.Fatal(err)
	}
	paths, err := nbrun.FindNotebooks(".")
	if err != nil {
		t.Fatal(err)
	}
	imported := map[string]bool{}
	for _, path := range paths {
		nb, err := nbrun.ReadNotebook(path)
		if err != nil {
			t.Fatal(err)
		}
		var users []int
		for _, c := range nb.CodeCells() {
			for _, p := range cellImports(c.Source) {
				imported[p] = true
			}
			if strings.Contains(c.Source, "download.") {
				users = append(users, c.Index)
			}
			// A declaration persists into every later cell: one that uses
			// the downloader makes them all link it.
			decls, _, _ := strings.Cut("\n"+c.Source, "\n%%")
			if strings.Contains(decls, "download.") {
				t.Errorf("%s: cell %d uses data/download in a declaration, so every later cell links net/http: use it only after %%%%", filepath.ToSlash(path), c.Index)
			}
		}
		if len(users) > 1 {
			t.Errorf("%s: cells %v use data/download; only the cell that shows the download may, or every cell links net/http", filepath.ToSlash(path), users)
		}
	}
	delete(imported, downloadPkg)
	if len(imported) == 0 {
		t.Fatal("found no imports in the notebooks")
	}
	var pkgs []string
	for p := range imported {
		pkgs = append(pkgs, p)
	}
	sort.Strings(pkgs)
	for _, pkg := range pkgs {
		out, err := exec.Command("go", "list", "-C", root, "-deps", pkg).CombinedOutput()
		if err != nil {
			t.Fatalf("go list -deps %s: %v\n%s", pkg, err, out)
		}
		deps := strings.Fields(string(out))
		for _, heavy := range heavyDeps {
			if slices.Contains(deps, heavy) {
				t.Errorf("a lesson cell imports %s, which links %s", pkg, heavy)
			}
		}
	}
	t.Logf("checked %d packages: %s", len(pkgs), strings.Join(pkgs, " "))
}
