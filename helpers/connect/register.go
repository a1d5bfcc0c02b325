package connect

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/uptrace/bun"
)

// An Opener opens the database a DSN names for the URL schemes it was
// registered with, and returns a *bun.DB with the right dialect, already
// proven to answer (a ping or a first query under ctx) and closed again on
// any error. With create it makes a missing database. Open adds the echo.
// Errors start with "connect: ", name the problem and the fix, and never
// quote a password (see [Redact]).
type Opener func(ctx context.Context, dsn string, create bool) (*bun.DB, error)

// ServersImport is the package that registers the PostgreSQL and MySQL /
// MariaDB openers. A cell, or a program, that opens a server URL imports
// it for its side effect, as database/sql drivers are imported:
//
//	import _ "github.com/bunbook/bunbook/helpers/connect/servers"
//
// Without it connect links SQLite only, so a notebook cell on the lessons'
// default path does not pay for linking the server drivers.
const ServersImport = "github.com/bunbook/bunbook/helpers/connect/servers"

// DefaultConnectTimeout bounds connecting to a server, handshake included,
// when the URL sets no timeout of its own (PostgreSQL's connect_timeout,
// MySQL's timeout), so a wrong host or port fails within seconds instead of
// hanging the cell.
const DefaultConnectTimeout = 10 * time.Second

// serverSchemes are the schemes of [ServersImport]: Open names that import
// when one of them is asked for and not registered.
var serverSchemes = map[string]string{
	"postgres":   "PostgreSQL",
	"postgresql": "PostgreSQL",
	"mysql":      "MySQL/MariaDB",
	"mariadb":    "MySQL/MariaDB",
}

var (
	openersMu sync.RWMutex
	// openers maps a lower-case URL scheme ("sqlite", "postgres", …) to its
	// opener. The empty scheme is a plain file path.
	openers = map[string]Opener{}
)

// Register makes Open hand DSNs with the given URL schemes (lower case,
// without "://") to open. It is meant for the init function of a package
// that adds databases, such as [ServersImport]; it panics when a scheme is
// registered twice.
func Register(open Opener, schemes ...string) {
	openersMu.Lock()
	defer openersMu.Unlock()
	for _, s := range schemes {
		if _, dup := openers[s]; dup {
			panic("connect: scheme " + s + " registered twice")
		}
		openers[s] = open
	}
}

// opener returns the opener registered for scheme, or an error naming the
// import that registers it.
func opener(scheme, dsn string) (Opener, error) {
	openersMu.RLock()
	open, ok := openers[scheme]
	openersMu.RUnlock()
	if ok {
		return open, nil
	}
	if server, known := serverSchemes[scheme]; known {
		return nil, fmt.Errorf("connect: %q is a %s URL, but this program links SQLite only: add  import _ %q  to the cell's (or program's) imports for %s support",
			Redact(dsn), server, ServersImport, server)
	}
	return nil, fmt.Errorf("connect: unsupported scheme %q in %q: use one of %s, or a plain SQLite file path",
		scheme, Redact(dsn), strings.Join(Schemes(), ", "))
}

// Schemes lists the URL schemes Open accepts, sorted, as "scheme://": the
// registered ones, and the server schemes with "(import servers)" when
// [ServersImport] is not linked.
func Schemes() []string {
	openersMu.RLock()
	defer openersMu.RUnlock()
	var list []string
	for s := range openers {
		if s != "" {
			list = append(list, s+"://")
		}
	}
	for s := range serverSchemes {
		if _, ok := openers[s]; !ok {
			list = append(list, s+":// (import servers)")
		}
	}
	sort.Strings(list)
	return list
}
