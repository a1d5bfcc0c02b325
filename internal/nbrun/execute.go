package nbrun

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// DefaultCellTimeout bounds one cell. A cold GoNB cell compiles the SQLite
// driver (about 30 s on two cores, more on a busy machine); warm cells take a
// second or two.
const DefaultCellTimeout = 10 * time.Minute

// ExecOptions tunes [Jupyter.Execute].
type ExecOptions struct {
	// OutDir receives the executed copy (and its HTML rendering). Required.
	OutDir string
	// Name is the executed copy's base name without extension; default the
	// source notebook's.
	Name string
	// Kernel is the kernelspec to run the notebook with; default
	// HeadlessKernel (plain-text errors).
	Kernel string
	// CellTimeout bounds each cell; default DefaultCellTimeout.
	CellTimeout time.Duration
	// HTML also renders the executed copy to OutDir/Name.html.
	HTML bool
	// Normalize tunes how the executed copy is normalized.
	Normalize NormalizeOptions
}

// Run is one execution of a notebook.
type Run struct {
	Source   string    // the notebook that was executed
	Path     string    // its executed, normalized copy
	HTMLPath string    // its HTML rendering, when asked for
	Notebook *Notebook // the executed copy, parsed
	Log      string    // what nbconvert and the kernel logged
	Duration time.Duration
}

// Execute runs every cell of the notebook at path with nbconvert, in the
// notebook's own folder as a student's Jupyter would, and writes the
// normalized executed copy into opts.OutDir. The source file is never
// written. A cell that fails does not stop the run: its error output is in
// the result (see [Run.CellErrors]); Execute itself fails when nbconvert
// does (no such kernel, a cell timeout, a kernel that died).
func (j *Jupyter) Execute(ctx context.Context, path string, opts ExecOptions) (*Run, error) {
	if opts.OutDir == "" {
		return nil, errors.New("nbrun: Execute needs ExecOptions.OutDir, the folder for the executed copy")
	}
	src, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("nbrun: %w", err)
	}
	if _, err := os.Stat(src); err != nil {
		return nil, fmt.Errorf("nbrun: notebook: %w", err)
	}
	name := opts.Name
	if name == "" {
		name = strings.TrimSuffix(filepath.Base(src), filepath.Ext(src))
	}
	kernel := opts.Kernel
	if kernel == "" {
		kernel = HeadlessKernel
	}
	timeout := opts.CellTimeout
	if timeout <= 0 {
		timeout = DefaultCellTimeout
	}
	outDir, err := filepath.Abs(opts.OutDir)
	if err != nil {
		return nil, fmt.Errorf("nbrun: %w", err)
	}
	out := filepath.Join(outDir, name+".ipynb")
	if samePath(out, src) {
		return nil, fmt.Errorf("nbrun: executing %s into %s would overwrite it: choose another OutDir", path, out)
	}
	if err := os.MkdirAll(outDir, 0o755); err != nil {
		return nil, fmt.Errorf("nbrun: %w", err)
	}

	run := &Run{Source: path, Path: out}
	start := time.Now()
	log, err := j.nbconvert(ctx,
		"--to", "notebook", "--execute", "--allow-errors",
		"--ExecutePreprocessor.kernel_name="+kernel,
		"--ExecutePreprocessor.timeout="+strconv.Itoa(int(timeout.Seconds())),
		"--ExecutePreprocessor.record_timing=False",
		"--output-dir", outDir, "--output", name, src)
	run.Duration = time.Since(start)
	run.Log = log
	if err != nil {
		return run, fmt.Errorf("nbrun: executing %s failed: %w\n%s", path, err, tail(log, 40))
	}
	raw, err := os.ReadFile(out)
	if err != nil {
		return run, fmt.Errorf("nbrun: nbconvert wrote no executed copy of %s: %w\n%s", path, err, tail(log, 40))
	}
	if raw, err = Normalize(raw, opts.Normalize); err != nil {
		return run, err
	}
	if err := writeFileAtomic(out, raw); err != nil {
		return run, fmt.Errorf("nbrun: %w", err)
	}
	if run.Notebook, err = ParseNotebook(raw); err != nil {
		return run, fmt.Errorf("nbrun: executed copy %s: %w", out, err)
	}
	if opts.HTML {
		if log, err := j.nbconvert(ctx, "--to", "html", "--output-dir", outDir, "--output", name, out); err != nil {
			return run, fmt.Errorf("nbrun: rendering %s as HTML failed: %w\n%s", out, err, tail(log, 20))
		}
		run.HTMLPath = filepath.Join(outDir, name+".html")
	}
	return run, nil
}

// CellErrors returns nil when no cell of the run failed, else an error
// quoting each failed cell's source and error output.
func (r *Run) CellErrors() error {
	if r.Notebook == nil {
		return fmt.Errorf("%s did not run", r.Source)
	}
	failed := r.Notebook.Errors()
	if len(failed) == 0 {
		return nil
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %d cell(s) failed", r.Source, len(failed))
	for _, c := range failed {
		fmt.Fprintf(&b, "\n--- cell %d:\n%s\n--- stderr:\n%s--- error:\n%s",
			c.Index, strings.TrimSpace(c.Source), c.Stderr(), c.Error())
	}
	return errors.New(b.String())
}

// LogTail returns the last n lines of the run's log.
func (r *Run) LogTail(n int) string { return tail(r.Log, n) }

// nbconvert runs `jupyter nbconvert args...` and returns its combined output
// (nbconvert's and the kernel's logs).
func (j *Jupyter) nbconvert(ctx context.Context, args ...string) (string, error) {
	cmd := j.command(ctx, append([]string{"nbconvert"}, args...)...)
	var log bytes.Buffer
	cmd.Stdout, cmd.Stderr = &log, &log
	err := cmd.Run()
	return log.String(), err
}

// tail returns the last n lines of s.
func tail(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = append([]string{"…"}, lines[len(lines)-n:]...)
	}
	return strings.Join(lines, "\n")
}
