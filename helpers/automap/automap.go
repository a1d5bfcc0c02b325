package automap

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"sort"

	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect"

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
	inspectOpts := []inspect.Option{inspect.IncludeInternal()}
	if !o.includeViews {
		inspectOpts = append(inspectOpts, inspect.ExcludeViews())
	}
	s, err := inspect.Inspect(ctx, db, inspectOpts...)
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
	if !o.includeViews {
		views, err := viewNames(ctx, db)
		if err != nil {
			return nil, fmt.Errorf("automap: listing views: %w", err)
		}
		for _, v := range views {
			reg.skipped = append(reg.skipped, modelgraph.Skipped{
				Table: v, Reason: "view (no primary key); map it read-only with the IncludeViews option"})
		}
	}
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

// viewNames lists the views Map leaves out, so Skipped can name them
// without inspecting them (a broken view cannot be inspected).
func viewNames(ctx context.Context, db *bun.DB) ([]string, error) {
	var query string
	switch db.Dialect().Name() {
	case dialect.SQLite:
		query = "SELECT name FROM sqlite_master WHERE type = 'view' ORDER BY name"
	case dialect.PG:
		query = "SELECT table_name FROM information_schema.views WHERE table_schema = current_schema() ORDER BY 1"
	case dialect.MySQL:
		query = "SELECT table_name FROM information_schema.views WHERE table_schema = DATABASE() ORDER BY 1"
	default:
		return nil, nil
	}
	var names []string
	if err := db.NewRaw(query).Scan(ctx, &names); err != nil {
		return nil, err
	}
	return names, nil
}
