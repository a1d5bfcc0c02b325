package exercise

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bunbook/bunbook/internal/shareddata"
)

func TestOpenChinookMissingSaysRunTheFirstCell(t *testing.T) {
	t.Chdir(t.TempDir())
	_, err := OpenChinook(context.Background())
	if err == nil || !errors.Is(err, fs.ErrNotExist) ||
		!strings.HasPrefix(err.Error(), "exercise: chinook.db is not downloaded yet: run the notebook's first cell, which downloads it, then this one again: ") {
		t.Fatalf("error = %v", err)
	}
	if _, err := os.Stat(ChinookFile); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("OpenChinook created %s", ChinookFile)
	}
}

func TestOpenChinookOpensTheFile(t *testing.T) {
	dir, err := shareddata.Dir()
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(dir, "chinook.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Chdir(t.TempDir())
	if err := os.WriteFile(ChinookFile, data, 0o644); err != nil {
		t.Fatal(err)
	}
	db := MustOpenChinook()
	defer db.Close()
	if r := checkConnection(db); !r.OK() {
		t.Errorf("Q1 on the opened file: %v", r)
	}
}
