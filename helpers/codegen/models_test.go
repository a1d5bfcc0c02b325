package codegen

import (
	"context"
	"testing"
)

func generateHand(t *testing.T, opts ...Option) string {
	t.Helper()
	src, err := ModelGenerator{Options: NewOptions(opts...)}.Source(context.Background(), handGraph())
	if err != nil {
		t.Fatal(err)
	}
	return string(src)
}

func TestModelGeneratorGolden(t *testing.T) {
	cases := []struct {
		golden string
		opts   []Option
	}{
		{"hand.golden", []Option{Source("hand.db")}},
		{"hand_norelations.golden", []Option{Source("hand.db"), NoRelations(), NoIndexes(), NoConstraints()}},
		{"hand_nobackrefs_cell.golden", []Option{Source("hand.db"), NoBackrefs(), Cell(), Generated()}},
	}
	for _, c := range cases {
		t.Run(c.golden, func(t *testing.T) {
			checkGolden(t, c.golden, []byte(generateHand(t, c.opts...)))
		})
	}
}
