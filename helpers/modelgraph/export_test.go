package modelgraph

import (
	"slices"

	"github.com/bunbook/bunbook/helpers/inspect"
)

var (
	GoName    = goIdent
	ModelName = modelNameOf
	TypeOf    = typeOfColumn
)

// The functional options the tests were written with.

type Option func(*Options)

func WithNullStyle(s NullStyle) Option { return func(o *Options) { o.NullStyle = s } }
func WithoutRelations() Option         { return func(o *Options) { o.WithoutRelations = true } }
func WithoutBackReferences() Option    { return func(o *Options) { o.WithoutBackReferences = true } }
func WithoutViews() Option             { return func(o *Options) { o.WithoutViews = true } }
func Tables(names ...string) Option {
	return func(o *Options) { o.Tables = append(o.Tables, names...) }
}

func BuildWith(s *inspect.Schema, opts ...Option) (*Graph, error) {
	var o Options
	for _, opt := range opts {
		opt(&o)
	}
	return Build(s, o)
}

// Model returns the model or association mapped from the table named
// table ("schema.table" also matches), or nil.
func (g *Graph) Model(table string) *Model {
	for _, m := range append(slices.Clone(g.Models), g.Associations...) {
		if m.Table.Name == table || m.Table.QualifiedName() == table {
			return m
		}
	}
	return nil
}
