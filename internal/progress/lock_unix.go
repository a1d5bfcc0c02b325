//go:build unix

package progress

import (
	"os"
	"syscall"
)

// openAppend opens path for appending, creating it private to the student
// (0600). O_NOFOLLOW refuses a symlink put in its place; O_NONBLOCK keeps a
// FIFO put in its place from hanging the check (Append then refuses it).
func openAppend(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE|syscall.O_NOFOLLOW|syscall.O_NONBLOCK, 0o600)
}

// openRead opens path for reading; a symlink is refused (a report run as root
// must not follow a student's link to a file of the system).
func openRead(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_RDONLY|syscall.O_NOFOLLOW|syscall.O_NONBLOCK, 0)
}

func lock(f *os.File) error   { return syscall.Flock(int(f.Fd()), syscall.LOCK_EX) }
func unlock(f *os.File) error { return syscall.Flock(int(f.Fd()), syscall.LOCK_UN) }
