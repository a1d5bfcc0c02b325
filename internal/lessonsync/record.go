package lessonsync

import (
	"encoding/json"
)

// StateFile is the name of the record of delivered files, kept in the
// lessons folder (a dot file: Jupyter's file browser hides it).
const StateFile = ".bunbook-lessons.json"

// record is the content of StateFile. It is the student's file, so it is
// only ever a hint: it says what the course last delivered, never what may
// be overwritten. A file is replaced whole only when its bytes, read right
// then, are what the record says was written; a merge starts from the
// student's file as it is.
type record struct {
	Files map[string]*delivery `json:"files"`

	// Version 1 (before cell merging): path → SHA-256 delivered, and path
	// → SHA-256 offered beside. Read, then written as Files.
	Delivered map[string]string `json:"delivered,omitempty"`
	Offered   map[string]string `json:"offered,omitempty"`
}

// delivery is what the course last delivered for one file.
type delivery struct {
	Course  string    `json:"course"`            // SHA-256 of the course version
	Home    string    `json:"home"`              // SHA-256 of what lessonsync wrote into the home
	Cells   []cellSum `json:"cells,omitempty"`   // a notebook's cells in that course version
	Offered string    `json:"offered,omitempty"` // SHA-256 of the course version last written beside
	// OfferedCells: cell id → the course version of that cell last put
	// below the student's edit.
	OfferedCells map[string]string `json:"offered_cells,omitempty"`
}

func readRecord(d *dir) *record {
	rec := &record{}
	if f, err := d.read(StateFile); err == nil && f != nil {
		// A damaged record is as good as none: every file then counts as
		// the student's, which is the safe side.
		_ = json.Unmarshal(f.data, rec)
	}
	if rec.Files == nil {
		rec.Files = map[string]*delivery{}
	}
	for rel, sum := range rec.Delivered {
		if rec.Files[rel] == nil {
			rec.Files[rel] = &delivery{Course: sum, Home: sum, Offered: rec.Offered[rel]}
		}
	}
	rec.Delivered, rec.Offered = nil, nil
	return rec
}

func writeRecord(d *dir, rec *record) error {
	data, err := json.MarshalIndent(rec, "", " ")
	if err != nil {
		return err
	}
	// Not synced: a record lost in a crash is no record, the safe side.
	tmp, err := d.temp(append(data, '\n'), 0o644, false)
	if err != nil {
		return err
	}
	if err := d.rename(tmp, StateFile); err != nil {
		d.remove(tmp)
		return err
	}
	return nil
}
