package codegen

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/bunbook/bunbook/helpers/modelgraph"
	"github.com/bunbook/bunbook/internal/redact"
)

// commandLine is the bunacodegen invocation that reproduces o, flags in a
// fixed order so the header is deterministic.
func commandLine(o config) string {
	args := []string{"bunacodegen"}
	if len(o.tables) > 0 {
		args = append(args, "-tables", shellQuote(strings.Join(o.tables, ",")))
	}
	flags := []struct {
		on   bool
		name string
	}{
		{o.graph.WithoutViews, "-noviews"},
		{o.withoutIndexes, "-noindexes"},
		{o.withoutConstraints, "-noconstraints"},
		{o.graph.WithoutRelations, "-norelations"},
		{o.graph.WithoutBackReferences, "-nobackreferences"},
		{o.cell, "-cell"},
		{o.generated, "-generated"},
	}
	for _, f := range flags {
		if f.on {
			args = append(args, f.name)
		}
	}
	if o.graph.NullStyle != modelgraph.NullPointer {
		args = append(args, "-nullstyle", o.graph.NullStyle.String())
	}
	if o.packageName() != "models" && !o.cell {
		args = append(args, "-package", o.packageName())
	}
	source := redact.DSN(o.source)
	if source == "" {
		source = "DATABASE"
	}
	args = append(args, shellQuote(source))
	return strings.Join(args, " ")
}

// shellQuote quotes s for a POSIX shell when it holds anything but plain
// word characters. A string with a character that cannot be printed (a
// newline, a tab) gets bash's $'…' quoting, which spells it as an escape,
// so the command stays one line that can be pasted into a terminal.
func shellQuote(s string) string {
	if s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.,/:=+@%") == "" {
		return s
	}
	if strings.IndexFunc(s, func(r rune) bool { return !unicode.IsPrint(r) }) < 0 {
		return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
	}
	// bash's $'…' reads the escapes strconv.Quote writes (\n, \t, \x…,
	// \u…), and \' for a quote.
	q := strconv.Quote(s)
	return "$'" + strings.ReplaceAll(q[1:len(q)-1], "'", `\'`) + "'"
}
