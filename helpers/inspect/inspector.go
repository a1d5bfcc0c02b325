package inspect

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/uptrace/bun"
)

// Option adjusts what Inspect reads.
type Option func(*options)

type options struct {
	withInternal bool
	withoutViews bool
}

// WithInternal also lists the engine's own bookkeeping tables
// (sqlite_sequence, sqlite_stat1, …), marked Internal.
func WithInternal() Option { return func(o *options) { o.withInternal = true } }

// WithoutViews leaves views out.
func WithoutViews() Option { return func(o *options) { o.withoutViews = true } }

// A dialect's backend is two functions run in one read transaction: list
// finds the tables and views, read fills in the selected ones (tables[i]
// is sel[i]); found is everything list returned.
type (
	listFunc func(ctx context.Context, tx *sql.Tx) ([]tableRef, error)
	readFunc func(ctx context.Context, tx *sql.Tx, found, sel []tableRef, tables []Table) error
)

// Inspect reads the tables and views of db's database, as the package
// documentation describes for each dialect.
//
// All reads happen in one transaction (REPEATABLE READ and read-only on
// the servers), so the result is a consistent snapshot. They go through
// database/sql directly rather than Bun's query methods: query hooks such
// as bundebug would only print dozens of catalog lookups.
func Inspect(ctx context.Context, db *bun.DB, opts ...Option) (*Schema, error) {
	if db == nil {
		return nil, errors.New("inspect: nil *bun.DB: open the database first (connect.Open)")
	}
	var o options
	for _, opt := range opts {
		opt(&o)
	}
	var (
		list   listFunc
		read   readFunc
		txOpts = &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true}
	)
	name := db.Dialect().Name().String()
	switch name {
	case "sqlite":
		list, read, txOpts = sqliteList, sqliteRead, nil
	case "pg":
		list, read = pgList, pgRead
	case "mysql":
		list, read = mysqlList, mysqlRead
	default:
		return nil, fmt.Errorf("inspect: no inspector for dialect %q (supported: [mysql pg sqlite])", name)
	}
	tx, err := db.DB.BeginTx(ctx, txOpts)
	if err != nil {
		return nil, fmt.Errorf("inspect: %s: begin read transaction: %w", name, err)
	}
	defer tx.Rollback() // read-only: nothing to commit

	found, err := list(ctx, tx)
	if err != nil {
		return nil, err
	}
	sel := o.selectTables(found)
	s := &Schema{Dialect: name, Tables: make([]Table, len(sel))}
	for i, r := range sel {
		s.Tables[i] = Table{Schema: r.Schema, Name: r.Name, Kind: r.Kind, Internal: r.Internal}
	}
	if len(sel) > 0 {
		if err := read(ctx, tx, found, sel, s.Tables); err != nil {
			return nil, err
		}
	}
	for i := range s.Tables {
		sortForeignKeys(s.Tables[i].ForeignKeys)
		sortIndexes(s.Tables[i].Indexes)
	}
	sortTables(s.Tables)
	return s, nil
}

// queryRows runs query in tx and hands each row to scan.
func queryRows(ctx context.Context, tx *sql.Tx, query string, args []any, scan func(*sql.Rows) error) error {
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}
