// Command chinook downloads the Chinook sample database used by the course,
// verifies it and installs it atomically. It is the terminal twin of
// download.Chinook in github.com/bunbook/bunbook/data/download.
//
// Usage:
//
//	go run ./cmd/chinook -o chinook.db
//	CHINOOK_SOURCE=/srv/course/chinook.zip go run ./cmd/chinook
//
// Run with -h for every flag.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/bunbook/bunbook/data/download"
)

// Exit codes.
const (
	exitOK          = 0
	exitFailed      = 1
	exitUsage       = 2
	exitInterrupted = 130 // as a shell reports a program stopped by Ctrl-C (also for SIGTERM, SIGHUP)
)

func main() {
	// Ctrl-C, a kernel shutdown or docker stop (SIGTERM) and a closed
	// terminal (SIGHUP) all cancel the download, which removes its
	// temporary file before the exit.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

const usageText = `usage: chinook [flags]

Downloads the Chinook sample database (chinook.zip from sqlitetutorial.net,
https first, then the lesson's original http URL), verifies its SHA-256,
extracts chinook.db with size limits and renames it into place atomically.
A verified chinook.db already at -o is reused without network access; a
modified one (a student's edits) is kept unless -force is given, and then
saved beside it first. Prints "ready: <path> (N bytes, sha256 ok)".

Environment:
  CHINOOK_SOURCE  where to get Chinook instead of the default URL: an http(s)
                  URL, a file:// URL or a local path to chinook.zip or
                  chinook.db. Offline classrooms and CI point it at a local
                  copy. The -source flag takes precedence over it.

Flags:
`

const usageTail = `
Exit status: 0 ready, 1 failed, 2 bad usage, 130 interrupted (Ctrl-C,
SIGTERM or SIGHUP; nothing is left behind).
`

// run is main without the process: flags in, exit code out.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("chinook", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), usageText)
		fs.PrintDefaults()
		fmt.Fprint(fs.Output(), usageTail)
	}
	var (
		dest       = fs.String("o", download.DBName, "destination `file`, or an existing directory to hold chinook.db")
		source     = fs.String("source", "", "`URL or path` of chinook.zip or chinook.db (default $CHINOOK_SOURCE, else sqlitetutorial.net's chinook.zip)")
		force      = fs.Bool("force", false, "download again even if -o holds a database; a modified one is saved beside it first")
		unverified = fs.Bool("unverified", false, "accept a database whose SHA-256 differs from Chinook's (a teacher's own database)")
		digest     = fs.String("sha256", "", "expected SHA-256 of the database, `hex` (default: Chinook's)")
		quiet      = fs.Bool("q", false, "print nothing but errors")
	)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "chinook: unexpected argument %q; use -o to choose the destination\n", fs.Arg(0))
		fs.Usage()
		return exitUsage
	}

	opts := []download.Option{download.DBSHA256(*digest)}
	if *source != "" {
		opts = append(opts, download.Source(*source))
	}
	if *force {
		opts = append(opts, download.Force())
	}
	if *unverified {
		opts = append(opts, download.Unverified())
	}
	if *quiet {
		opts = append(opts, download.Quiet())
	} else {
		opts = append(opts, download.Output(stdout))
	}

	if _, err := download.Chinook(ctx, *dest, opts...); err != nil {
		fmt.Fprintln(stderr, err)
		if errors.Is(err, context.Canceled) {
			return exitInterrupted
		}
		return exitFailed
	}
	return exitOK
}
