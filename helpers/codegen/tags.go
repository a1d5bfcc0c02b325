package codegen

import (
	"go/token"
	"strconv"
	"strings"
	"unicode"
)

// Bun reads its struct tags with its own small parser: a comma ends an
// element, a colon splits key from value, a double quote starts a quoted
// value (with backslash escapes) and parentheses in a value must balance.
// Any name holding one of those, or leading/trailing space, is written as a
// quoted value so that it reaches Bun unchanged: `table:"Order Details"` is
// not needed (a space is harmless) but `table:"a,b"` is.

// bunName returns s ready for the name position of a bun tag (the column
// name), quoting it only when Bun's parser would misread it: there a comma
// ends the element and a colon makes it an option.
func bunName(s string) string {
	if s != "" && !strings.ContainsAny(s, ",:\"") && strings.TrimSpace(s) == s {
		return s
	}
	return bunQuoted(s)
}

// bunValue returns s ready for an option value (table:…, type:…). In a
// value a comma ends it unless inside parentheses, so NUMERIC(10,2) needs
// no quotes; a double quote or unbalanced parentheses do.
func bunValue(s string) string {
	if s == "" || strings.TrimSpace(s) != s || strings.ContainsRune(s, '"') {
		return bunQuoted(s)
	}
	depth := 0
	for _, r := range s {
		switch r {
		case '(':
			depth++
		case ')':
			if depth--; depth < 0 {
				return bunQuoted(s)
			}
		case ',':
			if depth == 0 {
				return bunQuoted(s)
			}
		}
	}
	if depth != 0 {
		return bunQuoted(s)
	}
	return s
}

// bunQuoted is s as a quoted tag value, with Bun's backslash escapes.
func bunQuoted(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		if r == '"' || r == '\\' {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	b.WriteByte('"')
	return b.String()
}

// bunFieldOptions are the words Bun reads as options when they stand alone
// in the name position of a field tag; a column so named is written with
// `column:` so Bun neither misreads nor warns.
var bunFieldOptions = map[string]bool{
	"column": true, "alt": true, "type": true, "array": true, "hstore": true,
	"composite": true, "multirange": true, "json_use_number": true,
	"msgpack": true, "notnull": true, "nullzero": true, "default": true,
	"unique": true, "soft_delete": true, "scanonly": true, "skipupdate": true,
	"pk": true, "autoincrement": true, "rel": true, "join": true,
	"join_on": true, "on_update": true, "on_delete": true, "m2m": true,
	"polymorphic": true, "identity": true,
}

// columnTagName is the first element of a field's bun tag: the column name,
// always spelled out so the original name survives whatever the Go name is.
func columnTagName(column string) string {
	if column == "" || bunFieldOptions[column] {
		return "column:" + bunValue(column)
	}
	return bunName(column)
}

// joinExpressible reports whether a column can appear in a relation's
// join:local=remote option. Bun splits that value on "," and "=" before
// any unquoting and trims the pair, so such names cannot be expressed.
func joinExpressible(column string) bool {
	return column != "" && !strings.ContainsAny(column, ",=") && strings.TrimSpace(column) == column
}

// tableExpressible reports whether a table name survives Bun's table tag:
// Bun reads a dot as schema.table and quotes each side separately.
func tableExpressible(name string) bool {
	return !strings.Contains(name, ".")
}

// structTag renders a complete struct tag literal for the bun key. A raw
// string is used unless the tag holds a backquote, which a raw string
// cannot carry.
func structTag(bunTag string) string {
	tag := "bun:" + strconv.Quote(bunTag)
	if strings.ContainsRune(tag, '`') {
		return strconv.Quote(tag)
	}
	return "`" + tag + "`"
}

// uniqueGroupName turns an index name into a name Bun accepts for
// `unique:group` (Bun splits the value on commas).
func uniqueGroupName(index string) string {
	var b strings.Builder
	for _, r := range index {
		if r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		} else {
			b.WriteByte('_')
		}
	}
	if b.Len() == 0 {
		return "unique"
	}
	return b.String()
}

// commentText makes a database name safe inside a // comment: names with
// control characters (a newline would end the comment) are Go-quoted.
func commentText(s string) string {
	for _, r := range s {
		if !unicode.IsPrint(r) {
			return strconv.Quote(s)
		}
	}
	return s
}

func isIdentifier(s string) bool { return token.IsIdentifier(s) }
