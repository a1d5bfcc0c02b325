package automap

import (
	"reflect"

	"github.com/uptrace/bun"

	"github.com/bunbook/bunbook/helpers/modelgraph"
)

// The options and accessors below are not API (no notebook, example or
// command uses them); the tests reach them under their old names.

type Option = opt

const (
	DefaultDepth = defaultDepth
	MaxDepth     = maxDepth
)

var (
	Depth                 = withDepth
	Tables                = tablesOpt
	WithNullStyle         = withNullStyle
	WithoutRelations      = withoutRelations
	WithoutBackReferences = withoutBackReferences
	WithoutViews          = withoutViews
)

func (m *Model) Fields() []string {
	names := make([]string, len(m.graph.Fields))
	for i, f := range m.graph.Fields {
		names[i] = f.GoName
	}
	return names
}

func (m *Model) Graph() *modelgraph.Model    { return m.graph }
func (m *Model) Type() reflect.Type          { return m.rowType() }
func (r *Registry) Graph() *modelgraph.Graph { return r.graph }
func (r *Registry) DB() *bun.DB              { return r.db }
func (r *Registry) Depth() int               { return r.depth }
