package connect

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/uptrace/bun"

	"github.com/bunbook/bunbook/internal/shareddata"
)

type parent struct {
	bun.BaseModel `bun:"table:parents"`
	ID            int64 `bun:",pk"`
}

type child struct {
	bun.BaseModel `bun:"table:children"`
	ID            int64 `bun:",pk"`
	ParentID      int64 `bun:",notnull"`
}

func mustOpen(t *testing.T, dsn string, opts ...Option) *bun.DB {
	t.Helper()
	db, err := Open(context.Background(), dsn, opts...)
	if err != nil {
		t.Fatalf("Open(%q): %v", dsn, err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func pragmaInt(t *testing.T, db *bun.DB, pragma string) int {
	t.Helper()
	var n int
	if err := db.QueryRowContext(context.Background(), "PRAGMA "+pragma).Scan(&n); err != nil {
		t.Fatalf("PRAGMA %s: %v", pragma, err)
	}
	return n
}

func TestOpenMissingFileIsAnError(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	for _, dsn := range []string{"lesson1.db", "file:lesson1.db?cache=private", "sqlite:///lesson1.db", "sqlite://lesson1.db"} {
		_, err := Open(context.Background(), dsn)
		if err == nil {
			t.Fatalf("Open(%q) of a missing file succeeded", dsn)
		}
		want := `connect: database file "lesson1.db" does not exist (looked for ` + filepath.Join(dir, "lesson1.db") +
			`): check the path and the working directory, or pass connect.Create() to make a new empty database: file does not exist`
		if err.Error() != want {
			t.Errorf("Open(%q) error\n got: %s\nwant: %s", dsn, err, want)
		}
		if !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("Open(%q) error does not wrap fs.ErrNotExist", dsn)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "lesson1.db")); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("a failed Open left a file behind: %v", err)
	}
}

func TestOpenCreate(t *testing.T) {
	path := filepath.Join(t.TempDir(), "new.db")
	db := mustOpen(t, path, Create())
	ctx := context.Background()
	if _, err := db.NewCreateTable().Model((*parent)(nil)).Exec(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := db.NewInsert().Model(&parent{ID: 7}).Exec(ctx); err != nil {
		t.Fatal(err)
	}
	db.Close()

	// Now it exists: opening without Create works and sees the row.
	db2 := mustOpen(t, "file:"+path)
	var got parent
	if err := db2.NewSelect().Model(&got).Scan(ctx); err != nil {
		t.Fatal(err)
	}
	if got.ID != 7 {
		t.Fatalf("read back ID %d, want 7", got.ID)
	}
}

func TestOpenCreateMissingDirectory(t *testing.T) {
	path := filepath.Join(t.TempDir(), "no", "such", "dir", "x.db")
	_, err := Open(context.Background(), path, Create())
	want := "connect: cannot create database \"" + path + "\": directory " + filepath.Dir(path) +
		" does not exist: create it first (os.MkdirAll) or fix the path: file does not exist"
	if err == nil || err.Error() != want {
		t.Fatalf("error\n got: %v\nwant: %s", err, want)
	}
}

func TestOpenDirectory(t *testing.T) {
	dir := t.TempDir()
	_, err := Open(context.Background(), dir)
	if err == nil || !strings.Contains(err.Error(), "is a directory, not an SQLite database file") {
		t.Fatalf("Open(directory) error = %v", err)
	}
}

func TestForeignKeysEnforced(t *testing.T) {
	ctx := context.Background()
	for _, dsn := range []string{":memory:", filepath.Join(t.TempDir(), "fk.db")} {
		db := mustOpen(t, dsn, Create())
		if got := pragmaInt(t, db, "foreign_keys"); got != 1 {
			t.Fatalf("%s: PRAGMA foreign_keys = %d, want 1", dsn, got)
		}
		if got := pragmaInt(t, db, "busy_timeout"); got != BusyTimeoutMillis {
			t.Fatalf("%s: PRAGMA busy_timeout = %d, want %d", dsn, got, BusyTimeoutMillis)
		}
		if _, err := db.NewCreateTable().Model((*parent)(nil)).Exec(ctx); err != nil {
			t.Fatal(err)
		}
		if _, err := db.NewCreateTable().Model((*child)(nil)).
			ForeignKey(`("parent_id") REFERENCES "parents" ("id")`).Exec(ctx); err != nil {
			t.Fatal(err)
		}
		_, err := db.NewInsert().Model(&child{ID: 1, ParentID: 42}).Exec(ctx)
		if err == nil || !strings.Contains(err.Error(), "FOREIGN KEY constraint failed") {
			t.Fatalf("%s: insert violating a foreign key: err = %v, want FOREIGN KEY constraint failed", dsn, err)
		}
	}
}

func TestForeignKeysCannotBeTurnedOff(t *testing.T) {
	_, err := Open(context.Background(), "file::memory:?_pragma=foreign_keys(0)")
	want := `connect: "file::memory:?_pragma=foreign_keys(0)" sets _pragma=foreign_keys(0), but this course always enforces foreign keys: remove that parameter`
	if err == nil || err.Error() != want {
		t.Fatalf("error\n got: %v\nwant: %s", err, want)
	}
	// Asking for them on is fine (and not doubled).
	db := mustOpen(t, "file::memory:?_pragma=foreign_keys(1)&_pragma=busy_timeout(250)")
	if got := pragmaInt(t, db, "busy_timeout"); got != 250 {
		t.Fatalf("busy_timeout = %d, want the DSN's 250", got)
	}
}

func TestMemoryKeepsOneDatabase(t *testing.T) {
	ctx := context.Background()
	for _, dsn := range []string{":memory:", "sqlite://", "sqlite:///:memory:", "file::memory:", "file:x?mode=memory"} {
		db := mustOpen(t, dsn)
		if _, err := db.ExecContext(ctx, "CREATE TABLE t (x)"); err != nil {
			t.Fatalf("%s: %v", dsn, err)
		}
		// Several concurrent uses would each get a fresh database if the
		// pool opened more than one connection.
		for range 5 {
			var n int
			if err := db.QueryRowContext(ctx, "SELECT count(*) FROM t").Scan(&n); err != nil {
				t.Fatalf("%s: the table vanished: %v", dsn, err)
			}
		}
	}
}

func TestOpenSharedChinookAllForms(t *testing.T) {
	src := shareddata.Copy(t, "chinook.db")
	dir := filepath.Dir(src)
	t.Chdir(dir)
	base := filepath.Base(src)
	for _, dsn := range []string{
		src, base, "file:" + base, "file:" + src, "file://" + src, "sqlite:///" + base, "sqlite://" + base, "sqlite:///" + src,
		"SQLite:///" + base,
	} {
		db := mustOpen(t, dsn)
		var n int
		if err := db.QueryRowContext(context.Background(), "SELECT count(*) FROM artists").Scan(&n); err != nil {
			t.Fatalf("%s: %v", dsn, err)
		}
		if n != 275 {
			t.Fatalf("%s: %d artists, want 275", dsn, n)
		}
	}
}

func TestOpenOddFileName(t *testing.T) {
	path := filepath.Join(t.TempDir(), "we?ird #100%.db")
	db := mustOpen(t, path, Create())
	if _, err := db.ExecContext(context.Background(), "CREATE TABLE t (x)"); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("database not at the given path: %v", err)
	}
}

func TestUnknownScheme(t *testing.T) {
	_, err := Open(context.Background(), "oracle://scott:tiger@db/orcl")
	want := `connect: unsupported scheme "oracle" in "oracle://scott:xxxxx@db/orcl": use one of ` + schemes + `, or a plain SQLite file path`
	if err == nil || err.Error() != want {
		t.Fatalf("error\n got: %v\nwant: %s", err, want)
	}
}

const schemes = "file://, sqlite://, sqlite3://, postgres://, postgresql://, mysql://, mariadb://"

func TestEmptyDSN(t *testing.T) {
	_, err := Open(context.Background(), " ")
	if err == nil || !strings.Contains(err.Error(), `pass a file path such as "lesson1.db", or ":memory:"`) {
		t.Fatalf("error = %v", err)
	}
}

func TestMustOpenPanicsWithTheError(t *testing.T) {
	t.Chdir(t.TempDir())
	defer func() {
		r := recover()
		err, ok := r.(error)
		if !ok || !strings.Contains(err.Error(), "pass connect.Create()") {
			t.Fatalf("panic value = %v, want Open's error", r)
		}
	}()
	MustOpen(context.Background(), "missing.db")
}

func TestEchoWritesEveryStatement(t *testing.T) {
	t.Setenv("FORCE_COLOR", "1") // colours would be on for a terminal; Echo must strip them anyway
	var buf bytes.Buffer
	db := mustOpen(t, ":memory:", Echo(&buf))
	ctx := context.Background()
	if _, err := db.NewCreateTable().Model((*parent)(nil)).Exec(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := db.NewInsert().Model(&parent{ID: 3}).Exec(ctx); err != nil {
		t.Fatal(err)
	}
	var got []parent
	if err := db.NewSelect().Model(&got).Where("id = ?", 3).Scan(ctx); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{
		`CREATE TABLE "parents" ("id" INTEGER NOT NULL, PRIMARY KEY ("id"))`,
		`INSERT INTO "parents" ("id") VALUES (3)`,
		`SELECT "parent"."id" FROM "parents" AS "parent" WHERE (id = 3)`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("echo output lacks %s\n%s", want, out)
		}
	}
	if strings.Count(out, "\n") != 3 || strings.Contains(out, "\x1b") {
		t.Errorf("want exactly 3 plain lines, got %q", out)
	}
}

func TestEchoFromEnv(t *testing.T) {
	t.Setenv(EnvDebug, "2")
	// BUNDEBUG=2 logs every statement to standard output; Echo(nil) overrides it.
	if out := captureStdout(t, ":memory:"); !strings.Contains(out, "CREATE TABLE probe (x)") {
		t.Fatalf("BUNDEBUG=2 output = %q", out)
	}
	if out := captureStdout(t, ":memory:", Echo(nil)); out != "" {
		t.Fatalf("Echo(nil) with BUNDEBUG=2 wrote %q", out)
	}
	t.Setenv(EnvDebug, "0")
	if out := captureStdout(t, ":memory:"); out != "" {
		t.Fatalf("BUNDEBUG=0 wrote %q", out)
	}
}

// captureStdout opens dsn, runs one statement and returns what was written
// to os.Stdout meanwhile.
func captureStdout(t *testing.T, dsn string, opts ...Option) string {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout := os.Stdout
	os.Stdout = w
	defer func() { os.Stdout = stdout }()
	db, err := Open(context.Background(), dsn, opts...)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.ExecContext(context.Background(), "CREATE TABLE probe (x)"); err != nil {
		t.Fatal(err)
	}
	w.Close()
	var buf bytes.Buffer
	buf.ReadFrom(r)
	return buf.String()
}

func TestNoColorStripsANSI(t *testing.T) {
	var buf bytes.Buffer
	in := "[bun] \x1b[42;97m SELECT \x1b[0m x\x1b[K é \x1b[12"
	n, err := noColor{&buf}.Write([]byte(in))
	if err != nil || n != len(in) {
		t.Fatalf("Write = %d, %v", n, err)
	}
	if want := "[bun]  SELECT  x é \x1b[12"; buf.String() != want {
		t.Fatalf("got %q, want %q", buf.String(), want)
	}
}

func TestRedact(t *testing.T) {
	for in, want := range map[string]string{
		"postgres://u:secret@h:5432/db?x=1": "postgres://u:xxxxx@h:5432/db?x=1",
		"postgres://u@h/db":                 "postgres://u@h/db",
		"mysql://root:p@ss@h/db":            "mysql://root:xxxxx@h/db",
		"lesson1.db":                        "lesson1.db",
		// S2: every credential form, whatever the password holds.
		"postgres://user:pa/ss@127.0.0.1:5432/x":            "postgres://user:xxxxx@127.0.0.1:5432/x",
		"postgres://user:pa?ss@127.0.0.1:5432/x":            "postgres://user:xxxxx@127.0.0.1:5432/x",
		"postgres://user:p@ss@127.0.0.1:1/x":                "postgres://user:xxxxx@127.0.0.1:1/x",
		"postgres://h/db?application_name=a@b":              "postgres://h/db?application_name=a@b",
		"postgres://u@h/db?sslmode=disable&password=s3cret": "postgres://u@h/db?sslmode=disable&password=xxxxx",
		"postgres://u@h/db?sslpassword=s3cret&x=1":          "postgres://u@h/db?sslpassword=xxxxx&x=1",
		"mysql://root@h/db?PASSWORD=PASSWORD('changed')":    "mysql://root@h/db?PASSWORD=xxxxx",
		"root:pw@tcp(127.0.0.1:3306)/db":                    "root:xxxxx@tcp(127.0.0.1:3306)/db",
		"root:p@w)@tcp(127.0.0.1:3306)/db?parseTime=true":   "root:xxxxx@tcp(127.0.0.1:3306)/db?parseTime=true",
		"host=db user=u password='a b c' dbname=shop":       "host=db user=u password=xxxxx dbname=shop",
		"host=db user=u password=secret dbname=shop":        "host=db user=u password=xxxxx dbname=shop",
		"file:my@notes.db?mode=ro":                          "file:my@notes.db?mode=ro",
	} {
		if got := Redact(in); got != want {
			t.Errorf("Redact(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestDriverDSN(t *testing.T) {
	for _, tc := range []struct {
		dsn    string
		create bool
		want   string
	}{
		{"lesson1.db", false, "file:lesson1.db?_pragma=foreign_keys%281%29&_pragma=busy_timeout%285000%29&mode=rw"},
		{"lesson1.db", true, "file:lesson1.db?_pragma=foreign_keys%281%29&_pragma=busy_timeout%285000%29&mode=rwc"},
		{"file:/a/b c.db?mode=ro&cache=private", false, "file:/a/b c.db?_pragma=foreign_keys%281%29&_pragma=busy_timeout%285000%29&cache=private&mode=ro"},
		{":memory:", false, ":memory:?_pragma=foreign_keys%281%29&_pragma=busy_timeout%285000%29"},
		{"file:x.db?_pragma=busy_timeout(0)", false, "file:x.db?_pragma=busy_timeout%280%29&_pragma=foreign_keys%281%29&mode=rw"},
	} {
		target, err := parseSQLite(tc.dsn)
		if err != nil {
			t.Fatal(err)
		}
		if got := target.driverDSN(tc.create); got != tc.want {
			t.Errorf("driverDSN(%q, create=%v) = %q\nwant %q", tc.dsn, tc.create, got, tc.want)
		}
	}
}

func TestParseSQLiteRejects(t *testing.T) {
	for dsn, want := range map[string]string{
		"file://otherhost/x.db": `connect: SQLite URI "file://otherhost/x.db" names host "otherhost": use file:/absolute/path or file:relative/path`,
		"file:?cache=shared":    `connect: SQLite URI "file:?cache=shared" names no file: write file:lesson1.db, or :memory:`,
		"file:x%zz.db":          `connect: bad escape in SQLite URI "file:x%zz.db": invalid URL escape "%zz"`,
	} {
		if _, err := Open(context.Background(), dsn); err == nil || err.Error() != want {
			t.Errorf("Open(%q) error\n got: %v\nwant: %s", dsn, err, want)
		}
	}
}

func TestOpenNotADatabase(t *testing.T) {
	path := filepath.Join(t.TempDir(), "notes.txt")
	if err := os.WriteFile(path, []byte(strings.Repeat("not a database\n", 100)), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Open(context.Background(), path)
	want := `connect: "` + path + `" is not an SQLite database file (it does not start with "SQLite format 3"): check the path, or download or copy the file again`
	if err == nil || err.Error() != want {
		t.Fatalf("error\n got: %v\nwant: %s", err, want)
	}
	if got, _ := os.ReadFile(path); !strings.HasPrefix(string(got), "not a database") {
		t.Fatal("the file was changed")
	}

	// SQLite's magic, then garbage: SQLite itself refuses it.
	damaged := append([]byte("SQLite format 3\x00"), bytes.Repeat([]byte{0xa5}, 4080)...)
	if err := os.WriteFile(path, damaged, 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = Open(context.Background(), path)
	want = `connect: "` + path + `" is not an SQLite database file, or a damaged one (file is not a database (26)): check the path, or download or copy the file again`
	if err == nil || err.Error() != want {
		t.Fatalf("error\n got: %v\nwant: %s", err, want)
	}
}

// S2: a DSN taken for an SQLite path never has its password quoted.
func TestSQLiteErrorsRedactPasswords(t *testing.T) {
	t.Chdir(t.TempDir())
	_, err := Open(context.Background(), "host=db user=u password=s3cret dbname=shop")
	if err == nil || strings.Contains(err.Error(), "s3cret") || !strings.Contains(err.Error(), "password=xxxxx") {
		t.Errorf("error = %v, want the password redacted", err)
	}
}

// S2: whatever a driver echoes of the DSN's credentials is hidden, and its
// error stays reachable.
func TestRedactErrorHidesDriverEchoes(t *testing.T) {
	cause := errors.New("Error 1064: You have an error in your SQL syntax near 'hunter22' at line 1")
	err := redactError(fmt.Errorf("connect: MySQL/MariaDB at h:3306: %w", cause), "mysql://u@h/db?password=hunter22")
	if strings.Contains(err.Error(), "hunter22") || !strings.Contains(err.Error(), "near 'xxxxx'") {
		t.Errorf("error = %v", err)
	}
	if !errors.Is(err, cause) {
		t.Error("the driver's error is no longer reachable")
	}
}
