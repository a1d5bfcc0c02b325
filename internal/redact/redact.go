// Package redact hides the credentials in a data source name, so that an
// error message, a log line or a generated file can quote where it connected
// without carrying a password.
//
// It is the one redaction of bunbook: connect's errors, codegen's header and
// the test helpers all call it, so every credential form is hidden the same
// way everywhere. It recognises
//
//   - the password of a URL, user:pass@host, also when net/url cannot parse
//     the URL (a password holding '/', '?', '#' or '@');
//   - credential parameters in a URL query or a libpq keyword/value string:
//     password, sslpassword, passfile, passwd, pwd and any key holding
//     "password", "secret" or "token";
//   - go-sql-driver/mysql's native DSN, user:pass@tcp(host:3306)/db.
//
// Each credential is replaced by [Mask]; everything else is kept byte for
// byte, so the result still shows which server and database were meant.
// When in doubt it hides more, never less.
package redact

import (
	"net/url"
	"regexp"
	"sort"
	"strings"
)

// Mask replaces each credential; it is what net/url's Redacted writes too.
const Mask = "xxxxx"

// DSN returns dsn with every credential replaced by [Mask].
func DSN(dsn string) string {
	spans := find(dsn)
	if len(spans) == 0 {
		return dsn
	}
	var b strings.Builder
	last := 0
	for _, s := range spans {
		b.WriteString(dsn[last:s.start])
		b.WriteString(Mask)
		last = s.end
	}
	b.WriteString(dsn[last:])
	return b.String()
}

// Secrets returns the credentials found in dsn, as written there, in order.
func Secrets(dsn string) []string {
	var out []string
	for _, s := range find(dsn) {
		out = append(out, dsn[s.start:s.end])
	}
	return out
}

// minEchoLen is the shortest secret Text hides outside a copy of the DSN
// itself: hiding every "a" of a message would make it unreadable.
const minEchoLen = 3

// Text hides in text the credentials of dsn: every copy of dsn itself, and
// every echo of one of its secrets (as written, URL-decoded or unquoted), as
// drivers quote them in their errors.
func Text(text, dsn string) string {
	if dsn == "" {
		return text
	}
	text = strings.ReplaceAll(text, dsn, DSN(dsn))
	var echoes []string
	for _, s := range Secrets(dsn) {
		echoes = append(echoes, s)
		if d, err := url.PathUnescape(s); err == nil && d != s {
			echoes = append(echoes, d)
		}
		if len(s) >= 2 && s[0] == '\'' && s[len(s)-1] == '\'' {
			echoes = append(echoes, strings.ReplaceAll(s[1:len(s)-1], `\'`, `'`))
		}
	}
	// Longest first, so a secret holding another is hidden whole.
	sort.SliceStable(echoes, func(i, j int) bool { return len(echoes[i]) > len(echoes[j]) })
	for _, e := range echoes {
		if len(e) >= minEchoLen && e != Mask {
			text = strings.ReplaceAll(text, e, Mask)
		}
	}
	return text
}

// span is the byte range [start, end) of one credential.
type span struct{ start, end int }

// find returns the credentials of dsn in order, without overlaps.
func find(dsn string) []span {
	var spans []span
	after := 0 // where credential parameters may start
	if user, ok := userinfoPassword(dsn); ok {
		if user.end > user.start {
			spans = append(spans, user)
		}
		after = user.end
	}
	return append(spans, parameters(dsn, after)...)
}

// userinfoPassword finds the password of a URL's user:pass@ or of a native
// MySQL DSN. ok reports a userinfo with a colon, even an empty password;
// the returned span then ends at its '@'.
func userinfoPassword(dsn string) (span, bool) {
	i := strings.Index(dsn, "://")
	if i < 0 {
		return mysqlPassword(dsn)
	}
	start := i + 3
	rest := dsn[start:]
	if u, err := url.Parse(dsn); err == nil && u.User != nil {
		if _, has := u.User.Password(); has {
			// Exactly as net/url (and so pgx) reads it: the authority
			// ends at the first '/', '?' or '#', the userinfo at its last '@'.
			authority := rest
			if end := strings.IndexAny(rest, "/?#"); end >= 0 {
				authority = rest[:end]
			}
			at := strings.LastIndex(authority, "@")
			colon := strings.Index(authority[:at], ":")
			return span{start + colon + 1, start + at}, true
		}
		return span{}, false
	}
	// net/url failed, or read part of a password as host, port, path or
	// query (u:pa/ss@h, u:12/ss@h, u:1?ss@h): take the user up to the first
	// ':' and the password up to the last '@' followed by a plausible host.
	colon := strings.Index(rest, ":")
	if colon < 0 || strings.ContainsAny(rest[:colon], "/?#@") {
		return span{}, false
	}
	at := strings.LastIndex(rest, "@")
	if at < colon {
		return span{}, false
	}
	password := rest[colon+1 : at]
	if q := strings.Index(password, "?"); q >= 0 && strings.ContainsAny(password[q:], "=&") {
		// The '@' is inside a query parameter (?application_name=a@b).
		return span{}, false
	}
	host := rest[at+1:]
	if end := strings.IndexAny(host, "/?#"); end >= 0 {
		host = host[:end]
	}
	if !hostPattern.MatchString(host) {
		return span{}, false
	}
	return span{start + colon + 1, start + at}, true
}

// hostPattern matches a URL host with an optional port, IPv6 included.
var hostPattern = regexp.MustCompile(`^[A-Za-z0-9._~%!$&'()*+,;=\[\]:-]*$`)

// mysqlAddress matches the part of a native MySQL DSN after the userinfo:
// @net(address)/ or @net/ or @/, for the networks the driver knows.
var mysqlAddress = regexp.MustCompile(`@(?:(?:tcp[46]?|udp[46]?|unix)(?:\([^)]*\))?)?/`)

// mysqlPassword finds the password of go-sql-driver/mysql's native DSN,
// [user[:password]@][net[(address)]]/dbname[?params]. The driver takes the
// user up to the first ':' and the password up to the '@' before the address.
func mysqlPassword(dsn string) (span, bool) {
	all := mysqlAddress.FindAllStringIndex(dsn, -1)
	if len(all) == 0 {
		return span{}, false
	}
	at := all[len(all)-1][0]
	colon := strings.Index(dsn[:at], ":")
	if colon < 0 {
		return span{}, false
	}
	return span{colon + 1, at}, true
}

// credentialKey reports whether a URL query or keyword/value key names a
// credential.
func credentialKey(key string) bool {
	key = strings.ToLower(key)
	switch key {
	case "pass", "passwd", "pwd", "passfile", "sslpassword", "apikey", "api_key":
		return true
	}
	return strings.Contains(key, "password") || strings.Contains(key, "secret") || strings.Contains(key, "token")
}

// parameter matches key=value in a URL query (after '?' or '&') or in a
// libpq keyword/value string (after a space); a value is a quoted string or
// runs to the next '&', '#' or space.
var parameter = regexp.MustCompile(`(?:^|[?&;\s])([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*('(?:[^'\\]|\\.)*'?|[^&#\s]*)`)

// parameters finds the values of credential parameters in dsn[after:].
func parameters(dsn string, after int) []span {
	var spans []span
	for _, m := range parameter.FindAllStringSubmatchIndex(dsn[after:], -1) {
		key := dsn[after+m[2] : after+m[3]]
		if credentialKey(key) && m[5] > m[4] {
			spans = append(spans, span{after + m[4], after + m[5]})
		}
	}
	return spans
}
