// Package display shows query results the way pandas shows a DataFrame:
// an HTML table in a GoNB notebook, an aligned plain-text table elsewhere
// (go run, go test). It is the Go side of the lesson's display_results()
// and sql() helpers.
//
// In a GoNB cell:
//
//	q := db.NewSelect().Model((*Customer)(nil)).Column("FirstName", "Email")
//	display.SQL(q)                            // print the SQL that would be sent
//	display.Query(ctx, q)                     // run it and show the rows
//
// Each returns an error worth checking (a typo in a column name is an SQL
// error). With connect.Echo on, the statements Query sends are logged too:
// the query with LIMIT 61 and, for a long result, the count and the tail.
//
// # Long results
//
// Like pandas (display.max_rows = 60, display.min_rows = 10), a result of up
// to 60 rows is shown whole; a longer one shows its first 5 and last 5 rows
// with a "…" row between them, and the footer gives the full size, for
// example "3503 rows × 9 columns". The limit is applied in SQL, so a huge
// table is never loaded: Query reads at most 61 rows, and only when
// there are more it asks for the query's count and for the tail rows with
// LIMIT/OFFSET, all on the query's own transaction if it has one. A query
// that cannot take a LIMIT as written (its own LIMIT, a UNION, FOR UPDATE)
// or has a WITH clause (which may modify data) runs exactly once instead,
// read to its end. Row numbers in the index column are positions in the
// whole result, as pandas' default index.
//
// # Values
//
// SQL NULL is shown as a greyed NULL in HTML and as <NULL> in text, never
// like the string "NULL" (the string "<NULL>" is shown quoted in text). Times are ISO 8601 (RFC 3339). Bytes that are
// valid UTF-8 are shown as text, other bytes as a hex literal x'0A1B' with
// their length when long. Text longer than 50 characters (as pandas) is
// cut with "…"; in the text table control characters and bidirectional
// overrides are escaped (\n, \t, \u202e).
// Everything, values and column names alike, is HTML-escaped.
//
// # Output
//
// Inside GoNB the table is HTML; elsewhere it is text on standard output,
// or on the writer given with [Writer] (tests, logs).
package display
