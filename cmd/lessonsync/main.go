// Command lessonsync puts the course's lessons into a student's home folder
// and brings them up to date without losing a student's work: the course
// image runs it at every server start (a docker-stacks before-notebook.d
// hook), TLJH from each student's server config. See package
// github.com/bunbook/bunbook/internal/lessonsync for the rules.
//
// Usage:
//
//	lessonsync [-from /opt/bunbook/notebooks] [-to ~/bunbook] [-owner 1000:100] [-exclude FILE]... [-q]
//	lessonsync -reset 01_create_database.ipynb
//	bunbook-reset 01_create_database.ipynb      (the same, under a second name)
//
// -exclude leaves a course file out (the start hooks pass
// -exclude exercises/solutions.ipynb unless BUNBOOK_SOLUTIONS=shown).
// -reset puts back the course's version of one lesson, keeping the
// student's as NAME.mine-DATE.ipynb beside it.
//
// Started as root, lessonsync needs -owner: it then becomes that user and
// group (no supplementary groups) before it touches the home, so all it
// creates is the student's, and it can write nowhere the student cannot.
// It exits 1 when a file could not be synced, after syncing all the others,
// and 2 on bad usage.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/bunbook/bunbook/internal/lessonsync"
)

func main() {
	defaultFrom := os.Getenv("BUNBOOK_LESSONS_SOURCE")
	if defaultFrom == "" {
		defaultFrom = "/opt/bunbook/notebooks"
	}
	home, _ := os.UserHomeDir()
	from := flag.String("from", defaultFrom, "the course's lessons folder")
	to := flag.String("to", filepath.Join(home, "bunbook"), "the student's lessons folder (created when missing)")
	owner := flag.String("owner", "", "UID:GID to run as (needed when started as root)")
	reset := flag.String("reset", "", "put back the course's version of this `lesson`, keeping yours as a dated copy")
	quiet := flag.Bool("q", false, "print only the summary and errors")
	var exclude []string
	flag.Func("exclude", "leave out this course `file` (relative to -from; repeatable), e.g. exercises/solutions.ipynb", func(f string) error {
		exclude = append(exclude, f)
		return nil
	})
	resetCmd := filepath.Base(os.Args[0]) == "bunbook-reset"
	if resetCmd {
		flag.Usage = func() {
			fmt.Fprintln(os.Stderr, "usage: bunbook-reset LESSON   e.g. bunbook-reset 01_create_database.ipynb\n"+
				"Puts back the course's version of LESSON in ~/bunbook; yours is kept beside it as LESSON.mine-DATE.ipynb.")
		}
	}
	flag.Parse()
	if resetCmd && flag.NArg() == 1 {
		*reset = flag.Arg(0)
	} else if flag.NArg() > 0 || resetCmd {
		flag.Usage()
		os.Exit(2)
	}
	if err := becomeOwner(*owner); err != nil {
		fmt.Fprintln(os.Stderr, "lessonsync:", err)
		os.Exit(2)
	}
	opts := lessonsync.Options{From: *from, To: *to, Exclude: exclude}
	if *reset != "" {
		res, err := lessonsync.ResetLesson(opts, *reset)
		if err != nil {
			fmt.Fprintln(os.Stderr, "lessonsync: reset:", err)
			os.Exit(1)
		}
		switch res.Action {
		case lessonsync.UpToDate:
			fmt.Printf("%s is already the course's version: nothing to do.\n", res.Path)
		case lessonsync.Added:
			fmt.Printf("%s: the course's version is back (you had no copy).\n", res.Path)
		default:
			fmt.Printf("%s: the course's version is back; yours is kept as %s\n", res.Path, res.Copy)
		}
		return
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
	if !ok || err != nil || uid <= 0 || gid < 0 {
		return 0, 0, fmt.Errorf("-owner %q: want the student's numeric UID:GID, not root's, e.g. 1000:100", s)
	}
	return uid, gid, nil
}
