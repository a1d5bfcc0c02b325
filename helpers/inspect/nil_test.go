package inspect_test

import (
	"context"
	"testing"

	"github.com/bunbook/bunbook/helpers/inspect"
)

func TestNilDB(t *testing.T) {
	want := "inspect: nil *bun.DB: open the database first (connect.Open)"
	if _, err := inspect.Inspect(context.Background(), nil); err == nil || err.Error() != want {
		t.Errorf("Inspect(nil) = %v, want %q", err, want)
	}
}
