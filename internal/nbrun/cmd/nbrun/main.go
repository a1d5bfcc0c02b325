// Command nbrun runs the course's notebooks headlessly and manages the GoNB
// kernelspec. The scripts in scripts/ call it; run it from the repository
// root.
//
//	nbrun check                      is Jupyter there, and the gonb kernel for this checkout?
//	nbrun kernel-env NAME=VALUE...   set (or, with an empty VALUE, remove) the gonb kernel's environment variables
//	nbrun kernel-path [-students-only DIR] DIR...
//	                                 put DIRs first on the gonb kernel's PATH, and install its
//	                                 twin gonb-raw (plain-text errors, same environment but DIR)
//	nbrun cold-notice [PKG...]       say so when Go's build cache lacks the lessons' packages (a lesson's first cell runs it)
//	nbrun run [-save] [PATH...]      execute notebooks into build/lessons
//
// run executes each notebook (default: every notebooks/**/*.ipynb) in its
// own folder, writes the normalized executed copy, its HTML rendering and
// its log under -out, and never touches the committed notebook, unless
// -save is given: then a notebook whose cells all succeeded gets the fresh
// outputs saved back into it (the course maintainer's refresh).
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"time"

	"github.com/bunbook/bunbook/internal/nbrun"
)

const usage = `usage:
  nbrun check [-kernel gonb]
  nbrun kernel-path [-kernel gonb] [-students-only DIR] DIR...
  nbrun kernel-env [-kernel gonb] NAME=VALUE...
  nbrun cold-notice [PKG...]
  nbrun run [-out build/lessons] [-save] [-html=true] [-kernel gonb-raw] [-timeout 10m] [NOTEBOOK|FOLDER ...]
`

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if len(os.Args) < 2 {
		fmt.Fprint(os.Stderr, usage)
		os.Exit(2)
	}
	var err error
	switch cmd, args := os.Args[1], os.Args[2:]; cmd {
	case "check":
		err = check(ctx, args)
	case "kernel-path":
		err = kernelPath(args)
	case "kernel-env":
		err = kernelEnv(args)
	case "cold-notice":
		coldNotice(ctx, args)
	case "run":
		err = run(ctx, args)
	default:
		err = fmt.Errorf("unknown command %q\n%s", cmd, usage)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "nbrun:", err)
		if errors.Is(err, nbrun.ErrNoJupyter) || errors.Is(err, nbrun.ErrNoKernel) {
			os.Exit(3)
		}
		os.Exit(1)
	}
}

func check(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("check", flag.ExitOnError)
	kernel := fs.String("kernel", "gonb", "kernelspec name")
	_ = fs.Parse(args)
	root, err := repoRoot()
	if err != nil {
		return err
	}
	j, err := nbrun.FindJupyter(ctx)
	if err != nil {
		return err
	}
	fmt.Printf("jupyter: %s (nbconvert %s)\n", j.Path, j.NbconvertVersion)
	k, err := nbrun.FindKernel(ctx, j, *kernel)
	if err != nil {
		return err
	}
	if err := k.CheckGoNB(root); err != nil {
		return err
	}
	fmt.Printf("kernel %s: %s (go_work includes %s)\n", k.Name, k.Path, root)
	if *kernel == nbrun.StudentKernel {
		twin, err := nbrun.FindKernel(ctx, j, nbrun.HeadlessKernel)
		if err != nil {
			return err
		}
		if err := twin.CheckGoNB(root); err != nil {
			return err
		}
	}
	return nil
}

func kernelPath(args []string) error {
	fs := flag.NewFlagSet("kernel-path", flag.ExitOnError)
	kernel := fs.String("kernel", "gonb", "kernelspec name")
	studentsOnly := fs.String("students-only", "", "a folder first on the students' kernel's PATH but not on its twin's (gopls: GoNB starts it in every kernel that finds it)")
	_ = fs.Parse(args)
	if fs.NArg() == 0 {
		return errors.New("kernel-path needs at least one folder to put on the kernel's PATH")
	}
	k, err := userKernel(*kernel)
	if err != nil {
		return err
	}
	var dirs []string
	for _, d := range fs.Args() {
		abs, err := filepath.Abs(d)
		if err != nil {
			return err
		}
		dirs = append(dirs, abs)
	}
	k.PrependPath(dirs...)
	twin := k.HeadlessTwin()
	if *studentsOnly != "" {
		abs, err := filepath.Abs(*studentsOnly)
		if err != nil {
			return err
		}
		k.PrependPath(append([]string{abs}, dirs...)...)
	}
	// Students get GoNB's rich errors; the headless twin, which nbrun and
	// the tests execute with, keeps them plain text.
	k.SetFlag("raw_error", "")
	if err := k.Save(); err != nil {
		return err
	}
	fmt.Printf("kernel %s: PATH=%s\n", k.Name, k.Env["PATH"])
	if err := twin.Save(); err != nil {
		return err
	}
	fmt.Printf("kernel %s: %s with -raw_error (headless runs and tests)\n", twin.Name, k.Name)
	return nil
}

// kernelEnv sets environment variables of the user's kernelspec, e.g. the
// build flags and module proxy every cell's go commands see.
func kernelEnv(args []string) error {
	fs := flag.NewFlagSet("kernel-env", flag.ExitOnError)
	kernel := fs.String("kernel", "gonb", "kernelspec name")
	_ = fs.Parse(args)
	if fs.NArg() == 0 {
		return errors.New("kernel-env needs at least one NAME=VALUE")
	}
	k, err := userKernel(*kernel)
	if err != nil {
		return err
	}
	for _, kv := range fs.Args() {
		name, value, ok := strings.Cut(kv, "=")
		if !ok || name == "" || strings.ContainsAny(name, " \t") {
			return fmt.Errorf("kernel-env: %q is not NAME=VALUE", kv)
		}
		k.SetEnv(name, value)
	}
	if err := k.Save(); err != nil {
		return err
	}
	for _, kv := range fs.Args() {
		name, _, _ := strings.Cut(kv, "=")
		fmt.Printf("kernel %s: %s=%s\n", k.Name, name, k.Env[name])
	}
	return nil
}

// coldNotice prints nbrun.ColdNotice when the packages (default
// nbrun.DefaultWarmPackages) are not in Go's build cache. A lesson's first
// cell runs it as a GoNB shell line, which runs before the cell compiles.
// It asks in GoNB's module folder ($GONB_TMP_DIR), which builds the cells,
// so it works wherever the notebook is; outside GoNB, in the checkout. It
// never fails the cell: a problem is told on standard error.
func coldNotice(ctx context.Context, args []string) {
	var err error
	dir := os.Getenv("GONB_TMP_DIR")
	if dir == "" {
		dir, err = repoRoot()
	}
	if err == nil {
		var stale []string
		if stale, err = nbrun.StalePackages(ctx, dir, args...); err == nil {
			if len(stale) > 0 {
				fmt.Println(nbrun.ColdNotice)
			}
			return
		}
	}
	fmt.Fprintln(os.Stderr, "nbrun cold-notice:", err)
}

func run(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("run", flag.ExitOnError)
	out := fs.String("out", filepath.Join("build", "lessons"), "folder for executed copies, HTML renderings and logs")
	save := fs.Bool("save", false, "save the fresh outputs back into each notebook whose cells all succeeded")
	html := fs.Bool("html", true, "also render each executed notebook as HTML")
	kernel := fs.String("kernel", nbrun.HeadlessKernel, "kernelspec to execute with")
	timeout := fs.Duration("timeout", nbrun.DefaultCellTimeout, "time limit for one cell")
	_ = fs.Parse(args)

	root, err := repoRoot()
	if err != nil {
		return err
	}
	paths := fs.Args()
	if len(paths) == 0 {
		paths = []string{filepath.Join(root, "notebooks")}
	}
	var notebooks []string
	for _, p := range paths {
		found, err := nbrun.FindNotebooks(p)
		if err != nil {
			return err
		}
		notebooks = append(notebooks, found...)
	}
	if len(notebooks) == 0 {
		return fmt.Errorf("no notebooks (*.ipynb) under %s", strings.Join(paths, ", "))
	}
	j, err := nbrun.FindJupyter(ctx)
	if err != nil {
		return err
	}

	var failed []string
	start := time.Now()
	for _, nb := range notebooks {
		rel := relToNotebooks(root, nb)
		dest := filepath.Join(*out, filepath.Dir(rel))
		fmt.Printf("▶ %s\n", displayPath(root, nb))
		r, err := j.Execute(ctx, nb, nbrun.ExecOptions{
			OutDir:      dest,
			Kernel:      *kernel,
			CellTimeout: *timeout,
			HTML:        *html,
			Normalize:   nbrun.NormalizeOptions{Root: root},
		})
		if r != nil && r.Log != "" {
			logPath := strings.TrimSuffix(r.Path, ".ipynb") + ".log"
			_ = os.WriteFile(logPath, []byte(r.Log), 0o644)
		}
		if err == nil {
			err = r.CellErrors()
		}
		if err != nil {
			fmt.Fprintf(os.Stderr, "✘ %v\n", err)
			failed = append(failed, displayPath(root, nb))
			if ctx.Err() != nil {
				break
			}
			continue
		}
		fmt.Printf("✔ %s in %s → %s", displayPath(root, nb), r.Duration.Round(100*time.Millisecond), displayPath(root, r.Path))
		if r.HTMLPath != "" {
			fmt.Printf(", %s", filepath.Base(r.HTMLPath))
		}
		fmt.Println()
		if *save {
			if err := saveOutputs(r.Path, nb); err != nil {
				return err
			}
			fmt.Printf("  saved outputs into %s\n", displayPath(root, nb))
		}
	}
	fmt.Printf("%d notebook(s) run in %s, %d failed\n", len(notebooks), time.Since(start).Round(time.Second), len(failed))
	if len(failed) > 0 {
		return fmt.Errorf("failed: %s (logs beside the executed copies in %s)", strings.Join(failed, ", "), *out)
	}
	return nil
}

// saveOutputs replaces the committed notebook with its executed copy.
func saveOutputs(executed, source string) error {
	data, err := os.ReadFile(executed)
	if err != nil {
		return err
	}
	tmp := source + ".saving"
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, source)
}

// relToNotebooks returns nb's path below the repository's notebooks/
// folder, or below the root when it lies elsewhere, so executed copies keep
// the lessons' folder layout.
func relToNotebooks(root, nb string) string {
	abs, err := filepath.Abs(nb)
	if err != nil {
		return filepath.Base(nb)
	}
	for _, base := range []string{filepath.Join(root, "notebooks"), root} {
		if rel, err := filepath.Rel(base, abs); err == nil && !strings.HasPrefix(rel, "..") {
			return rel
		}
	}
	return filepath.Base(nb)
}

func displayPath(root, p string) string {
	abs, err := filepath.Abs(p)
	if err != nil {
		return p
	}
	if rel, err := filepath.Rel(root, abs); err == nil && !strings.HasPrefix(rel, "..") {
		return rel
	}
	return p
}

func repoRoot() (string, error) { return nbrun.FindRoot(".") }

// userKernel reads the user's kernelspec of that name.
func userKernel(name string) (*nbrun.KernelSpec, error) {
	dir, err := nbrun.UserKernelDir(name)
	if err != nil {
		return nil, err
	}
	return nbrun.ReadKernelSpec(filepath.Join(dir, "kernel.json"))
}
