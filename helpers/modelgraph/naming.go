package modelgraph

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/jinzhu/inflection"
)

// goIdent converts a SQL name (table, column) to an exported Go identifier
// by the rules of the package documentation's Names section (first name →
// FirstName, 2nd_place → X2ndPlace, 名前 → X名前); "" for a name with no
// letter or digit at all.
func goIdent(sqlName string) string {
	var b strings.Builder
	upperNext := true
	for _, r := range sqlName {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			upperNext = true
			continue
		}
		if upperNext {
			r = unicode.ToUpper(r)
			upperNext = false
		}
		b.WriteRune(r)
	}
	name := b.String()
	if name == "" {
		return ""
	}
	if first, _ := utf8.DecodeRuneInString(name); !unicode.IsUpper(first) {
		name = "X" + name
	}
	return name
}

// modelNameOf is the Go type name for a table: goIdent of the table name
// with its last word made singular by github.com/jinzhu/inflection
// (albums → Album, Order Details → OrderDetail, people → Person).
func modelNameOf(table string) string {
	name := goIdent(table)
	head, last := splitLastWord(name)
	if last == "" {
		return name
	}
	if notPlural[strings.ToLower(last)] {
		return name
	}
	singular := inflection.Singular(last)
	if singular == "" || goIdent(singular) != singular {
		return name // never let an inflection rule break the identifier
	}
	return head + singular
}

// notPlural are words ending in s that inflection would wrongly make
// singular (always → alway, canvas → canva) when they name a table.
var notPlural = map[string]bool{
	"always": true, "perhaps": true, "whereas": true, "yes": true, "this": true, "thus": true, "plus": true,
	"is": true, "was": true, "has": true, "its": true, "canvas": true, "gas": true, "bonus": true,
	"campus": true, "virus": true, "census": true, "atlas": true, "chaos": true, "lens": true, "news": true,
}

// pluralName is the plural of a Go name, inflecting its last word only; a
// duplicate's suffix stays at the end (Order_2 → Orders_2).
func pluralName(name string) string {
	if i := strings.LastIndexByte(name, '_'); i > 0 && strings.Trim(name[i+1:], "0123456789") == "" && i+1 < len(name) {
		return pluralName(name[:i]) + name[i:]
	}
	head, last := splitLastWord(name)
	if last == "" {
		return name
	}
	if len(last) <= 3 && strings.ToUpper(last) == last {
		return name + "s" // an acronym: C → Cs, ID → IDs (not CS, IDS)
	}
	if notPlural[strings.ToLower(last)] && strings.HasSuffix(last, "s") {
		return name + "es" // Bonus → Bonuses
	}
	plural := inflection.Plural(last)
	if plural == "" || goIdent(plural) != plural {
		return name + "s"
	}
	return head + plural
}

// splitLastWord splits a CamelCase name before its last word, which starts
// at the last upper-case letter that follows a lower-case letter or a digit.
func splitLastWord(name string) (head, last string) {
	runes := []rune(name)
	for i := len(runes) - 1; i > 0; i-- {
		if unicode.IsUpper(runes[i]) && (unicode.IsLower(runes[i-1]) || unicode.IsDigit(runes[i-1])) {
			return string(runes[:i]), string(runes[i:])
		}
	}
	return "", name
}

// idSuffixStripped returns the column name without a trailing id marker
// ("AlbumId", "CustomerID", "album_id", "manager id"), converted by GoName;
// "" when the column has no such suffix or nothing is left before it.
func idSuffixStripped(column string) string {
	rest := ""
	switch n := len(column); {
	case n > 3 && strings.EqualFold(column[n-2:], "id") && !isAlnumByte(column[n-3]):
		rest = column[:n-3] // album_id, album id
	case n > 2 && (column[n-2:] == "Id" || column[n-2:] == "ID"):
		prev, _ := utf8.DecodeLastRuneInString(column[:n-2])
		if unicode.IsLower(prev) || unicode.IsDigit(prev) {
			rest = column[:n-2] // AlbumId, CustomerID
		}
	}
	return goIdent(rest)
}

func isAlnumByte(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
}

// nameSet hands out unique names in the order they are asked for.
type nameSet map[string]bool

// unique returns name itself when free, else name+"_2", name+"_3", …: GoName
// never produces an underscore, so a suffixed name cannot collide with the
// plain name of a later column.
func (s nameSet) unique(name string) string {
	got := name
	for n := 2; s[got]; n++ {
		got = name + "_" + strconv.Itoa(n)
	}
	s[got] = true
	return got
}

// uniqueRelation returns name when free, else name+"Rel", then
// name+"Rel_2", name+"Rel_3", …
func (s nameSet) uniqueRelation(name string) string {
	if !s[name] {
		s[name] = true
		return name
	}
	return s.unique(name + "Rel")
}

// bunUnderscore is Bun's own snake_case (internal.Underscore), with which
// it names a struct field's column, a model's alias (Album → album,
// InvoiceItem → invoice_item) and a joined relation's table alias: NODE →
// node, ReportsTo → reports_to.
func bunUnderscore(s string) string {
	isUpper := func(c byte) bool { return 'A' <= c && c <= 'Z' }
	isLower := func(c byte) bool { return 'a' <= c && c <= 'z' }
	b := make([]byte, 0, len(s)+5)
	for i := 0; i < len(s); i++ {
		c := s[i]
		if isUpper(c) {
			if i > 0 && i+1 < len(s) && (isLower(s[i-1]) || isLower(s[i+1])) {
				b = append(b, '_')
			}
			c += 'a' - 'A'
		}
		b = append(b, c)
	}
	return string(b)
}
