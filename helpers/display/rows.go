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
	for rows.Next() {
		row, ptrs := make([]any, len(cols)), make([]any, len(cols)) // fresh values of the driver's own types
		for i := range row {
			ptrs[i] = &row[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return resultTable{}, fmt.Errorf("display: scanning a row: %w", err)
		}
		r.Total++
		if r.Total <= maxRows {
			r.Head = append(r.Head, row)
			continue
		}
		r.Tail = append(r.Tail, row)
		if len(r.Tail) > headRows {
			r.Tail = r.Tail[1:] // the last rows so far; append reallocates now and then
		}
	}
	if err := rows.Err(); err != nil {
		return resultTable{}, fmt.Errorf("display: reading rows: %w", err)
	}
	if r.Total > maxRows { // cut: the tail may begin among the first maxRows rows
		last := append(r.Head[maxRows-headRows:], r.Tail...)
		r.Head, r.Tail = r.Head[:headRows], last[len(last)-headRows:]
	}
	return r, nil
}
