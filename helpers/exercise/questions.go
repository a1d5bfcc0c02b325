package exercise

var (
	colTrackName = column{"track name", []string{"Name", "TrackName", "Track.Name", "Track"}}
	colQuantity  = column{"quantity", []string{"Quantity", "Qty"}}
	colTotal     = column{"total sold", []string{"Total", "TotalSold", "Sold", "Quantity", "TotalQuantity", "SumQuantity", "Sum", "Sales", "UnitsSold", "TracksSold"}}
)

// The row questions, by id.
var rowQuestions = map[string]rowQuestion{
	"Q3": {
		columns: []column{
			{"TrackId", []string{"TrackId", "ID"}},
			{"Name", []string{"Name"}},
			{"AlbumId", []string{"AlbumId"}},
			{"MediaTypeId", []string{"MediaTypeId"}},
			{"GenreId", []string{"GenreId"}},
			{"Composer", []string{"Composer"}},
			{"Milliseconds", []string{"Milliseconds"}},
			{"Bytes", []string{"Bytes"}},
			{"UnitPrice", []string{"UnitPrice"}},
		},
		rows:   "the first rows are the ones with the lowest TrackId",
		values: "select every column of tracks, as stored",
	},
	"Q4": {
		columns: []column{
			colTrackName,
			{"album title", []string{"Title", "AlbumTitle", "Album.Title", "Album"}},
		},
		rows:   "the first tracks are the ones with the lowest TrackId (a join does not keep that order by itself: add an Order)",
		values: "each track with the title of its own album",
	},
	"Q5a": {
		columns: []column{
			{"InvoiceLineId", []string{"InvoiceLineId", "ID"}},
			{"InvoiceId", []string{"InvoiceId"}},
			{"TrackId", []string{"TrackId"}},
			{"UnitPrice", []string{"UnitPrice"}},
			{"Quantity", []string{"Quantity"}},
		},
		rows:   "the first invoice items are the ones with the lowest InvoiceLineId",
		values: "select every column of invoice_items, as stored",
	},
	"Q5b": {
		columns: []column{colTrackName, colQuantity},
		rows:    "one row per invoice item of Q5a, in the same order",
		values:  "the name of the item's track and the item's own quantity",
	},
	"Q6": {
		columns: []column{colTrackName, colTotal},
		// Many tracks tie at the cut. Ordered by the total alone, SQLite
		// happens to return the ties in TrackId order (it groups by
		// TrackId), so the question breaks ties by track name: an answer
		// without a tie-breaker gets other tracks, and this check says why.
		rows:   "order by the total descending, then by the track name: many tracks tie, so without a tie-breaker the database may return any of them",
		values: "the total adds up Quantity over the track's invoice items",
		ties:   "many tracks tie at the same total, so which of them come first depends on the tie-breaker: order by the total descending, then by the track name (then TrackId, for tracks of the same name)",
	},
	"Q7": {
		columns: []column{
			{"artist name", []string{"Name", "ArtistName", "Artist.Name", "Artist"}},
			colTotal,
		},
		rows:   "group by artist and order by the total descending",
		values: "the total adds up Quantity over the invoice items of every track of every album of the artist",
	},
}

// Check checks answer to question ("Q1" … "Q7", "Q5a", "Q5b") and returns
// the verdict without printing it. The Q functions print it.
func Check(question string, answer any) Result {
	switch question {
	case "Q1":
		return checkConnection(answer)
	case "Q2":
		return checkSchema(answer)
	}
	if q, ok := rowQuestions[question]; ok {
		return q.check(question, answer)
	}
	return wrong(question, "there is no question %q; the questions are %v", question, Questions())
}

// Questions lists the question ids in order.
func Questions() []string {
	return []string{"Q1", "Q2", "Q3", "Q4", "Q5a", "Q5b", "Q6", "Q7"}
}

// Q1 checks question 1, "connect to chinook.db": pass the database you
// opened (a *bun.DB, or a *sql.DB). The check runs one small query on it.
func Q1(db any) Result { return report(Check("Q1", db)) }

// Q2 checks question 2, "list the tables and their schemas". Pass the
// *inspect.Schema, a map[string][]string from table name to its column
// names (in the table's order), a map[string]string from table name to its
// CREATE TABLE text, or rows with the name and sql columns of
// sqlite_master. SQLite's own sqlite_* tables may be left in or out.
func Q2(tables any) Result { return report(Check("Q2", tables)) }

// Q3 checks question 3, "the first 3 rows of tracks": every column of
// tracks, rows in TrackId order.
func Q3(rows any) Result { return report(Check("Q3", rows)) }

// Q4 checks question 4, "track name and album title of the first 20
// tracks": rows of (track name, album title), or Track models with their
// Album relation loaded.
func Q4(rows any) Result { return report(Check("Q4", rows)) }

// Q5a checks the first part of question 5, "the first 10 invoice_items":
// every column of invoice_items.
func Q5a(rows any) Result { return report(Check("Q5a", rows)) }

// Q5b checks the second part of question 5, "their track names and
// quantities": rows of (track name, quantity), or InvoiceItem models with
// their Track relation loaded.
func Q5b(rows any) Result { return report(Check("Q5b", rows)) }

// Q6 checks question 6, "the top 10 tracks sold": rows of (track name,
// total quantity sold), highest total first, ties broken by track name.
func Q6(rows any) Result { return report(Check("Q6", rows)) }

// Q7 checks question 7, "the top 10 artists by tracks sold": rows of
// (artist name, total quantity sold), highest total first.
func Q7(rows any) Result { return report(Check("Q7", rows)) }
