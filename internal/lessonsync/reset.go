package lessonsync

import (
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// ResetLesson puts the course's version of one file back into the
// student's lessons folder. lesson names it as the course does
// ("01_create_database.ipynb", "exercises/questions.ipynb"), by its file
// name alone when that is unique, or by its path in the home. The
// student's version, when it differs, is kept beside as NAME.mine-DATE.EXT.
func ResetLesson(opts Options, lesson string) (Result, error) {
	s, err := opts.start()
	if err != nil {
		return Result{}, err
	}
	defer s.root.close()
	files, err := courseFiles(opts.From)
	if err != nil {
		return Result{}, err
	}
	rel, err := findLesson(files, lesson, opts.To)
	if err != nil {
		return Result{}, err
	}
	res := Result{Path: rel}
	course, err := os.ReadFile(filepath.Join(opts.From, filepath.FromSlash(rel)))
	if err != nil {
		return res, err
	}
	d, err := s.folder(rel)
	if err != nil {
		return res, err
	}
	defer d.close()
	name := path.Base(rel)
	mine, err := d.read(name)
	switch {
	case err != nil:
		return res, err
	case mine == nil:
		err = d.create(name, course, 0o644)
		res.Action = Added
	case sha(mine.data) == sha(course):
		res.Action = UpToDate
	default:
		// The student's file gets its dated name first (a second link to
		// the same file), then the course's version takes its place.
		dated := datedName(name, s.Now())
		if err := d.link(name, dated); err != nil {
			return res, err
		}
		if err := d.replace(name, mine.data, course, mine.mode); err != nil {
			d.remove(dated)
			return res, fmt.Errorf("%w; nothing was changed, try again", err)
		}
		res.Action, res.Copy = Reset, path.Join(path.Dir(rel), dated)
	}
	if err != nil {
		return res, err
	}
	sum := sha(course)
	s.rec.Files[rel] = &delivery{Course: sum, Home: sum, Cells: notebookCells(rel, course)}
	return res, writeRecord(s.root, s.rec)
}

// findLesson turns what the user typed into a course file's path.
func findLesson(files []string, lesson, to string) (string, error) {
	want := filepath.ToSlash(filepath.Clean(lesson))
	if abs, err := filepath.Abs(lesson); err == nil {
		if rel, err := filepath.Rel(filepath.Clean(to), abs); err == nil && !strings.HasPrefix(rel, "..") {
			want = filepath.ToSlash(rel)
		}
	}
	want = strings.TrimPrefix(want, path.Base(filepath.ToSlash(to))+"/")
	var byName []string
	for _, f := range files {
		if f == want {
			return f, nil
		}
		if path.Base(f) == path.Base(want) {
			byName = append(byName, f)
		}
	}
	if len(byName) == 1 && !strings.Contains(want, "/") {
		return byName[0], nil
	}
	var lessons []string
	for _, f := range files {
		if path.Ext(f) == ".ipynb" {
			lessons = append(lessons, f)
		}
	}
	return "", fmt.Errorf("%q is not one of the course's files; the lessons are: %s", lesson, strings.Join(lessons, ", "))
}
