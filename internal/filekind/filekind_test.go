package filekind

import (
	"io/fs"
	"testing"
)

func TestOf(t *testing.T) {
	for mode, want := range map[fs.FileMode]string{
		fs.ModeDevice | fs.ModeCharDevice | 0o666: "a character device",
		fs.ModeDevice | 0o660:                     "a block device",
		fs.ModeNamedPipe | 0o644:                  "a named pipe (FIFO)",
		fs.ModeSocket | 0o755:                     "a socket",
		fs.ModeDir | 0o755:                        "a folder",
		0o644:                                     "a regular file",
		fs.ModeIrregular:                          "not a regular file (?---------)",
	} {
		if got := Of(mode); got != want {
			t.Errorf("Of(%v) = %q, want %q", mode, got, want)
		}
	}
}
