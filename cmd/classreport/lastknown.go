package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/bunbook/bunbook/internal/progress"
)

// lastKnown keeps each student's records from the last report that could
// read them, so a student whose server is stopped still shows: a JSON file
// beside the HTML page, private to the teacher.
type lastKnown map[string]seen

type seen struct {
	Time    time.Time         `json:"time"`
	Records []progress.Record `json:"records"`
}

func loadLastKnown(path string) (lastKnown, error) {
	data, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		return lastKnown{}, nil
	}
	if err != nil {
		return nil, err
	}
	k := lastKnown{}
	if err := json.Unmarshal(data, &k); err != nil {
		return nil, fmt.Errorf("%s is not a class report's record (%v): move it away to start afresh", path, err)
	}
	return k, nil
}

// save writes the file whole or not at all (a temporary file, renamed).
func (k lastKnown) save(path string) error {
	data, err := json.MarshalIndent(k, "", " ")
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".classreport-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
