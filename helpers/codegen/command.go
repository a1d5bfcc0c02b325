package codegen

import (
	"github.com/bunbook/bunbook/internal/redact"
	"strings"

	"github.com/bunbook/bunbook/helpers/modelgraph"
)

// commandLine is the bunacodegen invocation that reproduces o, flags in a
// fixed order so the header is deterministic.
func commandLine(o Options) string {
	args := []string{"bunacodegen"}
	if len(o.Tables) > 0 {
		args = append(args, "-tables", shellQuote(strings.Join(o.Tables, ",")))
	}
	flags := []struct {
		on   bool
		name string
	}{
		{o.NoViews, "-noviews"},
		{o.NoIndexes, "-noindexes"},
		{o.NoConstraints, "-noconstraints"},
		{o.NoRelations, "-norelations"},
		{o.NoBackrefs, "-nobackrefs"},
		{o.Cell, "-cell"},
		{o.Generated, "-generated"},
	}
	for _, f := range flags {
		if f.on {
			args = append(args, f.name)
		}
	}
	if o.NullStyle != modelgraph.NullPointer {
		args = append(args, "-nullstyle", nullStyleFlag(o.NullStyle))
	}
	if o.packageName() != "models" && !o.Cell {
		args = append(args, "-package", o.packageName())
	}
	source := redact.DSN(o.Source)
	if source == "" {
		source = "DATABASE"
	}
	args = append(args, shellQuote(source))
	return strings.Join(args, " ")
}

// shellQuote quotes s for a POSIX shell when it holds anything but plain
// word characters.
func shellQuote(s string) string {
	if s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.,/:=+@%") == "" {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
