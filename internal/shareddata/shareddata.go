// Package shareddata finds the project's shared sample data (Chinook,
// Northwind) for tests. The bytes live outside the repository, in
// ../shared/data beside the checkout, and are never committed.
package shareddata

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/bunbook/bunbook/internal/modroot"
)

// EnvDir overrides where the shared data lives.
const EnvDir = "BUNBOOK_SHARED_DATA"

// Dir returns the shared data directory: $BUNBOOK_SHARED_DATA, or
// ../shared/data next to the repository root (the folder holding go.mod),
// found from the directory the test started in (a test that changes
// directory later still finds it).
func Dir() (string, error) {
	if dir := os.Getenv(EnvDir); dir != "" {
		return dir, nil
	}
	root, err := startRoot()
	if err != nil {
		return "", fmt.Errorf("shareddata: %w; or set %s", err, EnvDir)
	}
	return filepath.Join(filepath.Dir(root), "shared", "data"), nil
}

// startRoot is the repository root above the directory the process started
// in, looked up once.
var startRoot = sync.OnceValues(func() (string, error) { return modroot.Find("") })

func init() { startRoot() } // before any test changes directory

// Path returns the path of a shared data file such as "chinook.db". The test
// fails (never skips) when the file is missing: CI always has it.
func Path(tb testing.TB, name string) string {
	tb.Helper()
	dir, err := Dir()
	if err != nil {
		tb.Fatal(err)
	}
	p := filepath.Join(dir, name)
	if _, err := os.Stat(p); err != nil {
		tb.Fatalf("shared test data %s is missing (%v): place the project's shared/ folder beside the repository or set %s", name, err, EnvDir)
	}
	return p
}

// Copy copies a shared data file into a fresh temporary directory and returns
// the copy's path, so a test may open it read-write without touching the
// shared (read-only) original.
func Copy(tb testing.TB, name string) string {
	tb.Helper()
	src, err := os.Open(Path(tb, name))
	if err != nil {
		tb.Fatal(err)
	}
	defer src.Close()
	dst := filepath.Join(tb.TempDir(), name)
	out, err := os.Create(dst)
	if err != nil {
		tb.Fatal(err)
	}
	if _, err := io.Copy(out, src); err != nil {
		out.Close()
		tb.Fatal(err)
	}
	if err := out.Close(); err != nil {
		tb.Fatal(err)
	}
	return dst
}
