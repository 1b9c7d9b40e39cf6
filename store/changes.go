package store

import (
	"fmt"
	"runtime"
	"sync"

	"github.com/annex-tools/annex/diff"
)

// pairDiff returns the diff of two revisions, computed once per Store:
// read from the disk cache, or computed and written to it.
func (s *Store) pairDiff(old, new Revision) (diff.Result, error) {
	return memoized(&s.mu, s.diffs, [2]string{old.SHA256, new.SHA256}, func() (diff.Result, error) {
		if res, ok := s.readCachedDiff(old, new); ok {
			return res, nil
		}
		res, err := s.compare(old, new)
		if err != nil {
			return diff.Result{}, err
		}
		s.writeCachedDiff(old, new, res)
		return res, nil
	})
}

// compare runs s.Compare on two revisions; a panic is an error naming them.
func (s *Store) compare(old, new Revision) (res diff.Result, err error) {
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
	return s.Compare(a, b), nil
}

// prefetch computes, on every CPU, what a walk over revs will need: the
// diff of each consecutive pair (with the default engine only: another
// Compare may not expect to be called concurrently) and, with entries, each
// revision's entry index. Errors are left for the walk to meet and report
// in order.
func (s *Store) prefetch(revs []Revision, entries bool) {
	pairs := isDefault(s.Compare)
	n := len(revs) - 1
	if entries {
		n = 2*len(revs) - 1
	}
	if n < 2 {
		return
	}
	jobs := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), n) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				if i < len(revs)-1 {
					if pairs {
						s.pairDiff(revs[i], revs[i+1])
					}
				} else {
					s.entryIndex(revs[i-len(revs)+1])
				}
			}
		}()
	}
	for i := range n {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
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
	s.prefetch(revs, false)
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
	s.prefetch(revs, false)
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
