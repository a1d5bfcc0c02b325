package lessonsync

import (
	"fmt"
	"slices"
)

// cellSum is one cell of a delivered course version: what a merge compares
// the student's cells and the new course's cells with.
type cellSum struct {
	ID  string `json:"id"`
	Sum string `json:"sum"`
}

func cellSums(nb *notebook) []cellSum {
	sums := make([]cellSum, len(nb.cells))
	for i, c := range nb.cells {
		sums[i] = cellSum{c.id, c.sum()}
	}
	return sums
}

// changes is what a merge brought into the student's notebook, by cell id.
type changes struct {
	updated []string // the course's new version replaced the student's unchanged cell
	added   []string // new in the course (or changed by it after the student deleted it)
	removed []string // deleted by the course, unchanged by the student
	beside  []string // edited on both sides: the student's kept, the course's put below it
	offered map[string]string
}

func (ch changes) empty() bool {
	return len(ch.updated)+len(ch.added)+len(ch.removed)+len(ch.beside) == 0
}

// noteID is the id of the note a merge puts at the top of the notebook.
const noteID = "bunbook-course-update"

// merge brings the course's changes into the student's notebook, cell by
// cell id, against base: the cells of the course version the student last
// received (nil when not known). A cell's content is its kind and source.
//
//   - A cell the course changed and the student did not is replaced by the
//     course's (its outputs with it); a cell the student changed and the
//     course did not stays the student's, outputs and all.
//   - A cell both changed stays the student's; right below it come a note
//     and the course's version (id "ID-course-SUM"), once per course version.
//     With no base, any cell that differs from the course's counts as
//     changed on both sides.
//   - A new course cell is inserted after the cell that precedes it in the
//     course; a cell the course deleted goes, unless the student changed it.
//   - A cell the student deleted stays deleted, unless the course changed it.
//   - The student's own cells stay after the cell they follow. When the
//     student has not reordered the course's cells, the course's order is
//     taken; otherwise the student's is kept.
//
// offered lists, per cell id, the course version already put beside a
// student's edit (it is not put there again).
func merge(mine, course *notebook, base []cellSum, offered map[string]string) (*notebook, changes) {
	known := base != nil
	baseSum := map[string]string{}
	for _, b := range base {
		baseSum[b.ID] = b.Sum
	}
	courseCell := map[string]cell{}
	for _, c := range course.cells {
		courseCell[c.id] = c
	}
	ch := changes{offered: map[string]string{}}
	for id, sum := range offered {
		if _, ok := courseCell[id]; ok {
			ch.offered[id] = sum
		}
	}

	groups := map[string][]cell{} // by key: a cell, with what goes right below it
	var mineKeys []string
	mineHas := map[string]bool{}
	for _, c := range mine.cells {
		mineHas[c.id] = true
	}
	seen := map[string]bool{}
	for i, c := range mine.cells {
		if c.id == noteID {
			continue // the last note: replaced by a new one
		}
		key := c.id
		if key == "" || seen[key] {
			key = fmt.Sprintf("\x00%d", i) // no id, or a copy's: the student's own
		}
		seen[key] = true
		mineKeys = append(mineKeys, key)
		cc, inCourse := courseCell[key]
		b, inBase := baseSum[key]
		switch {
		case !inCourse && inBase && c.sum() == b:
			ch.removed = append(ch.removed, key)
			continue
		case !inCourse, c.sum() == cc.sum(), inBase && cc.sum() == b:
			groups[key] = []cell{c}
		case inBase && c.sum() == b:
			groups[key] = []cell{cc}
			ch.updated = append(ch.updated, key)
		default:
			groups[key] = []cell{c}
			copyID := besideID(key, cc.sum())
			if offered[key] == cc.sum() || mineHas[copyID] {
				continue
			}
			note := markdownCell(copyID+"-note", "> **Course update:** you changed the cell above, and so did the course. "+
				"Yours is kept as you left it; the course's version is the next cell. Keep what you want and delete the rest.")
			groups[key] = append(groups[key], note, cc.withID(copyID))
			ch.beside = append(ch.beside, key)
			ch.offered[key] = cc.sum()
		}
	}
	var courseKeys []string
	for _, cc := range course.cells {
		courseKeys = append(courseKeys, cc.id)
		if seen[cc.id] {
			continue
		}
		if b, inBase := baseSum[cc.id]; inBase && cc.sum() == b {
			continue // deleted by the student, unchanged by the course
		}
		groups[cc.id] = []cell{cc}
		ch.added = append(ch.added, cc.id)
	}

	order := weave(courseKeys, mineKeys, groups)
	if !known || reordered(mineKeys, base) {
		order = weave(mineKeys, courseKeys, groups)
	}
	out := &notebook{top: mine.top}
	for _, key := range order {
		out.cells = append(out.cells, groups[key]...)
	}
	return out, ch
}

// reordered reports whether the student changed the order of the course
// cells they kept.
func reordered(mineKeys []string, base []cellSum) bool {
	inMine := map[string]bool{}
	for _, k := range mineKeys {
		inMine[k] = true
	}
	var was []string
	for _, b := range base {
		if inMine[b.ID] {
			was = append(was, b.ID)
		}
	}
	var now []string
	inBase := map[string]bool{}
	for _, b := range base {
		inBase[b.ID] = true
	}
	for _, k := range mineKeys {
		if inBase[k] {
			now = append(now, k)
		}
	}
	return !slices.Equal(was, now)
}

// weave orders the keys of groups: those of primary in its order, then
// each other one (in secondary's order) right after the nearest key that
// precedes it in secondary and is already placed, or first.
func weave(primary, secondary []string, groups map[string][]cell) []string {
	var out []string
	placed := map[string]bool{}
	for _, k := range primary {
		if _, ok := groups[k]; ok && !placed[k] {
			out = append(out, k)
			placed[k] = true
		}
	}
	for i, k := range secondary {
		if _, ok := groups[k]; !ok || placed[k] {
			continue
		}
		at := 0
		for j := i - 1; j >= 0; j-- {
			if placed[secondary[j]] {
				at = slices.Index(out, secondary[j]) + 1
				break
			}
		}
		out = slices.Insert(out, at, k)
		placed[k] = true
	}
	return out
}

// besideID is the id of the course's version of cell id put below the
// student's edit: unique per course version, at most 64 characters.
func besideID(id, sum string) string {
	if len(id) > 40 {
		id = id[:40]
	}
	return id + "-course-" + sum[:8]
}
