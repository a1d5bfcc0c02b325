package nbrun

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// fakeJupyter puts a stand-in `jupyter` on PATH that answers like the real
// one: nbconvert --version, --paths --json (with dataDir), and nbconvert
// --to notebook|html, which copies testdata/executed.ipynb as the
// "executed" notebook. It records its arguments in the returned file.
func fakeJupyter(t *testing.T, dataDir string) (argsLog string) {
	t.Helper()
	dir := t.TempDir()
	argsLog = filepath.Join(dir, "args")
	executed, err := filepath.Abs("testdata/executed.ipynb")
	if err != nil {
		t.Fatal(err)
	}
	script := `#!/bin/sh
echo "$@" >> '` + argsLog + `'
case "$1 $2" in
  "nbconvert --version") echo "[W] some warning"; echo 6.5.3; exit 0 ;;
  "--paths --json") echo '{"data": ["` + dataDir + `", "/nonexistent/share/jupyter"]}'; exit 0 ;;
esac
to=""; outdir=""; name=""
while [ $# -gt 0 ]; do
  case "$1" in
    --to) to=$2; shift ;;
    --output-dir) outdir=$2; shift ;;
    --output) name=$2; shift ;;
    --ExecutePreprocessor.kernel_name=nokernel) echo "jupyter_client.kernelspec.NoSuchKernel: No such kernel named nokernel" >&2; exit 1 ;;
  esac
  shift
done
echo "[NbConvertApp] Converting notebook" >&2
case "$to" in
  notebook) cp '` + executed + `' "$outdir/$name.ipynb" ;;
  html) echo "<html></html>" > "$outdir/$name.html" ;;
esac
`
	if err := os.WriteFile(filepath.Join(dir, "jupyter"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", dir+string(os.PathListSeparator)+os.Getenv("PATH"))
	return argsLog
}

func TestExecute(t *testing.T) {
	data := t.TempDir()
	argsLog := fakeJupyter(t, data)
	j, err := FindJupyter(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if j.NbconvertVersion != "6.5.3" {
		t.Errorf("NbconvertVersion = %q, want 6.5.3 (the last line)", j.NbconvertVersion)
	}

	src := filepath.Join(t.TempDir(), "01_lesson.ipynb")
	original := []byte(`{"nbformat": 4, "cells": []}`)
	if err := os.WriteFile(src, original, 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "lessons")
	run, err := j.Execute(t.Context(), src, ExecOptions{OutDir: out, HTML: true, Normalize: NormalizeOptions{Root: "/work/checkout"}})
	if err != nil {
		t.Fatal(err)
	}
	if run.Path != filepath.Join(out, "01_lesson.ipynb") || run.HTMLPath != filepath.Join(out, "01_lesson.html") {
		t.Errorf("Path %q, HTMLPath %q", run.Path, run.HTMLPath)
	}
	if _, err := os.Stat(run.HTMLPath); err != nil {
		t.Error(err)
	}
	if got, _ := os.ReadFile(src); !bytes.Equal(got, original) {
		t.Errorf("the source notebook was changed: %s", got)
	}
	written, _ := os.ReadFile(run.Path)
	if bytes.Contains(written, []byte("11:42:35")) || bytes.Contains(written, []byte(`"execution"`)) {
		t.Errorf("executed copy is not normalized:\n%s", written)
	}
	if got := run.Notebook.Cells[1].Stderr(); got != "warning from <repo>/notebooks\n" {
		t.Errorf("Normalize options not applied: stderr %q", got)
	}
	if !strings.Contains(run.Log, "Converting notebook") {
		t.Errorf("Log = %q", run.Log)
	}

	err = run.CellErrors()
	if err == nil || !strings.Contains(err.Error(), "1 cell(s) failed") || !strings.Contains(err.Error(), `panic("boom")`) ||
		!strings.Contains(err.Error(), "ERROR: exit status 2") {
		t.Errorf("CellErrors = %v; want the failed cell's source and error", err)
	}

	args, _ := os.ReadFile(argsLog)
	for _, want := range []string{
		"nbconvert --to notebook --execute --allow-errors --ExecutePreprocessor.kernel_name=gonb-raw --ExecutePreprocessor.timeout=600 --ExecutePreprocessor.record_timing=False --output-dir " + out + " --output 01_lesson " + src,
		"nbconvert --to html --output-dir " + out + " --output 01_lesson " + run.Path,
	} {
		if !strings.Contains(string(args), want+"\n") {
			t.Errorf("jupyter was not run as\n  %s\nit was run as:\n%s", want, args)
		}
	}
}

func TestExecuteRefusesToOverwriteTheSource(t *testing.T) {
	fakeJupyter(t, t.TempDir())
	j, err := FindJupyter(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	src := filepath.Join(dir, "01.ipynb")
	if err := os.WriteFile(src, []byte("{}"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := j.Execute(t.Context(), src, ExecOptions{OutDir: dir}); err == nil || !strings.Contains(err.Error(), "would overwrite it") {
		t.Errorf("err = %v, want a refusal", err)
	}
	if _, err := j.Execute(t.Context(), src, ExecOptions{}); err == nil || !strings.Contains(err.Error(), "OutDir") {
		t.Errorf("no OutDir: err = %v", err)
	}
	_, err = j.Execute(t.Context(), src, ExecOptions{OutDir: t.TempDir(), Kernel: "nokernel"})
	if err == nil || !strings.Contains(err.Error(), "No such kernel named nokernel") {
		t.Errorf("missing kernel: err = %v, want nbconvert's complaint quoted", err)
	}
}

func TestFindKernel(t *testing.T) {
	data := t.TempDir()
	fakeJupyter(t, data)
	j, err := FindJupyter(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := FindKernel(t.Context(), j, "gonb"); !errors.Is(err, ErrNoKernel) || !strings.Contains(err.Error(), "scripts/setup.sh") {
		t.Errorf("no kernel yet: err = %v, want ErrNoKernel with the fix", err)
	}
	path := writeKernel(t, data, fakeBinary(t), "/repo")
	k, err := FindKernel(t.Context(), j, "gonb")
	if err != nil {
		t.Fatal(err)
	}
	if k.Path != path || k.Name != "gonb" || k.DisplayName != "Go (gonb)" {
		t.Errorf("FindKernel = %+v", k)
	}
}

func TestFindJupyterMissing(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	_, err := FindJupyter(t.Context())
	if !errors.Is(err, ErrNoJupyter) || !strings.Contains(err.Error(), "apt-get install") {
		t.Errorf("err = %v, want ErrNoJupyter with install instructions", err)
	}
}
