package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bunbook/bunbook/internal/shareddata"
)

func runCLI(t *testing.T, ctx context.Context, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	t.Setenv("CHINOOK_SOURCE", "") // the flags under test choose the source
	var out, errb strings.Builder
	code = run(ctx, args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestRunInstallsThenReuses(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "chinook.db")
	zip := shareddata.Path(t, "chinook.zip")

	code, out, errOut := runCLI(t, t.Context(), "-o", dest, "-source", zip)
	if code != 0 || out != "ready: "+dest+" (884736 bytes, sha256 ok)\n" || errOut != "" {
		t.Fatalf("first run: code %d, stdout %q, stderr %q", code, out, errOut)
	}
	code, out, _ = runCLI(t, t.Context(), "-o", dest, "-source", "http://127.0.0.1:1/never-called.zip")
	if code != 0 || out != "ready: "+dest+" (884736 bytes, sha256 ok, cached)\n" {
		t.Fatalf("second run: code %d, stdout %q", code, out)
	}
	code, out, _ = runCLI(t, t.Context(), "-q", "-force", "-o", dest, "-source", zip)
	if code != 0 || out != "" {
		t.Fatalf("quiet run: code %d, stdout %q", code, out)
	}
}

func TestRunHonoursEnvironment(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("CHINOOK_SOURCE", shareddata.Path(t, "chinook.db"))
	var out, errb strings.Builder
	if code := run(t.Context(), []string{"-o", dir}, &out, &errb); code != 0 {
		t.Fatalf("code %d, stderr %q", code, errb.String())
	}
	if want := "ready: " + filepath.Join(dir, "chinook.db") + " (884736 bytes, sha256 ok)\n"; out.String() != want {
		t.Fatalf("stdout %q, want %q", out.String(), want)
	}
}

func TestRunFailures(t *testing.T) {
	dir := t.TempDir()
	code, out, errOut := runCLI(t, t.Context(), "-o", dir, "-source", filepath.Join(dir, "missing.zip"))
	if code != 1 || out != "" || !strings.Contains(errOut, "source not found") || !strings.Contains(errOut, "-source flag") {
		t.Fatalf("missing source: code %d, stdout %q, stderr %q", code, out, errOut)
	}
	code, _, errOut = runCLI(t, t.Context(), "-sha256", "xyz", "-o", dir)
	if code != 1 || !strings.Contains(errOut, `"xyz" is not a SHA-256 digest`) {
		t.Fatalf("bad digest: code %d, stderr %q", code, errOut)
	}
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	code, _, errOut = runCLI(t, ctx, "-o", dir, "-source", shareddata.Path(t, "chinook.zip"))
	if code != 130 || !strings.Contains(errOut, "interrupted") {
		t.Fatalf("cancelled: code %d, stderr %q", code, errOut)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Fatalf("left behind: %v", entries)
	}
}

func TestUsage(t *testing.T) {
	code, out, errOut := runCLI(t, t.Context(), "-h")
	if code != 0 || out != "" {
		t.Fatalf("-h: code %d, stdout %q", code, out)
	}
	for _, want := range []string{
		"usage: chinook [flags]",
		"CHINOOK_SOURCE  where to get Chinook",
		"-o file",
		"-source URL or path",
		"-sha256 hex",
		"-unverified",
		"Exit status: 0 ready, 1 failed, 2 bad usage, 130 interrupted (Ctrl-C,",
	} {
		if !strings.Contains(errOut, want) {
			t.Errorf("usage lacks %q:\n%s", want, errOut)
		}
	}
	code, _, errOut = runCLI(t, t.Context(), "-force=many")
	if code != 2 || !strings.Contains(errOut, `invalid boolean value "many" for -force`) {
		t.Fatalf("bad flag: code %d, stderr %q", code, errOut)
	}
	code, _, errOut = runCLI(t, t.Context(), "chinook.db")
	if code != 2 || !strings.Contains(errOut, `unexpected argument "chinook.db"; use -o`) {
		t.Fatalf("stray argument: code %d, stderr %q", code, errOut)
	}
}
