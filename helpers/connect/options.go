package connect

import (
	"io"
	"os"
	"regexp"

	"github.com/uptrace/bun"
	"github.com/uptrace/bun/extra/bundebug"
)

// Option configures Open.
type Option func(*config)

// config is what the options chose.
type config struct {
	create bool      // make the database when it does not exist
	echo   io.Writer // log every statement here; nil: see BUNDEBUG
}

// Create lets Open make a new, empty database when the file does not exist
// yet, or is empty (0 bytes), and write it to disk. Its directory must
// exist. An existing database is opened as it is; any other file is refused.
func Create() Option {
	return func(c *config) { c.create = true }
}

// Echo logs every SQL statement the returned *bun.DB sends to w, DDL
// included, like SQLAlchemy's echo=True. In a notebook pass os.Stdout.
// A nil w turns echo off, overriding BUNDEBUG.
func Echo(w io.Writer) Option {
	return func(c *config) {
		if w == nil {
			w = io.Discard
		}
		c.echo = w
	}
}

// envDebug is the environment variable read when Echo is not given, with
// bun's meaning: "1" logs failed queries, "2" every query, "0" nothing.
const envDebug = "BUNDEBUG"

// addEcho installs the statement log chosen by cfg or, failing that, by
// $BUNDEBUG.
func addEcho(db *bun.DB, cfg *config) {
	switch {
	case cfg.echo == io.Discard:
		return
	case cfg.echo != nil:
		db.AddQueryHook(bundebug.NewQueryHook(
			bundebug.WithVerbose(true),
			bundebug.WithWriter(noColor{cfg.echo}),
		))
	default:
		if v := os.Getenv(envDebug); v != "" && v != "0" {
			db.AddQueryHook(bundebug.NewQueryHook(
				bundebug.FromEnv(envDebug),
				bundebug.WithWriter(noColor{os.Stdout}),
			))
		}
	}
}

// noColor removes ANSI escape sequences (CSI: ESC '[', parameter and
// intermediate bytes, a final byte) on their way to w. bundebug colours the
// operation name whenever standard output is a terminal, whatever writer it
// is given, and a notebook shows those bytes as garbage. bundebug writes
// each log line with a single Write, so a sequence never spans two calls.
type noColor struct{ w io.Writer }

var csi = regexp.MustCompile(`\x1b\[[\x20-\x3f]*[\x40-\x7e]`)

func (n noColor) Write(p []byte) (int, error) {
	if _, err := n.w.Write(csi.ReplaceAll(p, nil)); err != nil {
		return 0, err
	}
	return len(p), nil
}
