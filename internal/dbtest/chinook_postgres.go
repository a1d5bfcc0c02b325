package dbtest

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect"

	"github.com/bunbook/bunbook/internal/shareddata"
)

// ChinookPostgresFile is the shared PostgreSQL script of Chinook 1.4.5.
const ChinookPostgresFile = "Chinook_PostgreSql.sql"

// LoadChinookPostgres runs ../shared/data/Chinook_PostgreSql.sql in db (a
// database from [Postgres]), in one transaction.
//
// The script is written for psql against a whole server: it drops and
// creates a database named chinook and switches to it with \c. Those
// statements are left out, so the tables land in db's own database (schema
// public) and nothing else on the server is touched. The script's names are
// lower-case snake_case (album.album_id, employee.reports_to →
// employee.employee_id), its strings N'…' literals, its encoding UTF-8.
func LoadChinookPostgres(tb testing.TB, db *bun.DB) {
	tb.Helper()
	if db.Dialect().Name() != dialect.PG {
		tb.Fatalf("dbtest: LoadChinookPostgres needs a PostgreSQL database, got dialect %s", db.Dialect().Name())
	}
	script, err := os.ReadFile(shareddata.Path(tb, ChinookPostgresFile))
	if err != nil {
		tb.Fatal(err)
	}
	body, err := chinookPostgresBody(string(script))
	if err != nil {
		tb.Fatalf("dbtest: %s: %v", ChinookPostgresFile, err)
	}
	// Straight to database/sql: bun would treat the '?' in track names as
	// placeholders. Without arguments pgx uses the simple protocol, which
	// runs the many statements as one implicit transaction.
	if _, err := db.DB.ExecContext(context.Background(), body); err != nil {
		tb.Fatalf("dbtest: load %s: %v", ChinookPostgresFile, err)
	}
}

// chinookPostgresBody returns the script without its psql meta-commands and
// its DROP/CREATE DATABASE statements, as one multi-statement string.
func chinookPostgresBody(script string) (string, error) {
	stmts, err := SplitSQL(script)
	if err != nil {
		return "", err
	}
	var kept []string
	for _, s := range stmts {
		head := strings.ToUpper(strings.Join(strings.Fields(stripLeadingComments(s)), " "))
		switch {
		case strings.HasPrefix(head, `\`),
			strings.HasPrefix(head, "DROP DATABASE"),
			strings.HasPrefix(head, "CREATE DATABASE"):
			continue
		}
		kept = append(kept, s)
	}
	return strings.Join(kept, ";\n") + ";\n", nil
}

// stripLeadingComments drops the comments and space a statement starts with.
func stripLeadingComments(s string) string {
	for {
		s = strings.TrimSpace(s)
		switch {
		case strings.HasPrefix(s, "--"):
			end := strings.IndexByte(s, '\n')
			if end < 0 {
				return ""
			}
			s = s[end:]
		case strings.HasPrefix(s, "/*"):
			end, err := blockCommentEnd(s, 0)
			if err != nil {
				return s
			}
			s = s[end:]
		default:
			return s
		}
	}
}
