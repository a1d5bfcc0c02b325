package exercise

import (
	"context"
	"database/sql"
	"fmt"
	"reflect"
	"strings"
	"time"
)

// rowQuerier is what Q1 needs of a connection: *bun.DB, *sql.DB, bun.Conn,
// *sql.Conn and transactions all have it.
type rowQuerier interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// checkConnection asks the database how many tracks it holds and compares
// that with the count in the chinook.db next to the notebook.
func checkConnection(answer any) Result {
	const id = "Q1"
	if _, ok := deref(reflect.ValueOf(answer)); !ok {
		return unanswered(id)
	}
	db, ok := answer.(rowQuerier)
	if !ok {
		return wrong(id, "got %s; pass the database you opened (the *bun.DB)", describeType(reflect.TypeOf(answer)))
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	// tracks in chinook.db (and copies of it); track in the official
	// Chinook 1.4.5 scripts for PostgreSQL and MySQL.
	var n int64
	var err error
	for _, table := range []string{"tracks", "track"} {
		err = db.QueryRowContext(ctx, "SELECT COUNT(*) FROM "+table).Scan(&n)
		if err == nil || !noSuchTable(err) {
			break
		}
	}
	if err != nil {
		if noSuchTable(err) {
			return wrong(id, "this database has no tracks table, so it is not Chinook: open the chinook.db the download cell prepared (or, on a server, the database Chinook was loaded into)")
		}
		return wrong(id, "the database does not answer (%v): open it again, and do not Close it before the check", err)
	}
	want, err := expected(id)
	if err != nil {
		return wrong(id, "%v", err)
	}
	if len(want) != 1 || want[0][0] != fmt.Sprint(n) {
		return wrong(id, "this database's tracks table has %d rows, not as many as the chinook.db next to this notebook: open that file (exercise.ChinookFile)", n)
	}
	return correct(id)
}

// noSuchTable reports whether err says a table is missing, in the words
// of SQLite, PostgreSQL or MySQL/MariaDB.
func noSuchTable(err error) bool {
	msg := err.Error()
	return strings.Contains(msg, "no such table") || strings.Contains(msg, "does not exist") || strings.Contains(msg, "doesn't exist")
}
