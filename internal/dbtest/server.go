package dbtest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/uptrace/bun"
	"github.com/uptrace/bun/extra/bundebug"
)

// namePrefix starts the name of every database this package creates; the
// sweeper drops nothing else.
const namePrefix = "bunbook_test_"

// staleAfter is the age after which a leftover test database is dropped.
// Test binaries time out after 10 minutes by default, so an hour-old
// database belongs to no running test.
const staleAfter = time.Hour

// uniqueName returns bunbook_test_<unix seconds>_<8 random hex digits>: unique
// across parallel test binaries, and datable by the sweeper.
func uniqueName() string {
	var b [4]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic(err) // crypto/rand never fails on supported platforms
	}
	return fmt.Sprintf("%s%d_%s", namePrefix, time.Now().Unix(), hex.EncodeToString(b[:]))
}

// isStale reports whether name is a test database created over staleAfter ago.
func isStale(name string, now time.Time) bool {
	rest, ok := strings.CutPrefix(name, namePrefix)
	if !ok {
		return false
	}
	stamp, _, ok := strings.Cut(rest, "_")
	if !ok {
		return false
	}
	sec, err := strconv.ParseInt(stamp, 10, 64)
	if err != nil {
		return false
	}
	return now.Sub(time.Unix(sec, 0)) > staleAfter
}

// InCI reports whether the tests run under continuous integration (CI=true),
// where a missing server is a failure rather than a reason to skip.
func InCI() bool {
	v, _ := strconv.ParseBool(os.Getenv("CI"))
	return v
}

// unreachable skips the test, or fails it under CI, saying how to start the
// server.
func unreachable(tb testing.TB, server, addr, startCmd string, err error) {
	tb.Helper()
	msg := fmt.Sprintf("%s is not reachable at %s: %v\nstart it with: %s", server, addr, err, startCmd)
	if InCI() {
		tb.Fatal(msg)
	}
	tb.Skip(msg + "\n(skipped; under CI=true this fails)")
}

// withDebug adds Bun's query logger, controlled by BUNDEBUG.
func withDebug(db *bun.DB) *bun.DB {
	db.AddQueryHook(bundebug.NewQueryHook(bundebug.FromEnv("BUNDEBUG")))
	return db
}

// sweepStale drops the test databases that killed test runs left behind
// (a test stopped by its timeout never runs its cleanup). list selects the
// database names starting with its one parameter, the test prefix; drop is
// the statement that removes one.
func sweepStale(tb testing.TB, admin *sql.DB, list string, drop func(name string) string) {
	ctx := context.Background()
	rows, err := admin.QueryContext(ctx, list, namePrefix)
	if err != nil {
		tb.Logf("dbtest: list stale test databases: %v", err)
		return
	}
	var stale []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err == nil && isStale(name, time.Now()) {
			stale = append(stale, name)
		}
	}
	rows.Close()
	for _, name := range stale {
		if _, err := admin.ExecContext(ctx, drop(name)); err != nil {
			tb.Logf("dbtest: drop stale %s: %v", name, err)
		}
	}
}
