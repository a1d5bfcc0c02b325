// Package connect opens a database for a notebook cell or a program and
// returns a ready *bun.DB: the right driver and dialect, foreign keys
// enforced, and optional SQL echo like SQLAlchemy's create_engine(echo=True).
//
// In a GoNB cell:
//
//	db := connect.MustOpen(ctx, "chinook.db")                         // existing file, else a clear error
//	db := connect.MustOpen(ctx, "lesson1.db", connect.Create())       // make it if missing
//	db := connect.MustOpen(ctx, ":memory:", connect.Echo(os.Stdout))  // print every statement
//
// # Data source names
//
// SQLite is the default. All of these open the same file:
//
//	lesson1.db                   a plain path, relative to the working directory
//	file:lesson1.db?cache=private  an SQLite URI; its query parameters are kept
//	sqlite:///lesson1.db         SQLAlchemy's form: three slashes, then a relative path
//	sqlite://lesson1.db          the same, host form
//
// and sqlite:////tmp/lesson1.db (four slashes) names the absolute path
// /tmp/lesson1.db, as in SQLAlchemy.
//
// A database file that does not exist is an error (wrapping fs.ErrNotExist)
// that names the path and the fix, never a silently created empty database:
// a mistyped path would otherwise look like a database with no tables. Pass
// [Create] to make a new database; Open then writes it to disk at once, so
// the next cell opens it without Create.
//
// For the same reason Open reads the file's header before SQLite does, and
// refuses, naming the file and the fix:
//
//   - an empty (0-byte) file, what a failed download or copy leaves (with
//     Create it becomes the new database);
//   - a device, pipe or socket (/dev/zero, a FIFO), and a file that does not
//     start like an SQLite database (/proc/self/status, a text file, a zip);
//   - a truncated database: shorter than the size its header records
//     (unless a -journal or -wal beside it lets SQLite recover).
//
// Create never overwrites a file that is not an empty one.
//
// ":memory:" (or "sqlite://", or "file::memory:") opens a private in-memory
// database. It lives exactly as long as the *bun.DB, which in a notebook means
// as long as the cell's program: every GoNB cell runs a new program, so an
// in-memory database does not survive into the next cell. Use a file to keep
// data between cells. The in-memory pool holds one connection, since each
// SQLite connection would otherwise get its own empty database.
//
// Every SQLite connection runs with PRAGMA foreign_keys = ON (Open verifies
// it) and a busy timeout of 5 s, so a second program writing the same file
// waits instead of failing at once with "database is locked". A DSN asking for
// foreign_keys off is rejected. When the lock outlasts the wait, Open says the
// database is locked by another program (most likely a DB browser with
// unsaved changes, or another kernel in the middle of a transaction) and how
// to release it.
//
// Other databases are chosen by the URL scheme. This package links SQLite
// only, so that a notebook cell on the lessons' default path does not link
// the server drivers on every run. PostgreSQL and MySQL / MariaDB are one
// blank import away, the way database/sql drivers and Bun's dialects
// register:
//
//	import _ "github.com/bunbook/bunbook/helpers/connect/servers"
//
// Without it a postgres://, mysql:// or native MySQL DSN is one error
// naming that import; an unknown scheme is an error listing the supported
// ones.
//
// Errors never quote a password: every DSN in a message goes through
// [Redact]. Nil and zero inputs are errors, never panics: a nil context is
// context.Background.
//
// # Echo
//
// [Echo] logs every statement sent, DDL included, through bun's
// extra/bundebug hook in verbose mode, without terminal colours (ANSI codes
// garble notebook output):
//
//	[bun]  12:01:02.345  CREATE TABLE      41µs  CREATE TABLE "customers" (...)
//
// Without Echo, the BUNDEBUG environment variable is honoured with bun's own
// meaning, writing to standard output: BUNDEBUG=1 logs failed queries,
// BUNDEBUG=2 logs every query, BUNDEBUG=0 or unset logs nothing. In GoNB set
// it for all later cells with `%env BUNDEBUG=2`.
package connect
