package download

import (
	"os"
	"path/filepath"
	"time"
)

// staleAfter is the age past which a leftover temporary file cannot belong
// to a download still running. Leftovers only exist when a process was
// killed outright (SIGKILL, power loss); cancellation removes its own.
const staleAfter = 24 * time.Hour

// tempPattern names the temporary files, hidden and easy to recognise.
const tempPattern = ".chinook-*.part"

// removeStale deletes old temporary files left in dir by killed runs.
func removeStale(dir string, now time.Time) {
	matches, _ := filepath.Glob(filepath.Join(dir, tempPattern))
	for _, m := range matches {
		if info, err := os.Lstat(m); err == nil && info.Mode().IsRegular() && now.Sub(info.ModTime()) > staleAfter {
			os.Remove(m)
		}
	}
}
