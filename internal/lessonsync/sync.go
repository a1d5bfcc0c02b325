// Package lessonsync puts the course's lessons into a student's home folder
// without ever overwriting a file the student changed.
//
// The course image keeps the lessons outside $HOME (a hub mounts the
// student's own volume over it); at every server start [Sync] brings the
// student's copy up to date, one file at a time:
//
//   - a file the student does not have is copied (a new lesson, or one the
//     student deleted);
//   - a file the student has not changed since it was delivered, whose
//     course version changed, is replaced by the new version;
//   - a file the student changed (its bytes differ from what was delivered)
//     is kept as it is; when the course version changed, the new version is
//     written beside it as NAME.updated-HASH.EXT (HASH: the first 8 hex digits
//     of its SHA-256), once per course version;
//   - a file in the home that the course does not have is never touched.
//
// What was delivered is recorded in a state file inside the destination
// (StateFile): its SHA-256 per file. A file found in the home with no record
// (say, from before this tool) counts as changed by the student.
//
// Every write goes to a temporary file in the destination folder and is then
// renamed into place (or hard-linked, when the name must not exist yet), so a
// full disk or a killed process leaves either the old file or the new one,
// never half of one.
package lessonsync

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// StateFile is the name of the record of delivered files, kept in the
// destination folder (a dot file: Jupyter's file browser hides it).
const StateFile = ".bunbook-lessons.json"

// Options configures [Sync].
type Options struct {
	// From is the course's lessons folder (read only).
	From string
	// To is the student's lessons folder; it is created when missing.
	To string
	// UID and GID, when Chown is true, own every file and folder Sync
	// creates: the notebook user's, when Sync runs as root (docker-stacks
	// runs start hooks as root when the container starts as root).
	Chown    bool
	UID, GID int
	// Log, when set, receives one line per file Sync wrote or kept.
	Log func(format string, args ...any)
}

// Action is what Sync did with one course file.
type Action string

const (
	Added    Action = "added"      // the student did not have it
	Updated  Action = "updated"    // unchanged by the student; new course version
	Kept     Action = "kept"       // changed by the student; course version unchanged or already offered
	Offered  Action = "offered"    // changed by the student; new version written beside it
	UpToDate Action = "up to date" // same bytes as the course version
	Failed   Action = "failed"
)

// Result is what happened to one course file.
type Result struct {
	Path    string // relative to Options.To, slash-separated
	Action  Action
	Offered string // for Offered: the relative path of the new version
	Err     error  // for Failed
}

// Report is the outcome of one Sync.
type Report struct {
	Results []Result
}

// Count returns how many files had action a.
func (r *Report) Count(a Action) int {
	n := 0
	for _, res := range r.Results {
		if res.Action == a {
			n++
		}
	}
	return n
}

// Summary is one line: how many files were added, updated, kept, offered
// and failed.
func (r *Report) Summary() string {
	return fmt.Sprintf("%d added, %d updated, %d up to date, %d kept (changed by the student), %d new versions offered beside, %d failed",
		r.Count(Added), r.Count(Updated), r.Count(UpToDate), r.Count(Kept), r.Count(Offered), r.Count(Failed))
}

// Err joins the errors of the failed files, or returns nil.
func (r *Report) Err() error {
	var errs []error
	for _, res := range r.Results {
		if res.Err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", res.Path, res.Err))
		}
	}
	return errors.Join(errs...)
}

// state is the content of StateFile.
type state struct {
	// Delivered maps a relative path to the SHA-256 of the course version
	// last copied there.
	Delivered map[string]string `json:"delivered"`
	// Offered maps a relative path to the SHA-256 of the course version last
	// written beside the student's changed copy.
	Offered map[string]string `json:"offered,omitempty"`
}

// Sync brings opts.To up to date with opts.From (see the package
// documentation). A file that cannot be synced (permissions, a full disk)
// is reported as Failed and the others go on; the error return is for what
// stops everything: an unreadable course folder, a destination that cannot
// be created.
func Sync(opts Options) (*Report, error) {
	if opts.From == "" || opts.To == "" {
		return nil, errors.New("lessonsync: need both the course folder (From) and the student's folder (To)")
	}
	files, err := courseFiles(opts.From)
	if err != nil {
		return nil, err
	}
	if err := opts.mkdirAll(opts.To); err != nil {
		return nil, fmt.Errorf("lessonsync: %w", err)
	}
	st := opts.readState()
	rep := &Report{}
	for _, rel := range files {
		res := opts.syncFile(st, rel)
		if opts.Log != nil && res.Action != UpToDate {
			switch {
			case res.Err != nil:
				opts.Log("%s: %v", res.Path, res.Err)
			case res.Action == Offered:
				opts.Log("%s: kept your changed copy; the new course version is beside it as %s", res.Path, res.Offered)
			case res.Action == Kept:
				opts.Log("%s: kept your changed copy", res.Path)
			default:
				opts.Log("%s: %s", res.Path, res.Action)
			}
		}
		rep.Results = append(rep.Results, res)
	}
	if err := opts.writeState(st); err != nil {
		// The files are in place; without the record the next start treats
		// them as the student's (keeps them, offers new versions beside).
		rep.Results = append(rep.Results, Result{Path: StateFile, Action: Failed, Err: err})
	}
	return rep, nil
}

// courseFiles lists the regular files under from, relative and
// slash-separated, skipping dot files and folders (.ipynb_checkpoints).
func courseFiles(from string) ([]string, error) {
	var files []string
	err := filepath.WalkDir(from, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if path != from && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.Type().IsRegular() {
			rel, err := filepath.Rel(from, path)
			if err != nil {
				return err
			}
			files = append(files, filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("lessonsync: read the course folder: %w", err)
	}
	sort.Strings(files)
	return files, nil
}

func (o Options) syncFile(st *state, rel string) Result {
	res := Result{Path: rel}
	fail := func(err error) Result {
		res.Action, res.Err = Failed, err
		return res
	}
	src := filepath.Join(o.From, filepath.FromSlash(rel))
	dest := filepath.Join(o.To, filepath.FromSlash(rel))
	course, err := fileSHA256(src)
	if err != nil {
		return fail(err)
	}
	if err := o.mkdirAll(filepath.Dir(dest)); err != nil {
		return fail(err)
	}
	info, err := os.Lstat(dest)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if err := o.copyNew(src, dest); err != nil {
			return fail(err)
		}
		st.Delivered[rel] = course
		res.Action = Added
		return res
	case err != nil:
		return fail(err)
	case !info.Mode().IsRegular():
		// A folder or a link the student put there: theirs.
		res.Action = Kept
		return res
	}
	have, err := fileSHA256(dest)
	if err != nil {
		return fail(err)
	}
	delivered := st.Delivered[rel]
	switch {
	case have == course:
		st.Delivered[rel] = course
		res.Action = UpToDate
	case delivered != "" && have == delivered:
		if err := o.replace(src, dest); err != nil {
			return fail(err)
		}
		st.Delivered[rel] = course
		res.Action = Updated
	case course == delivered || st.Offered[rel] == course:
		res.Action = Kept
	default:
		beside := besideName(rel, course)
		err := o.copyNew(src, filepath.Join(o.To, filepath.FromSlash(beside)))
		if err != nil && !errors.Is(err, fs.ErrExist) {
			return fail(err)
		}
		st.Offered[rel] = course
		res.Action, res.Offered = Offered, beside
	}
	return res
}

// besideName is where the new course version of a file the student changed
// goes: 01_intro.ipynb → 01_intro.updated-1a2b3c4d.ipynb.
func besideName(rel, sum string) string {
	ext := filepath.Ext(rel)
	return strings.TrimSuffix(rel, ext) + ".updated-" + sum[:8] + ext
}

// copyNew copies src to dest, which must not exist: a temporary file is
// written and hard-linked to dest, so an existing dest is never replaced
// (the error wraps fs.ErrExist) and dest is never half written.
func (o Options) copyNew(src, dest string) error {
	tmp, err := o.writeTemp(src, filepath.Dir(dest))
	if err != nil {
		return err
	}
	defer os.Remove(tmp)
	return os.Link(tmp, dest)
}

// replace puts a copy of src in place of dest in one rename.
func (o Options) replace(src, dest string) error {
	tmp, err := o.writeTemp(src, filepath.Dir(dest))
	if err != nil {
		return err
	}
	if err := os.Rename(tmp, dest); err != nil {
		os.Remove(tmp)
		return err
	}
	return nil
}

// writeTemp copies src into a new temporary file in dir, synced to disk.
func (o Options) writeTemp(src, dir string) (string, error) {
	in, err := os.Open(src)
	if err != nil {
		return "", err
	}
	defer in.Close()
	out, err := os.CreateTemp(dir, ".lessonsync-*")
	if err != nil {
		return "", err
	}
	_, err = io.Copy(out, in)
	if err == nil {
		err = out.Sync()
	}
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(out.Name(), 0o644)
	}
	if err == nil {
		err = o.chown(out.Name())
	}
	if err != nil {
		os.Remove(out.Name())
		return "", err
	}
	return out.Name(), nil
}

func (o Options) mkdirAll(dir string) error {
	if info, err := os.Stat(dir); err == nil {
		if !info.IsDir() {
			return fmt.Errorf("%s is a file, not a folder: rename it (e.g. mv %q %q), then start again", dir, dir, dir+".old")
		}
		return nil
	}
	if parent := filepath.Dir(dir); parent != dir {
		if err := o.mkdirAll(parent); err != nil {
			return err
		}
	}
	if err := os.Mkdir(dir, 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
		return err
	}
	return o.chown(dir)
}

func (o Options) chown(path string) error {
	if !o.Chown {
		return nil
	}
	return os.Lchown(path, o.UID, o.GID)
}

func (o Options) readState() *state {
	st := &state{}
	if data, err := os.ReadFile(filepath.Join(o.To, StateFile)); err == nil {
		// A damaged record is as good as none: every file then counts as the
		// student's, which is the safe side.
		_ = json.Unmarshal(data, st)
	}
	if st.Delivered == nil {
		st.Delivered = map[string]string{}
	}
	if st.Offered == nil {
		st.Offered = map[string]string{}
	}
	return st
}

func (o Options) writeState(st *state) error {
	data, err := json.MarshalIndent(st, "", "  ")
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(o.To, ".lessonsync-*")
	if err != nil {
		return err
	}
	_, err = tmp.Write(append(data, '\n'))
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp.Name(), 0o644)
	}
	if err == nil {
		err = o.chown(tmp.Name())
	}
	if err == nil {
		err = os.Rename(tmp.Name(), filepath.Join(o.To, StateFile))
	}
	if err != nil {
		os.Remove(tmp.Name())
	}
	return err
}

func fileSHA256(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
