// Command servers shows helpers/connect/servers: the blank import below is
// what lets connect open PostgreSQL and MySQL / MariaDB URLs. It opens
// $DATABASE_URL (default: the local PostgreSQL test server), creating the
// database when it is missing, and prints the server's version; a wrong URL
// is an error naming the host, never the password.
//
//	go run ./example/servers
//	DATABASE_URL=mysql://root@127.0.0.1:3306/test go run ./example/servers
//	DATABASE_URL='root@tcp(127.0.0.1:3306)/test' go run ./example/servers
package main

import (
	"context"
	"fmt"
	"os"

	"github.com/bunbook/bunbook/helpers/connect"
	_ "github.com/bunbook/bunbook/helpers/connect/servers" // postgres://, mysql://, user:pw@tcp(host)/db
)

func main() {
	url := os.Getenv(connect.EnvURL)
	if url == "" {
		url = "postgres://postgres@127.0.0.1:5432/test?sslmode=disable"
	}
	ctx := context.Background()
	db, err := connect.Open(ctx, url, connect.Create())
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	defer db.Close()
	var version string
	if err := db.QueryRowContext(ctx, "SELECT version()").Scan(&version); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Printf("%s (%s): %s\n", connect.Redact(url), db.Dialect().Name(), version)
}
