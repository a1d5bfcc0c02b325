// Package exercise checks a student's answers to the Chinook exercises
// (notebooks/exercises) without giving the answers away.
//
// Each question has a function named after it (Q1 … Q7, with Q5 in two
// parts, Q5a and Q5b). Pass it your answer in whatever natural Go form your
// query produced, and it prints one line:
//
//	✅ Q4 correct
//	❌ Q4 not yet: row 3: the album title differs (first = lowest TrackId: add an Order on the track's id)
//	⬜ Q4 not yet answered: fill in the cell and run it again
//
// Answers may be a slice of structs (query-builder rows or Bun models with
// their relations loaded), a []map[string]any, positional rows ([][]any,
// [][]string), or the *sql.Rows of a query. Columns are found by name,
// ignoring case and underscores, so TrackId, TrackID and track_id all
// match; a model's loaded relation is looked into, so a Track with its Album
// relation answers "album title" through Track.Album.Title. NULL compares
// equal to the zero value a plain string field would hold.
//
// The expected answers are not in the source: only SHA-256 digests of each
// row and each cell of a canonical text form (answer_key.go, generated from
// the real chinook.db by this package's tests, which also prove each digest
// matches the correct answer). The digests let a check say which row or
// which column differs, and how many rows it expected, but not what the
// right value is.
//
// A nil or empty answer is "not yet answered", never a panic, so the
// questions notebook runs top to bottom before anything is filled in.
package exercise
