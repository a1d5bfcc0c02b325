package servers

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
)

// greetingWait is how long notPostgres listens for a server that speaks
// first. A MySQL server greets at once; a PostgreSQL server never does.
const greetingWait = 500 * time.Millisecond

// notPostgres tells whether the server pgx failed to talk to speaks
// another protocol, and says which: pgx reports that case as "received
// unexpected message: %!w(<nil>)", "server refused TLS connection" or
// nothing at all. It dials the first host again and listens without
// sending a byte, since a PostgreSQL server waits for the client. It
// returns nil when the server kept quiet, could not be reached, or is a
// Unix socket.
func notPostgres(ctx context.Context, c *pgx.ConnConfig, cause error) error {
	if strings.HasPrefix(c.Host, "/") || ctx.Err() != nil {
		return nil
	}
	addr := net.JoinHostPort(c.Host, strconv.Itoa(int(c.Port)))
	ctx, cancel := context.WithTimeout(ctx, 2*greetingWait)
	defer cancel()
	conn, err := (&net.Dialer{}).DialContext(ctx, "tcp", addr)
	if err != nil {
		return nil
	}
	defer conn.Close()
	conn.SetReadDeadline(time.Now().Add(greetingWait))
	buf := make([]byte, 256)
	n, _ := conn.Read(buf)
	if n == 0 {
		return nil
	}
	if version, ok := mysqlGreeting(buf[:n]); ok {
		return &serverError{cause, fmt.Sprintf("connect: the server at %s does not speak PostgreSQL: it greets like MySQL/MariaDB (%s): "+
			"is that MySQL's port? Use PostgreSQL's (usually 5432), or a mysql:// URL for MySQL/MariaDB", addr, version)}
	}
	first := buf[:n]
	if i := bytes.IndexAny(first, "\r\n"); i >= 0 {
		first = first[:i]
	}
	return &serverError{cause, fmt.Sprintf("connect: the server at %s does not speak PostgreSQL: it spoke first (%s), which a PostgreSQL server never does: "+
		"check the host and port in the URL (PostgreSQL usually listens on 5432)", addr, strconv.QuoteToASCII(string(first)))}
}

// mysqlGreeting recognises the first packet of a MySQL / MariaDB server: a
// 3-byte length, sequence number 0, then protocol version 10 and the
// server's version, or an error packet (0xff, as when the host is not
// allowed to connect). It returns the version, or the error's message.
func mysqlGreeting(p []byte) (string, bool) {
	if len(p) < 6 || p[3] != 0 {
		return "", false
	}
	length := int(p[0]) | int(p[1])<<8 | int(p[2])<<16
	body := p[4:]
	if length < 2 || length > 1<<16 {
		return "", false
	}
	if len(body) > length {
		body = body[:length]
	}
	switch body[0] {
	case 10:
		version, _, ok := bytes.Cut(body[1:], []byte{0})
		if !ok || len(version) == 0 || !printable(version) {
			return "", false
		}
		return string(version), true
	case 0xff:
		if len(body) < 3 {
			return "", false
		}
		msg := body[3:]
		if len(msg) > 6 && msg[0] == '#' { // SQL state: #HY000
			msg = msg[6:]
		}
		if !printable(msg) {
			return "", false
		}
		return "error: " + string(msg), true
	}
	return "", false
}

func printable(b []byte) bool {
	for _, c := range b {
		if c < 0x20 || c > 0x7e {
			return false
		}
	}
	return true
}
