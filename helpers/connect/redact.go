package connect

import "github.com/bunbook/bunbook/internal/redact"

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
		return &wrapped{msg, err}
	}
	return err
}

// wrapped is err told by msg.
type wrapped struct {
	msg string
	err error
}

func (e *wrapped) Error() string { return e.msg }
func (e *wrapped) Unwrap() error { return e.err }
