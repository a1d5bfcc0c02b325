package codegen

import (
	"context"
	"io"

	"github.com/bunbook/bunbook/helpers/modelgraph"
)

// Generator writes source code for a model graph. Like sqlacodegen's
// generators, each output style is a plain type behind this interface;
// [ModelGenerator] (Bun structs) is the first.
type Generator interface {
	Generate(ctx context.Context, g *modelgraph.Graph, w io.Writer) error
}

var _ Generator = ModelGenerator{}
