package display

import (
	"html"
	"strconv"
	"strings"
)

// htmlStyle keeps pandas' DataFrame look and scopes every rule to the
// wrapper's class, so it never restyles the rest of the notebook.
const htmlStyle = `<style>
.bunbook-result .dataframe tbody tr th:only-of-type { vertical-align: middle; }
.bunbook-result .dataframe tbody tr th { vertical-align: top; }
.bunbook-result .dataframe thead th { text-align: right; }
.bunbook-result .dataframe td.num { text-align: right; font-variant-numeric: tabular-nums; }
.bunbook-result .dataframe td.null { color: #888; font-style: italic; }
.bunbook-result .dataframe td.gap, .bunbook-result .dataframe th.gap { text-align: center; }
.bunbook-result p.footer { margin-top: 0.25em; color: #666; }
</style>
`

// HTML renders r as a pandas-style table: an index column, a header row,
// "…" between head and tail when cut, and a size footer. Every value and
// column name is escaped. Only MaxColWidth among the options matters.
func renderHTML(r resultTable, opts ...Option) string {
	cfg := newConfig(opts)
	var b strings.Builder
	b.WriteString(`<div class="bunbook-result">` + "\n")
	b.WriteString(htmlStyle)
	b.WriteString(`<table border="1" class="dataframe">` + "\n")
	b.WriteString("  <thead>\n    <tr style=\"text-align: right;\">\n      <th></th>\n")
	for _, c := range r.Columns {
		b.WriteString("      <th>" + html.EscapeString(c) + "</th>\n")
	}
	b.WriteString("    </tr>\n  </thead>\n  <tbody>\n")
	for i, row := range r.Head {
		writeHTMLRow(&b, i, row, len(r.Columns), cfg.maxColWidth)
	}
	if r.Cut() {
		b.WriteString("    <tr>\n      <th class=\"gap\">…</th>\n")
		for range r.Columns {
			b.WriteString("      <td class=\"gap\">…</td>\n")
		}
		b.WriteString("    </tr>\n")
	}
	first := r.Total - len(r.Tail)
	for i, row := range r.Tail {
		writeHTMLRow(&b, first+i, row, len(r.Columns), cfg.maxColWidth)
	}
	b.WriteString("  </tbody>\n</table>\n")
	b.WriteString(`<p class="footer">` + html.EscapeString(r.Footer()) + "</p>\n</div>\n")
	return b.String()
}

func writeHTMLRow(b *strings.Builder, index int, row []any, columns, maxWidth int) {
	b.WriteString("    <tr>\n      <th>" + strconv.Itoa(index) + "</th>\n")
	for j := range columns {
		var v any
		if j < len(row) {
			v = row[j]
		}
		c := formatCell(v, maxWidth)
		switch c.k {
		case nullKind:
			b.WriteString(`      <td class="null">NULL</td>` + "\n")
		case numberKind:
			b.WriteString(`      <td class="num">` + html.EscapeString(c.s) + "</td>\n")
		default:
			b.WriteString("      <td>" + html.EscapeString(c.s) + "</td>\n")
		}
	}
	b.WriteString("    </tr>\n")
}
