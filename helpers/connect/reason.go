package connect

import "strings"

// Reason is err's message without the "connect: " that every error of this
// package (and of the openers registered with it) starts with: for a
// message that puts it inside a sentence of its own, such as "connect:
// DATABASE_URL: <reason>".
func Reason(err error) string {
	return strings.TrimPrefix(err.Error(), "connect: ")
}
