package connect

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/bunbook/bunbook/internal/filekind"
)

// sqliteMagic is how every SQLite 3 database file starts.
const sqliteMagic = "SQLite format 3\x00"

// sqliteHeaderLen is the length of the database header on page 1.
const sqliteHeaderLen = 100

// checkFile makes sure a file database exists (or may be created) and is
// an SQLite database, so that a wrong path, a device or a failed download
// is reported as such instead of becoming an empty database: SQLite takes
// a missing or zero-byte file, /dev/zero or a /proc file for a new,
// empty database, and a truncated file fails only later, mid-lesson.
func (t sqliteTarget) checkFile(create bool) error {
	if t.memory() {
		return nil
	}
	abs, err := filepath.Abs(t.path)
	if err != nil {
		abs = t.path
	}
	info, err := os.Stat(t.path)
	switch {
	case err == nil && info.IsDir():
		return fmt.Errorf("connect: %q (%s) is a directory, not an SQLite database file: name the .db file inside it", Redact(t.path), Redact(abs))
	case err == nil && !info.Mode().IsRegular():
		// Checked before reading: a FIFO would block the read forever.
		return fmt.Errorf("connect: %q is %s, not an SQLite database file: name the .db file", Redact(t.path), filekind.Of(info.Mode()))
	case err == nil:
		return t.checkContents(info.Size(), create)
	case !errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("connect: database file %q: %w", Redact(t.path), err)
	case !create:
		where := ""
		if abs != t.path {
			where = " (looked for " + Redact(abs) + ")"
		}
		return fmt.Errorf("connect: database file %q does not exist%s: check the path and the working directory, or pass connect.Create() to make a new empty database: %w",
			Redact(t.path), where, fs.ErrNotExist)
	}
	dir := filepath.Dir(abs)
	if info, err := os.Stat(dir); err != nil || !info.IsDir() {
		return fmt.Errorf("connect: cannot create database %q: directory %s does not exist: create it first (os.MkdirAll) or fix the path: %w",
			Redact(t.path), dir, fs.ErrNotExist)
	}
	return nil
}

// checkContents reads the header of the existing regular file t.path,
// size bytes long by its metadata (a /proc file says 0 and still has
// bytes). An empty file is a new database only with create.
func (t sqliteTarget) checkContents(size int64, create bool) error {
	f, err := os.Open(t.path)
	if err != nil {
		return fmt.Errorf("connect: database file %q: %w", Redact(t.path), err)
	}
	defer f.Close()
	header := make([]byte, sqliteHeaderLen)
	n, err := io.ReadFull(f, header)
	switch {
	case n == 0 && (err == nil || err == io.EOF) && create:
		return nil // Open writes the new database's header
	case n == 0 && (err == nil || err == io.EOF):
		return fmt.Errorf("connect: database file %q is empty (0 bytes), so it holds no database: a failed download or copy? "+
			"Download or copy it again, or pass connect.Create() to start a new database in it", Redact(t.path))
	case err != nil && err != io.ErrUnexpectedEOF:
		return fmt.Errorf("connect: database file %q: %w", Redact(t.path), err)
	}
	header = header[:n]
	if n < len(sqliteMagic) || string(header[:len(sqliteMagic)]) != sqliteMagic {
		return fmt.Errorf("connect: %q is not an SQLite database file (it does not start with %q): check the path, or download or copy the file again",
			Redact(t.path), sqliteMagic[:len(sqliteMagic)-1])
	}
	if n < sqliteHeaderLen {
		return fmt.Errorf("connect: database file %q is truncated: it holds %d bytes, less than SQLite's %d-byte header: a failed download or copy? Download or copy it again",
			Redact(t.path), n, sqliteHeaderLen)
	}
	if want, ok := headerSize(header); ok && size < want && !t.hasSideFiles() {
		// Stat again: a writer may have grown the file since (SQLite
		// writes page 1 before it extends the file).
		if info, err := f.Stat(); err == nil && info.Size() >= want {
			return nil
		}
		return fmt.Errorf("connect: database file %q is truncated: it holds %d of its %d bytes: a failed download or copy? Download or copy it again",
			Redact(t.path), size, want)
	}
	return nil
}

// headerSize is the file size an SQLite header records: page size times
// page count, trusted only when SQLite marked the count valid (its
// "version-valid-for" equals the change counter), as SQLite does.
func headerSize(h []byte) (int64, bool) {
	pageSize := int64(binary.BigEndian.Uint16(h[16:18]))
	if pageSize == 1 {
		pageSize = 65536
	}
	pages := int64(binary.BigEndian.Uint32(h[28:32]))
	changes, validFor := binary.BigEndian.Uint32(h[24:28]), binary.BigEndian.Uint32(h[92:96])
	if pageSize < 512 || pageSize&(pageSize-1) != 0 || pages == 0 || changes != validFor {
		return 0, false
	}
	return pageSize * pages, true
}

// hasSideFiles reports a rollback journal or write-ahead log beside the
// database: SQLite recovers from them, so the file may legitimately be
// shorter than its header says until it does.
func (t sqliteTarget) hasSideFiles() bool {
	for _, suffix := range []string{"-journal", "-wal"} {
		if _, err := os.Stat(t.path + suffix); err == nil {
			return true
		}
	}
	return false
}
