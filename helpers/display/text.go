package display

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/rivo/uniseg"
)

// textNull stands for SQL NULL in the text table.
const textNull = "<NULL>"

// Text renders r as an aligned plain-text table: the index column, the
// header, "…" between head and tail when cut, and a footer line such as
// "[1000 rows × 2 columns]". Number columns are right-aligned, others
// left-aligned; widths count terminal cells, so wide characters line up.
// Control characters are escaped so a value never breaks a line.
func renderText(r resultTable, opts ...Option) string {
	cfg := newConfig(opts)
	ncol := len(r.Columns)

	// Build the grid: header, rows, gap; column 0 is the index.
	type line struct {
		cells []string
		kinds []kind
	}
	var lines []line
	add := func(index string, row []any, gap bool) {
		l := line{cells: make([]string, ncol+1), kinds: make([]kind, ncol+1)}
		l.cells[0], l.kinds[0] = index, numberKind
		for j := range ncol {
			switch {
			case gap:
				l.cells[j+1], l.kinds[j+1] = "…", nullKind
			case j < len(row):
				c := formatCell(row[j], cfg.maxColWidth)
				switch {
				case c.k == nullKind:
					c.s = textNull
				case c.s == textNull:
					c.s = "'" + textNull + "'" // the string, told apart from SQL NULL
				default:
					c.s = escapeControl(c.s)
				}
				l.cells[j+1], l.kinds[j+1] = c.s, c.k
			default:
				l.cells[j+1], l.kinds[j+1] = textNull, nullKind
			}
		}
		lines = append(lines, l)
	}
	for i, row := range r.Head {
		add(strconv.Itoa(i), row, false)
	}
	if r.Cut() {
		add("…", nil, true)
	}
	first := r.Total - len(r.Tail)
	for i, row := range r.Tail {
		add(strconv.Itoa(first+i), row, false)
	}

	// A column is numeric when all its non-NULL values are numbers.
	right := make([]bool, ncol+1)
	right[0] = true
	widths := make([]int, ncol+1)
	header := make([]string, ncol+1)
	for j, name := range r.Columns {
		header[j+1] = escapeControl(name)
		widths[j+1] = displayWidth(header[j+1])
		numbers, others := 0, 0
		for _, l := range lines {
			switch l.kinds[j+1] {
			case numberKind:
				numbers++
			case textKind:
				others++
			}
		}
		right[j+1] = numbers > 0 && others == 0
	}
	for _, l := range lines {
		for j, s := range l.cells {
			widths[j] = max(widths[j], displayWidth(s))
		}
	}

	var b strings.Builder
	writeLine := func(cells []string) {
		var sb strings.Builder
		for j, s := range cells {
			if j > 0 {
				sb.WriteString("  ")
			}
			pad := strings.Repeat(" ", widths[j]-displayWidth(s))
			if right[j] {
				sb.WriteString(pad + s)
			} else {
				sb.WriteString(s + pad)
			}
		}
		b.WriteString(strings.TrimRight(sb.String(), " ") + "\n")
	}
	writeLine(header)
	for _, l := range lines {
		writeLine(l.cells)
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

// displayWidth is how many terminal cells s takes: its length for ASCII,
// else what uniseg measures (wide CJK characters and emoji take two).
func displayWidth(s string) int {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return uniseg.StringWidth(s)
		}
	}
	return len(s)
}
