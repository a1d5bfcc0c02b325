package display

import (
	"database/sql"
	"errors"
	"fmt"
)

// readRows reads rows into a resultTable, keeping the head and tail that
// MaxRows/MinRows allow, and closes rows.
func readRows(rows *sql.Rows, opts ...Option) (resultTable, error) {
	if rows == nil {
		return resultTable{}, errors.New("display: nil *sql.Rows: pass the result of db.QueryContext")
	}
	cfg := newConfig(opts)
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return resultTable{}, fmt.Errorf("display: columns: %w", err)
	}
	r := resultTable{Columns: cols, Head: [][]any{}}
	head, tail := cfg.headTail()
	var ring [][]any // the last rows beyond MaxRows, a circular buffer of tail rows
	for rows.Next() {
		row, err := scanRow(rows, len(cols))
		if err != nil {
			return resultTable{}, err
		}
		r.Total++
		switch {
		case cfg.maxRows <= 0 || r.Total <= cfg.maxRows:
			r.Head = append(r.Head, row)
		default:
			if r.Total == cfg.maxRows+1 { // the result is cut: keep head rows, the rest feed the tail
				ring = append(ring, r.Head[head:]...)
				r.Head = r.Head[:head:head]
			}
			ring = append(ring, row)
			if len(ring) > 2*tail+cfg.maxRows { // amortised trim
				ring = append(ring[:0:0], ring[len(ring)-tail:]...)
			}
		}
	}
	if err := rows.Err(); err != nil {
		return resultTable{}, fmt.Errorf("display: reading rows: %w", err)
	}
	if ring != nil {
		r.Tail = ring[max(len(ring)-tail, 0):]
	}
	return r, nil
}

// scanRow scans one row into fresh values of the driver's own types.
func scanRow(rows *sql.Rows, n int) ([]any, error) {
	vals := make([]any, n)
	ptrs := make([]any, n)
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	if err := rows.Scan(ptrs...); err != nil {
		return nil, fmt.Errorf("display: scanning a row: %w", err)
	}
	return vals, nil
}
