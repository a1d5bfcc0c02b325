package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/bunbook/bunbook/internal/progress"
)

// fromHomes reads each student's progress file straight from their home:
// pattern is a folder of homes (/home: one student per subfolder) or a glob
// with one * standing for the student's name (/home/jupyter-*, TLJH's
// homes; /var/lib/docker/volumes/jupyterhub-user-*/_data, DockerSpawner's).
func fromHomes(pattern string) ([]student, error) {
	var homes []string
	prefix, suffix := "", ""
	switch strings.Count(pattern, "*") {
	case 0:
		entries, err := os.ReadDir(pattern)
		if err != nil {
			return nil, fmt.Errorf("the homes folder: %w", err)
		}
		for _, e := range entries {
			if e.IsDir() {
				homes = append(homes, filepath.Join(pattern, e.Name()))
			}
		}
		prefix = filepath.Clean(pattern) + string(filepath.Separator)
	case 1:
		var err error
		if homes, err = filepath.Glob(pattern); err != nil {
			return nil, fmt.Errorf("-homes %s: %w", pattern, err)
		}
		prefix, suffix, _ = strings.Cut(pattern, "*")
	default:
		return nil, fmt.Errorf("-homes %s: use one * for the student's name", pattern)
	}
	if len(homes) == 0 {
		return nil, fmt.Errorf("-homes %s: no student's home there", pattern)
	}
	var out []student
	for _, home := range homes {
		if st, err := os.Stat(home); err != nil || !st.IsDir() {
			continue
		}
		name := strings.TrimSuffix(strings.TrimPrefix(home, prefix), suffix)
		recs, probs, ok := progress.ReadFile(filepath.Join(home, progress.FileName))
		s := newStudent(name, "home folder", recs, probs)
		if !ok {
			s.Note = "no progress file yet"
		}
		out = append(out, s)
	}
	return out, nil
}
