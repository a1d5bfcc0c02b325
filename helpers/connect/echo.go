package connect

import (
	"io"
	"os"

	"github.com/uptrace/bun"
	"github.com/uptrace/bun/extra/bundebug"
)

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

// noColor removes ANSI escape sequences (CSI: ESC '[' … final byte) on their
// way to w. bundebug colours the operation name whenever standard output is
// a terminal, whatever writer it is given, and a notebook shows those bytes
// as garbage. bundebug writes each log line with a single Write, so a
// sequence never spans two calls.
type noColor struct{ w io.Writer }

func (n noColor) Write(p []byte) (int, error) {
	out := make([]byte, 0, len(p))
	for i := 0; i < len(p); i++ {
		if p[i] != 0x1b || i+1 >= len(p) || p[i+1] != '[' {
			out = append(out, p[i])
			continue
		}
		j := i + 2
		for j < len(p) && p[j] >= 0x20 && p[j] <= 0x3f { // parameters, intermediates
			j++
		}
		if j < len(p) && p[j] >= 0x40 && p[j] <= 0x7e { // final byte
			i = j
			continue
		}
		out = append(out, p[i]) // not a complete sequence: keep it
	}
	if _, err := n.w.Write(out); err != nil {
		return 0, err
	}
	return len(p), nil
}
