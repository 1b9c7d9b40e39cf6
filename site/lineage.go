package site

import (
	"github.com/annex-tools/annex/diff"
	"github.com/annex-tools/annex/model"
	"github.com/annex-tools/annex/store"
)

// lineages computes the life of every entry of every revision at once, the
// way store.History follows one id (the same steps, in the same order), so
// that a site of thousands of entry pages needs one pass over the stored
// diffs instead of one per id. The test checks it against store.History.
type lineages struct {
	revs  []store.Revision
	idx   []map[string]*model.Entry
	cats  []map[string]string // the category of each entry's item, per revision
	ids   [][]string          // every revision's entry ids in document order
	byOld []map[string]*diff.Change
	byNew []map[string]*diff.Change
	start map[pos]pos
	lives map[pos]*store.Lineage // by start position
	spans map[pos][]pos          // the positions each lineage passes, by start
}

type pos struct {
	rev int
	id  string
}

func newLineages(revs []store.Revision, models []*model.Annex, pairs []diff.Result) *lineages {
	l := &lineages{
		revs:  revs,
		idx:   make([]map[string]*model.Entry, len(revs)),
		cats:  make([]map[string]string, len(revs)),
		ids:   make([][]string, len(revs)),
		byOld: make([]map[string]*diff.Change, len(pairs)),
		byNew: make([]map[string]*diff.Change, len(pairs)),
		start: make(map[pos]pos),
		lives: make(map[pos]*store.Lineage),
		spans: make(map[pos][]pos),
	}
	for i, a := range models {
		m := make(map[string]*model.Entry)
		cats := make(map[string]string)
		a.Walk(func(n model.Node) bool {
			if m[n.Entry.ID] == nil {
				m[n.Entry.ID] = n.Entry
				cats[n.Entry.ID] = n.Item.Category
				l.ids[i] = append(l.ids[i], n.Entry.ID)
			}
			return true
		})
		l.idx[i], l.cats[i] = m, cats
	}
	for i := range pairs {
		bo, bn := make(map[string]*diff.Change), make(map[string]*diff.Change)
		for k := range pairs[i].Changes {
			c := &pairs[i].Changes[k]
			if c.Target != diff.TargetEntry {
				continue
			}
			if c.Kind != diff.Added && c.OldID != "" {
				bo[c.OldID] = c
			}
			if c.Kind != diff.Removed && c.NewID != "" {
				bn[c.NewID] = c
			}
		}
		l.byOld[i], l.byNew[i] = bo, bn
	}
	return l
}

// back is the id the entry id of revision i had in revision i-1, "" when
// it was added in revision i.
func (l *lineages) back(i int, id string) string {
	if c := l.byNew[i-1][id]; c != nil {
		if c.Kind == diff.Added {
			return ""
		}
		return c.OldID
	}
	if l.idx[i-1][id] != nil {
		return id
	}
	return ""
}

// next is the id the entry id of revision i has in revision i+1 ("" when
// removed) and the change that took it there.
func (l *lineages) next(i int, id string) (string, *diff.Change) {
	if c := l.byOld[i][id]; c != nil {
		if c.Kind == diff.Removed {
			return "", c
		}
		return c.NewID, c
	}
	if l.idx[i+1][id] != nil {
		return id, nil
	}
	return "", nil
}

// startOf is the first position of the entry at p.
func (l *lineages) startOf(p pos) pos {
	if s, ok := l.start[p]; ok {
		return s
	}
	s := p
	if p.rev > 0 {
		if prev := l.back(p.rev, p.id); prev != "" {
			s = l.startOf(pos{p.rev - 1, prev})
		}
	}
	l.start[p] = s
	return s
}

// from returns the lineage that starts at s and the positions it passes.
func (l *lineages) from(s pos) (*store.Lineage, []pos) {
	if lin := l.lives[s]; lin != nil {
		return lin, l.spans[s]
	}
	lin := &store.Lineage{}
	first := store.Present
	var firstChange *diff.Change
	if s.rev > 0 {
		first = store.Added
		firstChange = l.byNew[s.rev-1][s.id]
	}
	lin.Steps = append(lin.Steps, l.step(s, first, firstChange))
	span := []pos{s}
	cur := s
	for cur.rev+1 < len(l.revs) {
		nid, c := l.next(cur.rev, cur.id)
		cur = pos{cur.rev + 1, nid}
		ev := store.Unchanged
		switch {
		case nid == "":
			ev = store.Removed
		case c != nil && c.Kind == diff.Renumbered:
			ev = store.Renumbered
		case c != nil && c.Kind == diff.Modified:
			ev = store.Modified
		}
		lin.Steps = append(lin.Steps, l.step(cur, ev, c))
		if nid == "" {
			break
		}
		span = append(span, cur)
	}
	l.lives[s], l.spans[s] = lin, span
	return lin, span
}

func (l *lineages) step(p pos, ev store.Event, c *diff.Change) store.Step {
	r := l.revs[p.rev]
	st := store.Step{Label: r.Label, Date: r.Date, DocID: r.DocID, Event: ev, ID: p.id}
	if c != nil {
		cc := *c
		st.Change = &cc
	}
	if e := l.idx[p.rev][p.id]; p.id != "" && e != nil {
		st.Text = e.Text
		st.Notes = e.Notes
		st.Category = l.cats[p.rev][p.id]
	}
	return st
}

// history returns what store.History(id, "", "") returns: every entry that
// carried id, ordered by first appearance, each with its whole life.
func (l *lineages) history(id string) []*store.Lineage {
	visited := make(map[pos]bool)
	var out []*store.Lineage
	for i := range l.revs {
		p := pos{i, id}
		if l.idx[i][id] == nil || visited[p] {
			continue
		}
		lin, span := l.from(l.startOf(p))
		for _, q := range span {
			visited[q] = true
		}
		out = append(out, lin)
	}
	return out
}

// allIDs returns every id any revision holds, each once, in natural order.
func (l *lineages) allIDs() []string {
	seen := make(map[string]bool)
	var out []string
	for _, ids := range l.ids {
		for _, id := range ids {
			if !seen[id] {
				seen[id] = true
				out = append(out, id)
			}
		}
	}
	sortIDs(out)
	return out
}
