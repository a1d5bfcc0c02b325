package download

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/janpfeifer/gonb/gonbui"
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

// fetchResult is [Chinook] returning the full result: size, digest, origin
// and whether a cached, modified or backed-up file was involved.
func fetchResult(ctx context.Context, dest string, opts ...Option) (result, error) {
	o := newOptions(opts)
	rep := o.reporter
	if rep == nil {
		rep = defaultReporter()
	}
	r, err := o.get(ctx, dest, rep)
	rep.Finish(r, err)
	return r, err
}

func (o *options) get(ctx context.Context, dest string, rep progressReporter) (result, error) {
	o.dbSHA256 = strings.ToLower(o.dbSHA256)
	if b, err := hex.DecodeString(o.dbSHA256); err != nil || len(b) != sha256.Size {
		return result{}, &dlError{Op: "check", Source: "DBSHA256",
			Err: fmt.Errorf("%w: %q is not a SHA-256 digest (64 hex digits)", errSource, o.dbSHA256),
			Fix: "pass the output of sha256sum chinook.db"}
	}
	path, err := resolveDest(dest)
	if err != nil {
		return result{}, &dlError{Op: "check", Source: dest, Err: err, Fix: "pass a file path such as chinook.db or an existing directory"}
	}
	have, err := inspectExisting(path, o.dbSHA256)
	if err != nil {
		return result{}, &dlError{Op: "check", Source: path, Err: err, Fix: "move the file away or choose another destination"}
	}
	kept := result{Path: path, Size: have.size, SHA256: have.sha256, Cached: true}
	switch {
	case have.state == intact && !o.force:
		kept.Verified = true
		return kept, nil
	case have.state == modified && !o.force:
		kept.Modified = true
		return kept, nil
	}
	srcs, err := o.sources()
	if err != nil {
		return result{}, err
	}

	if o.interrupt == nil && gonbui.IsNotebook || o.interrupt != nil && *o.interrupt {
		var stop context.CancelFunc
		ctx, stop = signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
		defer stop()
	}
	if o.timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeoutCause(ctx, o.timeout,
			&timeoutError{msg: fmt.Sprintf("gave up after %s (overall timeout)", o.timeout)})
		defer cancel()
	}

	backup := ""
	switch stamp := o.now().Format("20060102-150405"); {
	case have.state == modified:
		backup = path + ".modified-" + stamp
	case have.state == broken:
		backup = path + ".broken-" + stamp
	case have.sideData:
		// A journal or WAL whose database is gone or empty: SQLite would
		// replay it into the fresh file.
		backup = path + ".orphaned-" + stamp
	}
	// A notebook may well ask for "data/chinook.db": create the folders,
	// and remove them again if the download fails.
	undo, err := makeParents(filepath.Dir(path))
	if err != nil {
		return result{}, &dlError{Op: "check", Source: path, Err: localErrorf("create the folder: %w", err),
			Fix: "pass a file path such as chinook.db or an existing directory"}
	}
	removeStale(filepath.Dir(path), o.now())
	r, err := o.install(ctx, srcs, path, backup, rep)
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

// install tries each source in turn (only the default has two: https, then
// http) and stops at the first success or at a failure that another source
// would not fix: bad bytes, a hostile archive, cancellation.
func (o *options) install(ctx context.Context, srcs []source, path, backup string, rep progressReporter) (result, error) {
	var failures []error
	for _, src := range srcs {
		r, err := o.installFrom(ctx, src, path, backup, rep)
		if err == nil {
			return r, nil
		}
		failures = append(failures, err)
		if ctx.Err() != nil || !fallsBack(err) {
			break
		}
	}
	return result{}, o.explain(ctx, srcs, failures)
}

func fallsBack(err error) bool {
	return !errors.Is(err, errDestination) && !errors.Is(err, errChecksum) && !errors.Is(err, errUnsafeArchive) &&
		!errors.Is(err, errTooLarge) && !errors.Is(err, errNoDatabase)
}

// installFrom fetches from one source with retries, verifies, extracts and
// renames into place. Temporary files are removed on every path out.
func (o *options) installFrom(ctx context.Context, src source, path, backup string, rep progressReporter) (result, error) {
	dir := filepath.Dir(path)
	var got *artifact
	for retry := 0; ; retry++ {
		a, err := o.fetch(ctx, src, dir, rep)
		if err == nil {
			got = a
			break
		}
		if ctx.Err() != nil {
			return result{}, stopped(ctx)
		}
		if retry >= o.retries || !transient(err) {
			return result{}, err
		}
		wait := o.backoff(retry + 1)
		rep.Retry(retry+1, wait, err)
		if err := sleep(ctx, wait); err != nil {
			return result{}, err
		}
	}
	defer got.remove()

	k, err := sniff(got.path)
	if err != nil {
		return result{}, err
	}
	db := got
	if k == kindZip {
		if src.builtin && !o.unverified && got.sha256 != chinookZipSHA256 {
			return result{}, &checksumError{File: "chinook.zip", Want: chinookZipSHA256, Got: got.sha256}
		}
		db, err = extractDB(ctx, got.path, dir, o.maxSize)
		if err != nil {
			return result{}, &extractError{err}
		}
		defer db.remove()
		if k, err := sniff(db.path); err != nil || k != kindSQLite {
			return result{}, fmt.Errorf("%w: the zip's %s is not a SQLite database", errFormat, DBName)
		}
	}
	verified := db.sha256 == o.dbSHA256
	if !verified && !o.unverified {
		return result{}, &checksumError{File: DBName, Want: o.dbSHA256, Got: db.sha256}
	}
	saved, err := place(db.path, db.sha256, path, backup)
	if err != nil {
		return result{}, err
	}
	return result{Path: path, Size: db.size, SHA256: db.sha256, Source: src.String(), Verified: verified, Backup: saved}, nil
}

// place moves the verified temporary file (of digest sum) to path
// atomically. When backup is set, the file being replaced is first linked
// (or copied) there, or to backup-2, backup-3… if that name is taken, so a
// student's own database is never lost without a word; its side files
// (-journal, -wal, -shm) move with it, so the backup opens with the
// student's last committed work and the fresh file starts clean. It returns
// the backup's actual name.
func place(tmp, sum, path, backup string) (string, error) {
	if err := os.Chmod(tmp, 0o644); err != nil {
		return "", localErrorf("make readable: %w", err)
	}
	sides, sideData := sideFiles(path)
	if backup != "" && !sideData && fileSHA256(path) == sum {
		// Another run restored the release meanwhile: nothing to save.
		backup = ""
	}
	saved, moved, err := saveAside(path, backup, sides)
	if err != nil {
		return "", err
	}
	for _, s := range sides {
		if !slices.Contains(moved, s) {
			// Nothing to save (an index, an empty log): never replay it.
			if err := os.Remove(path + s); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return "", localErrorf("remove the stale %s%s: %w", filepath.Base(path), s, err)
			}
		}
	}
	if err := os.Rename(tmp, path); err != nil {
		for _, s := range moved { // put the old database back together
			os.Rename(saved+s, path+s)
		}
		if saved != "" {
			os.Remove(saved) // the original is still in place
		}
		return "", localErrorf("move into place: %w", err)
	}
	if d, err := os.Open(filepath.Dir(path)); err == nil {
		d.Sync() // make the rename itself durable; best effort
		d.Close()
	}
	if saved != "" && len(moved) > 0 && !exists(saved) {
		return saved + moved[0], nil // only side files were left
	}
	return saved, nil
}

// saveAside saves the database at path, if any, as backup (or backup-N)
// and moves its side files beside it. It returns the name used and which
// side files it moved. An empty backup saves nothing.
func saveAside(path, backup string, sides []string) (string, []string, error) {
	if backup == "" {
		return "", nil, nil
	}
	_, sideData := sideFiles(path)
	hasMain := exists(path)
	for n := 1; ; n++ {
		name := backup
		if n > 1 {
			name = fmt.Sprintf("%s-%d", backup, n)
		}
		err := fs.ErrExist
		if !slices.ContainsFunc(sides, func(s string) bool { return exists(name + s) }) {
			err = nil
			if hasMain {
				err = os.Link(path, name)
				if err != nil && !errors.Is(err, fs.ErrExist) {
					err = copyFile(path, name) // file systems without hard links
				}
			} else if exists(name) {
				err = fs.ErrExist
			}
		}
		switch {
		case err == nil:
		case errors.Is(err, fs.ErrExist) && n < 100:
			continue
		default:
			return "", nil, localErrorf("save the previous file as %s: %w", name, err)
		}
		var moved []string
		for _, s := range sides {
			if s == "-shm" && !sideData {
				continue
			}
			if err := os.Rename(path+s, name+s); err != nil {
				for _, m := range moved {
					os.Rename(name+m, path+m)
				}
				if hasMain {
					os.Remove(name)
				}
				return "", nil, localErrorf("move %s%s beside the saved copy: %w", filepath.Base(path), s, err)
			}
			moved = append(moved, s)
		}
		return name, moved, nil
	}
}

func exists(path string) bool {
	_, err := os.Lstat(path)
	return err == nil
}

// fileSHA256 is the hex digest of the file at path, "" if it cannot be read.
func fileSHA256(path string) string {
	f, err := os.Open(path)
	if err != nil {
		return ""
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return ""
	}
	return hex.EncodeToString(h.Sum(nil))
}

func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		os.Remove(to)
		return err
	}
	return out.Close()
}

func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return stopped(ctx)
	case <-t.C:
		return nil
	}
}
