package exercise

import (
	"context"
	"errors"
	"fmt"
	"io/fs"

	"github.com/uptrace/bun"

	"github.com/bunbook/bunbook/helpers/connect"
)

// ChinookFile is the database the exercises query: chinook.db next to the
// notebooks, which their first cell downloads and verifies (data/download).
const ChinookFile = "chinook.db"

// OpenChinook opens ChinookFile for an exercise cell. It only opens the
// file: the download stays in the first cell, so every other cell runs
// without linking the downloader (net/http, the progress bar), which would
// add about half a second to each. A missing file is an error saying to run
// that cell.
func OpenChinook(ctx context.Context) (*bun.DB, error) {
	db, err := connect.Open(ctx, ChinookFile)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("exercise: %s is not downloaded yet: run the notebook's first cell, which downloads it, then this one again: %w", ChinookFile, err)
	}
	return db, err
}

// MustOpenChinook is OpenChinook for a notebook cell: context.Background,
// and a panic with OpenChinook's error.
func MustOpenChinook() *bun.DB {
	db, err := OpenChinook(context.Background())
	if err != nil {
		panic(err)
	}
	return db
}
