// Package download fetches the Chinook sample database used throughout the
// course, safely, in one line: [Chinook].
//
// The Python lesson downloads sqlitetutorial.net's chinook.zip and unzips
// chinook.db. This package does the same, properly:
//
//   - Verified: the zip from the default URL must have its published
//     SHA-256, and the database inside, from any source, Chinook's release
//     digest. A mismatch is an error naming both digests.
//   - Cached: a chinook.db already at the destination with the right digest
//     is reused without touching the network.
//   - Safe: bytes go to a temporary .chinook-*.part file next to the
//     destination; only the chinook.db member is extracted (an entry named
//     like ../x condemns the archive, and the member is cut off at 256 MiB
//     actually inflated); the verified file is renamed into place
//     atomically. A failed or interrupted download leaves nothing behind
//     and never replaces a good file; leftovers of a killed process are
//     swept after a day. A server that sends nothing for 30 seconds is
//     given up (the next default source is tried); the whole call gives
//     up after 5 minutes.
//   - Visible: inside GoNB an HTML <progress> bar that becomes the line
//     "ready: /path/chinook.db (884736 bytes, sha256 ok)", which the
//     notebook saves; elsewhere only that line, on stdout ([Quiet] and
//     [Output] choose otherwise). A re-run says "…, sha256 ok, cached)".
//
// # Where the data comes from
//
// The [Source] option (the CLI's -source flag), else the CHINOOK_SOURCE
// environment variable (offline classrooms, CI), else sqlitetutorial.net's
// chinook.zip over https, then the lesson's original plain-http URL. A
// source is an http(s) URL, a file:// URL or a local path, to a zip holding
// chinook.db or to the database itself, told apart by their first bytes.
// Only the default URL's zip digest is checked (a mirror may re-compress
// it); a teacher who hands out another database pins its digest with
// [DBSHA256] or accepts it with [Unverified], and the final line then says
// "sha256 NOT verified".
//
// # A student's modified chinook.db
//
// A destination holding a SQLite database with another digest is kept,
// offline, and the final line says so. With [Force] (-force) the original
// is restored and the student's file is first saved beside it as
// chinook.db.modified-YYYYMMDD-HHMMSS; a file that is not a SQLite database
// is saved as chinook.db.broken-… and replaced. SQLite's side files (a hot
// -journal, or -wal and -shm) travel with their database: a backup takes
// them along, the fresh file never inherits them, and one left without its
// database is saved as chinook.db.orphaned-…-journal.
//
// # Interrupts and errors
//
// The context cancels everything; inside GoNB the stop button (SIGINT), a
// kernel shutdown (SIGTERM) or a hang-up (SIGHUP) cancel it too; elsewhere
// the program keeps its own signals (cmd/chinook, the terminal twin of this
// package, handles all three). Cancellation matches [context.Canceled].
//
// Every error starts with "chinook:", says what was being done and from
// where, and ends with a sentence saying what to do. A source is always
// shown with its password and signed-URL parameters hidden
// (internal/redact). A source or destination that is not a regular file (a
// named pipe, a device) is refused before it is opened, and a file that
// only looks like a SQLite database is refused even with [Unverified].
package download
