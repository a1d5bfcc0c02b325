package display

import (
	"bytes"
	"context"
	"errors"
	"fmt"

	"github.com/uptrace/bun"
)

// Query runs q and shows its result: an HTML table in a GoNB notebook, a
// text table elsewhere. Only the rows shown are fetched (see the package
// documentation, "Long results").
func Query(ctx context.Context, q *bun.SelectQuery, opts ...Option) error {
	r, err := fetch(ctx, q)
	if err != nil {
		return err
	}
	return showResult(r, opts...)
}

// fetch runs q and returns the rows to show: q with LIMIT maxRows+1 and,
// only when there are more, q's Count and q with LIMIT/OFFSET for the tail,
// all where q runs (on its transaction if it has one), so the total is
// what q sees. A query that limitsDirectly rejects runs exactly once
// instead, read to its end: its side effects happen once, in its own
// order, and no derived table is needed (MariaDB forgets the ORDER BY
// inside one and rejects duplicate column names). A query whose rows
// change from one run to the next (ORDER BY random()) can show head and
// tail from different runs.
func fetch(ctx context.Context, q *bun.SelectQuery) (resultTable, error) {
	if q == nil {
		return resultTable{}, errors.New("display: nil query: pass db.NewSelect()…")
	}
	direct, err := limitsDirectly(q)
	if err != nil {
		return resultTable{}, err
	}
	if !direct {
		return fetchRows(ctx, q)
	}
	r, err := fetchRows(ctx, q.Clone().Limit(maxRows+1))
	if err != nil || r.Total <= maxRows {
		return r, err
	}
	n, err := q.Count(ctx)
	if err != nil {
		return resultTable{}, fmt.Errorf("display: counting rows: %w", err)
	}
	total := max(n, maxRows+1) // rows may have gone meanwhile
	last, err := fetchRows(ctx, q.Clone().Limit(headRows).Offset(total-headRows))
	if err != nil {
		return resultTable{}, err
	}
	return resultTable{Columns: r.Columns, Head: r.Head[:headRows], Tail: last.Head, Total: int(total)}, nil
}

// fetchRows runs q and reads its rows.
func fetchRows(ctx context.Context, q *bun.SelectQuery) (resultTable, error) {
	rows, err := q.Rows(ctx)
	if err != nil {
		return resultTable{}, fmt.Errorf("display: %w", err)
	}
	return readRows(rows)
}

// limitsDirectly reports whether LIMIT/OFFSET can be set on q itself: q
// has none yet, setting them only appends to its SQL, and q has no WITH
// clause, whose statements may modify data and so must run only once.
func limitsDirectly(q *bun.SelectQuery) (bool, error) {
	var sql [3][]byte // q as written, without LIMIT/OFFSET, with a probe LIMIT/OFFSET
	for i, v := range []*bun.SelectQuery{q, q.Clone().Limit(0).Offset(0), q.Clone().Limit(3).Offset(2)} {
		b, err := v.AppendQuery(q.DB().QueryGen(), nil)
		if err != nil {
			return false, fmt.Errorf("display: %w", err)
		}
		sql[i] = b
	}
	orig, bare, probe := sql[0], sql[1], sql[2]
	with := bytes.HasPrefix(bytes.TrimLeft(bytes.ToUpper(orig[:min(len(orig), 16)]), " \t\n("), []byte("WITH"))
	return !with && bytes.Equal(orig, bare) && bytes.HasPrefix(probe, bare), nil
}
