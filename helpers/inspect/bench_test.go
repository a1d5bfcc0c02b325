package inspect_test

import (
	"context"
	"testing"

	"github.com/bunbook/bunbook/helpers/inspect"
)

func BenchmarkInspectChinook(b *testing.B) {
	db := openShared(b, "chinook.db")
	ctx := context.Background()
	for b.Loop() {
		if _, err := inspect.Inspect(ctx, db, inspect.WithInternal()); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkInspectNorthwind(b *testing.B) {
	db := openShared(b, "northwind.db")
	ctx := context.Background()
	for b.Loop() {
		if _, err := inspect.Inspect(ctx, db); err != nil {
			b.Fatal(err)
		}
	}
}
