package inspect

import (
	"context"
	"database/sql"
	"fmt"
)

// sqliteIndexOrigins maps pragma_index_list's origin codes to Index.Origin.
var sqliteIndexOrigins = map[string]string{
	"c":  "index",
	"u":  "unique",
	"pk": "primary key",
}

// sqliteIndexes reads every index pragma_index_list reports for a table,
// including the sqlite_autoindex_* ones SQLite creates for a PRIMARY KEY or
// UNIQUE constraint (Chinook: 10 CREATE INDEX + playlist_track's composite
// key = 11). A rowid-alias primary key has no index, being the rowid itself.
func sqliteIndexes(ctx context.Context, tx *sql.Tx, ref tableRef) ([]Index, error) {
	rows, err := tx.QueryContext(ctx, `SELECT name, "unique", origin, partial FROM pragma_index_list(?, ?)`,
		ref.Name, sqliteDB(ref.Schema))
	if err != nil {
		return nil, fmt.Errorf("inspect: sqlite: indexes of %q: %w", ref.qualifiedName(), err)
	}
	var indexes []Index
	for rows.Next() {
		var ix Index
		var origin string
		if err := rows.Scan(&ix.Name, &ix.Unique, &origin, &ix.Partial); err != nil {
			rows.Close()
			return nil, fmt.Errorf("inspect: sqlite: indexes of %q: %w", ref.qualifiedName(), err)
		}
		ix.Origin = sqliteIndexOrigins[origin]
		if ix.Origin == "" {
			ix.Origin = origin // a future code: pass it on rather than lose it
		}
		indexes = append(indexes, ix)
	}
	err = rows.Err()
	rows.Close()
	if err != nil {
		return nil, fmt.Errorf("inspect: sqlite: indexes of %q: %w", ref.qualifiedName(), err)
	}
	for i := range indexes {
		if indexes[i].Columns, err = sqliteIndexColumns(ctx, tx, ref, indexes[i].Name); err != nil {
			return nil, err
		}
	}
	sortIndexes(indexes)
	return indexes, nil
}

// sqliteIndexColumns lists an index's key columns in index order, from
// pragma_index_xinfo (key = 1 leaves out the rowid every index carries).
// A key on an expression has no column name (cid -2): its text is recovered
// from the CREATE INDEX statement, or "<expr>" when that fails.
func sqliteIndexColumns(ctx context.Context, tx *sql.Tx, ref tableRef, index string) ([]string, error) {
	rows, err := tx.QueryContext(ctx, `SELECT cid, name FROM pragma_index_xinfo(?, ?) WHERE key ORDER BY seqno`,
		index, sqliteDB(ref.Schema))
	if err != nil {
		return nil, fmt.Errorf("inspect: sqlite: columns of index %q on %q: %w", index, ref.qualifiedName(), err)
	}
	var cols []string
	hasExpr := false
	for rows.Next() {
		var cid int
		var name sql.NullString
		if err := rows.Scan(&cid, &name); err != nil {
			rows.Close()
			return nil, fmt.Errorf("inspect: sqlite: columns of index %q on %q: %w", index, ref.qualifiedName(), err)
		}
		switch {
		case name.Valid:
			cols = append(cols, name.String)
		case cid == -1:
			cols = append(cols, "rowid")
		default:
			cols = append(cols, "")
			hasExpr = true
		}
	}
	err = rows.Err()
	rows.Close()
	if err != nil {
		return nil, fmt.Errorf("inspect: sqlite: columns of index %q on %q: %w", index, ref.qualifiedName(), err)
	}
	if hasExpr {
		terms, err := sqliteIndexTerms(ctx, tx, ref, index)
		if err != nil {
			return nil, err
		}
		for i, c := range cols {
			if c != "" {
				continue
			}
			if len(terms) == len(cols) {
				cols[i] = terms[i]
			} else {
				cols[i] = "<expr>"
			}
		}
	}
	return cols, nil
}

// sqliteIndexTerms returns the key terms of an index's CREATE INDEX
// statement, nil when it has none or they cannot be parsed.
func sqliteIndexTerms(ctx context.Context, tx *sql.Tx, ref tableRef, index string) ([]string, error) {
	var stmt sql.NullString
	err := tx.QueryRowContext(ctx, `SELECT sql FROM `+quoteIdent(sqliteDB(ref.Schema))+`.sqlite_master
		WHERE type = 'index' AND name = ?`, index).Scan(&stmt)
	if err == sql.ErrNoRows || (err == nil && !stmt.Valid) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("inspect: sqlite: definition of index %q: %w", index, err)
	}
	return indexKeyTerms(stmt.String), nil
}

// hasPrimaryKeyIndex reports whether SQLite keeps an index for the primary
// key, which it does for every primary key except a rowid alias.
func hasPrimaryKeyIndex(indexes []Index) bool {
	for _, ix := range indexes {
		if ix.Origin == "primary key" {
			return true
		}
	}
	return false
}
