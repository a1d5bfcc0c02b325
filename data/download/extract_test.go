package download

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"errors"
	"hash/crc32"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestSafeEntryName(t *testing.T) {
	for name, want := range map[string]bool{
		"chinook.db":         true,
		"data/chinook.db":    true,
		"..chinook.db":       true, // a dot-dot prefix, not a parent element
		"../chinook.db":      false,
		"a/../../chinook.db": false,
		"/etc/chinook.db":    false,
		`..\chinook.db`:      false,
		"C:/chinook.db":      false,
		"chinook.db\x00.txt": false,
		"":                   false,
		"data/../chinook.db": false,
		"./chinook.db":       true,
	} {
		if got := safeEntryName(name); got != want {
			t.Errorf("safeEntryName(%q) = %v, want %v", name, got, want)
		}
	}
}

// getZip runs fetchResult against a zip served from a local file and checks that
// nothing was written next to the destination nor above it (zip-slip).
func getZip(t *testing.T, archive []byte, opts ...Option) error {
	t.Helper()
	src := filepath.Join(t.TempDir(), "hostile.zip")
	if err := os.WriteFile(src, archive, 0o644); err != nil {
		t.Fatal(err)
	}
	parent := t.TempDir()
	dir := filepath.Join(parent, "course") // created for the download, removed when it fails
	_, err := fetchResult(t.Context(), dir+string(filepath.Separator), append(base(Source(src)), opts...)...)
	if err == nil {
		t.Fatal("hostile archive accepted")
	}
	assertFiles(t, parent) // nothing written, not even the folder
	return err
}

func TestZipSlipRejected(t *testing.T) {
	err := getZip(t, makeZip(t, entry{"../chinook.db", realDB(t)}))
	if !errors.Is(err, errUnsafeArchive) {
		t.Fatalf("err = %v, want errUnsafeArchive", err)
	}
	if !strings.Contains(err.Error(), `unsafe zip entry: "../chinook.db"`) {
		t.Fatalf("message = %q", err)
	}
	// A hostile entry next to a genuine one still condemns the archive.
	err = getZip(t, makeZip(t, entry{"chinook.db", realDB(t)}, entry{"../../.bashrc", []byte("rm -rf ~")}))
	if !errors.Is(err, errUnsafeArchive) {
		t.Fatalf("err = %v, want errUnsafeArchive", err)
	}
}

func TestZipBombHonestHeader(t *testing.T) {
	zeros := make([]byte, 2<<20) // deflates to about 2 KiB
	err := getZip(t, makeZip(t, entry{"chinook.db", zeros}), withMaxSize(1<<20))
	if !errors.Is(err, errTooLarge) || !strings.Contains(err.Error(), "chinook.db declares 2097152 bytes, the limit is 1048576") {
		t.Fatalf("err = %v, want errTooLarge from the declared size", err)
	}
}

func TestZipBombLyingHeader(t *testing.T) {
	// The header claims 1000 bytes; the data inflates to 2 MiB of zeros.
	// Extraction stops on the bytes actually read, never trusting the
	// header: archive/zip itself fails once more than the declared size
	// inflates, our own limit (TestZipBombReadLimit) backs it up, nothing is
	// written and the archive is reported corrupt.
	zeros := make([]byte, 2<<20)
	var deflated bytes.Buffer
	fw, _ := flate.NewWriter(&deflated, flate.BestCompression)
	fw.Write(zeros)
	fw.Close()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.CreateRaw(&zip.FileHeader{
		Name: "chinook.db", Method: zip.Deflate,
		CRC32:              crc32.ChecksumIEEE(zeros),
		CompressedSize64:   uint64(deflated.Len()),
		UncompressedSize64: 1000,
	})
	if err != nil {
		t.Fatal(err)
	}
	w.Write(deflated.Bytes())
	zw.Close()

	err = getZip(t, buf.Bytes(), withMaxSize(1<<20))
	if !errors.Is(err, errFormat) || !strings.Contains(err.Error(), "bad file format: corrupt chinook.db: zip: not a valid zip file") {
		t.Fatalf("err = %v, want the lying member rejected as corrupt", err)
	}
}

func TestZipBombReadLimit(t *testing.T) {
	// The read limit itself, without archive/zip's own size check: a member
	// stream longer than the limit is cut at limit+1 bytes.
	src := bytes.NewReader(make([]byte, 3000))
	_, err := copyToTemp(t.Context(), src, -1, 1000, t.TempDir(), func(int64) {})
	if !errors.Is(err, errTooLarge) || err.Error() != "too large: more than 1000 bytes received" {
		t.Fatalf("err = %v", err)
	}
}

func TestZipWithoutDatabase(t *testing.T) {
	err := getZip(t, makeZip(t, entry{"README.txt", []byte("hi")}, entry{"chinook.sql", []byte("create table")}))
	if !errors.Is(err, errNoDatabase) || !strings.Contains(err.Error(), `no chinook.db in archive: it holds "README.txt", "chinook.sql"`) {
		t.Fatalf("err = %v", err)
	}
	err = getZip(t, makeZip(t, entry{"a/chinook.db", realDB(t)}, entry{"b/chinook.db", realDB(t)}))
	if !errors.Is(err, errNoDatabase) || !strings.Contains(err.Error(), `it holds 2 of them ("a/chinook.db", "b/chinook.db")`) {
		t.Fatalf("err = %v", err)
	}
}

func TestZipMemberNotSQLite(t *testing.T) {
	err := getZip(t, makeZip(t, entry{"chinook.db", []byte("just text")}))
	if !errors.Is(err, errFormat) || !strings.Contains(err.Error(), "the zip's chinook.db is not a SQLite database") {
		t.Fatalf("err = %v", err)
	}
}

func TestCorruptZip(t *testing.T) {
	z := bytes.Clone(realZip(t))
	z = z[:len(z)/2] // no central directory
	err := getZip(t, z)
	if !errors.Is(err, errFormat) || !strings.Contains(err.Error(), "corrupt zip") {
		t.Fatalf("err = %v", err)
	}
}
