package connect

import (
	"strings"

	"github.com/bunbook/bunbook/internal/redact"
)

// Redact returns dsn with every credential in it replaced by xxxxx, so an
// error or a log line can quote it: the password of a URL's user:password@
// (whatever characters it holds, '/', '@' and '?' included), of
// go-sql-driver's native user:password@tcp(host)/db, and the value of any
// password-like parameter (password, sslpassword, passfile, …) in a query or
// a keyword=value DSN. Everything else is kept, so the message still says
// which database was meant. It is bunbook's one redaction
// (internal/redact), which codegen's headers use too.
func Redact(dsn string) string { return redact.DSN(dsn) }

// redactError hides dsn's credentials in err's message, as a last guard
// for whatever a driver echoes; err stays reachable with errors.Is/As.
func redactError(err error, dsn string) error {
	if msg := redact.Text(err.Error(), dsn); msg != err.Error() {
		return &redactedError{msg: msg, err: err}
	}
	return err
}

type redactedError struct {
	msg string
	err error
}

func (e *redactedError) Error() string { return e.msg }
func (e *redactedError) Unwrap() error { return e.err }

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
