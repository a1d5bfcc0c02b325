package nbrun

import (
	"context"
	"os/exec"
	"slices"
	"testing"
)

func TestStalePackagesColdAndWarm(t *testing.T) {
	root, err := FindRoot(".")
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	// Warm: what was just built is not stale.
	if out, err := exec.Command("go", "build", "-C", root, "./helpers/repr").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	stale, err := StalePackages(ctx, root, "github.com/bunbook/bunbook/helpers/repr")
	if err != nil || len(stale) != 0 {
		t.Errorf("after a build: stale %v, %v; want none", stale, err)
	}
	// Cold: an empty build cache, as on a fresh machine.
	t.Setenv("GOCACHE", t.TempDir())
	stale, err = StalePackages(ctx, root)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"github.com/bunbook/bunbook/helpers/connect", "github.com/bunbook/bunbook/helpers/repr"} {
		if !slices.Contains(stale, want) {
			t.Errorf("empty cache: stale %v lacks %s", stale, want)
		}
	}
}
