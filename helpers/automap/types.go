package automap

import (
	"fmt"
	"reflect"
	"strconv"

	"github.com/uptrace/bun"

	"github.com/bunbook/bunbook/helpers/modelgraph"
)

var baseModelType = reflect.TypeFor[bun.BaseModel]()

// depth is how many relations deep a chain can be loaded from a model's
// rows: Relation("Album.Artist") on tracks. Every level adds one run-time
// type per model (see the package documentation).
const depth = 2

// structTag wraps bun tag text as a Go struct tag.
func structTag(bunTag string) reflect.StructTag {
	return reflect.StructTag("bun:" + strconv.Quote(bunTag))
}

// columnFields are the struct fields every level of a model shares, in
// the same order: bun.BaseModel (with the table tag), then one field per
// column. Because every level starts with them, a column has the same
// field index in each level's type, which Bun's many-to-many loading
// relies on (it reads the association's key fields by index).
func columnFields(m *modelgraph.Model) []reflect.StructField {
	fields := make([]reflect.StructField, 0, 1+len(m.Fields)+len(m.Relations))
	fields = append(fields, reflect.StructField{
		Name: "BaseModel", Type: baseModelType, Anonymous: true, Tag: structTag(m.TableTag()),
	})
	for i := range m.Fields {
		f := &m.Fields[i]
		fields = append(fields, reflect.StructField{Name: f.GoName, Type: f.Type.Reflect, Tag: structTag(f.Tag())})
	}
	return fields
}

// buildLevels builds each model's types level by level. Level 0 holds the
// columns only. Level k adds one field per relation whose type is the
// target's level k-1 type, so no type refers to itself or to one not yet
// built: the cycles of the schema (Album → Artist → Albums → …) unroll
// into a finite tower, and a chain of up to k relations can be loaded from
// a level-k row.
func buildLevels(models []*modelgraph.Model) map[*modelgraph.Model][]reflect.Type {
	levels := make(map[*modelgraph.Model][]reflect.Type, len(models))
	for k := 0; k <= depth; k++ {
		for _, m := range models {
			levels[m] = append(levels[m], levelType(m, levels, k))
		}
	}
	return levels
}

// levelType is m's level-k type: its columns and, above level 0, one
// field per relation, typed with the target's level k-1 type. The join
// model of an association table, which Bun's many-to-many relations need,
// is its level 1: a belongs-to field per side, of the sides' level 0.
func levelType(m *modelgraph.Model, levels map[*modelgraph.Model][]reflect.Type, k int) reflect.Type {
	fields := columnFields(m)
	for i := 0; k > 0 && i < len(m.Relations); i++ {
		r := &m.Relations[i]
		typ := reflect.PointerTo(levels[r.Target][k-1])
		if r.Kind == modelgraph.HasMany || r.Kind == modelgraph.ManyToMany {
			typ = reflect.SliceOf(typ)
		}
		fields = append(fields, reflect.StructField{Name: r.Name, Type: typ, Tag: structTag(r.Tag())})
	}
	return reflect.StructOf(fields)
}

// typeBudget bounds the memory Map may spend on run-time types. A level-k
// type's description (reflect keeps it as a string) spells out every
// level-(k-1) type its relation fields hold, so on a schema whose tables
// have many relations the size grows by that fan-out with each level: out
// of memory, which Go cannot recover from, within a few levels.
const typeBudget = 64 << 20

// typeCost estimates the bytes the levels 0…depth of all models take,
// saturating instead of overflowing.
func typeCost(models []*modelgraph.Model) int64 {
	const ceiling = int64(1) << 50
	size := make(map[*modelgraph.Model][]int64, len(models))
	var cost int64
	for _, m := range models {
		size[m] = []int64{int64(len(reflect.StructOf(columnFields(m)).String()))}
		cost += size[m][0]
	}
	for k := 1; k <= depth; k++ {
		for _, m := range models {
			n := size[m][0]
			for i := range m.Relations {
				r := &m.Relations[i]
				n = min(n+int64(len(r.Name)+len(r.Tag())+16)+size[r.Target][k-1], ceiling)
			}
			size[m] = append(size[m], n)
			cost = min(cost+n, ceiling)
		}
	}
	return cost
}

// checkDepth refuses a schema whose run-time types would exceed
// typeBudget, naming the model that makes them grow.
func checkDepth(models []*modelgraph.Model) error {
	cost := typeCost(models)
	if cost <= typeBudget {
		return nil
	}
	var widest *modelgraph.Model
	for _, m := range models {
		if widest == nil || len(m.Relations) > len(widest.Relations) {
			widest = m
		}
	}
	return fmt.Errorf("automap: relation chains %d deep are too deep for this schema: its run-time types would take about %d MiB "+
		"(%s has %d relations, and each level holds the previous one once per relation); "+
		"generate models for the tables you need with codegen instead",
		depth, cost>>20, widest.Table.QualifiedName(), len(widest.Relations))
}
