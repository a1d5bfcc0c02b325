// Package lessonsync puts the course's lessons into a student's home folder
// and brings them up to date at every server start, without ever losing a
// student's work.
//
// The course image keeps the lessons outside $HOME (a hub mounts the
// student's own volume over it); [Sync] brings the student's copy up to
// date, one file at a time:
//
//   - a file the student does not have is copied: a new lesson, or one the
//     student deleted (it comes back as the course's current version);
//   - a file the student has not changed since it was delivered is replaced
//     by the new course version;
//   - a notebook the student changed (edited, or just ran) gets the course's
//     changes merged in, cell by cell id (see merge): cells the student did
//     not edit take the course's version, cells they edited stay theirs
//     with the course's version right below, and a note at the top says
//     what arrived;
//   - any other file the student changed is kept, with the new course
//     version beside it as NAME.updated-HASH.EXT (HASH: the first 8 hex
//     digits of its SHA-256), once per course version;
//   - a file in the home that the course does not have is never touched.
//
// [ResetLesson] puts back the course's version of one file, keeping the
// student's as NAME.mine-DATE.EXT.
//
// Lessonsync works as the user it runs as (the command drops root first)
// and only on what that user owns: it follows no symbolic link inside the
// lessons folder, and changes only regular files of that user's. Every file
// is written whole to a hidden temporary file first and then put in place,
// and a file is replaced only if it still holds the bytes the new version
// was made from (see dir.replace): a full disk, a killed process or a save
// at the same moment leaves the student's file whole.
package lessonsync

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"syscall"
	"time"
)

// Options configures [Sync] and [ResetLesson].
type Options struct {
	// From is the course's lessons folder (read only).
	From string
	// To is the student's lessons folder; it is created when missing.
	To string
	// Log, when set, receives one line per file Sync changed or kept.
	Log func(format string, args ...any)
	// Now is the time written into notes and dated copies (default
	// time.Now).
	Now func() time.Time
	// Exclude lists course files (slash-separated, relative to From) that
	// Sync leaves out, e.g. the solutions a teacher withholds. A copy the
	// student already has stays.
	Exclude []string
}

// Sync brings opts.To up to date with opts.From (see the package
// documentation). A file that cannot be synced (a link, permissions, a full
// disk) is reported as Failed and the others go on; the error return is for
// what stops everything: an unreadable course folder, a lessons folder that
// cannot be opened.
func Sync(opts Options) (*Report, error) {
	s, err := opts.start()
	if err != nil {
		return nil, err
	}
	defer s.root.close()
	files, err := courseFiles(opts.From)
	if err != nil {
		return nil, err
	}
	files = slices.DeleteFunc(files, func(f string) bool { return slices.Contains(opts.Exclude, f) })
	rep := &Report{}
	for _, rel := range files {
		res := s.syncFile(rel)
		if opts.Log != nil && res.Action != UpToDate {
			opts.Log("%s", res)
		}
		rep.Results = append(rep.Results, res)
	}
	if err := writeRecord(s.root, s.rec); err != nil {
		// The files are in place; without the record the next start treats
		// them as the student's (keeps their edits, merges or offers).
		rep.Results = append(rep.Results, Result{Path: StateFile, Action: Failed, Err: err})
	}
	return rep, nil
}

// syncer is one run over an open lessons folder.
type syncer struct {
	Options
	root *dir
	rec  *record
}

func (o Options) start() (*syncer, error) {
	if o.From == "" || o.To == "" {
		return nil, errors.New("lessonsync: need both the course folder (From) and the student's folder (To)")
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	root, err := openLessons(o.To)
	if errors.Is(err, syscall.ENOTDIR) {
		return nil, fmt.Errorf("lessonsync: %s is a file, not a folder: rename it (e.g. mv %s %s.mine), and the lessons come at the next start", o.To, o.To, o.To)
	}
	if err != nil {
		return nil, fmt.Errorf("lessonsync: the lessons folder: %w", err)
	}
	return &syncer{Options: o, root: root, rec: readRecord(root)}, nil
}

// courseFiles lists the regular files under from, relative and
// slash-separated, skipping dot files and folders (.ipynb_checkpoints).
func courseFiles(from string) ([]string, error) {
	var files []string
	err := filepath.WalkDir(from, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p != from && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.Type().IsRegular() {
			rel, err := filepath.Rel(from, p)
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

// folder opens the folder of rel, creating what is missing, one name at a
// time (no link followed); the caller closes it.
func (s *syncer) folder(rel string) (*dir, error) {
	d := &dir{fd: -1}
	cur := s.root
	for _, name := range strings.Split(path.Dir(rel), "/") {
		if name == "." {
			continue
		}
		next, err := cur.sub(name, true)
		if cur != s.root {
			cur.close()
		}
		if err != nil {
			return nil, err
		}
		cur = next
	}
	if cur == s.root { // a second descriptor, so that the caller may close it
		var err error
		if d.fd, err = dupFD(s.root.fd); err != nil {
			return nil, err
		}
		d.path = s.root.path
		return d, nil
	}
	return cur, nil
}

func sha(data []byte) string {
	h := sha256.Sum256(data)
	return hex.EncodeToString(h[:])
}

func (s *syncer) syncFile(rel string) Result {
	res := Result{Path: rel}
	fail := func(err error) Result {
		res.Action, res.Err = Failed, err
		return res
	}
	course, err := os.ReadFile(filepath.Join(s.From, filepath.FromSlash(rel)))
	if err != nil {
		return fail(err)
	}
	d, err := s.folder(rel)
	if errors.Is(err, syscall.ENOTDIR) {
		folder := filepath.Join(s.To, filepath.FromSlash(path.Dir(rel)))
		return fail(fmt.Errorf("%s is a file, not a folder: rename it (e.g. mv %s %s.mine), and the lessons come at the next start", folder, folder, folder))
	}
	if err != nil {
		return fail(err)
	}
	defer d.close()
	name := path.Base(rel)
	mine, err := d.read(name)
	if err != nil {
		return fail(err)
	}
	courseSum := sha(course)
	rec := s.rec.Files[rel]
	fresh := func(home string) {
		s.rec.Files[rel] = &delivery{Course: courseSum, Home: home, Cells: notebookCells(rel, course)}
	}
	if mine == nil {
		if err := d.create(name, course, 0o644); err != nil {
			if errors.Is(err, fs.ErrExist) {
				res.Action, res.Detail = Kept, "it appeared while lessonsync was copying it"
				return res
			}
			return fail(err)
		}
		fresh(courseSum)
		res.Action = Added
		return res
	}
	mineSum := sha(mine.data)
	switch {
	case mineSum == courseSum:
		fresh(courseSum)
		res.Action = UpToDate
		return res
	case rec != nil && rec.Course == courseSum:
		res.Action = Kept
		return res
	case rec != nil && rec.Home == mineSum && rec.Home == rec.Course:
		// The file is the course version lessonsync put there, untouched
		// (a merged file holds the student's work: it is merged again).
		if err := d.replace(name, mine.data, course, mine.mode); err != nil {
			return s.busy(res, err)
		}
		fresh(courseSum)
		res.Action = Updated
		return res
	}
	if merged, ok := s.mergeFile(d, rel, mine, course, rec); ok {
		return merged
	}
	if rec != nil && rec.Offered == courseSum {
		res.Action = Kept
		return res
	}
	beside := besideName(name, courseSum)
	if err := d.create(beside, course, 0o644); err != nil && !errors.Is(err, fs.ErrExist) {
		return fail(err)
	}
	if rec == nil {
		rec = &delivery{}
		s.rec.Files[rel] = rec
	}
	rec.Offered = courseSum
	res.Action, res.Copy = Offered, path.Join(path.Dir(rel), beside)
	return res
}

// busy turns a replace's error into the file's result: a file that changed
// meanwhile is kept (no error), anything else failed.
func (s *syncer) busy(res Result, err error) Result {
	if errors.Is(err, errBusy) {
		res.Action, res.Detail = Kept, errBusy.Error()
		return res
	}
	res.Action, res.Err = Failed, err
	return res
}

// mergeFile merges the course's notebook into the student's; ok is false
// when they cannot be merged by cell (not notebooks, a course notebook
// without cell ids, or no record and no cell in common).
func (s *syncer) mergeFile(d *dir, rel string, mine *file, course []byte, rec *delivery) (Result, bool) {
	res := Result{Path: rel}
	if path.Ext(rel) != ".ipynb" {
		return res, false
	}
	courseNB, err := parseNotebook(course)
	if err != nil || !courseNB.hasIDs() {
		return res, false
	}
	mineNB, err := parseNotebook(mine.data)
	if err != nil {
		return res, false
	}
	var base []cellSum
	var offered map[string]string
	if rec != nil {
		base, offered = rec.Cells, rec.OfferedCells
	}
	if base == nil && !sharesCells(mineNB, courseNB) {
		return res, false
	}
	merged, ch := merge(mineNB, courseNB, base, offered)
	next := &delivery{Course: sha(course), Cells: cellSums(courseNB), OfferedCells: ch.offered}
	if rec != nil {
		next.Home, next.Offered = rec.Home, rec.Offered
	}
	if ch.empty() {
		// Nothing arrived: the student's cells still derive from the
		// version they had (its order included).
		if base != nil {
			next.Cells = base
		}
		s.rec.Files[rel] = next
		res.Action = Kept
		return res, true
	}
	merged.cells = append([]cell{markdownCell(noteID, s.note(rel, ch))}, merged.cells...)
	data := merged.encode()
	if err := d.replace(path.Base(rel), mine.data, data, mine.mode); err != nil {
		return s.busy(res, err), true
	}
	next.Home = sha(data)
	s.rec.Files[rel] = next
	res.Action, res.Detail = Merged, describe(ch)
	return res, true
}

func sharesCells(a, b *notebook) bool {
	ids := map[string]bool{}
	for _, c := range b.cells {
		ids[c.id] = true
	}
	for _, c := range a.cells {
		if c.id != "" && ids[c.id] {
			return true
		}
	}
	return false
}

// note is the markdown at the top of a merged notebook.
func (s *syncer) note(rel string, ch changes) string {
	return fmt.Sprintf("> **Course update, %s.** The course changed this lesson: %s. "+
		"Cells you did not edit now hold the course's version; your edits are kept. "+
		"To start this lesson over from the course's version, run `bunbook-reset %s` in a terminal "+
		"(yours is kept as a dated copy). Delete this note once read.",
		s.Now().UTC().Format("2006-01-02"), describe(ch), rel)
}

// describe says what a merge did, in a few words.
func describe(ch changes) string {
	var parts []string
	add := func(ids []string, one, many string) {
		if len(ids) == 0 {
			return
		}
		what := one
		if len(ids) > 1 {
			what = many
		}
		parts = append(parts, fmt.Sprintf("%d %s (%s)", len(ids), what, "`"+strings.Join(ids, "`, `")+"`"))
	}
	add(ch.updated, "cell updated", "cells updated")
	add(ch.added, "new cell", "new cells")
	add(ch.removed, "cell removed", "cells removed")
	add(ch.beside, "cell you edited has the course's new version below it", "cells you edited have the course's new version below them")
	return strings.Join(parts, "; ")
}

// notebookCells is the cells of a course notebook, or nil.
func notebookCells(rel string, data []byte) []cellSum {
	if path.Ext(rel) != ".ipynb" {
		return nil
	}
	nb, err := parseNotebook(data)
	if err != nil || !nb.hasIDs() {
		return nil
	}
	return cellSums(nb)
}

// besideName is where the new course version of a file the student changed
// goes: 01_intro.ipynb → 01_intro.updated-1a2b3c4d.ipynb.
func besideName(name, sum string) string {
	ext := path.Ext(name)
	return strings.TrimSuffix(name, ext) + ".updated-" + sum[:8] + ext
}
