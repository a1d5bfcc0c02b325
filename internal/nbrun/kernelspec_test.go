package nbrun

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeKernel writes a gonb-style kernel.json (as gonb --install does) into
// a temporary Jupyter data folder and returns its path.
func writeKernel(t *testing.T, dataDir, bin, goWork string) string {
	t.Helper()
	dir := filepath.Join(dataDir, "kernels", "gonb")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	spec := `{"argv":["` + bin + `","--kernel","{connection_file}","-raw_error=true","-go_work=` + goWork + `"],` +
		`"display_name":"Go (gonb)","language":"go","interrupt_mode":"message","env":{}}` + "\n"
	path := filepath.Join(dir, "kernel.json")
	if err := os.WriteFile(path, []byte(spec), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func fakeBinary(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "gonb")
	if err := os.WriteFile(bin, []byte("#!/bin/sh\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	return bin
}

func TestKernelSpecPrependPathKeepsOtherFields(t *testing.T) {
	data := t.TempDir()
	t.Setenv("JUPYTER_DATA_DIR", data)
	root := t.TempDir()
	path := writeKernel(t, data, fakeBinary(t), root)

	dir, err := UserKernelDir("gonb")
	if err != nil || dir != filepath.Dir(path) {
		t.Fatalf("UserKernelDir = %q, %v; want %q", dir, err, filepath.Dir(path))
	}
	k, err := ReadKernelSpec(path)
	if err != nil {
		t.Fatal(err)
	}
	if got, ok := k.Flag("go_work"); !ok || got != root {
		t.Errorf("Flag(go_work) = %q, %v; want %q", got, ok, root)
	}
	if _, ok := k.Flag("kernel"); ok {
		t.Error("Flag(kernel) found a flag that has no =value form")
	}
	k.PrependPath("/opt/bin", "/usr/local/go/bin")
	k.PrependPath("/opt/bin", "/usr/local/go/bin") // again: no pile-up
	if err := k.Save(); err != nil {
		t.Fatal(err)
	}

	var saved map[string]any
	raw, _ := os.ReadFile(path)
	if err := json.Unmarshal(raw, &saved); err != nil {
		t.Fatal(err)
	}
	env := saved["env"].(map[string]any)
	if env["PATH"] != "/opt/bin:/usr/local/go/bin:${PATH}" {
		t.Errorf("env.PATH = %q", env["PATH"])
	}
	if saved["interrupt_mode"] != "message" || saved["language"] != "go" {
		t.Errorf("Save lost fields it does not model: %s", raw)
	}
	if k2, err := ReadKernelSpec(path); err != nil || k2.CheckGoNB(root) != nil {
		t.Errorf("re-read kernelspec: %v / CheckGoNB: %v", err, k2.CheckGoNB(root))
	}
}

func TestKernelSpecCheckGoNB(t *testing.T) {
	data := t.TempDir()
	root := t.TempDir()
	for _, tc := range []struct {
		name, bin, goWork, want string
	}{
		{"ok", fakeBinary(t), root, ""},
		{"another checkout", fakeBinary(t), "/somewhere/else", "not this checkout"},
		{"binary gone", filepath.Join(t.TempDir(), "gonb"), root, "not an executable file"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			k, err := ReadKernelSpec(writeKernel(t, data, tc.bin, tc.goWork))
			if err != nil {
				t.Fatal(err)
			}
			err = k.CheckGoNB(root)
			if tc.want == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if !errors.Is(err, ErrNoKernel) || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), "scripts/setup.sh") {
				t.Errorf("err = %v; want ErrNoKernel saying %q and how to fix it", err, tc.want)
			}
		})
	}
}

func TestReadKernelSpecRejects(t *testing.T) {
	dir := t.TempDir()
	for name, data := range map[string]string{
		"garbage.json": "{",
		"noargv.json":  `{"display_name": "x"}`,
	} {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := ReadKernelSpec(path); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

func TestKernelSpecSetEnv(t *testing.T) {
	data := t.TempDir()
	t.Setenv("JUPYTER_DATA_DIR", data)
	path := writeKernel(t, data, fakeBinary(t), t.TempDir())
	k, err := ReadKernelSpec(path)
	if err != nil {
		t.Fatal(err)
	}
	k.PrependPath("/opt/bin")
	k.SetEnv("GOFLAGS", "-ldflags=-s")
	k.SetEnv("GOPROXY", "file:///mod/cache/download,https://proxy.golang.org,direct")
	k.SetEnv("GOPROXY", "") // removed again
	if err := k.Save(); err != nil {
		t.Fatal(err)
	}
	k, err = ReadKernelSpec(path)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"PATH": "/opt/bin:${PATH}", "GOFLAGS": "-ldflags=-s"}
	if len(k.Env) != len(want) || k.Env["PATH"] != want["PATH"] || k.Env["GOFLAGS"] != want["GOFLAGS"] {
		t.Errorf("env = %v, want %v", k.Env, want)
	}
}
