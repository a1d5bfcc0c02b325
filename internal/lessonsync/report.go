package lessonsync

import (
	"errors"
	"fmt"
)

// Action is what Sync did with one course file.
type Action string

const (
	Added    Action = "added"      // the student did not have it
	Updated  Action = "updated"    // unchanged by the student: replaced by the new course version
	Merged   Action = "merged"     // changed by the student: the course's changes merged in, cell by cell
	Kept     Action = "kept"       // changed by the student; nothing new from the course
	Offered  Action = "offered"    // changed by the student, not mergeable: the new version written beside it
	UpToDate Action = "up to date" // same bytes as the course version
	Reset    Action = "reset"      // the course's version put back, the student's kept as a dated copy
	Failed   Action = "failed"
)

// Result is what happened to one course file.
type Result struct {
	Path   string // relative to Options.To, slash-separated
	Action Action
	Copy   string // for Offered: the course version beside; for Reset: the student's dated copy
	Detail string // for Merged: what arrived; for Kept: why
	Err    error  // for Failed
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

// Summary is one line: how many files had each action.
func (r *Report) Summary() string {
	return fmt.Sprintf("%d added, %d updated, %d merged, %d up to date, %d kept (changed by the student), %d new versions offered beside, %d failed",
		r.Count(Added), r.Count(Updated), r.Count(Merged), r.Count(UpToDate), r.Count(Kept), r.Count(Offered), r.Count(Failed))
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

// String is the log line for res.
func (res Result) String() string {
	switch {
	case res.Err != nil:
		return fmt.Sprintf("%s: %v", res.Path, res.Err)
	case res.Action == Offered:
		return fmt.Sprintf("%s: kept your changed copy; the new course version is beside it as %s", res.Path, res.Copy)
	case res.Action == Kept && res.Detail != "":
		return fmt.Sprintf("%s: kept your changed copy (%s)", res.Path, res.Detail)
	case res.Action == Kept:
		return fmt.Sprintf("%s: kept your changed copy", res.Path)
	case res.Action == Merged:
		return fmt.Sprintf("%s: merged the course's changes into your copy: %s", res.Path, res.Detail)
	case res.Action == Reset:
		return fmt.Sprintf("%s: the course's version is back; yours is kept as %s", res.Path, res.Copy)
	}
	return fmt.Sprintf("%s: %s", res.Path, res.Action)
}
