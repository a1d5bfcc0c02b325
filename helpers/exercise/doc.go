// Package exercise checks a student's answers to the Chinook exercises
// (notebooks/exercises) and says where a wrong one differs, without
// printing the expected values.
//
// Each question has a function named after it (Q1 … Q7, with Q5 in two
// parts, Q5a and Q5b). Pass it your answer in whatever natural Go form your
// query produced, and it prints one line:
//
//	✅ Q4 correct
//	❌ Q4 not yet: row 3: the album title differs; each track with the title of its own album
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
// The expected answers are computed when an answer is checked: each
// question has a reference query (reference.go) that the check runs,
// read-only, on the chinook.db next to the notebook, the file the
// student's own cells query. So a student who changed that file while
// practising is checked against their data as it is now; one who broke it
// (dropped a table, deleted every row) is told to download it again.
//
// A hint says which row or which column differs and how many rows are
// expected, never an expected value, and the questions notebook holds no
// answer. That is all the checks hide: the reference queries are plain SQL
// in this package's source, and every student has chinook.db, so a
// student who reads the source, or runs the queries, has the answers. The
// checks are a learning aid for an honour-system course, not an exam. A
// teacher who does not want students to read the solutions notebook ships
// the course without it; see docs/exercises.md.
//
// A value the check cannot read gives a ❌ line that names it: a map or
// slice that contains itself, or a String or Value method of the student's
// own type that panics or does not return within 5 seconds (guard.go).
//
// A nil or empty answer is "not yet answered", never a panic, so the
// questions notebook runs top to bottom before anything is filled in.
package exercise
