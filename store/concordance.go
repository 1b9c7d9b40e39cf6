package store

import (
	"errors"
	"fmt"
	"io/fs"
)

// concDir holds the concordances kept beside the revisions: the reviewed
// links between a national list and the annex (package concord), one
// annex-concordance/1 JSON file per name, so that the review made after one
// plenary serves the next.
const concDir = "concordances"

// ErrNoConcordance is returned for a concordance name the store does not
// keep.
var ErrNoConcordance = errors.New("no such concordance")

func concFile(name string) string { return concDir + "/" + name + ".json" }

// SaveConcordance keeps data, a concordance as JSON, under name (a label:
// letters, digits, ".", "_" and "-"), replacing what was kept under it. The
// store's lock is held while it writes; the file is written atomically.
func (s *Store) SaveConcordance(name string, data []byte) error {
	if !ValidLabel(name) {
		return fmt.Errorf("%w: concordance name %q (letters, digits, '.', '_' and '-')", ErrBadLabel, name)
	}
	d, err := s.openFS()
	if err != nil {
		return err
	}
	defer d.close()
	if err := d.audit(); err != nil {
		return err
	}
	unlock, err := s.lock(d)
	if err != nil {
		return err
	}
	defer unlock()
	if err := d.mkdir(concDir); err != nil {
		return err
	}
	return d.writeAtomic(concFile(name), data)
}

// LoadConcordance returns the concordance kept under name, as JSON.
func (s *Store) LoadConcordance(name string) ([]byte, error) {
	if !ValidLabel(name) {
		return nil, fmt.Errorf("%w: %q", ErrNoConcordance, name)
	}
	d, err := s.openFS()
	if err != nil {
		return nil, err
	}
	defer d.close()
	if err := d.audit(); err != nil {
		return nil, err
	}
	data, err := d.readFile(concFile(name))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%w: %s in %s", ErrNoConcordance, name, s.dir)
	}
	return data, err
}
