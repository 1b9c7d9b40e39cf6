package store

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

// Every access to the files of a store goes through a storeFS: the store
// directory opened as an os.Root, so that no name and no symbolic link can
// lead out of it, and every name checked with Lstat component by component,
// so that a symbolic link inside the store is refused (ErrLink), never
// followed. The store writes only the names it makes (index.json, lock,
// .gitignore, revisions/<label>.json, the caches under diffs/ and
// entries/, and temporary .tmp-* files beside them) and removes only
// regular files whose names it makes; it never removes a directory that is
// not empty, and never removes recursively.

// storeFS is a store directory opened for one operation.
type storeFS struct {
	root *os.Root
	dir  string // the store directory as given, for messages
}

// openFS opens the store directory. A missing directory is ErrNoStore.
func (s *Store) openFS() (*storeFS, error) {
	r, err := os.OpenRoot(s.dir)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("%s: %w (no %s)", s.dir, ErrNoStore, indexName)
		}
		return nil, fmt.Errorf("open store %s: %w", s.dir, pathErr(err))
	}
	return &storeFS{root: r, dir: s.dir}, nil
}

func (d *storeFS) close() { d.root.Close() }

// name returns rel as a path for messages.
func (d *storeFS) name(rel string) string { return filepath.Join(d.dir, filepath.FromSlash(rel)) }

// linkErr says that rel is a symbolic link, which the store refuses.
func (d *storeFS) linkErr(rel string) error {
	return fmt.Errorf("%s: %w (annex reads and writes no file through a link: remove it)", d.name(rel), ErrLink)
}

// pathErr drops the operation and path of an *fs.PathError: messages name
// the file themselves.
func pathErr(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// lstat returns the FileInfo of rel (a slash-separated name inside the
// store) without following links: every directory on the way must be a
// real directory, and a link anywhere on the way is ErrLink. A missing
// name is fs.ErrNotExist.
func (d *storeFS) lstat(rel string) (fs.FileInfo, error) {
	parts := strings.Split(rel, "/")
	for i := range parts {
		p := strings.Join(parts[:i+1], "/")
		fi, err := d.root.Lstat(p)
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil, fs.ErrNotExist
			}
			return nil, fmt.Errorf("%s: %w", d.name(p), pathErr(err))
		}
		if fi.Mode()&fs.ModeSymlink != 0 {
			return nil, d.linkErr(p)
		}
		if i < len(parts)-1 && !fi.IsDir() {
			return nil, fmt.Errorf("%s: %w: not a directory", d.name(p), ErrCorrupt)
		}
		if i == len(parts)-1 {
			return fi, nil
		}
	}
	return nil, fs.ErrNotExist
}

// open opens the regular file rel for reading and returns its size. A
// link is ErrLink, anything but a regular file ErrCorrupt, a missing file
// fs.ErrNotExist.
func (d *storeFS) open(rel string) (*os.File, int64, error) {
	fi, err := d.lstat(rel)
	if err != nil {
		return nil, 0, err
	}
	if !fi.Mode().IsRegular() {
		return nil, 0, fmt.Errorf("%s: %w: not a regular file", d.name(rel), ErrCorrupt)
	}
	f, err := d.root.Open(rel)
	if err != nil {
		return nil, 0, fmt.Errorf("read %s: %w", d.name(rel), pathErr(err))
	}
	got, err := f.Stat()
	if err != nil || !os.SameFile(fi, got) {
		f.Close()
		return nil, 0, d.linkErr(rel) // replaced between the check and the open
	}
	return f, got.Size(), nil
}

// readFile reads the regular file rel (see open).
func (d *storeFS) readFile(rel string) ([]byte, error) {
	f, size, err := d.open(rel)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var b bytes.Buffer
	b.Grow(int(size) + bytes.MinRead)
	if _, err := b.ReadFrom(f); err != nil {
		return nil, fmt.Errorf("read %s: %w", d.name(rel), pathErr(err))
	}
	return b.Bytes(), nil
}

// readDir lists the real directory rel; a missing one is empty.
func (d *storeFS) readDir(rel string) ([]fs.DirEntry, error) {
	fi, err := d.lstat(rel)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	if !fi.IsDir() {
		return nil, fmt.Errorf("%s: %w: not a directory", d.name(rel), ErrCorrupt)
	}
	f, err := d.root.Open(rel)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", d.name(rel), pathErr(err))
	}
	defer f.Close()
	ents, err := f.ReadDir(-1)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", d.name(rel), pathErr(err))
	}
	return ents, nil
}

// mkdir makes the directory rel and its parents inside the store where
// they are missing; an existing one must be a real directory.
func (d *storeFS) mkdir(rel string) error {
	parts := strings.Split(rel, "/")
	for i := range parts {
		p := strings.Join(parts[:i+1], "/")
		err := d.root.Mkdir(p, 0o755)
		if err != nil && !errors.Is(err, fs.ErrExist) {
			return fmt.Errorf("create %s: %w", d.name(p), pathErr(err))
		}
		fi, err := d.lstat(p)
		if err != nil {
			return err
		}
		if !fi.IsDir() {
			return fmt.Errorf("%s: %w: not a directory", d.name(p), ErrCorrupt)
		}
	}
	return nil
}

// writeAtomic writes data to rel through a temporary file in the same
// directory: write, fsync, rename, fsync the directory. Readers see the old
// content or the new, never a part. The rename replaces the name rel
// itself: it never writes through a link.
func (d *storeFS) writeAtomic(rel string, data []byte) error {
	return d.write(rel, data, true)
}

// writeCache writes a cache file as writeAtomic does, without the fsyncs:
// a cache file that a crash leaves empty or partial does not decode, and is
// ignored and rebuilt.
func (d *storeFS) writeCache(rel string, data []byte) error {
	return d.write(rel, data, false)
}

func (d *storeFS) write(rel string, data []byte, durable bool) (err error) {
	dir := path.Dir(rel)
	if dir != "." {
		fi, err := d.lstat(dir)
		if err != nil {
			return fmt.Errorf("write %s: %w", d.name(rel), err)
		}
		if !fi.IsDir() {
			return fmt.Errorf("%s: %w: not a directory", d.name(dir), ErrCorrupt)
		}
	}
	var rnd [6]byte
	rand.Read(rnd[:])
	tmp := path.Join(dir, tmpPrefix+path.Base(rel)+"-"+hex.EncodeToString(rnd[:]))
	f, err := d.root.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return fmt.Errorf("write %s: %w", d.name(rel), pathErr(err))
	}
	defer func() {
		if err != nil {
			f.Close()
			d.root.Remove(tmp)
			err = fmt.Errorf("write %s: %w", d.name(rel), pathErr(err))
		}
	}()
	if err := f.Chmod(0o644); err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		return err
	}
	if durable {
		if err := f.Sync(); err != nil {
			return err
		}
	}
	if err := f.Close(); err != nil {
		return err
	}
	if err := d.root.Rename(tmp, rel); err != nil {
		return err
	}
	if !durable {
		return nil
	}
	return d.syncDir(dir)
}

func (d *storeFS) syncDir(dir string) error {
	f, err := d.root.Open(dir)
	if err != nil {
		return err
	}
	defer f.Close()
	if err := f.Sync(); err != nil && !errors.Is(err, syscall.EINVAL) {
		return err
	}
	return nil
}

// removeOwn removes rel if it is a regular file. Callers pass only names
// the store makes; a link, a directory or anything else is left alone.
func (d *storeFS) removeOwn(rel string) {
	if fi, err := d.lstat(rel); err == nil && fi.Mode().IsRegular() {
		d.root.Remove(rel)
	}
}

// removeEmptyDir removes the real directory rel if it is empty.
func (d *storeFS) removeEmptyDir(rel string) {
	if fi, err := d.lstat(rel); err == nil && fi.IsDir() {
		d.root.Remove(rel) // fails, harmlessly, unless empty
	}
}

// audit refuses a store whose parts are symbolic links or of the wrong
// kind: the names the store uses at its top (index.json, lock, .gitignore,
// revisions, diffs, entries, concordances, temporary files) and everything
// inside revisions/, entries/, concordances/ and diffs/ (one level of
// subdirectories). Names at
// the top that the store does not use are left alone.
func (d *storeFS) audit() error {
	top, err := d.readDir(".")
	if err != nil {
		return err
	}
	kinds := map[string]bool{ // name: must be a directory
		indexName: false, lockName: false, ".gitignore": false,
		revDir: true, diffDir: true, entriesDir: true, concDir: true,
	}
	for _, e := range top {
		n := e.Name()
		wantDir, known := kinds[n]
		if !known && !strings.HasPrefix(n, tmpPrefix) {
			continue
		}
		if e.Type()&fs.ModeSymlink != 0 {
			return d.linkErr(n)
		}
		if known && e.IsDir() != wantDir {
			what := map[bool]string{true: "not a directory", false: "a directory, not a file"}[wantDir]
			return fmt.Errorf("%s: %w: %s", d.name(n), ErrCorrupt, what)
		}
	}
	for _, sub := range []string{revDir, entriesDir, diffDir, concDir} {
		ents, err := d.readDir(sub)
		if err != nil {
			return err
		}
		for _, e := range ents {
			rel := sub + "/" + e.Name()
			if e.Type()&fs.ModeSymlink != 0 {
				return d.linkErr(rel)
			}
			if sub != diffDir || !e.IsDir() {
				continue
			}
			inner, err := d.readDir(rel)
			if err != nil {
				return err
			}
			for _, f := range inner {
				if f.Type()&fs.ModeSymlink != 0 {
					return d.linkErr(rel + "/" + f.Name())
				}
			}
		}
	}
	return nil
}

// lock takes the store's exclusive lock, waiting at most s.LockWait. The
// lock is flock(2) on the lock file: it is released when the process
// exits, so a crashed import never leaves the store locked.
func (s *Store) lock(d *storeFS) (unlock func(), err error) {
	fi, err := d.lstat(lockName)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		fi = nil
	case err != nil:
		return nil, err
	case !fi.Mode().IsRegular():
		return nil, fmt.Errorf("%s: %w: not a regular file", d.name(lockName), ErrCorrupt)
	}
	name := d.name(lockName)
	f, err := d.root.OpenFile(lockName, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("lock %s: %w", s.dir, pathErr(err))
	}
	if got, err := f.Stat(); err != nil || !got.Mode().IsRegular() || (fi != nil && !os.SameFile(fi, got)) {
		f.Close()
		return nil, d.linkErr(lockName)
	}
	deadline := time.Now().Add(s.LockWait)
	wait := 5 * time.Millisecond
	for {
		err = syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		if err == nil {
			break
		}
		if !errors.Is(err, syscall.EWOULDBLOCK) && !errors.Is(err, syscall.EINTR) {
			f.Close()
			return nil, fmt.Errorf("lock %s: %w", name, err)
		}
		if !time.Now().Before(deadline) {
			f.Close()
			return nil, fmt.Errorf("%s: %w (waited %v for %s)", s.dir, ErrLocked, s.LockWait, name)
		}
		time.Sleep(wait)
		wait = min(2*wait, 200*time.Millisecond)
	}
	return func() {
		syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
		f.Close()
	}, nil
}

// cleanTemps removes temporary files left by interrupted writes. Call it
// only while holding the lock.
func (s *Store) cleanTemps(d *storeFS) {
	for _, sub := range []string{".", revDir, entriesDir, concDir} {
		ents, _ := d.readDir(sub)
		for _, e := range ents {
			if strings.HasPrefix(e.Name(), tmpPrefix) {
				d.removeOwn(pathJoin(sub, e.Name()))
			}
		}
	}
}
