package exercise

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"time"

	"github.com/bunbook/bunbook/helpers/connect"
)

// ChinookFile is the database the exercises query: chinook.db next to the
// notebooks, which their first cell downloads and verifies (data/download).
const ChinookFile = "chinook.db"

// referenceFile is the database the expected answers are computed from:
// the chinook.db next to the notebook, the one its cells query. A
// variable, so tests can point it at the shared data.
var referenceFile = ChinookFile

// referenceQueries are the reference solutions, in plain SQL. A check runs
// its question's query on referenceFile when it checks an answer, so the
// expected rows are those of the student's own chinook.db, changed or not;
// they are in this package's source, not in the notebook, and never
// printed (see doc.go for what that does and does not hide).
var referenceQueries = map[string]string{
	"Q1": `SELECT COUNT(*) FROM tracks`,
	keySchemaSQL: `SELECT name, sql FROM sqlite_master
		WHERE type = 'table' AND name NOT LIKE 'sqlite\_%' ESCAPE '\' ORDER BY name`,
	keySchemaColumns: `SELECT m.name, group_concat(c.name, ',' ORDER BY c.cid)
		FROM sqlite_master AS m JOIN pragma_table_info(m.name) AS c
		WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite\_%' ESCAPE '\' GROUP BY m.name ORDER BY m.name`,
	"Q3": `SELECT * FROM tracks ORDER BY TrackId LIMIT 3`,
	"Q4": `SELECT t.Name, a.Title FROM tracks AS t JOIN albums AS a ON a.AlbumId = t.AlbumId
		ORDER BY t.TrackId LIMIT 20`,
	"Q5a": `SELECT * FROM invoice_items ORDER BY InvoiceLineId LIMIT 10`,
	"Q5b": `SELECT t.Name, ii.Quantity FROM invoice_items AS ii JOIN tracks AS t ON t.TrackId = ii.TrackId
		ORDER BY ii.InvoiceLineId LIMIT 10`,
	"Q6": `SELECT t.Name, SUM(ii.Quantity) AS total FROM invoice_items AS ii
		JOIN tracks AS t ON t.TrackId = ii.TrackId
		GROUP BY t.TrackId ORDER BY total DESC, t.Name, t.TrackId LIMIT 10`,
	"Q7": `SELECT ar.Name, SUM(ii.Quantity) AS total FROM invoice_items AS ii
		JOIN tracks AS t ON t.TrackId = ii.TrackId
		JOIN albums AS al ON al.AlbumId = t.AlbumId
		JOIN artists AS ar ON ar.ArtistId = al.ArtistId
		GROUP BY ar.ArtistId ORDER BY total DESC, ar.Name LIMIT 10`,
}

// errNoReference says the expected answer could not be computed: the
// check cannot say whether the answer is right.
var errNoReference = errors.New("cannot check it yet")

// expected computes the expected rows for key, as canonical cell text,
// from referenceFile, opened read-only.
func expected(key string) ([][]string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	db, err := connect.Open(ctx, "file:"+referenceFile+"?mode=ro")
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%w: %s is not in this folder: run the notebook's first cell, which downloads it, then this one again", errNoReference, ChinookFile)
	}
	if err != nil {
		return nil, fmt.Errorf("%w: opening %s failed (%v)", errNoReference, ChinookFile, strings.TrimPrefix(err.Error(), "connect: "))
	}
	defer db.Close()
	rows, err := db.QueryContext(ctx, referenceQueries[key])
	if err != nil {
		return nil, fmt.Errorf("%w: %s no longer answers the reference query (%v): if you changed its tables, delete it and run the notebook's first cell to download it again", errNoReference, ChinookFile, err)
	}
	recs, err := sqlRecords(rows)
	if errors.Is(err, errUnanswered) {
		return nil, fmt.Errorf("%w: the reference query finds no rows in %s: if you deleted rows, delete it and run the notebook's first cell to download it again", errNoReference, ChinookFile)
	}
	if err != nil {
		return nil, fmt.Errorf("%w: %v", errNoReference, err)
	}
	out := make([][]string, len(recs))
	for i, r := range recs {
		for _, v := range r.ordered {
			c, err := cellText(v)
			if err != nil {
				return nil, fmt.Errorf("%w: %v", errNoReference, err)
			}
			out[i] = append(out[i], c)
		}
	}
	return out, nil
}
