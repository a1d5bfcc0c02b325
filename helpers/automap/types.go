package automap

import (
	"fmt"
	"reflect"
	"strconv"

	"github.com/uptrace/bun"

	"github.com/bunbook/bunbook/helpers/modelgraph"
)

var baseModelType = reflect.TypeFor[bun.BaseModel]()

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
func buildLevels(models []*modelgraph.Model, depth int) map[*modelgraph.Model][]reflect.Type {
	levels := make(map[*modelgraph.Model][]reflect.Type, len(models))
	for _, m := range models {
		levels[m] = []reflect.Type{reflect.StructOf(columnFields(m))}
	}
	for k := 1; k <= depth; k++ {
		for _, m := range models {
			fields := columnFields(m)
			for i := range m.Relations {
				r := &m.Relations[i]
				target := levels[r.Target][k-1]
				typ := reflect.PointerTo(target)
				if r.Kind == modelgraph.HasMany || r.Kind == modelgraph.ManyToMany {
					typ = reflect.SliceOf(typ)
				}
				fields = append(fields, reflect.StructField{Name: r.Name, Type: typ, Tag: structTag(r.Tag())})
			}
			levels[m] = append(levels[m], reflect.StructOf(fields))
		}
	}
	return levels
}

// associationType is the join model Bun's many-to-many relations need:
// its columns and a belongs-to field per side, pointing at the sides'
// level-0 types.
func associationType(a *modelgraph.Model, levels map[*modelgraph.Model][]reflect.Type) reflect.Type {
	fields := columnFields(a)
	for i := range a.Relations {
		r := &a.Relations[i]
		fields = append(fields, reflect.StructField{
			Name: r.Name, Type: reflect.PointerTo(levels[r.Target][0]), Tag: structTag(r.Tag()),
		})
	}
	return reflect.StructOf(fields)
}

// typeBudget bounds the memory Map may spend on run-time types. A level-k
// type's description (reflect keeps it as a string) spells out every
// level-(k-1) type its relation fields hold, so on a schema whose tables
// have many relations the size grows by that fan-out with each level: out
// of memory, which Go cannot recover from, within a few levels.
const typeBudget = 64 << 20

// typeCost estimates, for each depth 0…depth, the bytes the levels of all
// models up to that depth take, saturating instead of overflowing.
func typeCost(models []*modelgraph.Model, depth int) []int64 {
	const ceiling = int64(1) << 50
	size := make(map[*modelgraph.Model][]int64, len(models))
	for _, m := range models {
		size[m] = []int64{int64(len(reflect.StructOf(columnFields(m)).String()))}
	}
	costs := make([]int64, depth+1)
	for _, m := range models {
		costs[0] += size[m][0]
	}
	for k := 1; k <= depth; k++ {
		costs[k] = costs[k-1]
		for _, m := range models {
			n := size[m][0]
			for i := range m.Relations {
				r := &m.Relations[i]
				n = min(n+int64(len(r.Name)+len(r.Tag())+16)+size[r.Target][k-1], ceiling)
			}
			size[m] = append(size[m], n)
			costs[k] = min(costs[k]+n, ceiling)
		}
	}
	return costs
}

// checkDepth refuses a depth whose run-time types would exceed typeBudget,
// naming the deepest that fits and the model that makes it grow.
func checkDepth(models []*modelgraph.Model, depth int) error {
	costs := typeCost(models, depth)
	if costs[depth] <= typeBudget {
		return nil
	}
	fits := 0
	for k := 1; k <= depth && costs[k] <= typeBudget; k++ {
		fits = k
	}
	var widest *modelgraph.Model
	for _, m := range models {
		if widest == nil || len(m.Relations) > len(widest.Relations) {
			widest = m
		}
	}
	advice := fmt.Sprintf("a depth of %d or less fits", fits)
	if fits == 0 {
		advice = "generate models for the tables you need with codegen instead"
	}
	return fmt.Errorf("automap: relation chains %d deep are too deep for this schema: its run-time types would take about %s "+
		"(%s has %d relations, and each level holds the previous one once per relation); %s",
		depth, byteSize(costs[depth]), widest.Table.QualifiedName(), len(widest.Relations), advice)
}

func byteSize(n int64) string {
	switch {
	case n >= 1<<40:
		return fmt.Sprintf("%.0f TiB or more", float64(n)/(1<<40))
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GiB", float64(n)/(1<<30))
	default:
		return fmt.Sprintf("%.0f MiB", float64(n)/(1<<20))
	}
}
