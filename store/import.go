package store

import (
	"fmt"
	"time"

	"github.com/annex-tools/annex/model"
)

// ImportOptions tune Import.
type ImportOptions struct {
	Label  string       // the revision's label; default: the model's meta.date
	Force  bool         // replace a different file already stored under the label
	Source model.Source // the file imported (name, format, SHA-256 of its bytes); default: the model's meta.source
}

// ImportResult says what Import did.
type ImportResult struct {
	Revision Revision // the revision stored, or already there
	Skipped  bool     // the same file (same SHA-256) was already stored: nothing written
	Replaced bool     // Force replaced a different file stored under the label
}

// Import stores a as a new revision. The same file imported twice is a
// no-op (Skipped). A different file under a label already used is refused
// with ErrLabelExists unless opt.Force is set, which replaces it.
//
// When neither opt.Source nor the model carries a SHA-256, the digest of the
// model's canonical JSON stands for it.
func (s *Store) Import(a *model.Annex, opt ImportOptions) (ImportResult, error) {
	label := opt.Label
	if label == "" {
		label = a.Meta.Date
		if label == "" {
			return ImportResult{}, fmt.Errorf("%w: the model has no meta.date; give a label", ErrNoDate)
		}
	}
	if !ValidLabel(label) {
		return ImportResult{}, fmt.Errorf("%w %q: use 1 to 64 letters, digits, \".\", \"_\" or \"-\"", ErrBadLabel, label)
	}
	if !validDate(a.Meta.Date) {
		if a.Meta.Date == "" {
			return ImportResult{}, fmt.Errorf("%w: the model has no meta.date; the store orders revisions by date", ErrNoDate)
		}
		return ImportResult{}, fmt.Errorf("%w: meta.date %q is not a YYYY-MM-DD date", ErrNoDate, a.Meta.Date)
	}
	if id := duplicateID(a); id != "" {
		return ImportResult{}, fmt.Errorf("not a valid model: %s: entry number used more than once", id)
	}
	a2 := *a
	a2.Schema = model.Schema
	data, err := marshal(&a2)
	if err != nil {
		return ImportResult{}, fmt.Errorf("encode model: %w", err)
	}
	src := opt.Source
	if src.Name == "" && src.SHA256 == "" {
		src = a.Meta.Source
	}
	if src.SHA256 == "" {
		src.SHA256 = sum(data)
	}

	unlock, err := s.lock()
	if err != nil {
		return ImportResult{}, err
	}
	defer unlock()
	s.cleanTemps()
	ix, err := s.readIndex()
	if err != nil {
		return ImportResult{}, err
	}
	pos := -1
	for i, r := range ix.Revisions {
		if r.Source.SHA256 == src.SHA256 && (r.Label == label || opt.Label == "" || !opt.Force) {
			return ImportResult{Revision: r, Skipped: true}, nil
		}
		if r.Label == label {
			pos = i
		}
	}
	if pos >= 0 && !opt.Force {
		r := ix.Revisions[pos]
		return ImportResult{}, fmt.Errorf("%w: %s holds %s from %s (imported %s)", ErrLabelExists, label, r.DocID, r.Source.Name, r.ImportedAt)
	}
	rev := Revision{
		Label:      label,
		DocID:      a.Meta.DocID,
		Date:       a.Meta.Date,
		Source:     src,
		ImportedAt: s.Now().UTC().Format(time.RFC3339),
		Entries:    a.CountEntries(),
		File:       revFile(label),
		SHA256:     sum(data),
	}
	// The revision file first, then the index that names it: a crash in
	// between leaves an unnamed file that readers ignore.
	if err := writeAtomic(s.path(rev.File), data); err != nil {
		return ImportResult{}, err
	}
	if pos >= 0 {
		ix.Revisions[pos] = rev
	} else {
		ix.Revisions = append(ix.Revisions, rev)
	}
	if err := s.writeIndex(ix); err != nil {
		return ImportResult{}, err
	}
	s.pruneDiffCache(ix.Revisions)
	return ImportResult{Revision: rev, Replaced: pos >= 0}, nil
}
