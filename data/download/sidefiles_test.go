package download

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/uptrace/bun/driver/sqliteshim"
)

// crashedCopy leaves in dir a chinook.db as a killed kernel leaves it: the
// student's committed work, plus the side files SQLite still needs to read
// it (a hot -journal mid-transaction, or an unchecked -wal and -shm).
func crashedCopy(t *testing.T, dir string, wal bool) {
	t.Helper()
	work := t.TempDir()
	live := filepath.Join(work, DBName)
	if err := os.WriteFile(live, realDB(t), 0o644); err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open(sqliteshim.ShimName, live)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	conn, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	exec := func(q string) {
		t.Helper()
		if _, err := conn.ExecContext(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	sides := []string{"-journal"}
	if wal {
		sides = []string{"-wal", "-shm"}
		exec("PRAGMA journal_mode=WAL")
		exec("PRAGMA wal_autocheckpoint=0")
		exec("CREATE TABLE student_work (note TEXT)")
		exec("UPDATE tracks SET Name = 'Student edit' WHERE TrackId = 1")
	} else {
		exec("UPDATE tracks SET Name = Name || ' (student)'") // committed work
		exec("PRAGMA cache_size=5")                           // a big transaction spills to the file…
		exec("BEGIN")
		exec("UPDATE tracks SET Composer = 'crash crash crash crash crash crash'")
		exec("UPDATE invoice_items SET Quantity = 99")
	}
	// …and the kernel dies: copy the files as they are on disk right now.
	for _, name := range append([]string{""}, sides...) {
		b, err := os.ReadFile(live + name)
		if err != nil || len(b) == 0 {
			t.Fatalf("no %s%s to copy (%d bytes): %v", DBName, name, len(b), err)
		}
		if err := os.WriteFile(filepath.Join(dir, DBName+name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// query opens path with SQLite (replaying whatever side files it finds) and
// returns the integrity check and one value.
func query(t *testing.T, path, q string) (integrity, value string) {
	t.Helper()
	db, err := sql.Open(sqliteshim.ShimName, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.QueryRow("PRAGMA integrity_check").Scan(&integrity); err != nil {
		return err.Error(), ""
	}
	if err := db.QueryRow(q).Scan(&value); err != nil {
		return integrity, "error: " + err.Error()
	}
	return integrity, value
}

func TestForceMovesSideFilesWithTheDatabase(t *testing.T) {
	zipPath := filepath.Join(t.TempDir(), "chinook.zip")
	os.WriteFile(zipPath, realZip(t), 0o644)
	now := time.Date(2026, 3, 4, 5, 6, 7, 0, time.UTC)
	for _, tc := range []struct {
		name     string
		wal      bool
		sides    []string
		studentQ string
		student  string
	}{
		{"hot journal", false, []string{"-journal"},
			"SELECT Name || '|' || coalesce(Composer, '') FROM tracks WHERE TrackId = 1",
			"For Those About To Rock (We Salute You) (student)|Angus Young, Malcolm Young, Brian Johnson"},
		{"wal", true, []string{"-wal", "-shm"},
			"SELECT Name || '|' || (SELECT count(*) FROM sqlite_master WHERE name = 'student_work') FROM tracks WHERE TrackId = 1",
			"Student edit|1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			dest := filepath.Join(dir, DBName)
			crashedCopy(t, dir, tc.wal)

			r, err := fetchResult(t.Context(), dest, append(base(Source(zipPath)), Force(), withNow(now))...)
			if err != nil {
				t.Fatal(err)
			}
			backup := dest + ".modified-20260304-050607"
			if r.Backup != backup || !r.Verified {
				t.Fatalf("result = %+v", r)
			}
			want := []string{DBName, DBName + ".modified-20260304-050607"}
			for _, s := range tc.sides {
				want = append(want, DBName+".modified-20260304-050607"+s)
			}
			slices.Sort(want)
			assertFiles(t, dir, want...)

			// The fresh file opens as the release: nothing replayed into it.
			integrity, name := query(t, dest, "SELECT Name || '|' || coalesce(Composer, '') FROM tracks WHERE TrackId = 1")
			if integrity != "ok" || name != "For Those About To Rock (We Salute You)|Angus Young, Malcolm Young, Brian Johnson" {
				t.Errorf("fresh file: integrity %q, track 1 %q", integrity, name)
			}
			assertDigest(t, dest, chinookDBSHA256)

			// The backup opens with the student's committed work, intact.
			integrity, got := query(t, backup, tc.studentQ)
			if integrity != "ok" || got != tc.student {
				t.Errorf("backup: integrity %q, student's work %q, want %q", integrity, got, tc.student)
			}
		})
	}
}

func TestSideFilesMakeAnIntactCopyModified(t *testing.T) {
	dir := t.TempDir()
	dest := filepath.Join(dir, DBName)
	os.WriteFile(dest, realDB(t), 0o644)
	os.WriteFile(dest+"-wal", []byte("frames of a student's edits"), 0o644)
	r, err := fetchResult(t.Context(), dest, base(Source("http://127.0.0.1:1/never-called"))...)
	if err != nil || !r.Modified {
		t.Fatalf("result = %+v, %v; want the copy kept as modified", r, err)
	}
	assertFiles(t, dir, DBName, DBName+"-wal")
}

func TestOrphanSideFilesAreSavedAside(t *testing.T) {
	zipPath := filepath.Join(t.TempDir(), "chinook.zip")
	os.WriteFile(zipPath, realZip(t), 0o644)
	dir := t.TempDir()
	dest := filepath.Join(dir, DBName)
	crashedCopy(t, dir, false)
	os.Remove(dest) // the student deleted the database but not its journal

	now := time.Date(2026, 3, 4, 5, 6, 7, 0, time.UTC)
	r, err := fetchResult(t.Context(), dest, append(base(Source(zipPath)), withNow(now))...)
	if err != nil {
		t.Fatal(err)
	}
	if r.Backup != dest+".orphaned-20260304-050607-journal" {
		t.Fatalf("result = %+v", r)
	}
	assertFiles(t, dir, DBName, DBName+".orphaned-20260304-050607-journal")
	if integrity, _ := query(t, dest, "SELECT 1"); integrity != "ok" {
		t.Errorf("fresh file: integrity %q", integrity)
	}
	assertDigest(t, dest, chinookDBSHA256)
}

// TestConcurrentForceSavesNoPristineCopy: two -force runs on one modified
// file. The second inspected it before the first restored the release; it
// must not then save that pristine file as "modified".
func TestConcurrentForceSavesNoPristineCopy(t *testing.T) {
	dir := t.TempDir()
	dest := filepath.Join(dir, DBName)
	os.WriteFile(dest, realDB(t), 0o644) // what the first run left
	tmp := filepath.Join(dir, ".chinook-1.part")
	os.WriteFile(tmp, realDB(t), 0o600)
	saved, err := place(tmp, chinookDBSHA256, dest, dest+".modified-20260304-050607")
	if err != nil || saved != "" {
		t.Fatalf("place = %q, %v; want no backup", saved, err)
	}
	assertFiles(t, dir, DBName)
}
