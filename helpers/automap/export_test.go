package automap

import (
	"reflect"

	"github.com/bunbook/bunbook/helpers/modelgraph"
)

// The accessors below are not API (no notebook, example or command uses
// them); the tests use them to look inside a model.

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
