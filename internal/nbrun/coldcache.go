package nbrun

import (
	"bytes"
	"context"
	"fmt"
	"os/exec"
	"strings"
)

// ColdNotice is what a lesson's first cell prints, before GoNB compiles
// it, when Go's build cache lacks the course's packages: the student would
// otherwise watch In [*] for a minute with no word.
const ColdNotice = "⏳ First run on this machine: Go is compiling Bun, the SQLite driver and the course's packages, " +
	"so this cell takes about a minute (scripts/setup.sh does it ahead of time). Later cells take a second or two."

// DefaultWarmPackages are the packages whose build decides whether a cell
// is cold: helpers/connect brings Bun and the SQLite driver, most of the
// compile time.
var DefaultWarmPackages = []string{
	"github.com/bunbook/bunbook/helpers/connect",
	"github.com/bunbook/bunbook/helpers/display",
	"github.com/bunbook/bunbook/helpers/repr",
}

// StalePackages returns which of the packages (go list patterns, resolved
// in dir: the checkout, or the GoNB kernel's module folder $GONB_TMP_DIR,
// whose go.work uses the checkout) the go command would have to compile,
// their dependencies included, because Go's build cache does not hold them.
// It runs `go list`, which compiles nothing and takes a fraction of a
// second.
func StalePackages(ctx context.Context, dir string, pkgs ...string) ([]string, error) {
	if len(pkgs) == 0 {
		pkgs = DefaultWarmPackages
	}
	cmd := exec.CommandContext(ctx, "go", append([]string{"list", "-f", "{{if .Stale}}{{.ImportPath}}{{end}}"}, pkgs...)...)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("nbrun: go list %s: %v: %s", strings.Join(pkgs, " "), err, strings.TrimSpace(stderr.String()))
	}
	return strings.Fields(string(out)), nil
}
