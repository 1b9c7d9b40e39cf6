package store

import (
	"fmt"

	"github.com/annex-tools/annex/diff"
)

// pairDiff returns the diff of two revisions, computed once per Store.
func (s *Store) pairDiff(old, new Revision) (res diff.Result, err error) {
	key := [2]string{old.SHA256, new.SHA256}
	s.mu.Lock()
	res, ok := s.diffs[key]
	s.mu.Unlock()
	if ok {
		return res, nil
	}
	if res, ok := s.readCachedDiff(old, new); ok {
		s.mu.Lock()
		s.diffs[key] = res
		s.mu.Unlock()
		return res, nil
	}
	if s.Compare == nil {
		return diff.Result{}, fmt.Errorf("compare %s with %s: %w", old.Label, new.Label, ErrNoDiff)
	}
	a, err := s.model(old)
	if err != nil {
		return diff.Result{}, err
	}
	b, err := s.model(new)
	if err != nil {
		return diff.Result{}, err
	}
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("compare %s with %s: internal error: %v", old.Label, new.Label, p)
		}
	}()
	res = s.Compare(a, b)
	s.writeCachedDiff(old, new, res)
	s.mu.Lock()
	s.diffs[key] = res
	s.mu.Unlock()
	return res, nil
}

// Diff returns the structural diff between the revisions old and new
// (labels or dates, see At).
func (s *Store) Diff(old, new string) (diff.Result, error) {
	revs, err := s.List()
	if err != nil {
		return diff.Result{}, err
	}
	a, err := at(revs, old, s.dir)
	if err != nil {
		return diff.Result{}, err
	}
	b, err := at(revs, new, s.dir)
	if err != nil {
		return diff.Result{}, err
	}
	return s.pairDiff(a, b)
}

// Changes returns the diff of every consecutive pair of revisions, oldest
// first: len(List())-1 results, each one's New the next one's Old.
func (s *Store) Changes() ([]diff.Result, error) {
	revs, err := s.List()
	if err != nil {
		return nil, err
	}
	var out []diff.Result
	for i := 1; i < len(revs); i++ {
		r, err := s.pairDiff(revs[i-1], revs[i])
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, nil
}

// LogEntry is one revision with the changes since the previous one.
type LogEntry struct {
	Revision
	Previous string        `json:"previous,omitempty"` // label of the previous revision, "" for the first
	Changes  *diff.Summary `json:"changes,omitempty"`  // counts since the previous revision, nil for the first
}

// Log returns every revision in order, each with the counts of changes
// since the previous one.
func (s *Store) Log() ([]LogEntry, error) {
	revs, err := s.List()
	if err != nil {
		return nil, err
	}
	out := make([]LogEntry, len(revs))
	for i, r := range revs {
		out[i].Revision = r
		if i == 0 {
			continue
		}
		res, err := s.pairDiff(revs[i-1], r)
		if err != nil {
			return nil, err
		}
		sum := diff.Summarize(res.Changes)
		out[i].Previous = revs[i-1].Label
		out[i].Changes = &sum
	}
	return out, nil
}
