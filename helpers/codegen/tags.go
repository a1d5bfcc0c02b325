package codegen

import (
	"strconv"
	"strings"
	"unicode"
)

// Bun reads its struct tags with its own small parser; modelgraph spells
// the tags (Model.TableTag, Field.Tag, Relation.Tag) so automap and codegen
// agree. What is left here is what only source code needs.

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
