package servers

import (
	"errors"
	"strings"
)

// errUnescapedUserinfo explains a URL whose password (or user name) holds
// a character that ends the user information early: the URL parser would
// take part of the password for the host, and quote it in its error.
var errUnescapedUserinfo = errors.New(`the user name or password holds '/', '?', '#' or '@': percent-encode them (/ as %2F, ? as %3F, # as %23, @ as %40)`)

// checkUserinfo refuses a URL whose user information is not escaped: more
// than one '@' before the path, or an '@' after a '/', '?' or '#' that is
// not inside a query value.
func checkUserinfo(dsn string) error {
	rest := dsn
	if i := strings.Index(dsn, "://"); i >= 0 {
		rest = dsn[i+3:]
	}
	end := strings.IndexAny(rest, "/?#")
	if end < 0 {
		end = len(rest)
	}
	if strings.Count(rest[:end], "@") > 1 {
		return errUnescapedUserinfo
	}
	if at := strings.IndexByte(rest[end:], '@'); at >= 0 && !strings.Contains(rest[end:end+at], "=") {
		return errUnescapedUserinfo
	}
	return nil
}
