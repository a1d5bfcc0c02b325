package inspect

import (
	"context"
	"errors"
	"fmt"

	"github.com/uptrace/bun"
)

// schemaReader reads a live schema. Each dialect implements it.
type schemaReader interface {
	// Inspect reads the tables (and, unless excluded, views) of the database.
	Inspect(ctx context.Context, opts ...Option) (*Schema, error)
}

// Option adjusts what Inspect reads.
type Option func(*options)

type options struct {
	withInternal bool
	withoutViews bool
	schemas      []string
	tables       []string
}

// WithInternal also lists the engine's own bookkeeping tables
// (sqlite_sequence, sqlite_stat1, …), marked Internal.
func WithInternal() Option { return func(o *options) { o.withInternal = true } }

// WithoutViews leaves views out.
func WithoutViews() Option { return func(o *options) { o.withoutViews = true } }

// Schemas limits PostgreSQL/MySQL inspection to the named schemas
// (PostgreSQL default: "public"; MySQL default: the connected database).
// On SQLite a schema is an attached database (default: "main"; tables of
// other ones carry their name in Table.Schema).
func Schemas(names ...string) Option { return func(o *options) { o.schemas = names } }

// onlyTables limits inspection to the named tables and views. Unknown names are
// an error that names them.
func onlyTables(names ...string) Option {
	return func(o *options) { o.tables = append(o.tables, names...) }
}

func collect(opts []Option) options {
	var o options
	for _, opt := range opts {
		opt(&o)
	}
	return o
}

// New returns the inspector for db's dialect.
func newReader(db *bun.DB) (schemaReader, error) {
	if db == nil {
		return nil, errors.New("inspect: nil *bun.DB: open the database first (connect.Open)")
	}
	name := db.Dialect().Name().String()
	newInspector, ok := backends[name]
	if !ok {
		return nil, fmt.Errorf("inspect: no inspector for dialect %q (supported: %v)", name, supported())
	}
	return newInspector(db), nil
}

// Inspect is New followed by Inspect.
func Inspect(ctx context.Context, db *bun.DB, opts ...Option) (*Schema, error) {
	in, err := newReader(db)
	if err != nil {
		return nil, err
	}
	return in.Inspect(ctx, opts...)
}

// MustInspect is Inspect for a notebook cell: the same arguments, and a
// panic with Inspect's error instead of returning it.
func mustInspect(ctx context.Context, db *bun.DB, opts ...Option) *Schema {
	s, err := Inspect(ctx, db, opts...)
	if err != nil {
		panic(err)
	}
	return s
}

// TableNames lists every table of the database, internal ones included,
// sorted by name: the Go twin of SQLAlchemy's engine.table_names().
func TableNames(ctx context.Context, db *bun.DB) ([]string, error) {
	in, err := newReader(db)
	if err != nil {
		return nil, err
	}
	if namer, ok := in.(tableNamer); ok {
		return namer.tableNames(ctx)
	}
	s, err := in.Inspect(ctx, WithInternal(), WithoutViews())
	if err != nil {
		return nil, err
	}
	return s.TableNames(), nil
}

// tableNamer is implemented by backends that can list table names without
// reading every table's details; TableNames uses it when available.
type tableNamer interface {
	tableNames(ctx context.Context) ([]string, error)
}
