// Package filekind names what a file that is not a regular file is, for the
// messages that refuse it (data/download, helpers/connect): opening a named
// pipe or a device would block or read garbage, so both check first.
package filekind

import "io/fs"

// Of names mode's kind in a few words: "a named pipe (FIFO)", "a socket", …
func Of(mode fs.FileMode) string {
	switch {
	case mode.IsDir():
		return "a folder"
	case mode&fs.ModeCharDevice != 0:
		return "a character device"
	case mode&fs.ModeDevice != 0:
		return "a block device"
	case mode&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case mode&fs.ModeSocket != 0:
		return "a socket"
	case mode.IsRegular():
		return "a regular file"
	default:
		return "not a regular file (" + mode.String() + ")"
	}
}
