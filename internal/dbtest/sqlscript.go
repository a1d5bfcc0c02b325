package dbtest

import (
	"fmt"
	"strings"
)

// SplitSQL splits a PostgreSQL script into statements, without their
// terminating semicolons and surrounding blank space. It understands
// '…' strings (with ” and, in E'…', backslash escapes), "…" identifiers,
// $tag$…$tag$ bodies, -- and /* */ comments, and psql meta-commands (a line
// starting with a backslash), which come out as their own statement.
// Comments are kept inside the statement they precede or follow.
func SplitSQL(script string) ([]string, error) {
	var stmts []string
	start := 0
	atStatementStart := true
	flush := func(end int) {
		if s := strings.TrimSpace(script[start:end]); s != "" && !isOnlyComments(s) {
			stmts = append(stmts, s)
		}
	}
	for i := 0; i < len(script); {
		c := script[i]
		switch {
		case c == '\\' && atStatementStart:
			end := strings.IndexByte(script[i:], '\n')
			if end < 0 {
				end = len(script) - i
			}
			flush(i)
			stmts = append(stmts, strings.TrimSpace(script[i:i+end]))
			i += end
			start = i
			continue
		case c == ';':
			flush(i)
			i++
			start = i
			atStatementStart = true
			continue
		case c == '-' && strings.HasPrefix(script[i:], "--"):
			end := strings.IndexByte(script[i:], '\n')
			if end < 0 {
				end = len(script) - i
			}
			i += end
			continue
		case c == '/' && strings.HasPrefix(script[i:], "/*"):
			end, err := blockCommentEnd(script, i)
			if err != nil {
				return nil, err
			}
			i = end
			continue
		case c == '\'':
			escapes := i > 0 && (script[i-1] == 'E' || script[i-1] == 'e') && (i < 2 || !isIdentByte(script[i-2]))
			end, err := quotedEnd(script, i, '\'', escapes)
			if err != nil {
				return nil, err
			}
			i = end
		case c == '"':
			end, err := quotedEnd(script, i, '"', false)
			if err != nil {
				return nil, err
			}
			i = end
		case c == '$' && (i == 0 || !isIdentByte(script[i-1])):
			if tag, ok := dollarTag(script[i:]); ok {
				end := strings.Index(script[i+len(tag):], tag)
				if end < 0 {
					return nil, fmt.Errorf("unterminated %s…%s body at byte %d", tag, tag, i)
				}
				i += len(tag) + end + len(tag)
			} else {
				i++
			}
		default:
			i++
		}
		if c != ' ' && c != '\t' && c != '\r' && c != '\n' {
			atStatementStart = false
		}
	}
	flush(len(script))
	return stmts, nil
}

func isIdentByte(c byte) bool {
	return c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
}

// quotedEnd returns the index just past the quoted text opening at i.
func quotedEnd(s string, i int, quote byte, backslashEscapes bool) (int, error) {
	for j := i + 1; j < len(s); j++ {
		switch s[j] {
		case '\\':
			if backslashEscapes {
				j++
			}
		case quote:
			if j+1 < len(s) && s[j+1] == quote {
				j++
				continue
			}
			return j + 1, nil
		}
	}
	return 0, fmt.Errorf("unterminated %c…%c at byte %d", quote, quote, i)
}

// blockCommentEnd returns the index just past the (nestable) comment at i.
func blockCommentEnd(s string, i int) (int, error) {
	depth := 0
	for j := i; j < len(s)-1; j++ {
		switch {
		case s[j] == '/' && s[j+1] == '*':
			depth++
			j++
		case s[j] == '*' && s[j+1] == '/':
			depth--
			j++
			if depth == 0 {
				return j + 1, nil
			}
		}
	}
	return 0, fmt.Errorf("unterminated /* comment at byte %d", i)
}

// dollarTag returns the $tag$ opening s, if any.
func dollarTag(s string) (string, bool) {
	for j := 1; j < len(s); j++ {
		if s[j] == '$' {
			return s[:j+1], true
		}
		if !isIdentByte(s[j]) || (j == 1 && s[j] >= '0' && s[j] <= '9') {
			return "", false
		}
	}
	return "", false
}

// isOnlyComments reports whether s holds nothing but comments and space.
func isOnlyComments(s string) bool { return stripLeadingComments(s) == "" }
