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
	r, err := fetch(ctx, q, opts...)
	if err != nil {
		return err
	}
	return showResult(r, opts...)
}

// Fetch runs q and returns the rows to show. When that is safe it limits
// in SQL, so a huge table costs three small queries:
//
//  1. q with LIMIT MaxRows+1: when that is all there is, it is the result.
//  2. Otherwise q's Count (SELECT count(*) in place of q's columns) gives
//     the total, and
//  3. q with LIMIT tail OFFSET total-tail gives the last rows.
//
// All three run where q runs — on its transaction or connection if it is
// bound to one — so the total is what q sees. Limiting in SQL is safe when
// the limit goes straight onto q: q has no LIMIT of its own and nothing
// (UNION, FOR UPDATE) follows where it would go. Otherwise, and for a
// query with a WITH clause (which may insert, update or delete), q runs
// exactly once and its rows are read to the end, keeping only the head and
// tail: its side effects happen once, in its own order, and no derived
// table is needed (MariaDB forgets the ORDER BY inside one and rejects
// duplicate column names). A query whose rows change from one run to the
// next (ORDER BY random()) can show head and tail from different runs:
// pass withMaxRows(0) to read it once.
func fetch(ctx context.Context, q *bun.SelectQuery, opts ...Option) (resultTable, error) {
	if q == nil {
		return resultTable{}, errors.New("display: nil query: pass db.NewSelect()…")
	}
	cfg := newConfig(opts)
	direct, err := limitsDirectly(q)
	if err != nil {
		return resultTable{}, err
	}
	if cfg.maxRows <= 0 || !direct {
		return fetchRows(ctx, q, cfg)
	}
	r, err := fetchRows(ctx, q.Clone().Limit(int64(cfg.maxRows+1)), cfg)
	if err != nil || r.Total <= cfg.maxRows {
		return r, err
	}
	head, tail := cfg.headTail()
	n, err := q.Count(ctx)
	if err != nil {
		return resultTable{}, fmt.Errorf("display: counting rows: %w", err)
	}
	total := max(int(n), cfg.maxRows+1) // rows may have gone meanwhile
	last, err := fetchRows(ctx, q.Clone().Limit(int64(tail)).Offset(int64(total-tail)), config{maxRows: 0})
	if err != nil {
		return resultTable{}, err
	}
	return resultTable{Columns: r.Columns, Head: r.Head[:head], Tail: last.Head, Total: total}, nil
}

// fetchRows runs q and reads its rows.
func fetchRows(ctx context.Context, q *bun.SelectQuery, cfg config) (resultTable, error) {
	rows, err := q.Rows(ctx)
	if err != nil {
		return resultTable{}, fmt.Errorf("display: %w", err)
	}
	return readRows(rows, withMaxRows(cfg.maxRows), withMinRows(cfg.minRows))
}

// limitsDirectly reports whether LIMIT/OFFSET can be set on q itself: q
// has none yet, setting them only appends to its SQL, and q has no WITH
// clause, whose statements may modify data and so must run only once.
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
	with := bytes.HasPrefix(bytes.TrimLeft(bytes.ToUpper(orig[:min(len(orig), 16)]), " \t\n("), []byte("WITH"))
	return !with && bytes.Equal(orig, bare) && bytes.HasPrefix(probe, bare), nil
}
