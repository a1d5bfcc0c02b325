package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/bunbook/bunbook/internal/nbrun"
)

func TestRelToNotebooks(t *testing.T) {
	root := t.TempDir()
	for _, tc := range []struct{ nb, want string }{
		{filepath.Join(root, "notebooks", "01_create.ipynb"), "01_create.ipynb"},
		{filepath.Join(root, "notebooks", "exercises", "q.ipynb"), filepath.Join("exercises", "q.ipynb")},
		{filepath.Join(root, "examples", "x.ipynb"), filepath.Join("examples", "x.ipynb")},
		{"/elsewhere/y.ipynb", "y.ipynb"},
	} {
		if got := relToNotebooks(root, tc.nb); got != tc.want {
			t.Errorf("relToNotebooks(%q) = %q, want %q", tc.nb, got, tc.want)
		}
	}
}

func TestSaveOutputs(t *testing.T) {
	dir := t.TempDir()
	executed, source := filepath.Join(dir, "executed.ipynb"), filepath.Join(dir, "source.ipynb")
	if err := os.WriteFile(executed, []byte("fresh"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(source, []byte("stale"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := saveOutputs(executed, source); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(source); string(got) != "fresh" {
		t.Errorf("source = %q, want the executed copy", got)
	}
	if _, err := os.Stat(source + ".saving"); !os.IsNotExist(err) {
		t.Errorf("temporary file left behind: %v", err)
	}
}

// gopls's folder goes on the students' kernel's PATH only: GoNB starts
// gopls in every kernel that finds it, which headless runs never use.
func TestKernelPathStudentsOnly(t *testing.T) {
	data := t.TempDir()
	t.Setenv("JUPYTER_DATA_DIR", data)
	dir := filepath.Join(data, "kernels", "gonb")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	spec := `{"argv":["/opt/bin/gonb","--kernel","{connection_file}","-raw_error=true"],"display_name":"Go (gonb)","language":"go","env":{}}`
	if err := os.WriteFile(filepath.Join(dir, "kernel.json"), []byte(spec), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := kernelPath([]string{"-students-only", "/opt/bin/lsp", "/opt/bin", "/usr/local/go/bin"}); err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]string{
		"gonb":     "/opt/bin/lsp:/opt/bin:/usr/local/go/bin:${PATH}",
		"gonb-raw": "/opt/bin:/usr/local/go/bin:${PATH}",
	} {
		k, err := nbrun.ReadKernelSpec(filepath.Join(data, "kernels", name, "kernel.json"))
		if err != nil {
			t.Fatal(err)
		}
		if got := k.Env["PATH"]; got != want {
			t.Errorf("%s: PATH=%q, want %q", name, got, want)
		}
	}
}
