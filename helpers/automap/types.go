package automap

import (
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
