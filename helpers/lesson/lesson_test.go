package lesson_test

import (
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"testing"

	"github.com/bunbook/bunbook/helpers/lesson"
)

func TestExplain(t *testing.T) {
	s := lesson.Sections{Database: "1. Download Chinook", Tables: "4. Create the tables", Rows: "5. Add a customer"}
	cases := []struct {
		err  error
		want string
	}{
		{errors.New("SQL logic error: no such table: customers (1)"),
			"SQL logic error: no such table: customers (1)\n→ run the cells of section \"4. Create the tables\" first (it creates the table customers), then this cell again"},
		{errors.New(`ERROR: relation "customers" does not exist (SQLSTATE=42P01)`),
			"ERROR: relation \"customers\" does not exist (SQLSTATE=42P01)\n→ run the cells of section \"4. Create the tables\" first (it creates the table customers), then this cell again"},
		{errors.New("Error 1146 (42S02): Table 'test.customers' doesn't exist"),
			"Error 1146 (42S02): Table 'test.customers' doesn't exist\n→ run the cells of section \"4. Create the tables\" first (it creates the table customers), then this cell again"},
		{fmt.Errorf("scan: %w", sql.ErrNoRows),
			"scan: sql: no rows in result set\n→ run the cells of section \"5. Add a customer\" first (it inserts the rows this cell reads), then this cell again"},
		{fmt.Errorf("connect: database file \"chinook.db\" does not exist: %w", fs.ErrNotExist),
			"connect: database file \"chinook.db\" does not exist: file does not exist\n→ run the cells of section \"1. Download Chinook\" first (it makes the database file), then this cell again"},
		{errors.New("unable to open database file: out of memory (14)"),
			"unable to open database file: out of memory (14)\n→ run the cells of section \"1. Download Chinook\" first (it makes the database file), then this cell again"},
		{errors.New("constraint failed: FOREIGN KEY constraint failed (787)"), "constraint failed: FOREIGN KEY constraint failed (787)"},
	}
	for _, c := range cases {
		got := s.Explain(c.err)
		if got.Error() != c.want {
			t.Errorf("Explain(%q) =\n%s\nwant\n%s", c.err, got, c.want)
		}
		if !errors.Is(got, c.err) {
			t.Errorf("Explain(%q) does not wrap the error", c.err)
		}
		if again := s.Explain(got); again != got {
			t.Errorf("explained twice: %q", again)
		}
	}
	if s.Explain(nil) != nil {
		t.Error("Explain(nil) != nil")
	}
	if err := (lesson.Sections{}).Explain(sql.ErrNoRows); err != sql.ErrNoRows {
		t.Errorf("no sections declared, yet %q", err)
	}
}
