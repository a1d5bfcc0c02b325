package display

import (
	"html"
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

// renderHTML renders r as a pandas-style table: an index column, a header
// row, "…" between head and tail when cut, and a size footer. Every value
// and column name is escaped.
func renderHTML(r resultTable) string {
	var b strings.Builder
	b.WriteString(`<div class="bunbook-result">` + "\n")
	b.WriteString(htmlStyle)
	b.WriteString(`<table border="1" class="dataframe">` + "\n")
	b.WriteString("  <thead>\n    <tr style=\"text-align: right;\">\n      <th></th>\n")
	for _, c := range r.Columns {
		b.WriteString("      <th>" + html.EscapeString(c) + "</th>\n")
	}
	b.WriteString("    </tr>\n  </thead>\n  <tbody>\n")
	r.shown(func(index string, row []any, gap bool) {
		th := "<th>"
		if gap {
			th = `<th class="gap">`
		}
		b.WriteString("    <tr>\n      " + th + index + "</th>\n")
		for j := range r.Columns {
			switch c := cellAt(row, j); {
			case gap:
				b.WriteString(`      <td class="gap">…</td>` + "\n")
			case c.k == nullKind:
				b.WriteString(`      <td class="null">NULL</td>` + "\n")
			case c.k == numberKind:
				b.WriteString(`      <td class="num">` + html.EscapeString(c.s) + "</td>\n")
			default:
				b.WriteString("      <td>" + html.EscapeString(c.s) + "</td>\n")
			}
		}
		b.WriteString("    </tr>\n")
	})
	b.WriteString("  </tbody>\n</table>\n")
	b.WriteString(`<p class="footer">` + html.EscapeString(r.Footer()) + "</p>\n</div>\n")
	return b.String()
}
