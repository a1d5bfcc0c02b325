// Package lesson explains the errors a notebook cell gets when the student
// runs it before an earlier cell it depends on: the database is not
// downloaded yet, the tables are not created, the rows are not inserted.
// A lesson declares its Sections once, and its own error helper (check,
// must) passes every error through Sections.Explain, so no cell carries
// extra code:
//
//	var sections = lesson.Sections{Tables: "4. Create the tables", Rows: "5. Add a customer"}
//
//	func check(err error) {
//		if err != nil {
//			panic(sections.Explain(err))
//		}
//	}
package lesson

import (
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"regexp"
)

// Sections names the sections of a lesson that later cells depend on, as
// their headings read. An empty field is not checked.
type Sections struct {
	Database string // downloads or creates the database file
	Tables   string // creates the tables
	Rows     string // inserts the rows that later cells query
}

// missingTable matches "no such table" as SQLite, PostgreSQL and MySQL /
// MariaDB word it.
var missingTable = regexp.MustCompile(`no such table: (\S+)|relation "([^"]+)" does not exist|Table '(?:[^'.]+\.)?([^']+)' doesn't exist`)

// cannotOpen is SQLite's SQLITE_CANTOPEN (14), which a DSN with mode=rw
// gets for a missing file (modernc words it "unable to open database file:
// out of memory (14)").
var cannotOpen = regexp.MustCompile(`unable to open database file.*\(14\)`)

// Explain returns err unchanged, unless it shows that a section this cell
// needs has not run yet: then the error (still wrapping err) says which
// section to run first. nil stays nil.
func (s Sections) Explain(err error) error {
	if err == nil {
		return nil
	}
	var missing *runFirstError
	if errors.As(err, &missing) {
		return err // explained already
	}
	switch {
	case s.Database != "" && (errors.Is(err, fs.ErrNotExist) || cannotOpen.MatchString(err.Error())):
		return &runFirstError{Err: err, Section: s.Database, Why: "it makes the database file"}
	case s.Tables != "" && missingTable.MatchString(err.Error()):
		m := missingTable.FindStringSubmatch(err.Error())
		table := m[1] + m[2] + m[3]
		return &runFirstError{Err: err, Section: s.Tables, Why: fmt.Sprintf("it creates the table %s", table)}
	case s.Rows != "" && errors.Is(err, sql.ErrNoRows):
		return &runFirstError{Err: err, Section: s.Rows, Why: "it inserts the rows this cell reads"}
	}
	return err
}

// runFirstError is an error caused by running a cell before an earlier
// section of the lesson.
type runFirstError struct {
	Err     error
	Section string // the heading of the section to run first
	Why     string // what that section does that this cell needs
}

func (e *runFirstError) Error() string {
	return fmt.Sprintf("%v\n→ run the cells of section %q first (%s), then this cell again", e.Err, e.Section, e.Why)
}

func (e *runFirstError) Unwrap() error { return e.Err }
