package inspect

import "strings"

// A tiny SQL lexer, just enough to find the key terms of a CREATE INDEX
// statement: SQLite reports expression keys without their text. It knows
// quoted identifiers and strings ('…', "…", `…`, […]), comments and nested
// parentheses, so hostile names inside the statement cannot derail it.

// sqlSpan is one top-level token of SQL text: a word, a quoted item, a whole
// parenthesized group or a single punctuation byte.
type sqlSpan struct{ start, end int }

// indexKeyTerms returns the key terms of a CREATE INDEX statement with any
// trailing COLLATE and ASC/DESC removed, e.g. `lower("e-mail")` for
// `CREATE INDEX i ON t (lower("e-mail") COLLATE NOCASE DESC)`; nil when the
// statement has no term list.
func indexKeyTerms(stmt string) []string {
	for _, sp := range sqlSpans(stmt) {
		if stmt[sp.start] != '(' {
			continue
		}
		inner := stmt[sp.start+1 : sp.end]
		inner = strings.TrimSuffix(inner, ")")
		return splitTerms(inner)
	}
	return nil
}

// splitTerms splits a term list at its top-level commas.
func splitTerms(list string) []string {
	var terms []string
	var cur []sqlSpan
	flush := func() bool {
		if len(cur) == 0 {
			return false
		}
		terms = append(terms, trimTerm(list, cur))
		cur = cur[:0]
		return true
	}
	for _, sp := range sqlSpans(list) {
		if list[sp.start:sp.end] == "," {
			if !flush() {
				return nil
			}
			continue
		}
		cur = append(cur, sp)
	}
	if !flush() {
		return nil
	}
	return terms
}

// trimTerm returns the text of one key term without its ordering and
// collation suffixes.
func trimTerm(s string, spans []sqlSpan) string {
	word := func(i int) string { return strings.ToUpper(s[spans[i].start:spans[i].end]) }
	n := len(spans)
	if n > 1 && (word(n-1) == "ASC" || word(n-1) == "DESC") {
		n--
	}
	if n > 2 && word(n-2) == "COLLATE" {
		n -= 2
	}
	return strings.TrimSpace(s[spans[0].start:spans[n-1].end])
}

// sqlSpans splits s into top-level tokens, skipping blanks and comments.
func sqlSpans(s string) []sqlSpan {
	var spans []sqlSpan
	for i := 0; i < len(s); {
		if next, ok := skipBlank(s, i); ok {
			i = next
			continue
		}
		end := sqlTokenEnd(s, i)
		spans = append(spans, sqlSpan{i, end})
		i = end
	}
	return spans
}

// skipBlank returns the end of the white space or comment at i, if any.
func skipBlank(s string, i int) (int, bool) {
	switch {
	case s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r' || s[i] == '\f':
		return i + 1, true
	case strings.HasPrefix(s[i:], "--"):
		if j := strings.IndexByte(s[i:], '\n'); j >= 0 {
			return i + j + 1, true
		}
		return len(s), true
	case strings.HasPrefix(s[i:], "/*"):
		if j := strings.Index(s[i+2:], "*/"); j >= 0 {
			return i + 2 + j + 2, true
		}
		return len(s), true
	}
	return i, false
}

// sqlTokenEnd returns the end of the token starting at i.
func sqlTokenEnd(s string, i int) int {
	switch c := s[i]; {
	case c == '\'' || c == '"' || c == '`':
		for j := i + 1; j < len(s); j++ {
			if s[j] == c {
				if j+1 < len(s) && s[j+1] == c { // doubled quote inside
					j++
					continue
				}
				return j + 1
			}
		}
		return len(s)
	case c == '[':
		if j := strings.IndexByte(s[i:], ']'); j >= 0 {
			return i + j + 1
		}
		return len(s)
	case c == '(':
		for j := i + 1; j < len(s); {
			if next, ok := skipBlank(s, j); ok {
				j = next
				continue
			}
			if s[j] == ')' {
				return j + 1
			}
			j = sqlTokenEnd(s, j)
		}
		return len(s)
	case isWordByte(c):
		j := i
		for j < len(s) && isWordByte(s[j]) {
			j++
		}
		return j
	}
	return i + 1
}

// isWordByte reports bytes of unquoted identifiers, keywords and numbers;
// bytes of multi-byte UTF-8 characters count, as SQLite allows them.
func isWordByte(c byte) bool {
	return c == '_' || c == '$' || c == '.' || c >= 0x80 ||
		('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z') || ('0' <= c && c <= '9')
}
