package diff

import (
	"sort"
	"strconv"
	"strings"

	"github.com/annex-tools/annex/internal/textnorm"
	"github.com/annex-tools/annex/model"
)

// Fields beyond those of change.go.
const (
	FieldCategory = "category" // items: the category changed ("I" to "II"); entries: moved to an item of another category
	FieldReserved = "reserved" // items: the item became reserved, or no longer is
	FieldTerm     = "term"     // definitions: the letter case of the term changed
)

// Compare returns the structured difference between two revisions: every
// entry added, removed, modified or renumbered, every changed item or group
// title, every changed definition. Entries keep their identity across
// renumbering; see doc.go for how they are matched. Compare does not modify
// its arguments; a nil annex counts as an empty one.
func Compare(old, new *model.Annex) Result {
	if old == nil {
		old = &model.Annex{}
	}
	if new == nil {
		new = &model.Annex{}
	}
	sch := model.Of(new)
	if len(new.Items) == 0 {
		sch = model.Of(old)
	}
	os, ns := newSide(old), newSide(new)
	m := newMatcher(os, ns)
	m.run()

	renum := make(map[string]string)
	for i, j := range m.mo {
		if j >= 0 && os.nodes[i].e.ID != ns.nodes[j].e.ID {
			renum[os.nodes[i].e.ID] = ns.nodes[j].e.ID
		}
	}

	var keyed []keyedChange
	for j := range ns.nodes {
		nn := &ns.nodes[j]
		i := m.mn[j]
		if i < 0 {
			c := Change{Target: TargetEntry, Kind: Added, NewID: nn.e.ID, NewText: nn.e.Text, NewNotes: nn.e.Notes}
			setItem(&c, nn.item)
			keyed = append(keyed, keyedChange{key: nn.e.ID, c: c})
			continue
		}
		on := &os.nodes[i]
		c, changed := entryChange(on, nn, renum, sch)
		if changed {
			keyed = append(keyed, keyedChange{key: nn.e.ID, c: c})
		}
	}
	for i := range os.nodes {
		if m.mo[i] >= 0 {
			continue
		}
		on := &os.nodes[i]
		c := Change{Target: TargetEntry, Kind: Removed, OldID: on.e.ID, OldText: on.e.Text, OldNotes: on.e.Notes}
		setItem(&c, on.item)
		keyed = append(keyed, keyedChange{key: on.e.ID, c: c, removed: true})
	}
	keyed = append(keyed, itemChanges(old, new, renum)...)
	sortKeyed(keyed)

	changes := make([]Change, 0, len(keyed))
	for _, k := range keyed {
		changes = append(changes, k.c)
	}
	changes = append(changes, definitionChanges(old, new, renum, newQuoted(old), newQuoted(new))...)
	return Result{
		Schema:  Schema,
		Old:     Revision{DocID: old.Meta.DocID, Date: old.Meta.Date, Source: old.Meta.Source},
		New:     Revision{DocID: new.Meta.DocID, Date: new.Meta.Date, Source: new.Meta.Source},
		Summary: Summarize(changes),
		Changes: changes,
	}
}

func setItem(c *Change, it *model.Item) {
	if it != nil {
		c.Item = it.Number
		c.Category = it.Category
		c.ItemTitle = it.Title
	}
}

// entryChange compares two matched entries.
func entryChange(on, nn *node, renum map[string]string, sch *model.Scheme) (Change, bool) {
	c := Change{Target: TargetEntry, OldID: on.e.ID, NewID: nn.e.ID}
	setItem(&c, nn.item)
	editorial := true
	if on.text != nn.text {
		c.Fields = append(c.Fields, FieldText)
		c.OldText, c.NewText = on.e.Text, nn.e.Text
		c.TextDiff = WordDiff(on.e.Text, nn.e.Text)
		c.Quantities = append(c.Quantities, QuantitiesIn(on.e.Text, nn.e.Text, sch)...)
		editorial = editorial && editorialText(on.e.Text, nn.e.Text, renum)
	}
	if on.notes != nn.notes {
		c.Fields = append(c.Fields, FieldNotes)
		c.OldNotes, c.NewNotes = on.e.Notes, nn.e.Notes
		ro, rn := renderNotes(on.e.Notes), renderNotes(nn.e.Notes)
		c.NotesDiff = WordDiff(ro, rn)
		c.Quantities = append(c.Quantities, QuantitiesIn(ro, rn, sch)...)
		editorial = editorial && editorialNotes(on.e.Notes, nn.e.Notes, renum)
	}
	if moved, from, to := categoryMove(on, nn); moved {
		// An entry moved to an item of another category: the most
		// consequential change a revision makes, never editorial.
		c.Fields = append(c.Fields, FieldCategory)
		c.OldCategory, c.NewCategory = from, to
		editorial = false
	}
	c.Editorial = len(c.Fields) > 0 && editorial
	switch {
	case on.e.ID != nn.e.ID:
		c.Kind = Renumbered
		if c.Fields == nil {
			c.Fields = []string{}
		}
	case len(c.Fields) > 0:
		c.Kind = Modified
	default:
		return c, false
	}
	return c, true
}

// categoryMove reports whether a matched entry moved to an item of another
// category, and the categories before and after. An entry that stays in an
// item whose own category changed does not: the item's change says so.
func categoryMove(on, nn *node) (bool, string, string) {
	if on.item == nil || nn.item == nil || on.item.Number == nn.item.Number {
		return false, "", ""
	}
	from, to := on.item.Category, nn.item.Category
	return from != to && from != "" && to != "", from, to
}

// keyedChange is a change with the id it is listed under.
type keyedChange struct {
	key     string // new id, else old id; "3" for item 3, "3.A" for a group
	removed bool
	c       Change
}

var targetRank = map[Target]int{TargetItem: 0, TargetGroup: 1, TargetEntry: 2}

// sortKeyed orders changes by the id they are listed under, in annex order:
// an item before its groups, a group before its entries, a removed entry
// before the entry that takes its number.
func sortKeyed(ks []keyedChange) {
	parsed := make(map[string]model.ID, len(ks))
	for _, k := range ks {
		if _, ok := parsed[k.key]; !ok {
			parsed[k.key] = keyID(k.key)
		}
	}
	sort.SliceStable(ks, func(a, b int) bool {
		ia, ib := parsed[ks[a].key], parsed[ks[b].key]
		var c int
		if ia.Segs != nil && ib.Segs != nil {
			c = ia.Compare(ib)
		} else {
			c = model.CompareIDs(ks[a].key, ks[b].key)
		}
		if c != 0 {
			return c < 0
		}
		if ra, rb := targetRank[ks[a].c.Target], targetRank[ks[b].c.Target]; ra != rb {
			return ra < rb
		}
		if ks[a].removed != ks[b].removed {
			return ks[a].removed
		}
		return model.CompareIDs(ks[a].c.OldID, ks[b].c.OldID) < 0
	})
}

// keyID parses an entry, group or item key.
func keyID(k string) model.ID {
	if id, err := model.ParseID(k); err == nil {
		return id
	}
	if _, err := strconv.Atoi(k); err == nil {
		return model.ID{Segs: []string{k}}
	}
	return model.ID{}
}

// itemChanges compares item titles, categories and reservation, and group
// titles.
func itemChanges(old, new *model.Annex, renum map[string]string) []keyedChange {
	var out []keyedChange
	oldItems := make(map[int]*model.Item)
	for i := range old.Items {
		if _, dup := oldItems[old.Items[i].Number]; !dup {
			oldItems[old.Items[i].Number] = &old.Items[i]
		}
	}
	seen := make(map[int]bool)
	for i := range new.Items {
		ni := &new.Items[i]
		if seen[ni.Number] {
			continue
		}
		seen[ni.Number] = true
		key := strconv.Itoa(ni.Number)
		oi := oldItems[ni.Number]
		if oi == nil {
			c := Change{Target: TargetItem, Kind: Added, Number: ni.Number, NewText: ni.Title}
			setItem(&c, ni)
			out = append(out, keyedChange{key: key, c: c})
			continue
		}
		c := Change{Target: TargetItem, Kind: Modified, Number: ni.Number}
		setItem(&c, ni)
		editorial := true
		if textnorm.Fold(oi.Title) != textnorm.Fold(ni.Title) {
			c.Fields = append(c.Fields, FieldTitle)
			c.OldText, c.NewText = oi.Title, ni.Title
			c.TextDiff = WordDiff(oi.Title, ni.Title)
			editorial = editorialText(oi.Title, ni.Title, renum)
		}
		if oi.Category != ni.Category {
			c.Fields = append(c.Fields, FieldCategory)
			c.OldCategory, c.NewCategory = oi.Category, ni.Category
			editorial = false
		}
		if oi.Reserved != ni.Reserved {
			c.Fields = append(c.Fields, FieldReserved)
			editorial = false
		}
		if len(c.Fields) > 0 {
			c.Editorial = editorial
			out = append(out, keyedChange{key: key, c: c})
		}
		out = append(out, groupChanges(oi, ni, renum, model.Of(new))...)
	}
	for i := range old.Items {
		oi := &old.Items[i]
		if !seen[oi.Number] && new.Item(oi.Number) == nil {
			seen[oi.Number] = true
			c := Change{Target: TargetItem, Kind: Removed, Number: oi.Number, OldText: oi.Title}
			setItem(&c, oi)
			out = append(out, keyedChange{key: strconv.Itoa(oi.Number), c: c, removed: true})
		}
	}
	return out
}

func groupChanges(oi, ni *model.Item, renum map[string]string, sch *model.Scheme) []keyedChange {
	var out []keyedChange
	for _, ng := range ni.Groups {
		id := sch.GroupID(ni.Number, ng.Letter)
		og := oi.Group(ng.Letter)
		c := Change{Target: TargetGroup, ID: id}
		setItem(&c, ni)
		switch {
		case og == nil:
			c.Kind = Added
			c.NewText = ng.Title
		case textnorm.Fold(og.Title) != textnorm.Fold(ng.Title) || textnorm.Fold(renderNotes(og.Notes)) != textnorm.Fold(renderNotes(ng.Notes)):
			c.Kind = Modified
			c.Editorial = true
			if textnorm.Fold(og.Title) != textnorm.Fold(ng.Title) {
				c.Fields = []string{FieldTitle}
				c.OldText, c.NewText = og.Title, ng.Title
				c.TextDiff = WordDiff(og.Title, ng.Title)
				c.Editorial = editorialText(og.Title, ng.Title, renum)
			}
			if ro, rn := renderNotes(og.Notes), renderNotes(ng.Notes); textnorm.Fold(ro) != textnorm.Fold(rn) {
				// Notes printed under a group heading (EU lists).
				c.Fields = append(c.Fields, FieldNotes)
				c.OldNotes, c.NewNotes = og.Notes, ng.Notes
				c.NotesDiff = WordDiff(ro, rn)
				c.Quantities = QuantitiesIn(ro, rn, sch)
				c.Editorial = c.Editorial && editorialNotes(og.Notes, ng.Notes, renum)
			}
		default:
			continue
		}
		out = append(out, keyedChange{key: id, c: c})
	}
	for _, og := range oi.Groups {
		if ni.Group(og.Letter) == nil {
			id := sch.GroupID(oi.Number, og.Letter)
			c := Change{Target: TargetGroup, Kind: Removed, ID: id, OldText: og.Title}
			setItem(&c, ni)
			out = append(out, keyedChange{key: id, c: c, removed: true})
		}
	}
	return out
}

func termKey(t string) string { return strings.ToLower(textnorm.Fold(t)) }

// definitionChanges compares definitions by term, in the new document's
// order, a removed definition after the one that preceded it.
func definitionChanges(old, new *model.Annex, renum map[string]string, qo, qn *quoted) []Change {
	type placed struct {
		pos float64
		c   Change
	}
	newPos := make(map[string]int)
	for i, d := range new.Definitions {
		if _, dup := newPos[termKey(d.Term)]; !dup {
			newPos[termKey(d.Term)] = i
		}
	}
	oldDefs := make(map[string]*model.Definition)
	for i := range old.Definitions {
		if _, dup := oldDefs[termKey(old.Definitions[i].Term)]; !dup {
			oldDefs[termKey(old.Definitions[i].Term)] = &old.Definitions[i]
		}
	}
	var out []placed
	done := make(map[string]bool)
	for i := range new.Definitions {
		nd := &new.Definitions[i]
		k := termKey(nd.Term)
		if done[k] {
			continue
		}
		done[k] = true
		od := oldDefs[k]
		c := Change{Target: TargetDefinition, Term: nd.Term}
		if od == nil {
			c.Kind = Added
			c.NewText = nd.Text
			c.Affects = qn.affects(nd.Term)
			out = append(out, placed{float64(i), c})
			continue
		}
		editorial := true
		if textnorm.Fold(od.Text) != textnorm.Fold(nd.Text) {
			c.Fields = append(c.Fields, FieldText)
			c.OldText, c.NewText = od.Text, nd.Text
			c.TextDiff = WordDiff(od.Text, nd.Text)
			c.Quantities = QuantitiesIn(od.Text, nd.Text, model.Of(new))
			editorial = editorialText(od.Text, nd.Text, renum)
		}
		if textnorm.Fold(od.Scope) != textnorm.Fold(nd.Scope) {
			c.Fields = append(c.Fields, FieldScope)
			editorial = editorial && editorialText(od.Scope, nd.Scope, renum)
		}
		if textnorm.Fold(od.Term) != textnorm.Fold(nd.Term) {
			c.Fields = append(c.Fields, FieldTerm) // terms match without regard to case
		}
		if len(c.Fields) == 0 {
			continue
		}
		c.Kind = Modified
		c.Editorial = editorial
		c.Affects = qn.affects(nd.Term)
		out = append(out, placed{float64(i), c})
	}
	prev := -1.0
	for i := range old.Definitions {
		od := &old.Definitions[i]
		k := termKey(od.Term)
		if p, ok := newPos[k]; ok {
			prev = float64(p)
			continue
		}
		if done[k] {
			continue
		}
		done[k] = true
		c := Change{Target: TargetDefinition, Kind: Removed, Term: od.Term, OldText: od.Text, Affects: qo.affects(od.Term)}
		out = append(out, placed{prev + 0.5, c})
	}
	sort.SliceStable(out, func(a, b int) bool { return out[a].pos < out[b].pos })
	res := make([]Change, len(out))
	for i, p := range out {
		res[i] = p.c
	}
	return res
}

// quoted lists, lazily, the phrases each entry of an annex puts in double
// quotes, in its text or notes.
type quoted struct {
	a    *model.Annex
	done bool
	ids  []string
	uses [][]string
}

func newQuoted(a *model.Annex) *quoted { return &quoted{a: a} }

// affects returns the ids of the entries that use term in quotes, in id
// order.
func (q *quoted) affects(term string) []string {
	if !q.done {
		q.done = true
		q.a.Walk(func(n model.Node) bool {
			e := n.Entry
			var terms []string
			if strings.ContainsAny(e.Text, "\"“”") {
				terms = model.QuotedTerms(fold(e.Text))
			}
			for _, note := range e.Notes {
				if strings.ContainsAny(note.Text, "\"“”") {
					terms = append(terms, model.QuotedTerms(fold(note.Text))...)
				}
			}
			if len(terms) > 0 {
				q.ids = append(q.ids, e.ID)
				q.uses = append(q.uses, terms)
			}
			return true
		})
	}
	var ids []string
	for i, terms := range q.uses {
		for _, t := range terms {
			if model.TermMatches(t, term) {
				ids = append(ids, q.ids[i])
				break
			}
		}
	}
	sort.SliceStable(ids, func(i, j int) bool { return model.CompareIDs(ids[i], ids[j]) < 0 })
	return ids
}
