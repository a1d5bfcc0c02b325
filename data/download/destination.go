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
	"path/filepath"
	"slices"
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
)

type existing struct {
	state  state
	size   int64
	sha256 string
}

// inspect hashes the file at the destination, if any, and classifies it.
func inspect(file, want string) (existing, error) {
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
	if info.Size() == 0 {
		return existing{state: absent}, nil // an earlier crash: replace silently
	}
	f, err := os.Open(file)
	if err != nil {
		return existing{}, err
	}
	defer f.Close()
	head := make([]byte, len(sqliteMagic))
	n, _ := io.ReadFull(f, head)
	h := sha256.New()
	h.Write(head[:n])
	size, err := io.Copy(h, f)
	if err != nil {
		return existing{}, err
	}
	e := existing{state: broken, size: size + int64(n), sha256: hex.EncodeToString(h.Sum(nil))}
	if e.sha256 == want {
		e.state = intact
	} else if bytes.Equal(head[:n], sqliteMagic) {
		e.state = modified
	}
	return e, nil
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
		if info, err := os.Lstat(path + s); err == nil {
			present = append(present, s)
			data = data || s != "-shm" && info.Size() > 0
		}
	}
	return present, data
}

// place moves the verified temporary file (of digest sum) to path
// atomically. When backup is set, the file being replaced is first copied
// there, or to backup-2, backup-3… if that name is taken, so a
// student's own database is never lost without a word; its side files
// (-journal, -wal, -shm) move with it, so the backup opens with the
// student's last committed work and the fresh file starts clean. It returns
// the backup's actual name.
func place(tmp, sum, path, backup string) (string, error) {
	if err := os.Chmod(tmp, 0o644); err != nil {
		return "", localErrorf("make readable: %w", err)
	}
	sides, sideData := sideFiles(path)
	if now, _ := inspect(path, sum); backup != "" && !sideData && now.state == intact {
		// Another run restored the release meanwhile: nothing to save.
		backup = ""
	}
	saved, moved, err := saveAside(path, backup, sides, sideData)
	if err != nil {
		return "", err
	}
	for _, s := range sides {
		if !slices.Contains(moved, s) {
			// Nothing to save (an index, an empty log): never replay it.
			if err := os.Remove(path + s); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return "", localErrorf("remove the stale %s%s: %w", filepath.Base(path), s, err)
			}
		}
	}
	if err := os.Rename(tmp, path); err != nil {
		for _, s := range moved { // put the old database back together
			os.Rename(saved+s, path+s)
		}
		if saved != "" {
			os.Remove(saved) // the original is still in place
		}
		return "", localErrorf("move into place: %w", err)
	}
	if d, err := os.Open(filepath.Dir(path)); err == nil {
		d.Sync() // make the rename itself durable; best effort
		d.Close()
	}
	if saved != "" && len(moved) > 0 && !exists(saved) {
		return saved + moved[0], nil // only side files were left
	}
	return saved, nil
}

// saveAside saves the database at path, if any, as backup (or backup-N if
// that name or a side file of it is taken) and moves its side files beside
// it. It returns the name used and which side files it moved. An empty
// backup saves nothing.
func saveAside(path, backup string, sides []string, sideData bool) (string, []string, error) {
	if backup == "" {
		return "", nil, nil
	}
	name, all := backup, append([]string{""}, sides...)
	for n := 2; slices.ContainsFunc(all, func(s string) bool { return exists(name + s) }); n++ {
		name = fmt.Sprintf("%s-%d", backup, n)
	}
	hasMain := exists(path)
	if hasMain {
		// A copy, so the original stays in place until the fresh file
		// replaces it.
		if err := copyFile(path, name); err != nil {
			return "", nil, localErrorf("save the previous file as %s: %w", name, err)
		}
	}
	var moved []string
	for _, s := range sides {
		if s == "-shm" && !sideData {
			continue
		}
		if err := os.Rename(path+s, name+s); err != nil {
			for _, m := range moved {
				os.Rename(name+m, path+m)
			}
			if hasMain {
				os.Remove(name)
			}
			return "", nil, localErrorf("move %s%s beside the saved copy: %w", filepath.Base(path), s, err)
		}
		moved = append(moved, s)
	}
	return name, moved, nil
}

func exists(path string) bool {
	_, err := os.Lstat(path)
	return err == nil
}

func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		os.Remove(to)
		return err
	}
	return out.Close()
}
