package display

import (
	"database/sql"
	"encoding/json"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/uptrace/bun"
)

// hostile is a result whose values and names try to break out of HTML and
// of the text layout.
var hostile = resultTable{
	Columns: []string{"id", `<script>alert(1)</script>`, "note & \"quote\""},
	Head: [][]any{
		{int64(1), "<script>alert(1)</script>", "it's \"quoted\" & <b>bold</b>"},
		{int64(22), nil, "NULL"},
		{int64(333), "line1\nline2\ttab", "שלום 😀 日本"},
	},
	Total: 3,
}

func TestHTMLEscapesEverything(t *testing.T) {
	want := `<div class="bunbook-result">
` + htmlStyle + `<table border="1" class="dataframe">
  <thead>
    <tr style="text-align: right;">
      <th></th>
      <th>id</th>
      <th>&lt;script&gt;alert(1)&lt;/script&gt;</th>
      <th>note &amp; &#34;quote&#34;</th>
    </tr>
  </thead>
  <tbody>
    <tr>
      <th>0</th>
      <td class="num">1</td>
      <td>&lt;script&gt;alert(1)&lt;/script&gt;</td>
      <td>it&#39;s &#34;quoted&#34; &amp; &lt;b&gt;bold&lt;/b&gt;</td>
    </tr>
    <tr>
      <th>1</th>
      <td class="num">22</td>
      <td class="null">NULL</td>
      <td>NULL</td>
    </tr>
    <tr>
      <th>2</th>
      <td class="num">333</td>
      <td>line1
line2	tab</td>
      <td>שלום 😀 日本</td>
    </tr>
  </tbody>
</table>
<p class="footer">3 rows × 3 columns</p>
</div>
`
	if got := renderHTML(hostile); got != want {
		t.Fatalf("HTML mismatch\n got:\n%s\nwant:\n%s", got, want)
	}
	if strings.Contains(renderHTML(hostile), "<script>") {
		t.Fatal("unescaped <script> in HTML")
	}
}

func TestTextAlignsAndEscapes(t *testing.T) {
	want := "" +
		"    id  <script>alert(1)</script>  note & \"quote\"\n" +
		"0    1  <script>alert(1)</script>  it's \"quoted\" & <b>bold</b>\n" +
		"1   22  <NULL>                     NULL\n" +
		"2  333  line1\\nline2\\ttab          שלום 😀 日本\n" +
		"[3 rows × 3 columns]\n"
	if got := renderText(hostile); got != want {
		t.Fatalf("Text mismatch\n got:\n%s\nwant:\n%s", got, want)
	}
}

func TestEmptyResult(t *testing.T) {
	r := resultTable{Columns: []string{"FirstName", "Email"}, Head: [][]any{}}
	wantHTML := `<div class="bunbook-result">
` + htmlStyle + `<table border="1" class="dataframe">
  <thead>
    <tr style="text-align: right;">
      <th></th>
      <th>FirstName</th>
      <th>Email</th>
    </tr>
  </thead>
  <tbody>
  </tbody>
</table>
<p class="footer">0 rows × 2 columns</p>
</div>
`
	if got := renderHTML(r); got != wantHTML {
		t.Fatalf("HTML mismatch\n got:\n%s\nwant:\n%s", got, wantHTML)
	}
	wantText := "  FirstName  Email\n[0 rows × 2 columns]\n"
	if got := renderText(r); got != wantText {
		t.Fatalf("Text mismatch\n got: %q\nwant: %q", got, wantText)
	}
}

func TestCutResultShowsHeadGapTail(t *testing.T) {
	r := resultTable{
		Columns: []string{"n"},
		Head:    [][]any{{int64(0)}, {int64(1)}},
		Tail:    [][]any{{int64(998)}, {int64(999)}},
		Total:   1000,
	}
	wantText := "" +
		"       n\n" +
		"  0    0\n" +
		"  1    1\n" +
		"  …    …\n" +
		"998  998\n" +
		"999  999\n" +
		"[1000 rows × 1 column]\n"
	if got := renderText(r); got != wantText {
		t.Fatalf("Text mismatch\n got:\n%s\nwant:\n%s", got, wantText)
	}
	html := renderHTML(r)
	for _, want := range []string{
		"      <th>1</th>\n      <td class=\"num\">1</td>\n    </tr>\n    <tr>\n      <th class=\"gap\">…</th>\n      <td class=\"gap\">…</td>\n    </tr>\n    <tr>\n      <th>998</th>\n",
		`<p class="footer">1000 rows × 1 column</p>`,
	} {
		if !strings.Contains(html, want) {
			t.Errorf("HTML lacks %q\n%s", want, html)
		}
	}
	if strings.Count(html, "<tr>") != 5 {
		t.Errorf("want 5 body rows (2 head, gap, 2 tail), got %d", strings.Count(html, "<tr>"))
	}
}

func TestFormatCell(t *testing.T) {
	zone := time.FixedZone("IDT", 3*3600)
	valid := sql.NullString{String: "x", Valid: true}
	for _, tc := range []struct {
		in   any
		want string
		k    kind
	}{
		{nil, "", nullKind},
		{"NULL", "NULL", textKind},
		{"", "", textKind},
		{int64(-7), "-7", numberKind},
		{uint8(7), "7", numberKind},
		{0.99, "0.99", numberKind},
		{1e6, "1000000", numberKind},
		{1e20, "1e+20", numberKind},
		{0.00001, "1e-05", numberKind},
		{float32(1.1), "1.1", numberKind},
		{math.NaN(), "NaN", numberKind},
		{true, "true", textKind},
		{[]byte("héllo"), "héllo", textKind},
		{[]byte{0xff, 0x00, 0x1a}, "x'FF001A'", textKind},
		{append([]byte{0xff}, make([]byte, 19)...), "x'FF000000000000000000000000000000…' (20 bytes)", textKind},
		{[]byte(nil), "", nullKind},
		{json.RawMessage(`{"a":1}`), `{"a":1}`, textKind},
		{time.Date(2009, 1, 1, 0, 0, 0, 0, time.UTC), "2009-01-01T00:00:00Z", textKind},
		{time.Date(2009, 1, 2, 3, 4, 5, 600000000, zone), "2009-01-02T03:04:05.6+03:00", textKind},
		{sql.NullString{}, "", nullKind},
		{bun.NullTime{}, "", nullKind},
		{bun.NullTime{Time: time.Date(2009, 1, 1, 0, 0, 0, 0, time.UTC)}, "2009-01-01T00:00:00Z", textKind},
		{valid, "x", textKind},
		{&valid, "x", textKind},
		{sql.NullInt64{Int64: 5, Valid: true}, "5", numberKind},
		{(*string)(nil), "", nullKind},
		{strPtr("p"), "p", textKind},
		{[]int{1, 2}, "[1 2]", textKind},
	} {
		got := formatCell(tc.in)
		if got.s != tc.want || got.k != tc.k {
			t.Errorf("formatCell(%#v) = %q kind %d, want %q kind %d", tc.in, got.s, got.k, tc.want, tc.k)
		}
	}
}

func strPtr(s string) *string { return &s }

func TestMaxColWidth(t *testing.T) {
	long := strings.Repeat("é", 60)
	cut := strings.Repeat("é", 49) + "…"
	if got := formatCell(long).s; got != cut {
		t.Errorf("cut to 50: %q", got)
	}
	r := resultTable{Columns: []string{"s"}, Head: [][]any{{long}}, Total: 1}
	if got, want := renderText(r), "   s\n0  "+cut+"\n[1 row × 1 column]\n"; got != want {
		t.Errorf("Text = %q, want %q", got, want)
	}
	if got := renderHTML(r); !strings.Contains(got, "<td>"+cut+"</td>") {
		t.Errorf("HTML lacks the cut value:\n%s", got)
	}
}
