package codegen

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect"

	"github.com/bunbook/bunbook/helpers/inspect"
	"github.com/bunbook/bunbook/helpers/modelgraph"
)

// generate is the whole job in a straight line: validate the options once,
// read the schema, build the model graph, render it.
func generate(ctx context.Context, db *bun.DB, opts ...Option) ([]byte, error) {
	if db == nil {
		return nil, errors.New("codegen: nil *bun.DB: open the database first (connect.Open)")
	}
	o := newConfig(opts...)
	if err := o.validate(); err != nil {
		return nil, err
	}
	s, err := inspectSchema(ctx, db, o)
	if err != nil {
		return nil, err
	}
	if o.source == "" {
		o.source = databaseName(ctx, db)
	}
	g, err := buildGraph(s, o)
	if err != nil {
		return nil, err
	}
	return render(ctx, g, o)
}

// databaseName names db for the header when no Source is given: the
// SQLite file's base name (never its full path, which differs from machine
// to machine), or the PostgreSQL/MySQL database name. "" when unknown.
func databaseName(ctx context.Context, db *bun.DB) string {
	var name string
	switch db.Dialect().Name() {
	case dialect.SQLite:
		var seq int
		var schema, file string
		if err := db.QueryRowContext(ctx, "SELECT seq, name, file FROM pragma_database_list WHERE name = 'main'").Scan(&seq, &schema, &file); err != nil || file == "" {
			return ""
		}
		return filepath.Base(file)
	case dialect.PG:
		_ = db.QueryRowContext(ctx, "SELECT current_database()").Scan(&name)
	case dialect.MySQL:
		_ = db.QueryRowContext(ctx, "SELECT COALESCE(DATABASE(), '')").Scan(&name)
	}
	return name
}

// inspectSchema reads the schema; views are left out here, once, with
// WithoutViews.
func inspectSchema(ctx context.Context, db *bun.DB, o config) (*inspect.Schema, error) {
	var iopts []inspect.Option
	if o.graph.WithoutViews {
		iopts = append(iopts, inspect.WithoutViews())
	}
	s, err := inspect.Inspect(ctx, db, iopts...)
	if err != nil {
		return nil, fmt.Errorf("codegen: reading the schema: %w", err)
	}
	return s, nil
}

// buildGraph selects the tables o asks for (see selectTables) and builds
// their model graph with modelgraph, so that codegen names, types and
// relates models exactly as automap does.
func buildGraph(s *inspect.Schema, o config) (*modelgraph.Graph, error) {
	if s == nil {
		return nil, errors.New("codegen: nil schema: pass the result of inspect.Inspect")
	}
	sel, err := selectTables(s, o)
	if err != nil {
		return nil, err
	}
	g, err := modelgraph.Build(sel, o.graph)
	if err != nil {
		return nil, fmt.Errorf("codegen: %w", err)
	}
	return g, nil
}

// Write writes the generated source to w: the Go twin of
// `sqlacodegen sqlite:///chinook.db --tables …`.
func Write(ctx context.Context, db *bun.DB, w io.Writer, opts ...Option) error {
	src, err := generate(ctx, db, opts...)
	if err != nil {
		return err
	}
	_, err = w.Write(src)
	return err
}

// Print writes the generated source to standard output, which a notebook
// cell shows below itself, as the lesson's `!sqlacodegen …` cell did:
//
//	codegen.Print(ctx, db, codegen.Tables("albums", "artists", "tracks"))
func Print(ctx context.Context, db *bun.DB, opts ...Option) error {
	return Write(ctx, db, os.Stdout, opts...)
}
