package inspect_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/bunbook/bunbook/helpers/inspect"
)

// TestMustInspect: the same arguments as Inspect; its error becomes a panic.
func TestMustInspect(t *testing.T) {
	defer func() {
		if r := recover(); r == nil || !strings.Contains(fmt.Sprint(r), "inspect: nil *bun.DB") {
			t.Errorf("MustInspect(nil) recovered %v, want Inspect's nil-db error", r)
		}
	}()
	inspect.MustInspect(context.Background(), nil)
}
