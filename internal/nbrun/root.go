package nbrun

import (
	"fmt"

	"github.com/bunbook/bunbook/internal/modroot"
)

// FindRoot returns the repository root: the folder holding go.mod, at or
// above dir.
func FindRoot(dir string) (string, error) {
	root, err := modroot.Find(dir)
	if err != nil {
		return "", fmt.Errorf("nbrun: %w", err)
	}
	return root, nil
}
