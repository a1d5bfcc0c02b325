// Command connect shows helpers/connect: a missing file is a clear error,
// Create makes a database, Echo prints every statement, and foreign keys
// are enforced.
//
//	go run ./example/connect
package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/uptrace/bun"

	"github.com/bunbook/bunbook/helpers/connect"
)

type Artist struct {
	bun.BaseModel `bun:"table:artists"`
	ArtistID      int64  `bun:"ArtistId,pk,autoincrement"`
	Name          string `bun:"Name,notnull"`
}

type Album struct {
	bun.BaseModel `bun:"table:albums"`
	AlbumID       int64  `bun:"AlbumId,pk,autoincrement"`
	Title         string `bun:"Title,notnull"`
	ArtistID      int64  `bun:"ArtistId,notnull"`
}

func main() {
	if err := run(context.Background()); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func run(ctx context.Context) error {
	dir, err := os.MkdirTemp("", "bunbook-connect-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "lesson1.db")

	// 1. A path that does not exist is an error, not a new empty database.
	if _, err := connect.Open(ctx, path); err != nil {
		fmt.Println("without Create:", err)
	}

	// 2. Create makes it; Echo prints each statement as it is sent.
	db, err := connect.Open(ctx, path, connect.Create(), connect.Echo(os.Stdout))
	if err != nil {
		return err
	}
	defer db.Close()

	if _, err := db.NewCreateTable().Model((*Artist)(nil)).Exec(ctx); err != nil {
		return err
	}
	if _, err := db.NewCreateTable().Model((*Album)(nil)).
		ForeignKey(`("ArtistId") REFERENCES "artists" ("ArtistId")`).Exec(ctx); err != nil {
		return err
	}
	if _, err := db.NewInsert().Model(&Artist{Name: "AC/DC"}).Exec(ctx); err != nil {
		return err
	}

	// 3. Foreign keys are enforced: artist 99 does not exist.
	_, err = db.NewInsert().Model(&Album{Title: "Nobody's", ArtistID: 99}).Exec(ctx)
	fmt.Println("album of a missing artist:", err)
	return nil
}
