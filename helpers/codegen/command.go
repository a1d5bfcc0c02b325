package codegen

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/bunbook/bunbook/helpers/modelgraph"
	"github.com/bunbook/bunbook/internal/redact"
)

// commandLine is the bunacodegen invocation that reproduces o, flags in a
// fixed order so the header is deterministic.
func commandLine(o config) string {
	args := []string{"bunacodegen"}
	if len(o.Tables) > 0 {
		args = append(args, "-tables", shellQuote(strings.Join(o.Tables, ",")))
	}
	flags := []struct {
		on   bool
		name string
	}{
		{o.WithoutViews, "-noviews"},
		{o.WithoutIndexes, "-noindexes"},
		{o.WithoutConstraints, "-noconstraints"},
		{o.WithoutRelations, "-norelations"},
		{o.WithoutBackReferences, "-nobackreferences"},
		{o.Cell, "-cell"},
		{o.Generated, "-generated"},
	}
	for _, f := range flags {
		if f.on {
			args = append(args, f.name)
		}
	}
	if o.NullStyle != modelgraph.NullPointer {
		args = append(args, "-nullstyle", o.NullStyle.String())
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
	var b strings.Builder
	b.WriteString("$'")
	for _, r := range s {
		switch {
		case r == '\\' || r == '\'':
			b.WriteString(`\` + string(r))
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\r':
			b.WriteString(`\r`)
		case !unicode.IsPrint(r) && r < 0x10000:
			fmt.Fprintf(&b, `\u%04x`, r)
		case !unicode.IsPrint(r):
			fmt.Fprintf(&b, `\U%08x`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteString("'")
	return b.String()
}
