package lessonsync

import (
	"bytes"
	"errors"
	"io/fs"
	"path"
	"strings"
	"time"
)

// errBusy: the student's file changed while lessonsync was replacing it (a
// save from a running server, an editor, a copy in a terminal). It is kept
// as the student left it; the update comes at the next start.
var errBusy = errors.New("changed while lessonsync was updating it: kept as it is, the course's version comes at the next start")

// replace puts data in place of name only while name still holds exactly
// old, the bytes lessonsync read and merged from. The new version is written
// and synced first; then the student's file is moved aside (one rename), and
// compared after the move, when no save can reach it any more through its
// name. If it changed, it goes back; if a new file appeared at the name
// meanwhile, that one wins. A save is never lost: the student's bytes are
// either in place or, in the rarest race, kept as a dated copy.
func (d *dir) replace(name string, old, data []byte, mode uint32) error {
	tmp, err := d.writeTemp(data, mode)
	if err != nil {
		return err
	}
	defer d.remove(tmp)
	aside, err := d.temp(nil, 0o600, false) // reserves a hidden name
	if err != nil {
		return err
	}
	if err := d.rename(name, aside); err != nil {
		d.remove(aside)
		if errors.Is(err, fs.ErrNotExist) {
			return errBusy // deleted or renamed meanwhile: the student's move
		}
		return err
	}
	if !d.holds(aside, old) {
		d.putBack(aside, name)
		return errBusy
	}
	if err := d.link(tmp, name); err != nil {
		// A save made a new file at the name: it is newer than ours.
		d.putBack(aside, name)
		return errBusy
	}
	// A writer that opened the file before the move may still have
	// written into it: look once more before letting it go.
	if !d.holds(aside, old) {
		if d.holds(name, data) && d.rename(aside, name) == nil {
			return errBusy
		}
		d.putBack(aside, name)
		return errBusy
	}
	d.remove(aside)
	return nil
}

// holds reports whether name is a regular file of the student's holding
// exactly want.
func (d *dir) holds(name string, want []byte) bool {
	f, err := d.read(name)
	return err == nil && f != nil && bytes.Equal(f.data, want)
}

// putBack returns the student's file from aside to name, or, when name is
// taken (a newer save), keeps it beside as a dated copy.
func (d *dir) putBack(aside, name string) {
	if d.link(aside, name) == nil || d.link(aside, datedName(name, time.Now())) == nil {
		d.remove(aside)
	}
	// Else it stays under its hidden name: better a stray file than a loss.
}

// datedName is where a student's version is kept when it must leave its
// place: 01_intro.ipynb → 01_intro.mine-2026-12-06-0203.ipynb.
func datedName(name string, t time.Time) string {
	ext := path.Ext(name)
	return strings.TrimSuffix(name, ext) + ".mine-" + t.UTC().Format("2006-01-02-150405") + ext
}
