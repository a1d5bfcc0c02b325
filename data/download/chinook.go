package download

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

// Chinook makes sure the Chinook database is at dest and returns its
// absolute path. dest is a file path ("chinook.db", "data/chinook.db") or an
// existing directory, which receives chinook.db; "" means "chinook.db" in
// the working directory. A valid copy already there is reused without any
// network access. See the package documentation for the options.
func Chinook(ctx context.Context, dest string, opts ...Option) (string, error) {
	r, err := fetchResult(ctx, dest, opts...)
	return r.Path, err
}

// result describes the database that is ready to open.
type result struct {
	Path     string // absolute path of the database file
	Size     int64
	SHA256   string // hex
	Source   string // URL or path it came from; "" when an existing file was kept
	Cached   bool   // an existing file was kept; nothing was fetched
	Verified bool   // its SHA-256 matches the expected digest
	Modified bool   // the existing file differs from the release and was kept
	Backup   string // where the replaced previous file was saved, if any
}

// String is the final line shown to the user, in the lesson's style:
//
//	ready: /home/ana/course/chinook.db (884736 bytes, sha256 ok)
func (r result) String() string {
	detail := fmt.Sprintf("%d bytes, sha256 NOT verified: %s", r.Size, r.SHA256)
	switch {
	case r.Modified:
		detail = fmt.Sprintf("%d bytes, kept your copy: its sha256 differs from the original Chinook; "+
			"Force() / -force restores the original and saves your copy beside it", r.Size)
	case r.Verified && r.Cached:
		detail = fmt.Sprintf("%d bytes, sha256 ok, cached", r.Size)
	case r.Verified:
		detail = fmt.Sprintf("%d bytes, sha256 ok", r.Size)
	}
	if r.Backup != "" {
		detail += "; previous file saved as " + r.Backup
	}
	return fmt.Sprintf("ready: %s (%s)", r.Path, detail)
}

// fetchResult is [Chinook] returning the full result, which the reporter
// shows.
func fetchResult(ctx context.Context, dest string, opts ...Option) (result, error) {
	o := newOptions(opts)
	r, err := o.get(ctx, dest)
	o.reporter.Finish(r, err)
	return r, err
}

func (o *options) get(ctx context.Context, dest string) (result, error) {
	o.dbSHA256 = strings.ToLower(o.dbSHA256)
	if b, err := hex.DecodeString(o.dbSHA256); err != nil || len(b) != sha256.Size {
		return result{}, &dlError{Op: "check", Source: "DBSHA256",
			Err: fmt.Errorf("%w: %q is not a SHA-256 digest (64 hex digits)", errSource, o.dbSHA256),
			Fix: "pass the output of sha256sum chinook.db"}
	}
	const fixDest = "pass a file path such as chinook.db or an existing directory"
	path, err := resolveDest(dest)
	if err != nil {
		return result{}, &dlError{Op: "check", Source: dest, Err: err, Fix: fixDest}
	}
	have, err := inspect(path, o.dbSHA256)
	if err != nil {
		return result{}, &dlError{Op: "check", Source: path, Err: err, Fix: "move the file away or choose another destination"}
	}
	// A journal or WAL holding data: the file as SQLite reads it is not
	// the release, or, without its database, would be replayed into the
	// fresh file.
	_, sideData := sideFiles(path)
	if have.state == intact && sideData {
		have.state = modified
	}
	if (have.state == intact || have.state == modified) && !o.force {
		return result{Path: path, Size: have.size, SHA256: have.sha256, Cached: true,
			Verified: have.state == intact, Modified: have.state == modified}, nil
	}
	srcs, err := o.sources()
	if err != nil {
		return result{}, err
	}

	if o.interrupt {
		var stop context.CancelFunc
		ctx, stop = signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
		defer stop()
	}
	if o.timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeoutCause(ctx, o.timeout,
			fmt.Errorf("%w: gave up after %s (overall timeout)", errTimeout, o.timeout))
		defer cancel()
	}

	backup := ""
	switch stamp := o.now().Format("20060102-150405"); {
	case have.state == modified:
		backup = path + ".modified-" + stamp
	case have.state == broken:
		backup = path + ".broken-" + stamp
	case sideData:
		backup = path + ".orphaned-" + stamp
	}
	// A notebook may well ask for "data/chinook.db": create the folders,
	// and remove them again if the download fails.
	undo, err := makeParents(filepath.Dir(path))
	if err != nil {
		return result{}, &dlError{Op: "check", Source: path, Err: localErrorf("create the folder: %w", err), Fix: fixDest}
	}
	removeStale(filepath.Dir(path), o.now())
	r, err := o.install(ctx, srcs, path, backup)
	if err != nil {
		undo()
	}
	return r, err
}

// makeParents creates dir and its missing parents; undo removes the ones
// it created (when still empty), so a failed download leaves no trace.
func makeParents(dir string) (undo func(), err error) {
	var created []string
	for d := dir; ; d = filepath.Dir(d) {
		if _, err := os.Stat(d); err == nil || filepath.Dir(d) == d {
			break
		}
		created = append(created, d)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	return func() {
		for _, d := range created { // deepest first
			os.Remove(d)
		}
	}, nil
}

// resolveDest turns dest into an absolute file path. Its folders are
// created only when a download starts (see makeParents).
func resolveDest(dest string) (string, error) {
	if dest == "" {
		dest = DBName
	}
	if info, err := os.Stat(dest); err == nil && info.IsDir() || strings.HasSuffix(dest, string(filepath.Separator)) {
		dest = filepath.Join(dest, DBName)
	}
	return filepath.Abs(dest)
}

// removeStale deletes the temporary files left in dir by runs killed
// outright (SIGKILL, power loss) over a day ago; cancellation removes its
// own.
func removeStale(dir string, now time.Time) {
	matches, _ := filepath.Glob(filepath.Join(dir, tempPattern))
	for _, m := range matches {
		if info, err := os.Lstat(m); err == nil && info.Mode().IsRegular() && now.Sub(info.ModTime()) > 24*time.Hour {
			os.Remove(m)
		}
	}
}

// install tries each source in turn (only the default has two: https, then
// http) and stops at the first success or at a failure that another source
// would not fix: bad bytes, a hostile archive, cancellation.
func (o *options) install(ctx context.Context, srcs []source, path, backup string) (result, error) {
	var failures []error
	for _, src := range srcs {
		r, err := o.installFrom(ctx, src, path, backup)
		if err == nil {
			return r, nil
		}
		failures = append(failures, err)
		if ctx.Err() != nil || isAny(err, errDestination, errChecksum, errUnsafeArchive, errTooLarge, errNoDatabase) {
			break
		}
	}
	return result{}, o.explain(srcs, failures)
}

// installFrom fetches from one source, verifies, extracts and renames into
// place. Temporary files are removed on every path out.
func (o *options) installFrom(ctx context.Context, src source, path, backup string) (result, error) {
	dir := filepath.Dir(path)
	got, err := o.fetch(ctx, src, dir)
	if err != nil {
		return result{}, err
	}
	defer got.remove()

	isZip, err := sniff(got.path)
	if err != nil {
		return result{}, err
	}
	db := got
	if isZip {
		if src.builtin && !o.unverified && got.sha256 != chinookZipSHA256 {
			return result{}, checksumError("chinook.zip", chinookZipSHA256, got.sha256)
		}
		if db, err = extractDB(ctx, got.path, dir, o.maxSize); err != nil {
			return result{}, extractError{err}
		}
		defer db.remove()
		if isZip, err := sniff(db.path); err != nil || isZip {
			return result{}, fmt.Errorf("%w: the zip's %s is not a SQLite database", errFormat, DBName)
		}
	}
	verified := db.sha256 == o.dbSHA256
	if !verified && !o.unverified {
		return result{}, checksumError(DBName, o.dbSHA256, db.sha256)
	}
	saved, err := place(db.path, db.sha256, path, backup)
	if err != nil {
		return result{}, err
	}
	return result{Path: path, Size: db.size, SHA256: db.sha256, Source: src.String(), Verified: verified, Backup: saved}, nil
}
