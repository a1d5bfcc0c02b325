package download

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"syscall"

	"github.com/bunbook/bunbook/internal/filekind"
)

// state classifies what already sits at the destination.
type state int

const (
	absent   state = iota // nothing there: download
	intact                // the expected database: reuse, no network
	modified              // a SQLite database with another digest: keep unless Force
	broken                // not a SQLite database: save it aside, download
	empty                 // zero bytes (an earlier crash): replace silently
)

type existing struct {
	state  state
	size   int64
	sha256 string
	// sideData: a -journal or -wal beside the file holds data SQLite would
	// replay into whatever file bears the name next (see sideSuffixes).
	sideData bool
}

// sideSuffixes name the files SQLite keeps beside a database: a hot
// rollback journal, or the write-ahead log and its index. They belong to
// that database: replaying them into a fresh file corrupts it, and a
// backup without them is torn. So they travel with it (see place).
var sideSuffixes = []string{"-journal", "-wal", "-shm"}

// sideFiles returns the suffixes of the side files present beside path,
// and whether a journal or WAL among them holds data.
func sideFiles(path string) (present []string, data bool) {
	for _, s := range sideSuffixes {
		info, err := os.Lstat(path + s)
		if err != nil {
			continue
		}
		present = append(present, s)
		if s != "-shm" && info.Size() > 0 {
			data = true
		}
	}
	return present, data
}

// inspectExisting hashes the destination, if present, and classifies it.
func inspectExisting(file, want string) (existing, error) {
	_, sideData := sideFiles(file)
	e, err := inspectFile(file, want)
	if e.state == intact && sideData {
		e.state = modified // the file as SQLite will read it is not the release
	}
	e.sideData = sideData
	return e, err
}

func inspectFile(file, want string) (existing, error) {
	// Stat before opening: opening a named pipe blocks until a writer comes.
	info, err := os.Stat(file)
	if errors.Is(err, fs.ErrNotExist) || errors.Is(err, syscall.ENOTDIR) {
		return existing{state: absent}, nil // creating its folder will say what is wrong
	}
	if err != nil {
		return existing{}, err
	}
	if !info.Mode().IsRegular() {
		return existing{}, fmt.Errorf("%s is not a regular file (%s)", file, filekind.Of(info.Mode()))
	}
	f, err := os.Open(file)
	if err != nil {
		return existing{}, err
	}
	defer f.Close()
	if info.Size() == 0 {
		return existing{state: empty}, nil
	}
	head := make([]byte, len(sqliteMagic))
	n, _ := io.ReadFull(f, head)
	h := sha256.New()
	h.Write(head[:n])
	size, err := io.Copy(h, f)
	if err != nil {
		return existing{}, err
	}
	e := existing{size: size + int64(n), sha256: hex.EncodeToString(h.Sum(nil))}
	switch {
	case e.sha256 == want:
		e.state = intact
	case bytes.Equal(head[:n], sqliteMagic):
		e.state = modified
	default:
		e.state = broken
	}
	return e, nil
}
