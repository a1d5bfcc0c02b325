// Package download fetches the Chinook sample database used throughout the
// course, safely, in one line.
//
// The Python lesson downloads
// http://www.sqlitetutorial.net/wp-content/uploads/2018/03/chinook.zip and
// unzips chinook.db. This package does the same, properly:
//
//   - Verified: the zip from the default URL must have its published
//     SHA-256, and the database inside, from any source, must have Chinook's
//     release digest. A mismatch is an error naming both digests.
//   - Cached: a chinook.db already at the destination with the right digest
//     is reused without touching the network.
//   - Safe: bytes go to a temporary file next to the destination, are
//     verified, only the chinook.db member is extracted (an entry named like
//     ../x makes the whole archive rejected, and the member is cut off at
//     256 MiB actually inflated, whatever its header claims), and the
//     result is renamed into place atomically. A failed, truncated or
//     interrupted transfer leaves nothing behind and never replaces a good
//     file.
//   - Patient but bounded: an idle timeout, an overall timeout, and a few
//     retries with exponential back-off for transient failures (5xx, reset
//     connections, truncated bodies); never for a 404 or a checksum mismatch.
//   - Visible: an HTML progress bar in GoNB, a terminal progress bar in a
//     terminal, and in both cases a final line in the lesson's style:
//     "ready: /path/chinook.db (884736 bytes, sha256 ok)".
//
// # In a GoNB notebook cell
//
//	import "github.com/bunbook/bunbook/data/download"
//
//	%%
//	path, err := download.Chinook(context.Background(), "chinook.db")
//	if err != nil {
//		panic(err)
//	}
//
// The cell shows a progress bar while downloading and keeps the line
// "ready: /home/ana/course/chinook.db (884736 bytes, sha256 ok)" in the
// saved notebook. Running the cell again prints
// "ready: … (884736 bytes, sha256 ok, cached)" instantly, offline. Pressing
// the notebook's stop button cancels the download cleanly (inside GoNB an
// interrupt cancels the download instead of killing the cell); nothing is
// left half-written.
//
// # Where the data comes from
//
// In order of precedence:
//
//  1. the [Source] option (the CLI's -source flag);
//  2. the CHINOOK_SOURCE environment variable;
//  3. sqlitetutorial.net's chinook.zip over https, then the lesson's original
//     plain-http address (safe because the bytes are verified).
//
// A source is an http(s) URL, a file:// URL, or a local path. It may point
// at a zip holding chinook.db or directly at a SQLite database file; the two
// are told apart by their first bytes, not their names. Offline classrooms
// and CI set, for example:
//
//	export CHINOOK_SOURCE=/srv/course/chinook.zip
//	export CHINOOK_SOURCE=http://teacher-laptop.local:8000/chinook.zip
//
// For a source other than the default URL the zip's own digest is not
// checked (a mirror may re-compress it), but the database inside must still
// match [chinookDBSHA256]. A teacher who deliberately hands out a different
// database either pins its digest with [DBSHA256] or disables the check
// with [Unverified]; the final line then says "sha256 NOT verified" and
// shows the digest, so the choice stays visible.
//
// # A student's modified chinook.db
//
// Students change the database during the course. When the destination
// holds a SQLite database whose digest differs from the release, it is
// kept as is, without network access, and the final line says so. With
// [Force] (-force) the original is restored and the student's file is first
// saved beside it as chinook.db.modified-YYYYMMDD-HHMMSS. A destination
// that is not a SQLite database at all (a broken earlier download, a
// mistaken copy) is replaced, after being saved as chinook.db.broken-…;
// an empty file is simply replaced. Nothing is deleted without a word.
//
// SQLite keeps a database's latest state partly in side files: a hot
// chinook.db-journal after a kernel died mid-transaction, or chinook.db-wal
// and -shm in WAL mode. They travel with their database: a backup takes
// them along (chinook.db.modified-…-journal), so it opens with the
// student's last committed work, and the fresh file never inherits them,
// which would corrupt it. A journal or WAL holding data makes even a file
// with the release's digest count as modified; one left without its
// database is saved as chinook.db.orphaned-…-journal.
//
// # Progress
//
// By default the display suits where the code runs: inside GoNB an HTML
// <progress> bar updated in place (gonbui.UpdateHTML, at most ten times a
// second), removed at the end and replaced by the "ready:" line on stdout,
// which the notebook saves; in a terminal a progress bar on stderr
// (github.com/schollz/progressbar) and the "ready:" line on stdout;
// elsewhere (CI logs, go test) only the "ready:" line. [Quiet], [Output]
// and [Terminal] override the choice.
//
// # Timeouts, retries, interrupts
//
// An attempt that receives nothing for 30 s ends, and the whole call gives
// up after 5 minutes. Transient failures (5xx, reset connections, truncated
// bodies) are retried 3 times with exponential back-off and jitter; a 404
// or a checksum mismatch never is. The default https URL falls back to
// http only when it fails for a reason a different scheme might avoid. The
// context given to [Chinook] cancels everything; inside GoNB the stop button
// (SIGINT), a kernel shutdown (SIGTERM) or a hang-up (SIGHUP) cancel it too;
// elsewhere the program keeps its own signals (cmd/chinook handles all
// three). Temporary files are named .chinook-*.part beside the destination
// and removed on every failure and cancellation; ones left by a killed
// process (SIGKILL) are swept after a day.
//
// # Errors
//
// Every error starts with "chinook:", says what was being done and from
// where, and ends with a sentence saying what to do. A source is always
// quoted with its password and signed-URL parameters hidden
// (internal/redact), also when it does not parse as a URL. A source or
// destination that is not a regular file (a named pipe, a device) is refused
// before it is opened; a file that only looks like a SQLite database (a bare
// header, a truncated copy) is refused even with [Unverified]; a failed
// download removes the folders it created for the destination.
// Cancellation matches [context.Canceled].
//
// # Command line
//
// The command github.com/bunbook/bunbook/cmd/chinook does the same from a
// terminal, with flags mirroring the options, and cleans up on Ctrl-C, SIGTERM and SIGHUP (go run ./cmd/chinook -h):
//
//	go run ./cmd/chinook -o chinook.db
//	go run ./cmd/chinook -source /srv/course/chinook.zip -o data/
package download
