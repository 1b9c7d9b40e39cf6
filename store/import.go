package store

import (
	"fmt"
	"slices"
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

	d, err := s.openFS()
	if err != nil {
		return ImportResult{}, err
	}
	defer d.close()
	unlock, err := s.lock(d)
	if err != nil {
		return ImportResult{}, err
	}
	locked := true
	defer func() {
		if locked {
			unlock()
		}
	}()
	ix, err := readIndexFS(d)
	if err != nil {
		return ImportResult{}, err
	}
	s.cleanTemps(d)
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
	if err := d.mkdir(revDir); err != nil {
		return ImportResult{}, err
	}
	if err := d.writeAtomic(rev.File, data); err != nil {
		return ImportResult{}, err
	}
	if pos >= 0 {
		ix.Revisions[pos] = rev
	} else {
		ix.Revisions = append(ix.Revisions, rev)
	}
	if err := writeIndex(d, ix); err != nil {
		return ImportResult{}, err
	}
	// The .gitignore of an earlier version (which did not know entries/)
	// brought up to date.
	if old, err := d.readFile(".gitignore"); err == nil && string(old) == oldGitignore {
		d.writeAtomic(".gitignore", []byte(gitignore))
	}
	pruneCaches(d, ix.Revisions)
	unlock()
	locked = false
	s.entryIndex(rev) // read back through the model reader and indexed
	s.cacheNeighbours(ix.Revisions, rev)
	return ImportResult{Revision: rev, Replaced: pos >= 0}, nil
}

// cacheNeighbours computes and caches the diffs of rev with the revisions
// before and after it, so that the next log or history finds them. It does
// nothing unless the disk cache is in use; errors are ignored: the next
// reader meets them.
func (s *Store) cacheNeighbours(revs []Revision, rev Revision) {
	if s.cachePath(rev, rev) == "" {
		return
	}
	i := slices.IndexFunc(revs, func(r Revision) bool { return r.Label == rev.Label })
	if i > 0 {
		s.pairDiff(revs[i-1], rev)
	}
	if i >= 0 && i+1 < len(revs) {
		s.pairDiff(rev, revs[i+1])
	}
}
