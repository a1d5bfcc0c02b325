package connect_test

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/bunbook/bunbook/helpers/connect"
)

func ExampleOpen() {
	ctx := context.Background()
	db, err := connect.Open(ctx, ":memory:")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer db.Close()

	var fk int
	if err := db.QueryRowContext(ctx, "PRAGMA foreign_keys").Scan(&fk); err != nil {
		fmt.Println(err)
	}
	fmt.Println(db.Dialect().Name(), "foreign_keys =", fk)
	// Output:
	// sqlite foreign_keys = 1
}

func ExampleCreate() {
	dir, _ := os.MkdirTemp("", "example")
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "lesson1.db")

	_, err := connect.Open(context.Background(), path)
	fmt.Println("missing:", errors.Is(err, fs.ErrNotExist), strings.Contains(err.Error(), "pass connect.Create()"))

	db, err := connect.Open(context.Background(), path, connect.Create())
	if err != nil {
		fmt.Println(err)
		return
	}
	db.Close()
	_, err = os.Stat(path)
	fmt.Println("created:", err == nil)
	// Output:
	// missing: true true
	// created: true
}

// lastColumn keeps what follows the timing columns of an echo line, so the
// example output does not depend on the clock.
type lastColumn struct{}

func (lastColumn) Write(p []byte) (int, error) {
	line := strings.TrimSpace(string(p))
	if i := strings.Index(line, "CREATE TABLE t"); i >= 0 {
		fmt.Println(line[i:])
	} else if i := strings.Index(line, "INSERT INTO"); i >= 0 {
		fmt.Println(line[i:])
	}
	return len(p), nil
}

func ExampleEcho() {
	ctx := context.Background()
	db := connect.MustOpen(context.Background(), ":memory:", connect.Echo(lastColumn{}))
	defer db.Close()
	db.ExecContext(ctx, "CREATE TABLE t (x TEXT)")
	db.ExecContext(ctx, "INSERT INTO t VALUES (?)", "it's")
	// Output:
	// CREATE TABLE t (x TEXT)
	// INSERT INTO t VALUES ('it''s')
}
