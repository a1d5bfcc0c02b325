package display

import (
	"errors"
	"fmt"

	"github.com/uptrace/bun"
)

// Statement is any bun query: select, insert, update, delete, create
// table, raw, ….
type Statement interface {
	bun.Query
	DB() *bun.DB
}

// SQL prints the SQL that q would send, without running it, between blank
// lines like the lesson's sql() helper: values are inlined exactly as bun
// sends them, so the text can be pasted into any SQL shell.
func SQL(q Statement, opts ...Option) error {
	s, err := sqlString(q)
	if err != nil {
		return err
	}
	if _, err := fmt.Fprintf(writer(opts), "\n%s\n\n", s); err != nil {
		return fmt.Errorf("display: %w", err)
	}
	return nil
}

// sqlString returns the SQL that q would send.
func sqlString(q Statement) (string, error) {
	if q == nil {
		return "", errors.New("display: nil query")
	}
	b, err := q.AppendQuery(q.DB().QueryGen(), nil)
	if err != nil {
		return "", fmt.Errorf("display: building SQL: %w", err)
	}
	return string(b), nil
}
