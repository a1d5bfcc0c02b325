// Package modroot finds the repository root: the folder holding go.mod.
// The notebook runner, the shared-data locator and codegen's compile test
// all start from it.
package modroot

import (
	"fmt"
	"os"
	"path/filepath"
)

// Find returns the folder holding go.mod at or above dir ("" means the
// working directory).
func Find(dir string) (string, error) {
	if dir == "" {
		dir = "."
	}
	dir, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	for d := dir; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			return d, nil
		}
		if filepath.Dir(d) == d {
			return "", fmt.Errorf("no go.mod at or above %s: run from inside the repository", dir)
		}
	}
}
