// Command exercise answers the Chinook exercises (notebooks/exercises)
// twice, with Bun's query builder and with models, and checks every
// answer with helpers/exercise. It is the tested reference for the
// solutions notebook.
//
//	go run ./example/exercise                    # fetch chinook.db into the current folder if needed
//	go run ./example/exercise -db path/chinook.db
//
// The checks compute the expected answers from the chinook.db in the
// working folder, as in a notebook, so with -db the program works in the
// database's folder. The exit status is 1 unless every answer is correct.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/bunbook/bunbook/data/download"
	"github.com/bunbook/bunbook/helpers/connect"
	"github.com/bunbook/bunbook/helpers/exercise"
)

func main() {
	dbPath := flag.String("db", "", "Chinook database to use (default: download it to ./chinook.db, or reuse it)")
	flag.Parse()
	ctx := context.Background()
	path := *dbPath
	if path == "" {
		var err error
		path, err = download.Chinook(ctx, download.DBName, download.Output(os.Stderr))
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
	}
	if filepath.Base(path) != exercise.ChinookFile {
		fmt.Fprintf(os.Stderr, "exercise: -db %s: the checks read %s in the database's folder: name the file %s\n", path, exercise.ChinookFile, exercise.ChinookFile)
		os.Exit(2)
	}
	if err := os.Chdir(filepath.Dir(path)); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	ok, err := run(ctx, os.Stdout, exercise.ChinookFile)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if !ok {
		os.Exit(1)
	}
}

// run opens the database at path, runs every solution and prints one
// verdict per answer. ok is true when all are correct. The checks compare
// with the chinook.db in the working folder: path should be that file.
func run(ctx context.Context, w io.Writer, path string) (ok bool, err error) {
	db, err := connect.Open(ctx, path)
	if err != nil {
		return false, err
	}
	defer db.Close()
	ok = true
	for _, s := range solutions {
		answer, err := s.solve(ctx, db)
		if err != nil {
			return false, fmt.Errorf("%s (%s): %w", s.question, s.how, err)
		}
		r := exercise.Check(s.question, answer)
		fmt.Fprintf(w, "%s (%s)\n", r, s.how)
		ok = ok && r.OK()
	}
	return ok, nil
}
