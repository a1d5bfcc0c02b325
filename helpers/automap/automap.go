package automap

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"sort"

	"github.com/uptrace/bun"

	"github.com/bunbook/bunbook/helpers/inspect"
	"github.com/bunbook/bunbook/helpers/modelgraph"
)

// Map inspects db and builds a model for every mappable table: the Go
// twin of SQLAlchemy's automap_base(metadata=…).prepare(). The models are
// registered with db, association tables included, so Bun queries and
// relations work on them at once.
func Map(ctx context.Context, db *bun.DB, opts ...Option) (*Registry, error) {
	if db == nil {
		return nil, errors.New("automap: nil *bun.DB: open the database first (connect.Open)")
	}
	o := options{depth: DefaultDepth}
	for _, opt := range opts {
		opt(&o)
	}
	// Internal tables and views are inspected too, so Skipped can say why
	// each became no model.
	s, err := inspect.Inspect(ctx, db, inspect.IncludeInternal())
	if err != nil {
		return nil, fmt.Errorf("automap: %w", err)
	}
	g, err := modelgraph.Build(s, o.graph...)
	if err != nil {
		return nil, fmt.Errorf("automap: %w", err)
	}

	reg := &Registry{db: db, graph: g, depth: o.depth, models: map[string]*Model{}}
	levels := buildLevels(g.Models, o.depth)
	var register []reflect.Type
	for _, a := range g.Associations {
		register = append(register, associationType(a, levels))
	}
	for _, gm := range g.Models {
		m := &Model{reg: reg, graph: gm, levels: levels[gm]}
		reg.models[gm.Table.Name] = m
		reg.names = append(reg.names, gm.Table.Name)
		register = append(register, m.levels...)
	}
	sort.Strings(reg.names)
	if err := registerTypes(db, register); err != nil {
		return nil, err
	}

	reg.skipped = append(reg.skipped, g.Skipped...)
	sort.SliceStable(reg.skipped, func(i, j int) bool { return reg.skipped[i].Table < reg.skipped[j].Table })
	return reg, nil
}

// MustMap is Map for notebook cells: it panics on error.
func MustMap(ctx context.Context, db *bun.DB, opts ...Option) *Registry {
	reg, err := Map(ctx, db, opts...)
	if err != nil {
		panic(err)
	}
	return reg
}

// registerTypes registers the run-time types with Bun, which checks every
// tag and relation; Bun reports a bad model by panicking, turned here into
// an error (it would be a bug in modelgraph's tags).
func registerTypes(db *bun.DB, types []reflect.Type) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("automap: Bun rejected a generated model (please report this bug): %v", r)
		}
	}()
	for _, t := range types {
		db.RegisterModel(reflect.Zero(reflect.PointerTo(t)).Interface())
	}
	return nil
}
