package store

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

// writeAtomic writes data to name through a temporary file in the same
// directory: write, fsync, rename, fsync the directory. Readers see the old
// content or the new, never a part.
func writeAtomic(name string, data []byte) (err error) {
	dir := filepath.Dir(name)
	tmp, err := os.CreateTemp(dir, tmpPrefix+filepath.Base(name)+"-*")
	if err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
			err = fmt.Errorf("write %s: %w", name, err)
		}
	}()
	if err := tmp.Chmod(0o644); err != nil {
		return err
	}
	if _, err := tmp.Write(data); err != nil {
		return err
	}
	if err := tmp.Sync(); err != nil {
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), name); err != nil {
		return err
	}
	return syncDir(dir)
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !errors.Is(err, syscall.EINVAL) {
		return err
	}
	return nil
}

// lock takes the store's exclusive lock, waiting at most s.LockWait. The
// lock is flock(2) on the lock file: it is released when the process
// exits, so a crashed import never leaves the store locked.
func (s *Store) lock() (unlock func(), err error) {
	name := s.path(lockName)
	f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("lock %s: %w", s.dir, err)
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
func (s *Store) cleanTemps() {
	for _, sub := range []string{".", revDir} {
		ents, _ := os.ReadDir(s.path(sub))
		for _, e := range ents {
			if strings.HasPrefix(e.Name(), tmpPrefix) {
				os.Remove(filepath.Join(s.path(sub), e.Name()))
			}
		}
	}
}
