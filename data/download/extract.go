package download

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"slices"
	"strings"
)

// File signatures used to tell a zip from a database, whatever the name.
var (
	zipMagic    = []byte("PK\x03\x04")
	sqliteMagic = []byte("SQLite format 3\x00")
)

// sniff tells a zip from a SQLite database by their first bytes. Anything
// else (typically an HTML error page from a proxy or captive portal) is
// reported with its first bytes so the reader sees what arrived.
func sniff(file string) (isZip bool, err error) {
	f, err := os.Open(file)
	if err != nil {
		return false, err
	}
	defer f.Close()
	header := make([]byte, 100) // a SQLite database header
	n, _ := io.ReadFull(f, header)
	head := header[:min(n, len(sqliteMagic))]
	switch {
	case bytes.HasPrefix(head, zipMagic):
		return true, nil
	case bytes.Equal(head, sqliteMagic):
		return false, wholeSQLite(f, header[:n])
	}
	what := fmt.Sprintf("it starts with %q", head)
	if n == 0 {
		what = "it is empty"
	} else if strings.HasPrefix(strings.TrimSpace(string(head)), "<") {
		what += ", which looks like a web page (a proxy login or a moved file?)"
	}
	return false, fmt.Errorf("%w: not a zip or SQLite file: %s", errFormat, what)
}

// wholeSQLite rejects a file that starts like a SQLite database but cannot
// be one: shorter than its header, a page size SQLite never writes, or a
// size that is not a whole number of pages (a truncated copy).
func wholeSQLite(f *os.File, header []byte) error {
	info, err := f.Stat()
	if err != nil {
		return err
	}
	if len(header) < 100 {
		return fmt.Errorf("%w: a SQLite header without a database (%d bytes)", errFormat, info.Size())
	}
	page := int64(binary.BigEndian.Uint16(header[16:18]))
	if page == 1 {
		page = 65536
	}
	if page < 512 || page&(page-1) != 0 || info.Size()%page != 0 {
		return fmt.Errorf("%w: a truncated or damaged SQLite database (%d bytes, page size %d)", errFormat, info.Size(), page)
	}
	return nil
}

// safeEntryName rejects names that could escape the extraction folder
// (zip-slip): absolute paths, ".." elements, backslashes, drive letters.
// Only chinook.db is ever extracted and never under its archive name, but a
// genuine chinook.zip holds no such entry, so one means a hostile archive.
func safeEntryName(name string) bool {
	if name == "" || strings.ContainsAny(name, "\\\x00") || strings.Contains(name, ":") {
		return false
	}
	return !path.IsAbs(name) && !slices.Contains(strings.Split(name, "/"), "..")
}

// extractDB copies the single chinook.db member of the zip into a new
// temporary file in dir, reading at most maxSize bytes of it whatever the
// header claims (a zip bomb declares a small size and inflates to gigabytes).
func extractDB(ctx context.Context, zipPath, dir string, maxSize int64) (*artifact, error) {
	zr, err := zip.OpenReader(zipPath)
	if err != nil {
		return nil, fmt.Errorf("%w: corrupt zip: %w", errFormat, err)
	}
	defer zr.Close()

	var members []*zip.File
	for _, f := range zr.File {
		if !safeEntryName(f.Name) {
			return nil, fmt.Errorf("%w: %q", errUnsafeArchive, f.Name)
		}
		if !f.FileInfo().IsDir() && path.Base(f.Name) == DBName {
			members = append(members, f)
		}
	}
	switch len(members) {
	case 0:
		return nil, fmt.Errorf("%w: it holds %s", errNoDatabase, listEntries(zr.File))
	case 1:
	default:
		return nil, fmt.Errorf("%w: it holds %d of them (%s), which one is meant is unclear", errNoDatabase, len(members), listEntries(members))
	}
	member := members[0]
	if member.UncompressedSize64 > uint64(maxSize) {
		return nil, fmt.Errorf("%w: %s declares %d bytes, the limit is %d", errTooLarge, member.Name, member.UncompressedSize64, maxSize)
	}
	rc, err := member.Open()
	if err != nil {
		return nil, fmt.Errorf("%w: open %s: %w", errFormat, member.Name, err)
	}
	defer rc.Close()
	// One byte over the limit is enough to know the limit is exceeded.
	a, err := copyToTemp(ctx, io.LimitReader(rc, maxSize+1), -1, maxSize, dir, func(int64) {})
	switch {
	case errors.Is(err, errTooLarge):
		return nil, fmt.Errorf("%w: %s inflates beyond %d bytes (a zip bomb?)", errTooLarge, member.Name, maxSize)
	case isAny(err, zip.ErrChecksum, zip.ErrFormat, io.ErrUnexpectedEOF):
		return nil, fmt.Errorf("%w: corrupt %s: %w", errFormat, member.Name, err)
	}
	return a, err
}

func listEntries(files []*zip.File) string {
	if len(files) == 0 {
		return "no entries"
	}
	var names []string
	for i, f := range files {
		if i == 5 {
			names = append(names, fmt.Sprintf("… %d more", len(files)-i))
			break
		}
		names = append(names, fmt.Sprintf("%q", f.Name))
	}
	return strings.Join(names, ", ")
}
