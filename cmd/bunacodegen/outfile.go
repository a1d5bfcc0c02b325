package main

import (
	"bytes"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"
)

// sqliteMagic starts every SQLite database file.
var sqliteMagic = []byte("SQLite format 3\x00")

// checkOutfile refuses an -outfile that would destroy a database: the one
// being read (under any name) or any other existing SQLite file. A swapped
// pair of arguments must never replace the only copy of a database.
func checkOutfile(outfile, source string) error {
	info, err := os.Stat(outfile)
	if err != nil {
		return nil // absent (or unreachable: writing will say why)
	}
	if src, err := os.Stat(sqlitePath(source)); err == nil && os.SameFile(info, src) {
		return fmt.Errorf("-outfile %s is the database being read; name a .go file, e.g. -outfile models.go", outfile)
	}
	if !info.Mode().IsRegular() {
		return nil
	}
	f, err := os.Open(outfile)
	if err != nil {
		return nil
	}
	defer f.Close()
	head := make([]byte, len(sqliteMagic))
	if _, err := io.ReadFull(f, head); err == nil && bytes.Equal(head, sqliteMagic) {
		return fmt.Errorf("-outfile %s is an existing SQLite database; refusing to overwrite it with Go source (name a .go file, e.g. -outfile models.go)", outfile)
	}
	return nil
}

// sqlitePath is the file a SQLite data source name refers to: chinook.db,
// sqlite:///chinook.db, sqlite:////abs/chinook.db or file:chinook.db?mode=ro.
func sqlitePath(source string) string {
	lower := strings.ToLower(source)
	switch {
	case strings.HasPrefix(lower, "sqlite://"), strings.HasPrefix(lower, "sqlite3://"):
		if u, err := url.Parse(source); err == nil {
			if u.Host == "" && strings.HasPrefix(u.Path, "/") {
				return u.Path[1:] // sqlite:///rel.db is relative, sqlite:////abs.db absolute
			}
			return u.Host + u.Path
		}
	case strings.HasPrefix(lower, "file:"):
		p := source[len("file:"):]
		if i := strings.IndexByte(p, '?'); i >= 0 {
			p = p[:i]
		}
		if u, err := url.PathUnescape(p); err == nil {
			p = u
		}
		return strings.TrimPrefix(p, "//")
	}
	return source
}

// writeAtomically replaces path with data in one rename, so a failure
// (full disk, a killed process) never leaves a half-written file in place
// of a good one. It keeps an existing file's permissions and writes through
// a symbolic link to its target. Devices and pipes (/dev/stdout) are
// written directly: they cannot be renamed over.
func writeAtomically(path string, data []byte) error {
	target := path
	if resolved, err := filepath.EvalSymlinks(path); err == nil {
		target = resolved
	}
	mode := os.FileMode(0o644)
	if info, err := os.Stat(target); err == nil {
		if !info.Mode().IsRegular() {
			return os.WriteFile(target, data, mode)
		}
		mode = info.Mode().Perm()
	}
	tmp, err := os.CreateTemp(filepath.Dir(target), "."+filepath.Base(target)+".*.tmp")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // a no-op once renamed
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), mode); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), target)
}
