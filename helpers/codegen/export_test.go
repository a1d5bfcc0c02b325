package codegen

import (
	"context"

	"github.com/bunbook/bunbook/helpers/modelgraph"
)

// Test names for the steps of the pipeline, which are not API.

type Options = config

var (
	NewOptions = newConfig
	Generate   = generate
	FromSchema = fromSchema
	BuildGraph = buildGraph
)

func (o config) Validate() error { return o.validate() }

type ModelGenerator struct{ Options Options }

func (mg ModelGenerator) Source(ctx context.Context, g *modelgraph.Graph) ([]byte, error) {
	if err := mg.Options.validate(); err != nil {
		return nil, err
	}
	return render(ctx, g, mg.Options)
}
