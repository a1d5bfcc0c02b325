package display

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/rivo/uniseg"
)

// textNull stands for SQL NULL in the text table.
const textNull = "<NULL>"

// renderText renders r as an aligned plain-text table: the index column,
// the header, "…" between head and tail when cut, and a footer line such as
// "[1000 rows × 2 columns]". Number columns (all their non-NULL values are
// numbers) are right-aligned, others left-aligned; widths count terminal
// cells, so wide characters line up. Control characters are escaped so a
// value never breaks a line.
func renderText(r resultTable) string {
	ncol := len(r.Columns) + 1 // column 0 is the index
	numbers, others := make([]int, ncol), make([]int, ncol)
	header := make([]string, ncol)
	for j, name := range r.Columns {
		header[j+1] = escapeControl(name)
	}
	lines := [][]string{header}
	r.shown(func(index string, row []any, gap bool) {
		cells := []string{index}
		for j := range r.Columns {
			c := cellAt(row, j)
			switch {
			case gap:
				c.s = "…" // row is nil: c is NULL, which counts as neither
			case c.k == nullKind:
				c.s = textNull
			case c.s == textNull:
				c.s = "'" + textNull + "'" // the string, told apart from SQL NULL
			default:
				c.s = escapeControl(c.s)
			}
			switch c.k {
			case numberKind:
				numbers[j+1]++
			case textKind:
				others[j+1]++
			}
			cells = append(cells, c.s)
		}
		lines = append(lines, cells)
	})

	widths := make([]int, ncol)
	for _, cells := range lines {
		for j, s := range cells {
			widths[j] = max(widths[j], displayWidth(s))
		}
	}
	var b strings.Builder
	for _, cells := range lines {
		var sb strings.Builder
		for j, s := range cells {
			if j > 0 {
				sb.WriteString("  ")
			}
			pad := strings.Repeat(" ", widths[j]-displayWidth(s))
			if j == 0 || numbers[j] > 0 && others[j] == 0 {
				sb.WriteString(pad + s)
			} else {
				sb.WriteString(s + pad)
			}
		}
		b.WriteString(strings.TrimRight(sb.String(), " ") + "\n")
	}
	b.WriteString("[" + r.Footer() + "]\n")
	return b.String()
}

// escapeControl writes control characters the way Go source would (\n, \t,
// \x00), so one value stays on one line, and bidirectional overrides
// (\u202e) too, so one value cannot reverse the rest of its line.
func escapeControl(s string) string {
	if !strings.ContainsFunc(s, needsEscape) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case unicode.IsControl(r):
			q := strconv.QuoteRune(r) // '\x00' or '\u0085'
			b.WriteString(q[1 : len(q)-1])
		case isBidiControl(r):
			b.WriteString(`\u` + strconv.FormatInt(int64(r), 16))
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func needsEscape(r rune) bool { return unicode.IsControl(r) || isBidiControl(r) }

// isBidiControl reports the invisible characters that change the direction
// of the text after them (embeddings, overrides, isolates, marks). Other
// format characters, such as the joiner inside emoji sequences, stay.
func isBidiControl(r rune) bool {
	return r == '\u061c' || r == '\u200e' || r == '\u200f' ||
		'\u202a' <= r && r <= '\u202e' || '\u2066' <= r && r <= '\u2069'
}

// displayWidth is how many terminal cells s takes: wide CJK characters
// and emoji take two.
func displayWidth(s string) int { return uniseg.StringWidth(s) }
