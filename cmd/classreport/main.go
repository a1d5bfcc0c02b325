// Command classreport tells a teacher who is stuck where: for each student
// and each exercise question, ✅ solved, ❌ n (n wrong checks) or ⬜ not
// attempted, then per question how many students are stuck and on which
// hint. It prints a table and writes the same as an HTML page.
//
// On a JupyterHub (TLJH, DockerSpawner, Zero to JupyterHub alike) it reads
// each student's progress file through their running server with the hub's
// REST API; give the hub's URL and a hub admin's token in $CLASSREPORT_TOKEN:
//
//	CLASSREPORT_TOKEN=… classreport -hub https://hub.example.org/
//
// Students whose servers are stopped show the progress the last report read
// (kept in -state). Without a hub, it reads the students' homes directly:
//
//	classreport -homes /home            # one student per folder
//	sudo classreport -homes '/home/jupyter-*'   # TLJH, * = the student's name
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"time"
)

const tokenEnv = "CLASSREPORT_TOKEN"

func main() {
	hubURL := flag.String("hub", "", "the hub's URL (`https://hub.example.org/`); the admin token comes from $"+tokenEnv)
	homes := flag.String("homes", "", "read the progress files from these homes instead: a `folder` of homes, or a glob with one * for the student's name")
	out := flag.String("html", "classreport.html", "write the HTML page to this `file`")
	state := flag.String("state", "classreport-state.json", "the last known progress of each student (`file`), for stopped servers")
	flag.Usage = func() {
		fmt.Fprintf(os.Stderr, "usage: %s=<admin token> classreport -hub URL [-html FILE]\n       classreport -homes DIR|PATTERN [-html FILE]\n\n", tokenEnv)
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() > 0 || (*hubURL == "") == (*homes == "") {
		flag.Usage()
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, os.Stdout, *hubURL, *homes, *out, *state); err != nil {
		fmt.Fprintln(os.Stderr, "classreport:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, w io.Writer, hubURL, homes, out, state string) error {
	var c class
	if homes != "" {
		students, err := fromHomes(homes)
		if err != nil {
			return err
		}
		c = newClass(homes, students)
	} else {
		token := os.Getenv(tokenEnv)
		if token == "" {
			return fmt.Errorf("no admin token: set %s to a token of a hub admin (an admin's token from the hub's Token page, /hub/token; see docs/class-report.md)", tokenEnv)
		}
		h, err := newHub(hubURL, token)
		if err != nil {
			return err
		}
		known, err := loadLastKnown(state)
		if err != nil {
			return err
		}
		ctx, cancel := context.WithTimeout(ctx, 10*time.Minute)
		defer cancel()
		students, err := fromHub(ctx, h, known)
		if err != nil {
			return err
		}
		if err := known.save(state); err != nil {
			return fmt.Errorf("keep the last known progress: %w", err)
		}
		c = newClass(h.base.Redacted(), students)
	}
	c.WriteText(w)
	f, err := os.CreateTemp(filepath.Dir(out), ".classreport-*.html")
	if err != nil {
		return err
	}
	defer os.Remove(f.Name())
	if err := c.WriteHTML(f); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	os.Chmod(f.Name(), 0o600)
	if err := os.Rename(f.Name(), out); err != nil {
		return err
	}
	fmt.Fprintf(w, "\nThe same as a page: %s\n", out)
	return nil
}
