//go:build !unix

package progress

import "os"

// Without flock, the single write of a short line is what keeps records whole.
func openAppend(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
}

func openRead(path string) (*os.File, error) { return os.Open(path) }

func lock(*os.File) error   { return nil }
func unlock(*os.File) error { return nil }
