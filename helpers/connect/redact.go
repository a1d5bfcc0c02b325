package connect

import (
	"strings"
)

// secretParams are the DSN parameters whose values are credentials, in
// URL queries (?password=…) and libpq keyword DSNs (password=… host=…).
var secretParams = []string{"password", "passwd", "pwd", "pass", "sslpassword"}

// Redact returns dsn with every credential in it replaced by xxxxx, so an
// error or a log line can quote it: the password of a URL's user:password@
// (whatever characters it holds, '/', '@' and '?' included), of
// go-sql-driver's native user:password@tcp(host)/db, and the value of any
// password-like parameter (password, passwd, pwd, pass, sslpassword) in a
// query or a keyword=value DSN. Everything else is kept, so the message
// still says which database was meant.
func Redact(dsn string) string {
	return redactParams(redactUserinfo(dsn))
}

// redactUserinfo masks the password of user:password@ in URL and native
// MySQL DSNs.
func redactUserinfo(dsn string) string {
	start := 0
	if i := strings.Index(dsn, "://"); i > 0 && isScheme(dsn[:i]) {
		start = i + 3
	} else if !IsMySQLDSN(dsn) {
		return dsn
	}
	rest := dsn[start:]
	at := userinfoEnd(rest)
	if at < 0 {
		return dsn
	}
	colon := strings.IndexByte(rest[:at], ':')
	if colon < 0 {
		return dsn
	}
	return dsn[:start] + rest[:colon] + ":xxxxx" + rest[at:]
}

// userinfoEnd is the index of the '@' that ends the user information of
// rest (a DSN after its "scheme://"), or -1. A password may hold '/', '?'
// and '@' (unescaped, by mistake), so this is the last '@' before the
// query, or else the last '@' that is not inside a query value.
func userinfoEnd(rest string) int {
	if IsMySQLDSN(rest) {
		return nativeAt(rest)
	}
	q := strings.IndexByte(rest, '?')
	if q >= 0 {
		if at := strings.LastIndexByte(rest[:q], '@'); at >= 0 {
			return at
		}
	}
	at := strings.LastIndexByte(rest, '@')
	if at < 0 || strings.IndexByte(rest[:at], '=') >= 0 {
		return -1
	}
	return at
}

// redactParams masks the values of secretParams wherever they appear as
// key=value after a '?', '&', ';', a space or at the start.
func redactParams(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		key, ok := secretAt(s, i)
		if !ok {
			b.WriteByte(s[i])
			i++
			continue
		}
		b.WriteString(s[i : i+len(key)+1])
		b.WriteString("xxxxx")
		i += len(key) + 1
		if i < len(s) && (s[i] == '\'' || s[i] == '"') { // keyword DSN: password='a b'
			if end := strings.IndexByte(s[i+1:], s[i]); end >= 0 {
				i += end + 2
				continue
			}
		}
		for i < len(s) && !strings.ContainsRune("& ;#\t\n", rune(s[i])) {
			i++
		}
	}
	return b.String()
}

// secretAt reports the secret parameter name whose "name=" starts at s[i],
// at a parameter boundary.
func secretAt(s string, i int) (string, bool) {
	if i > 0 && !strings.ContainsRune("?& ;\t\n", rune(s[i-1])) {
		return "", false
	}
	for _, key := range secretParams {
		if len(s) > i+len(key) && strings.EqualFold(s[i:i+len(key)], key) && s[i+len(key)] == '=' {
			return s[i : i+len(key)], true
		}
	}
	return "", false
}

// IsMySQLDSN reports whether dsn is in go-sql-driver/mysql's native form,
// [user[:password]@]tcp(host:port)/dbname[?params] (also tcp4, tcp6 and
// unix(/path/to/socket)), which Open accepts as a MySQL / MariaDB URL.
func IsMySQLDSN(dsn string) bool {
	return nativeNet(dsn) != ""
}

// nativeNet returns the "net(" that follows the user information of a
// native MySQL DSN, or "".
func nativeNet(dsn string) string {
	rest := dsn[nativeAt(dsn)+1:]
	for _, net := range []string{"tcp(", "tcp4(", "tcp6(", "unix("} {
		if strings.HasPrefix(rest, net) {
			if end := strings.Index(rest, ")/"); end > len(net)-1 {
				return net
			}
		}
	}
	return ""
}

// nativeAt is the index of the '@' before the "tcp(" of a native MySQL
// DSN (the last '@' followed by a network), or -1 when there is none.
func nativeAt(dsn string) int {
	for at := strings.LastIndexByte(dsn, '@'); at >= 0; at = strings.LastIndexByte(dsn[:at], '@') {
		rest := dsn[at+1:]
		for _, net := range []string{"tcp(", "tcp4(", "tcp6(", "unix("} {
			if strings.HasPrefix(rest, net) {
				return at
			}
		}
	}
	return -1
}
