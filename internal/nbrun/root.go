package nbrun

import (
	"fmt"
	"os"
	"path/filepath"
)

// FindRoot returns the repository root: the folder holding go.mod, at or
// above dir.
func FindRoot(dir string) (string, error) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return "", fmt.Errorf("nbrun: %w", err)
	}
	for d := dir; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			return d, nil
		}
		if filepath.Dir(d) == d {
			return "", fmt.Errorf("nbrun: no go.mod at or above %s: run from inside the repository", dir)
		}
	}
}
