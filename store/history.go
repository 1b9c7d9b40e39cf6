package store

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"

	"github.com/annex-tools/annex/diff"
	"github.com/annex-tools/annex/model"
)

// Event says what a revision did to an entry.
type Event string

// The events of an entry's life.
const (
	Present    Event = "present"    // the entry is in the first revision of the range; its origin is earlier
	Added      Event = "added"      // the entry first appears in this revision
	Unchanged  Event = "unchanged"  // same id, same own text and notes as in the previous revision
	Modified   Event = "modified"   // same id, own text or notes changed
	Renumbered Event = "renumbered" // another id (possibly under another item); the change says if its content changed too
	Removed    Event = "removed"    // the entry is not in this revision any more
)

// Step is one revision in the life of an entry.
type Step struct {
	Label    string       `json:"label"`              // the revision's label
	Date     string       `json:"date"`               // its date
	DocID    string       `json:"doc_id"`             // its document id
	Event    Event        `json:"event"`              // what this revision did to the entry
	ID       string       `json:"id,omitempty"`       // the entry's id in this revision; "" once removed
	Category string       `json:"category,omitempty"` // the category of the entry's item in this revision
	Text     string       `json:"text,omitempty"`     // the entry's own text in this revision
	Notes    []model.Note `json:"notes,omitempty"`    // its notes in this revision
	Change   *diff.Change `json:"change,omitempty"`   // the change from the previous revision, nil when none
}

// Lineage is the life of one entry: one step per revision from the one
// where it is first seen to the last that holds it, then a Removed step if a
// later revision of the range drops it.
type Lineage struct {
	Steps []Step `json:"steps"`
}

// IDs returns the distinct ids the entry has carried, in order.
func (l Lineage) IDs() []string {
	var out []string
	for _, s := range l.Steps {
		if s.ID != "" && (len(out) == 0 || out[len(out)-1] != s.ID) {
			out = append(out, s.ID)
		}
	}
	return out
}

// History returns the life of the entry numbered id (trailing dot allowed)
// across the revisions from from to to (labels or dates, see At; "" for the
// first and the last revision). An id can name different entries in
// different revisions (4.C.2.b.6 renumbered to 4.C.2.b.7 while a new
// 4.C.2.b.6 is inserted): every entry that carried the id in some revision of
// the range gets its own Lineage, ordered by first appearance. An id that no
// revision of the range holds is ErrNoEntry.
func (s *Store) History(id, from, to string) ([]Lineage, error) {
	pid, err := model.ParseID(id)
	if err != nil {
		return nil, err
	}
	id = pid.String()
	revs, err := s.span(from, to)
	if err != nil {
		return nil, err
	}
	s.prefetch(revs, true)
	h := &historian{s: s, revs: revs, ids: make([]*entryIndex, len(revs)), ents: make([]map[string]*model.Entry, len(revs)), cats: make([]map[string]string, len(revs)), pairs: make([]*pairMaps, len(revs))}
	visited := make(map[pos]bool)
	var out []Lineage
	for i := range revs {
		idx, err := h.index(i)
		if err != nil {
			return nil, err
		}
		if !idx.has(id) || visited[pos{i, id}] {
			continue
		}
		l, err := h.lineage(pos{i, id}, visited)
		if err != nil {
			return nil, err
		}
		out = append(out, l)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s: %w in %d revision(s) from %s to %s", id, ErrNoEntry, len(revs), revs[0].Label, revs[len(revs)-1].Label)
	}
	return out, nil
}

// span returns the revisions from from to to, in order.
func (s *Store) span(from, to string) ([]Revision, error) {
	revs, err := s.List()
	if err != nil {
		return nil, err
	}
	if len(revs) == 0 {
		return nil, fmt.Errorf("%s: %w: the store is empty", s.dir, ErrNotFound)
	}
	lo, hi := 0, len(revs)-1
	if from != "" {
		r, err := at(revs, from, s.dir)
		if err != nil {
			return nil, err
		}
		lo = slices.IndexFunc(revs, func(x Revision) bool { return x.Label == r.Label })
	}
	if to != "" {
		r, err := at(revs, to, s.dir)
		if err != nil {
			return nil, err
		}
		hi = slices.IndexFunc(revs, func(x Revision) bool { return x.Label == r.Label })
	}
	if lo > hi {
		return nil, fmt.Errorf("%s: %w: %s comes after %s", s.dir, ErrNotFound, revs[lo].Label, revs[hi].Label)
	}
	return revs[lo : hi+1], nil
}

type pos struct {
	rev int
	id  string
}

// pairMaps index the entry changes between revisions i and i+1.
type pairMaps struct {
	byOld map[string]*diff.Change // removed, renumbered, modified: by old id
	byNew map[string]*diff.Change // added, renumbered, modified: by new id
}

type historian struct {
	s     *Store
	revs  []Revision
	ids   []*entryIndex             // ids[i]: the entry index of revs[i]
	ents  []map[string]*model.Entry // ents[i]: the entries of revs[i], loaded only when an index line does not decode
	cats  []map[string]string       // cats[i]: the category of each entry's item in revs[i], filled with ents[i]
	pairs []*pairMaps               // pairs[i]: revs[i] to revs[i+1], computed when first needed
}

// index returns the entry index of revision i.
func (h *historian) index(i int) (*entryIndex, error) {
	if h.ids[i] == nil {
		ix, err := h.s.entryIndex(h.revs[i])
		if err != nil {
			return nil, err
		}
		h.ids[i] = ix
	}
	return h.ids[i], nil
}

// entry returns the entry id of revision i, or nil, and its item's category.
func (h *historian) entry(i int, id string) (*model.Entry, string, error) {
	if h.ents[i] == nil {
		a, err := h.s.model(h.revs[i])
		if err != nil {
			return nil, "", err
		}
		m := make(map[string]*model.Entry)
		cats := make(map[string]string)
		a.Walk(func(n model.Node) bool {
			if m[n.Entry.ID] == nil {
				m[n.Entry.ID] = n.Entry
				cats[n.Entry.ID] = n.Item.Category
			}
			return true
		})
		h.ents[i], h.cats[i] = m, cats
	}
	return h.ents[i][id], h.cats[i][id], nil
}

func (h *historian) pair(i int) (*pairMaps, error) {
	if h.pairs[i] == nil {
		res, err := h.s.pairDiff(h.revs[i], h.revs[i+1])
		if err != nil {
			return nil, err
		}
		p := &pairMaps{byOld: make(map[string]*diff.Change), byNew: make(map[string]*diff.Change)}
		for k := range res.Changes {
			c := &res.Changes[k]
			if c.Target != diff.TargetEntry {
				continue
			}
			if c.Kind != diff.Added && c.OldID != "" {
				p.byOld[c.OldID] = c
			}
			if c.Kind != diff.Removed && c.NewID != "" {
				p.byNew[c.NewID] = c
			}
		}
		h.pairs[i] = p
	}
	return h.pairs[i], nil
}

// back returns the id that the entry id of revision i had in revision i-1,
// or "" when it was added in revision i.
func (h *historian) back(i int, id string) (string, error) {
	p, err := h.pair(i - 1)
	if err != nil {
		return "", err
	}
	if c := p.byNew[id]; c != nil {
		if c.Kind == diff.Added {
			return "", nil
		}
		return c.OldID, nil
	}
	prev, err := h.index(i - 1)
	if err != nil {
		return "", err
	}
	if prev.has(id) {
		return id, nil
	}
	return "", nil
}

// next returns the id that the entry id of revision i has in revision i+1
// ("" when removed) and the change that took it there.
func (h *historian) next(i int, id string) (string, *diff.Change, error) {
	p, err := h.pair(i)
	if err != nil {
		return "", nil, err
	}
	if c := p.byOld[id]; c != nil {
		if c.Kind == diff.Removed {
			return "", c, nil
		}
		return c.NewID, c, nil
	}
	nxt, err := h.index(i + 1)
	if err != nil {
		return "", nil, err
	}
	if nxt.has(id) {
		return id, nil, nil
	}
	return "", nil, nil // the diff engine did not report the removal
}

// lineage follows the entry at p back to its first revision, then forward
// to its last, marking every position it passes.
func (h *historian) lineage(p pos, visited map[pos]bool) (Lineage, error) {
	start := p
	for start.rev > 0 {
		prev, err := h.back(start.rev, start.id)
		if err != nil {
			return Lineage{}, err
		}
		if prev == "" {
			break
		}
		start = pos{start.rev - 1, prev}
	}
	var l Lineage
	first := Present
	var firstChange *diff.Change
	if start.rev > 0 {
		first = Added
		if pm, err := h.pair(start.rev - 1); err == nil {
			firstChange = pm.byNew[start.id]
		}
	}
	var last content
	step, err := h.step(start, first, firstChange, &last)
	if err != nil {
		return Lineage{}, err
	}
	l.Steps = append(l.Steps, step)
	visited[start] = true
	cur := start
	for cur.rev+1 < len(h.revs) {
		nid, c, err := h.next(cur.rev, cur.id)
		if err != nil {
			return Lineage{}, err
		}
		cur = pos{cur.rev + 1, nid}
		ev := Unchanged
		switch {
		case nid == "":
			ev = Removed
		case c != nil && c.Kind == diff.Renumbered:
			ev = Renumbered
		case c != nil && c.Kind == diff.Modified:
			ev = Modified
		}
		step, err := h.step(cur, ev, c, &last)
		if err != nil {
			return Lineage{}, err
		}
		l.Steps = append(l.Steps, step)
		if nid == "" {
			break
		}
		visited[cur] = true
	}
	return l, nil
}

// content is the text and notes of the previous step of a lineage, with
// their line in the entry index.
type content struct {
	raw      []byte
	text     string
	notes    []model.Note
	category string
}

// step returns the step of the entry at p. Its text and notes are those of
// the previous step (last) when their line of the entry index is the same,
// and are decoded otherwise; last is updated.
func (h *historian) step(p pos, ev Event, c *diff.Change, last *content) (Step, error) {
	r := h.revs[p.rev]
	st := Step{Label: r.Label, Date: r.Date, DocID: r.DocID, Event: ev, ID: p.id}
	if c != nil {
		cc := *c
		st.Change = &cc
	}
	if p.id == "" {
		return st, nil
	}
	idx, err := h.index(p.rev)
	if err != nil {
		return Step{}, err
	}
	if !idx.has(p.id) {
		return st, nil
	}
	raw, ok := idx.content(h.s, p.id)
	var ec entryContent
	switch {
	case ok && last.raw != nil && bytes.Equal(raw, last.raw):
		// the same text and notes as the previous step
	case ok && json.Unmarshal(raw, &ec) == nil:
		*last = content{raw: raw, text: ec.Text, notes: ec.Notes, category: ec.Category}
	default: // a damaged cache: the revision itself
		e, cat, err := h.entry(p.rev, p.id)
		if err != nil {
			return Step{}, err
		}
		*last = content{}
		if e != nil {
			last.text, last.notes, last.category = e.Text, e.Notes, cat
		}
	}
	st.Text, st.Notes, st.Category = last.text, last.notes, last.category
	return st, nil
}
