package display

import (
	"bytes"
	"context"
	"errors"
	"fmt"

	"github.com/uptrace/bun"
)

// Query runs q and shows its result (see Show). Only the rows shown are
// fetched: see Fetch.
func Query(ctx context.Context, q *bun.SelectQuery, opts ...Option) error {
	r, err := Fetch(ctx, q, opts...)
	if err != nil {
		return err
	}
	return Show(r, opts...)
}

// Fetch runs q and returns the rows to show, limiting in SQL:
//
//  1. q with LIMIT MaxRows+1: when that is all there is, it is the result.
//  2. Otherwise SELECT count(*) FROM (q) gives the total, and
//  3. q with LIMIT tail OFFSET total-tail gives the last rows.
//
// The limit goes straight onto q when q has none of its own and nothing
// (UNION, FOR UPDATE) follows where it would go; otherwise q is wrapped as
// SELECT * FROM (q) AS "display", which keeps q's own LIMIT. The wrapped
// queries run on q's *bun.DB, outside any transaction q was bound to.
func Fetch(ctx context.Context, q *bun.SelectQuery, opts ...Option) (Result, error) {
	if q == nil {
		return Result{}, errors.New("display: nil query: pass db.NewSelect()…")
	}
	cfg := newConfig(opts)
	page, err := pager(q)
	if err != nil {
		return Result{}, err
	}
	if cfg.maxRows <= 0 {
		return fetchRows(ctx, q, cfg)
	}
	r, err := fetchRows(ctx, page(cfg.maxRows+1, 0), cfg)
	if err != nil || r.Total <= cfg.maxRows {
		return r, err
	}
	head, tail := cfg.headTail()
	var total int
	if err := q.DB().NewSelect().
		TableExpr("(?) AS ?", q, bun.Ident("display")).
		ColumnExpr("count(*)").
		Scan(ctx, &total); err != nil {
		return Result{}, fmt.Errorf("display: counting rows: %w", err)
	}
	total = max(total, cfg.maxRows+1) // rows may have gone meanwhile
	last, err := fetchRows(ctx, page(tail, total-tail), config{maxRows: 0})
	if err != nil {
		return Result{}, err
	}
	return Result{Columns: r.Columns, Head: r.Head[:head], Tail: last.Head, Total: total}, nil
}

// fetchRows runs q and reads its rows.
func fetchRows(ctx context.Context, q *bun.SelectQuery, cfg config) (Result, error) {
	rows, err := q.Rows(ctx)
	if err != nil {
		return Result{}, fmt.Errorf("display: %w", err)
	}
	return ReadRows(rows, MaxRows(cfg.maxRows), MinRows(cfg.minRows))
}

// pager returns a function making the query for rows [offset, offset+limit).
func pager(q *bun.SelectQuery) (func(limit, offset int) *bun.SelectQuery, error) {
	direct, err := limitsDirectly(q)
	if err != nil {
		return nil, err
	}
	if direct {
		return func(limit, offset int) *bun.SelectQuery {
			return q.Clone().Limit(int64(limit)).Offset(int64(offset))
		}, nil
	}
	return func(limit, offset int) *bun.SelectQuery {
		return q.DB().NewSelect().
			TableExpr("(?) AS ?", q, bun.Ident("display")).
			ColumnExpr("*").
			Limit(int64(limit)).Offset(int64(offset))
	}, nil
}

// limitsDirectly reports whether LIMIT/OFFSET can be set on q itself: q
// has none yet, and setting them only appends to its SQL. Direct limits
// keep q's ORDER BY meaningful on every database (MariaDB ignores ORDER BY
// inside a derived table) and keep the SQL as the student wrote it.
func limitsDirectly(q *bun.SelectQuery) (bool, error) {
	gen := q.DB().QueryGen()
	orig, err := q.AppendQuery(gen, nil)
	if err != nil {
		return false, fmt.Errorf("display: %w", err)
	}
	bare, err := q.Clone().Limit(0).Offset(0).AppendQuery(gen, nil)
	if err != nil {
		return false, fmt.Errorf("display: %w", err)
	}
	probe, err := q.Clone().Limit(3).Offset(2).AppendQuery(gen, nil)
	if err != nil {
		return false, fmt.Errorf("display: %w", err)
	}
	return bytes.Equal(orig, bare) && bytes.HasPrefix(probe, bare), nil
}
