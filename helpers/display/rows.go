package display

import (
	"database/sql"
	"errors"
	"fmt"
)

// readRows reads rows into a resultTable, keeping the head and tail shown
// when there are more than maxRows, and closes rows.
func readRows(rows *sql.Rows) (resultTable, error) {
	if rows == nil {
		return resultTable{}, errors.New("display: nil *sql.Rows: pass the result of db.QueryContext")
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return resultTable{}, fmt.Errorf("display: columns: %w", err)
	}
	r := resultTable{Columns: cols, Head: [][]any{}}
	var ring [][]any // the last rows beyond maxRows, a circular buffer of tail rows
	for rows.Next() {
		row, ptrs := make([]any, len(cols)), make([]any, len(cols)) // fresh values of the driver's own types
		for i := range row {
			ptrs[i] = &row[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return resultTable{}, fmt.Errorf("display: scanning a row: %w", err)
		}
		r.Total++
		switch {
		case r.Total <= maxRows:
			r.Head = append(r.Head, row)
		default:
			if r.Total == maxRows+1 { // the result is cut: keep head rows, the rest feed the tail
				ring = append(ring, r.Head[headRows:]...)
				r.Head = r.Head[:headRows:headRows]
			}
			ring = append(ring, row)
			if len(ring) > 2*headRows+maxRows { // amortised trim
				ring = append(ring[:0:0], ring[len(ring)-headRows:]...)
			}
		}
	}
	if err := rows.Err(); err != nil {
		return resultTable{}, fmt.Errorf("display: reading rows: %w", err)
	}
	if ring != nil {
		r.Tail = ring[len(ring)-headRows:]
	}
	return r, nil
}
