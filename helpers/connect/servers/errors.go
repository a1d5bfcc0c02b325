package servers

import (
	"context"
	"errors"
	"net"
	"strings"

	"github.com/jackc/pgx/v5/pgconn"
)

// serverError is a connection failure told in one line, problem and fix
// first; the driver's own error stays reachable with errors.As/Is.
type serverError struct {
	err error
	msg string
}

func (e *serverError) Error() string { return e.msg }
func (e *serverError) Unwrap() error { return e.err }

// serverCause is the root of a driver's connection error in a few words:
// the network error ("dial tcp 127.0.0.1:1: connect: connection refused"),
// the server's message, or the first line of anything else. Drivers repeat
// themselves (pgx lists every attempt, TLS and plain), notebooks want one
// line.
func serverCause(err error) string {
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		return pgErr.Message + " (SQLSTATE " + pgErr.Code + ")"
	}
	var dnsErr *net.DNSError
	if errors.As(err, &dnsErr) {
		return dnsErr.Error()
	}
	var opErr *net.OpError
	if errors.As(err, &opErr) {
		return opErr.Error()
	}
	if errors.Is(err, context.DeadlineExceeded) {
		return "timed out"
	}
	msg := strings.TrimSpace(err.Error())
	if i := strings.IndexByte(msg, '\n'); i >= 0 {
		msg = strings.TrimSpace(msg[:i])
	}
	return msg
}
