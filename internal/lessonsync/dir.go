package lessonsync

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"golang.org/x/sys/unix"
)

// dir is an open folder inside the student's lessons folder, reached one
// name at a time without following a symbolic link, and owned by the user
// lessonsync runs as. Every file operation goes through its descriptor, so
// a link the student puts anywhere under the lessons folder is refused, not
// followed.
type dir struct {
	fd   int
	path string // for messages only
}

// openLessons opens (creating it when missing) the lessons folder to. The
// folders above it are the administrator's and are opened as they are; to
// itself must not be a link.
func openLessons(to string) (*dir, error) {
	to = filepath.Clean(to)
	parent := filepath.Dir(to)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	fd, err := unix.Open(parent, unix.O_RDONLY|unix.O_DIRECTORY|unix.O_CLOEXEC, 0)
	if err != nil {
		return nil, &os.PathError{Op: "open", Path: parent, Err: err}
	}
	p := &dir{fd: fd, path: parent}
	defer p.close()
	return p.sub(filepath.Base(to), true)
}

func (d *dir) close() { unix.Close(d.fd) }

func (d *dir) join(name string) string { return filepath.Join(d.path, name) }

// sub opens the folder name in d, creating it when create is set.
func (d *dir) sub(name string, create bool) (*dir, error) {
	if create {
		if err := unix.Mkdirat(d.fd, name, 0o755); err != nil && err != unix.EEXIST {
			return nil, &os.PathError{Op: "mkdir", Path: d.join(name), Err: err}
		}
	}
	fd, err := unix.Openat(d.fd, name, unix.O_RDONLY|unix.O_DIRECTORY|unix.O_NOFOLLOW|unix.O_CLOEXEC, 0)
	if err != nil {
		return nil, d.refusal(name, err)
	}
	sub := &dir{fd: fd, path: d.join(name)}
	var st unix.Stat_t
	if err := unix.Fstat(fd, &st); err != nil {
		sub.close()
		return nil, err
	}
	if err := owned(sub.path, &st); err != nil {
		sub.close()
		return nil, err
	}
	return sub, nil
}

// errLink is what a symbolic link under the lessons folder gets.
var errLink = errors.New("is a symbolic link: lessonsync follows no link inside the lessons folder (move it away, and the course's file is put there at the next start)")

// refusal turns a failed no-follow open into an error that names a link.
func (d *dir) refusal(name string, err error) error {
	var st unix.Stat_t
	if unix.Fstatat(d.fd, name, &st, unix.AT_SYMLINK_NOFOLLOW) == nil && st.Mode&unix.S_IFMT == unix.S_IFLNK {
		return fmt.Errorf("%s %w", d.join(name), errLink)
	}
	return &os.PathError{Op: "open", Path: d.join(name), Err: err}
}

// owned checks that what st describes belongs to the user lessonsync runs
// as: it never writes over or into someone else's file.
func owned(path string, st *unix.Stat_t) error {
	if uid := uint32(os.Geteuid()); st.Uid != uid {
		return fmt.Errorf("%s belongs to uid %d, not to uid %d that lessonsync runs as: it is left alone (give it to the student, or move it away)", path, st.Uid, uid)
	}
	return nil
}

// exists reports whether name is in d (as anything, a link included).
func (d *dir) exists(name string) (bool, error) {
	var st unix.Stat_t
	err := unix.Fstatat(d.fd, name, &st, unix.AT_SYMLINK_NOFOLLOW)
	if err == unix.ENOENT {
		return false, nil
	}
	if err != nil {
		return false, &os.PathError{Op: "stat", Path: d.join(name), Err: err}
	}
	return true, nil
}

// file is a regular file of the student's, read whole.
type file struct {
	data []byte
	mode uint32 // permission bits
}

// read reads name, which must be a regular file owned by the user
// lessonsync runs as; a missing file is (nil, nil).
func (d *dir) read(name string) (*file, error) {
	fd, err := unix.Openat(d.fd, name, unix.O_RDONLY|unix.O_NOFOLLOW|unix.O_NONBLOCK|unix.O_CLOEXEC, 0)
	if err == unix.ENOENT {
		return nil, nil
	}
	if err != nil {
		return nil, d.refusal(name, err)
	}
	f := os.NewFile(uintptr(fd), d.join(name))
	defer f.Close()
	var st unix.Stat_t
	if err := unix.Fstat(fd, &st); err != nil {
		return nil, err
	}
	if st.Mode&unix.S_IFMT != unix.S_IFREG {
		return nil, fmt.Errorf("%s is not a regular file: it is left alone", f.Name())
	}
	if err := owned(f.Name(), &st); err != nil {
		return nil, err
	}
	data, err := io.ReadAll(f)
	if err != nil {
		return nil, err
	}
	return &file{data: data, mode: st.Mode & 0o777}, nil
}

// writeTemp writes data to a new hidden file in d, synced to disk, and
// returns its name.
func (d *dir) writeTemp(data []byte, mode uint32) (string, error) {
	return d.temp(data, mode, true)
}

// temp writes data to a new hidden file in d (synced to disk when sync is
// set) and returns its name.
func (d *dir) temp(data []byte, mode uint32, sync bool) (string, error) {
	var name string
	var fd int
	for {
		var rnd [6]byte
		rand.Read(rnd[:])
		name = ".lessonsync-" + hex.EncodeToString(rnd[:])
		var err error
		fd, err = unix.Openat(d.fd, name, unix.O_WRONLY|unix.O_CREAT|unix.O_EXCL|unix.O_NOFOLLOW|unix.O_CLOEXEC, 0o600)
		if err == unix.EEXIST {
			continue
		}
		if err != nil {
			return "", &os.PathError{Op: "create", Path: d.join(name), Err: err}
		}
		break
	}
	f := os.NewFile(uintptr(fd), d.join(name))
	_, err := f.Write(data)
	if err == nil && sync {
		err = f.Sync()
	}
	if err == nil {
		err = unix.Fchmod(fd, mode)
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		d.remove(name)
		return "", err
	}
	return name, nil
}

// link gives the file old the name new, which must not exist (the error
// then wraps fs.ErrExist): nothing is ever replaced this way.
func (d *dir) link(old, new string) error {
	if err := unix.Linkat(d.fd, old, d.fd, new, 0); err != nil {
		return &os.LinkError{Op: "link", Old: d.join(old), New: d.join(new), Err: err}
	}
	return nil
}

// rename moves old to new in d; a link at new is replaced, not followed.
func (d *dir) rename(old, new string) error {
	if err := unix.Renameat(d.fd, old, d.fd, new); err != nil {
		return &os.LinkError{Op: "rename", Old: d.join(old), New: d.join(new), Err: err}
	}
	return nil
}

func (d *dir) remove(name string) { unix.Unlinkat(d.fd, name, 0) }

// create puts data at name, which must not exist.
func (d *dir) create(name string, data []byte, mode uint32) error {
	tmp, err := d.writeTemp(data, mode)
	if err != nil {
		return err
	}
	defer d.remove(tmp)
	return d.link(tmp, name)
}

func dupFD(fd int) (int, error) { return unix.FcntlInt(uintptr(fd), unix.F_DUPFD_CLOEXEC, 0) }
