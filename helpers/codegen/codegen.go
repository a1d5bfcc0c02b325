package codegen

import (
	"bytes"
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

// Generate reads the schema of db and returns the Go source of its Bun
// models: the Go twin of `sqlacodegen sqlite:///chinook.db --tables …`.
func Generate(ctx context.Context, db *bun.DB, opts ...Option) ([]byte, error) {
	if db == nil {
		return nil, errors.New("codegen: nil *bun.DB: open the database first (connect.Open)")
	}
	o := NewOptions(opts...)
	if err := o.Validate(); err != nil {
		return nil, err
	}
	s, err := inspectSchema(ctx, db, o)
	if err != nil {
		return nil, err
	}
	if o.Source == "" {
		if name := databaseName(ctx, db); name != "" {
			opts = append(opts, Source(name))
		}
	}
	return FromSchema(ctx, s, opts...)
}

// databaseName names db for the header when Options.Source is empty: the
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

func inspectSchema(ctx context.Context, db *bun.DB, o Options) (*inspect.Schema, error) {
	var iopts []inspect.Option
	if o.WithoutViews {
		iopts = append(iopts, inspect.WithoutViews())
	}
	s, err := inspect.Inspect(ctx, db, iopts...)
	if err != nil {
		return nil, fmt.Errorf("codegen: reading the schema: %w", err)
	}
	return s, nil
}

// FromSchema returns the source of the Bun models for an already
// inspected schema.
func FromSchema(ctx context.Context, s *inspect.Schema, opts ...Option) ([]byte, error) {
	o := NewOptions(opts...)
	g, err := BuildGraph(s, o)
	if err != nil {
		return nil, err
	}
	return ModelGenerator{Options: o}.Source(ctx, g)
}

// BuildGraph selects the tables o asks for (see Options.Tables) and builds
// their model graph with modelgraph, so that codegen names, types and
// relates models exactly as automap does.
func BuildGraph(s *inspect.Schema, o Options) (*modelgraph.Graph, error) {
	if s == nil {
		return nil, errors.New("codegen: nil schema: pass the result of inspect.Inspect")
	}
	if err := o.Validate(); err != nil {
		return nil, err
	}
	if o.WithoutViews {
		s = withoutViews(s)
	}
	sel, err := selectTables(s, o)
	if err != nil {
		return nil, err
	}
	mopts := []modelgraph.Option{modelgraph.WithNullStyle(o.NullStyle)}
	if o.WithoutViews {
		mopts = append(mopts, modelgraph.WithoutViews())
	}
	if o.WithoutRelations {
		mopts = append(mopts, modelgraph.WithoutRelations())
	}
	if o.WithoutBackReferences {
		mopts = append(mopts, modelgraph.WithoutBackReferences())
	}
	g, err := modelgraph.Build(sel, mopts...)
	if err != nil {
		return nil, fmt.Errorf("codegen: %w", err)
	}
	return g, nil
}

func withoutViews(s *inspect.Schema) *inspect.Schema {
	out := &inspect.Schema{Dialect: s.Dialect}
	for _, t := range s.Tables {
		if t.Kind != inspect.KindView {
			out.Tables = append(out.Tables, t)
		}
	}
	return out
}

// Write is Generate writing to w.
func Write(ctx context.Context, db *bun.DB, w io.Writer, opts ...Option) error {
	src, err := Generate(ctx, db, opts...)
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
	var buf bytes.Buffer
	if err := Write(ctx, db, &buf, opts...); err != nil {
		return err
	}
	_, err := os.Stdout.Write(buf.Bytes())
	return err
}
