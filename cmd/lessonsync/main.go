// Command lessonsync puts the course's lessons into a student's home folder
// without overwriting a file the student changed: the course image runs it
// at every server start (a docker-stacks before-notebook.d hook). See
// package github.com/bunbook/bunbook/internal/lessonsync for the rules.
//
// Usage:
//
//	lessonsync -from /opt/bunbook/notebooks -to /home/jovyan/bunbook [-owner 1000:100] [-exclude exercises/solutions.ipynb]
//
// -owner gives what it creates to that user and group (for a hook running
// as root). -exclude leaves a course file out (the start hook passes
// -exclude exercises/solutions.ipynb unless BUNBOOK_SOLUTIONS=shown). It exits 1 when a file could not be synced, after syncing all
// the others, and 2 on bad usage.
package main

import (
	"flag"
	"fmt"
	"os"
	"strconv"
	"strings"

	"github.com/bunbook/bunbook/internal/lessonsync"
)

func main() {
	from := flag.String("from", "", "the course's lessons folder")
	to := flag.String("to", "", "the student's lessons folder (created when missing)")
	owner := flag.String("owner", "", "UID:GID to own what is created (when running as root)")
	quiet := flag.Bool("q", false, "print only the summary and errors")
	var exclude []string
	flag.Func("exclude", "leave out this course `file` (relative to -from; repeatable), e.g. exercises/solutions.ipynb", func(f string) error {
		exclude = append(exclude, f)
		return nil
	})
	flag.Parse()
	if *from == "" || *to == "" || flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "usage: lessonsync -from COURSE_DIR -to STUDENT_DIR [-owner UID:GID] [-exclude FILE]... [-q]")
		os.Exit(2)
	}
	opts := lessonsync.Options{From: *from, To: *to, Exclude: exclude}
	if *owner != "" {
		uid, gid, err := parseOwner(*owner)
		if err != nil {
			fmt.Fprintln(os.Stderr, "lessonsync:", err)
			os.Exit(2)
		}
		opts.Chown, opts.UID, opts.GID = true, uid, gid
	}
	if !*quiet {
		opts.Log = func(format string, args ...any) {
			fmt.Printf("lessonsync: "+format+"\n", args...)
		}
	}
	rep, err := lessonsync.Sync(opts)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Printf("lessonsync: %s → %s: %s\n", *from, *to, rep.Summary())
	if err := rep.Err(); err != nil {
		fmt.Fprintln(os.Stderr, "lessonsync:", err)
		os.Exit(1)
	}
}

func parseOwner(s string) (uid, gid int, err error) {
	u, g, ok := strings.Cut(s, ":")
	if ok {
		uid, err = strconv.Atoi(u)
	}
	if ok && err == nil {
		gid, err = strconv.Atoi(g)
	}
	if !ok || err != nil || uid < 0 || gid < 0 {
		return 0, 0, fmt.Errorf("-owner %q: want numeric UID:GID, e.g. 1000:100", s)
	}
	return uid, gid, nil
}
