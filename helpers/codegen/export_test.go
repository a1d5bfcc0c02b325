package codegen

import (
	"context"
	"slices"

	"github.com/bunbook/bunbook/helpers/inspect"
	"github.com/bunbook/bunbook/helpers/modelgraph"
)

// Test names for the steps of the pipeline, which are not API.

type Options = config

var (
	NewOptions = newConfig
	Generate   = generate
	BuildGraph = buildGraph
)

func (o config) Validate() error { return o.validate() }

// FromSchema is generate for an already inspected schema.
func FromSchema(ctx context.Context, s *inspect.Schema, opts ...Option) ([]byte, error) {
	o := newConfig(opts...)
	if err := o.validate(); err != nil {
		return nil, err
	}
	g, err := buildGraph(s, o)
	if err != nil {
		return nil, err
	}
	return render(ctx, g, o)
}

// ModelGenerator renders a graph built by hand (handGraph) as
// modelgraph.Build would have built it with the options: without
// back-references when they say WithoutBackReferences.
type ModelGenerator struct{ Options Options }

func (mg ModelGenerator) Source(ctx context.Context, g *modelgraph.Graph) ([]byte, error) {
	if err := mg.Options.validate(); err != nil {
		return nil, err
	}
	if mg.Options.graph.WithoutBackReferences {
		g = withoutBackReferences(g)
	}
	return render(ctx, g, mg.Options)
}

// withoutBackReferences copies g's models without has-one, has-many and
// the many-to-many relations from the far side of an association table
// (its second foreign key), as Build leaves them out.
func withoutBackReferences(g *modelgraph.Graph) *modelgraph.Graph {
	out := *g
	out.Models = nil
	for _, m := range g.Models {
		c := *m
		c.Relations = slices.DeleteFunc(slices.Clone(m.Relations), func(r modelgraph.Relation) bool {
			return r.Kind == modelgraph.HasOne || r.Kind == modelgraph.HasMany ||
				r.Kind == modelgraph.ManyToMany && r.Through.Table.ForeignKeys[0].RefTable != m.Table.Name
		})
		out.Models = append(out.Models, &c)
	}
	return &out
}
