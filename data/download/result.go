package download

import "fmt"

// result describes the database that is ready to open.
type result struct {
	Path     string // absolute path of the database file
	Size     int64  // its size in bytes
	SHA256   string // its SHA-256, hex
	Source   string // URL or path it came from; "" when an existing file was kept
	Cached   bool   // an existing file was kept; nothing was fetched
	Verified bool   // its SHA-256 matches the expected digest
	Modified bool   // the existing file differs from the release and was kept
	Backup   string // where the replaced previous file was saved, if any
}

// String is the final line shown to the user, in the lesson's style:
//
//	ready: /home/ana/course/chinook.db (884736 bytes, sha256 ok)
func (r result) String() string {
	var detail string
	switch {
	case r.Modified:
		detail = fmt.Sprintf("%d bytes, kept your copy: its sha256 differs from the original Chinook; "+
			"Force() / -force restores the original and saves your copy beside it", r.Size)
	case r.Verified && r.Cached:
		detail = fmt.Sprintf("%d bytes, sha256 ok, cached", r.Size)
	case r.Verified:
		detail = fmt.Sprintf("%d bytes, sha256 ok", r.Size)
	default:
		detail = fmt.Sprintf("%d bytes, sha256 NOT verified: %s", r.Size, r.SHA256)
	}
	if r.Backup != "" {
		detail += "; previous file saved as " + r.Backup
	}
	return fmt.Sprintf("ready: %s (%s)", r.Path, detail)
}
