package automap

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"sort"
	"strings"

	"github.com/uptrace/bun"

	"github.com/bunbook/bunbook/helpers/inspect"
	"github.com/bunbook/bunbook/helpers/modelgraph"
)

// Map inspects db and builds a model for every mappable table: the Go
// twin of SQLAlchemy's automap_base(metadata=…).prepare(). The models are
// registered with db, association tables included, so Bun queries and
// relations work on them at once.
func Map(ctx context.Context, db *bun.DB) (*Registry, error) {
	if db == nil {
		return nil, errors.New("automap: nil *bun.DB: open the database first (connect.Open)")
	}
	// Internal tables and views are inspected too, so Skipped can say why
	// each became no model.
	s, err := inspect.Inspect(ctx, db, inspect.WithInternal())
	if err != nil {
		return nil, fmt.Errorf("automap: %w", err)
	}
	g, err := modelgraph.Build(s, modelgraph.Options{})
	if err != nil {
		return nil, fmt.Errorf("automap: %w", err)
	}
	if err := checkDepth(g.Models); err != nil {
		return nil, err
	}
	reg := &Registry{graph: g, schema: s, byTable: map[*inspect.Table]*Model{}}
	levels := buildLevels(g.Models)
	used := map[*modelgraph.Model]bool{} // associations some m2m relation goes through
	for _, m := range g.Models {
		for _, r := range m.Relations {
			if r.Through != nil {
				used[r.Through] = true
			}
		}
	}
	var register []reflect.Type
	for _, a := range g.Associations {
		if !used[a] {
			continue
		}
		typ := levelType(a, levels, 1)
		if t := db.Dialect().Tables().ByName(a.Table.Name); t != nil && !sameColumns(t.Type, typ) {
			return nil, fmt.Errorf("automap: this *bun.DB already has a model (%s) registered for the association table %q; "+
				"Bun finds a many-to-many join model by table name, so automap's relations through it would be ambiguous: "+
				"map with a *bun.DB of its own (a second connection with a new dialect value)",
				t.Type, a.Table.Name)
		}
		register = append(register, typ)
	}
	for _, gm := range g.Models {
		m := &Model{graph: gm, levels: levels[gm]}
		reg.models = append(reg.models, m)
		reg.byTable[gm.Table] = m
		register = append(register, m.levels...)
	}
	sort.Slice(reg.models, func(i, j int) bool { return reg.models[i].Table() < reg.models[j].Table() })
	if err := registerTypes(db, register); err != nil {
		return nil, err
	}

	reg.skipped = slices.Clone(g.Skipped)
	sort.SliceStable(reg.skipped, func(i, j int) bool { return reg.skipped[i].Table < reg.skipped[j].Table })
	return reg, nil
}

// MustMap is Map for notebook cells: it panics on error.
func MustMap(ctx context.Context, db *bun.DB) *Registry {
	reg, err := Map(ctx, db)
	if err != nil {
		panic(err)
	}
	return reg
}

// sameColumns reports whether registered, a join model already known to
// Bun, is one automap built for the same table before (another Map call
// on this *bun.DB): a type without a name whose bun.BaseModel and column
// fields are ours, in the same order (the relation fields differ when a
// side table changed since). Bun may then pick either for a many-to-many
// relation, and both read the keys at the same field indexes. A
// hand-written join model is never the same.
func sameColumns(registered, ours reflect.Type) bool {
	if registered == ours {
		return true
	}
	if registered.Name() != "" || registered.NumField() != ours.NumField() {
		return false
	}
	for i := range ours.NumField() {
		r, o := registered.Field(i), ours.Field(i)
		if r.Name != o.Name || r.Tag != o.Tag {
			return false
		}
		if strings.HasPrefix(o.Tag.Get("bun"), "rel:") {
			continue // the sides' level-0 types may differ
		}
		if r.Type != o.Type {
			return false
		}
	}
	return true
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
