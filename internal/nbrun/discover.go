package nbrun

import (
	"fmt"
	"io/fs"
	"path/filepath"
	"sort"
	"strings"
)

// FindNotebooks returns every .ipynb file under dir, sorted, skipping
// Jupyter's .ipynb_checkpoints and other hidden folders.
func FindNotebooks(dir string) ([]string, error) {
	var found []string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && path != dir && strings.HasPrefix(d.Name(), ".") {
			return filepath.SkipDir
		}
		if !d.IsDir() && filepath.Ext(path) == ".ipynb" {
			found = append(found, path)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("nbrun: find notebooks: %w", err)
	}
	sort.Strings(found)
	return found, nil
}
