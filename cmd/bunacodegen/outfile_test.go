package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bunbook/bunbook/internal/shareddata"
)

func sum(t *testing.T, path string) [32]byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(b)
}

// TestOutfileNeverOverwritesADatabase: a swapped-argument typo must not
// replace the only copy of a database with Go source.
func TestOutfileNeverOverwritesADatabase(t *testing.T) {
	for _, tc := range []struct {
		name    string
		outfile string
		source  string
		want    string
	}{
		{"the input itself", "chinook.db", "chinook.db",
			`bunacodegen: -outfile chinook.db is the database being read; name a .go file, e.g. -outfile models.go`},
		{"the input by another name", "./sub/../chinook.db", "sqlite:///chinook.db",
			`bunacodegen: -outfile ./sub/../chinook.db is the database being read; name a .go file, e.g. -outfile models.go`},
		{"another SQLite file", "other.db", "chinook.db",
			`bunacodegen: -outfile other.db is an existing SQLite database; refusing to overwrite it with Go source (name a .go file, e.g. -outfile models.go)`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			chdirCopy(t)
			os.Mkdir("sub", 0o755)
			b, _ := os.ReadFile("chinook.db")
			os.WriteFile("other.db", b, 0o644)
			before := sum(t, tc.outfile)
			code, out, errOut := runCLIHere(t, "-tables", "artists", "-outfile", tc.outfile, tc.source)
			if code != 2 || out != "" || strings.TrimSpace(errOut) != tc.want {
				t.Errorf("exit %d, stdout %q, stderr:\n%s\nwant exit 2 and\n%s", code, out, errOut, tc.want)
			}
			if sum(t, tc.outfile) != before {
				t.Errorf("%s was changed", tc.outfile)
			}
		})
	}
}

// TestOutfileIsReplacedAtomically: the new source replaces the old file in
// one rename, keeping its permissions and a symbolic link, leaving no
// temporary file behind.
func TestOutfileIsReplacedAtomically(t *testing.T) {
	chdirCopy(t)
	os.Mkdir("models", 0o755)
	os.WriteFile("models/models.go", []byte("old"), 0o600)
	os.Symlink("models/models.go", "link.go")
	code, _, errOut := runCLIHere(t, "-tables", "artists", "-outfile", "link.go", "chinook.db")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	got, _ := os.ReadFile("models/models.go")
	if !strings.Contains(string(got), "type Artist struct") {
		t.Fatalf("models.go = %q", got)
	}
	if info, err := os.Lstat("link.go"); err != nil || info.Mode()&os.ModeSymlink == 0 {
		t.Errorf("link.go is no longer a symbolic link: %v", err)
	}
	if info, _ := os.Stat("models/models.go"); info.Mode().Perm() != 0o600 {
		t.Errorf("mode = %v, want 0600 kept", info.Mode().Perm())
	}
	if names, _ := filepath.Glob("models/.*"); len(names) != 0 {
		t.Errorf("temporary files left: %q", names)
	}
}

// chdirCopy changes into a fresh directory holding a copy of chinook.db.
func chdirCopy(t *testing.T) {
	t.Helper()
	t.Chdir(filepath.Dir(shareddata.Copy(t, "chinook.db")))
}

// runCLIHere runs the command in the current directory.
func runCLIHere(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = run(context.Background(), args, &out, &errOut)
	return code, out.String(), errOut.String()
}
