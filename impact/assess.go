package impact

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/annex-tools/annex/diff"
	"github.com/annex-tools/annex/model"
)

// Assess annotates every row of reg with what the change from old to new,
// whose structured difference is d, means for the entries the row names.
// Ids are read as ids of old. A row gets one annotation per id, one per part
// of its id cell that is not an id, and a StatusNoID annotation when it names
// nothing. The report holds every row; for a register too large for that,
// use NewAssessor and Stream.
func Assess(old, new *model.Annex, d diff.Result, reg *Register) Report {
	x := NewAssessor(old, new, d)
	rep := x.Head(reg)
	_ = reg.Each(func(row Row) error {
		rr := x.Row(row)
		rep.count(rr)
		rep.Rows = append(rep.Rows, rr)
		return nil
	})
	return rep
}

// An Assessor annotates register rows one at a time, so that a register can
// be streamed through it. Every id is assessed once and its annotation
// reused for every row that names it.
type Assessor struct {
	a     *assessor
	cache map[string]Annotation
}

// NewAssessor prepares to annotate rows with what the change from old to
// new, whose structured difference is d, means for them.
func NewAssessor(old, new *model.Annex, d diff.Result) *Assessor {
	return &Assessor{a: newAssessor(old, new, d), cache: make(map[string]Annotation)}
}

// Head returns the report of reg without rows and with an empty summary.
func (x *Assessor) Head(reg *Register) Report {
	return Report{
		Schema: Schema,
		Old:    revision(x.a.old, x.a.d.Old),
		New:    revision(x.a.new, x.a.d.New),
		Register: RegisterInfo{
			Name: reg.Name, Sheet: reg.Sheet, Header: reg.Header, IDColumn: reg.IDHeader(),
		},
		Summary:      make(map[Status]int),
		RowsByStatus: make(map[Status]int),
	}
}

// Row annotates one register row.
func (x *Assessor) Row(row Row) RowReport {
	rr := RowReport{Row: row.Number, Cells: row.Cells}
	for _, id := range row.IDs {
		an, ok := x.cache[id]
		if !ok {
			an = x.a.annotate(id)
			x.cache[id] = an
		}
		if len(row.Rest) > 0 {
			an.Detail = joinSentences(an.Detail, fmt.Sprintf("left out beside the id: %s", strings.Join(row.Rest, " ")))
		}
		rr.Annotations = append(rr.Annotations, an)
	}
	for _, b := range row.Bad {
		rr.Annotations = append(rr.Annotations, Annotation{
			ID:     b,
			Status: StatusUnreadable,
			Action: fmt.Sprintf("fix the register: row %d: %q is not an annex entry number", row.Number, b),
		})
	}
	if len(rr.Annotations) == 0 {
		an := Annotation{
			Status: StatusNoID,
			Action: fmt.Sprintf("none: row %d names no annex entry", row.Number),
		}
		if len(row.Cells) > 0 && row.IDCell != "" {
			an.Detail = fmt.Sprintf("the id cell says %q", row.IDCell)
		}
		rr.Annotations = append(rr.Annotations, an)
	}
	return rr
}

// count adds a row to the summaries of r.
func (r *Report) count(rr RowReport) {
	if r.Summary == nil {
		r.Summary = make(map[Status]int)
	}
	if r.RowsByStatus == nil {
		r.RowsByStatus = make(map[Status]int)
	}
	for _, an := range rr.Annotations {
		r.Summary[an.Status]++
	}
	r.RowsByStatus[rr.Worst()]++
	r.RowCount++
}

// revision describes m, preferring what the diff says when it says anything.
func revision(m *model.Annex, r diff.Revision) diff.Revision {
	if r.DocID != "" || r.Date != "" {
		return r
	}
	return diff.Revision{DocID: m.Meta.DocID, Date: m.Meta.Date, Source: m.Meta.Source}
}

// assessor holds the indexes Assess builds once.
type assessor struct {
	old, new       *model.Annex
	d              diff.Result
	oldIdx, newIdx map[string]model.Node
	byOld          map[string]*diff.Change // entry changes by old id
	byNew          map[string]*diff.Change // entry changes by new id
	entryChanges   []*diff.Change
	defChanges     []*diff.Change
	oldDeps        map[string][]string // definitions: term -> terms its text uses (old)
	newDeps        map[string][]string
	candidates     []model.Node // new entries whose text changed or is new
}

func newAssessor(old, new *model.Annex, d diff.Result) *assessor {
	a := &assessor{
		old: old, new: new, d: d,
		oldIdx: old.Index(), newIdx: new.Index(),
		byOld: make(map[string]*diff.Change), byNew: make(map[string]*diff.Change),
		oldDeps: defDeps(old), newDeps: defDeps(new),
	}
	changed := make(map[string]bool)
	for i := range d.Changes {
		c := &d.Changes[i]
		switch c.Target {
		case diff.TargetEntry:
			a.entryChanges = append(a.entryChanges, c)
			if c.OldID != "" {
				a.byOld[c.OldID] = c
			}
			if c.NewID != "" {
				a.byNew[c.NewID] = c
				if c.Kind == diff.Added || c.Kind == diff.Modified || len(c.Fields) > 0 {
					changed[c.NewID] = true
				}
			}
		case diff.TargetDefinition:
			a.defChanges = append(a.defChanges, c)
		}
	}
	new.Walk(func(n model.Node) bool {
		if changed[n.Entry.ID] {
			a.candidates = append(a.candidates, n)
		}
		return true
	})
	return a
}

// annotate says what happened to the entry id of the old revision, and to
// its category.
func (a *assessor) annotate(id string) Annotation {
	an := a.annotateEntry(id)
	a.category(&an)
	return an
}

// category sets the category of an annotation and, when the entry's
// category changed (it moved to an item of another category, or its item's
// category changed), the categories before and after, and says so in the
// action: a change of category is never less than a review.
func (a *assessor) category(an *Annotation) {
	oldCat := categoryOf(a.old, a.oldIdx, an.ID)
	newCat := ""
	if an.NewID != "" {
		newCat = categoryOf(a.new, a.newIdx, an.NewID)
	}
	an.Category = newCat
	if an.Category == "" {
		an.Category = oldCat
	}
	if oldCat == "" || newCat == "" || oldCat == newCat {
		return
	}
	an.OldCategory, an.NewCategory = oldCat, newCat
	move := "category " + oldCat + " → " + newCat
	switch an.Status {
	case StatusMoved, StatusRenumbered:
		an.Action += "; review: " + move
	case StatusModified:
		an.Action += "; " + move
	case StatusEditorial:
		an.Status = StatusModified
		an.Action = "review: " + move + "; update the wording (editorial change)"
	case StatusContext:
		an.Status = StatusModified
		an.Action = "review: " + move + "; " + strings.TrimPrefix(strings.TrimPrefix(an.Action, "review: "), "check: ")
	default:
		an.Status = StatusModified
		an.Action = "review: " + move
	}
	if an.Detail == "" {
		an.Detail = fmt.Sprintf("%s is in Category %s in %s and in Category %s in %s", an.ID, oldCat, name(a.old), newCat, name(a.new))
	}
}

// categoryOf returns the category of the item that holds id (an entry or a
// group) in m, or "".
func categoryOf(m *model.Annex, idx map[string]model.Node, id string) string {
	if n, ok := idx[id]; ok && n.Item != nil {
		return n.Item.Category
	}
	if p, err := model.ParseID(id); err == nil && len(p.Segs) == 2 { // a group
		if it := m.Item(p.Item()); it != nil && it.Group(p.Group()) != nil {
			return it.Category
		}
	}
	return ""
}

// annotateEntry says what happened to the entry id of the old revision.
func (a *assessor) annotateEntry(id string) Annotation {
	an := Annotation{ID: id}
	node, ok := a.oldIdx[id]
	if !ok {
		if g := a.findGroup(a.old, id); g {
			return a.annotateGroup(id)
		}
		an.Status = StatusNotInOld
		an.Action = fmt.Sprintf("fix the register: %s is not an entry of %s", id, name(a.old))
		if _, inNew := a.newIdx[id]; inNew {
			an.Detail = fmt.Sprintf("%s is an entry of %s: the register may already follow the new numbering", id, name(a.new))
		}
		return an
	}
	c := a.byOld[id]
	newID := id
	switch {
	case c == nil:
		an.Status = StatusUnchanged
		an.NewID = id
		if _, ok := a.newIdx[id]; !ok {
			// No change names it, yet the new revision lacks it: the diff
			// is incomplete. Say so rather than call it unchanged.
			an.Status = StatusRemoved
			an.NewID = ""
			an.Action = "review: not in the new revision"
			an.Detail = fmt.Sprintf("%s is not in %s, though the comparison lists no change for it", id, name(a.new))
			return an
		}
	case c.Kind == diff.Removed:
		an.Status = StatusRemoved
		an.Action = fmt.Sprintf("review the classification: %s was removed from the annex", id)
		if s := a.similar(node.Entry); s != nil {
			an.Similar = s
			an.Action += fmt.Sprintf("; similar text is now at %s", s.ID)
			an.Detail = fmt.Sprintf("the nearest text in %s is %s (%.0f%% of words shared): %s", name(a.new), s.ID, 100*s.Similarity, clip(s.Text, 160))
		} else {
			an.Detail = fmt.Sprintf("no entry of %s has similar text", name(a.new))
		}
		if n, ok := a.newIdx[id]; ok {
			an.Detail += fmt.Sprintf("; beware: %s now numbers another entry (%s)", id, a.formerly(id, n))
		}
		return an
	case c.Kind == diff.Renumbered:
		newID = c.NewID
		an.NewID = c.NewID
		an.Status = StatusRenumbered
		oid, _ := model.ParseID(id)
		nid, _ := model.ParseID(c.NewID)
		if oid.Item() != nid.Item() || oid.Group() != nid.Group() {
			an.Status = StatusMoved
			an.Action = fmt.Sprintf("write %s (moved from %s to %s)", c.NewID, oid.GroupID(), nid.GroupID())
		} else {
			an.Action = fmt.Sprintf("write %s", c.NewID)
		}
		var fields []string // the category is said by category
		for _, f := range c.Fields {
			if f != diff.FieldCategory {
				fields = append(fields, f)
			}
		}
		if len(fields) > 0 {
			a.fillChange(&an, c)
			if c.Editorial {
				an.Action += " and update the wording"
			} else {
				an.Action += " and review the changed " + strings.Join(fields, " and ")
			}
		}
		if n, ok := a.newIdx[id]; ok {
			an.Detail = fmt.Sprintf("beware: %s now numbers another entry (%s)", id, a.formerly(id, n))
		}
	case c.Kind == diff.Modified:
		an.NewID = id
		a.fillChange(&an, c)
		if c.Editorial {
			an.Status = StatusEditorial
			an.Action = "update the wording (editorial change)"
		} else {
			an.Status = StatusModified
			an.Action = "review: the " + strings.Join(c.Fields, " and ") + " changed"
			if q := quantities(c.Quantities); q != "" {
				an.Action += "; " + q
			}
		}
	default: // a change of a kind this package does not know: never hide it
		an.Status = StatusModified
		an.NewID = c.NewID
		an.Action = fmt.Sprintf("review: %s (%s)", c.Kind, strings.Join(c.Fields, ", "))
	}
	an.Causes = a.causes(node, newID)
	if len(an.Causes) > 0 {
		summary := describeCauses(an.Causes)
		if an.Status == StatusUnchanged {
			an.Status = StatusContext
			if allEditorial(an.Causes) {
				an.Action = "check: editorial change to " + summary
			} else {
				an.Action = "review: " + summary + " changed"
			}
		} else {
			an.Detail = joinSentences(an.Detail, "also changed: "+summary)
		}
	} else if an.Status == StatusUnchanged {
		an.Action = "none"
	}
	return an
}

// findGroup reports whether id names a group of m ("3.A").
func (a *assessor) findGroup(m *model.Annex, id string) bool {
	p, err := model.ParseID(id)
	if err != nil || len(p.Segs) != 2 {
		return false
	}
	it := m.Item(p.Item())
	return it != nil && it.Group(p.Group()) != nil
}

// annotateGroup says what happened within a group a register names as a whole.
func (a *assessor) annotateGroup(id string) Annotation {
	an := Annotation{ID: id, NewID: id, Status: StatusUnchanged, Action: "none"}
	if !a.findGroup(a.new, id) {
		an.Status, an.NewID = StatusRemoved, ""
		an.Action = fmt.Sprintf("review the classification: %s is no longer a group of the annex", id)
		return an
	}
	an.Causes = a.subEntryCauses(id, id)
	if len(an.Causes) > 0 {
		an.Status = StatusContext
		an.Action = "review: " + describeCauses(an.Causes) + " changed"
		if allEditorial(an.Causes) {
			an.Action = "check: editorial change to " + describeCauses(an.Causes)
		}
	}
	return an
}

// fillChange copies the diffs of c into an.
func (a *assessor) fillChange(an *Annotation, c *diff.Change) {
	an.TextDiff = c.TextDiff
	if len(an.TextDiff) == 0 && c.OldText != c.NewText && slices.Contains(c.Fields, diff.FieldText) {
		an.TextDiff = diff.WordDiff(c.OldText, c.NewText)
	}
	an.NotesDiff = c.NotesDiff
	an.Quantities = c.Quantities
}

// formerly describes the entry that now carries id in the new revision.
func (a *assessor) formerly(id string, n model.Node) string {
	if c := a.byNew[id]; c != nil {
		switch c.Kind {
		case diff.Added:
			return "added: " + clip(n.Entry.Text, 60)
		case diff.Renumbered:
			return "formerly " + c.OldID + ": " + clip(n.Entry.Text, 60)
		}
	}
	return clip(n.Entry.Text, 60)
}

// causes lists the changes around an entry of the old revision (node) whose
// id in the new revision is newID: its enclosing entries' text and notes, its
// sub-entries, and the definitions its wording relies on.
func (a *assessor) causes(node model.Node, newID string) []Cause {
	var out []Cause
	// Enclosing entries, nearest first.
	for p := parentID(node.Entry.ID); p != ""; p = parentID(p) {
		c := a.byOld[p]
		if c == nil || (c.Kind != diff.Modified && c.Kind != diff.Renumbered) {
			continue
		}
		for _, f := range c.Fields {
			switch f {
			case diff.FieldText:
				out = append(out, Cause{Kind: CauseLeadIn, ID: p, Change: c.Kind, Editorial: c.Editorial, TextDiff: c.TextDiff})
			case diff.FieldNotes:
				out = append(out, Cause{Kind: CauseNote, ID: p, Change: c.Kind, Editorial: c.Editorial, TextDiff: c.NotesDiff})
			}
		}
	}
	out = append(out, a.subEntryCauses(node.Entry.ID, newID)...)
	out = append(out, a.definitionCauses(node.Entry.ID, newID)...)
	return out
}

// subEntryCauses lists the sub-entries of oldID (old revision) or newID (new
// revision) that were added, removed or changed. A sub-entry renumbered only
// because a sibling came or went is not listed: the addition or removal is.
func (a *assessor) subEntryCauses(oldID, newID string) []Cause {
	var out []Cause
	for _, c := range a.entryChanges {
		under := c.OldID != "" && strings.HasPrefix(c.OldID, oldID+".") ||
			c.NewID != "" && strings.HasPrefix(c.NewID, newID+".")
		if !under {
			continue
		}
		id := c.OldID
		if id == "" {
			id = c.NewID
		}
		switch {
		case c.Kind == diff.Added || c.Kind == diff.Removed || c.Kind == diff.Modified:
		case c.Kind == diff.Renumbered && (len(c.Fields) > 0 || !strings.HasPrefix(c.NewID, newID+".") || !strings.HasPrefix(c.OldID, oldID+".")):
			// moved into or out of the entry, or changed as well
		default:
			continue
		}
		out = append(out, Cause{Kind: CauseSubEntry, ID: id, Change: c.Kind, Editorial: c.Editorial, TextDiff: c.TextDiff})
	}
	return out
}

// definitionCauses lists the definition changes that the wording of an entry
// and its enclosing entries relies on, in either revision: terms they use in
// quotes, terms those definitions use in turn, and the entries a change says
// it affects.
func (a *assessor) definitionCauses(oldID, newID string) []Cause {
	oldUse := termsUsed(a.old, a.oldIdx, oldID, a.oldDeps)
	newUse := map[string]string{}
	if _, ok := a.newIdx[newID]; ok {
		newUse = termsUsed(a.new, a.newIdx, newID, a.newDeps)
	}
	var out []Cause
	for _, c := range a.defChanges {
		via, used := "", false
		for _, uses := range []map[string]string{oldUse, newUse} {
			for term, through := range uses {
				if model.TermMatches(term, c.Term) || strings.EqualFold(term, c.Term) {
					if !used || through == "" {
						via = through
					}
					used = true
				}
			}
		}
		if !used && (slices.Contains(c.Affects, oldID) || slices.Contains(c.Affects, newID)) {
			used = true
		}
		if !used {
			continue
		}
		out = append(out, Cause{Kind: CauseDefinition, Term: c.Term, Via: via, Change: c.Kind, Editorial: c.Editorial, TextDiff: c.TextDiff})
	}
	return out
}

// termsUsed returns the defined terms that the entry id of m and its
// enclosing entries use in quotes (text and notes), and those that the
// definitions of these terms use in turn, each mapped to the term used in the
// entry through which it comes ("" when used directly). Definitions whose
// scope names items exclude the others.
func termsUsed(m *model.Annex, idx map[string]model.Node, id string, deps map[string][]string) map[string]string {
	item := 0
	if p, err := model.ParseID(id); err == nil {
		item = p.Item()
	}
	out := make(map[string]string)
	var visit func(term, via string)
	visit = func(term, via string) {
		d := m.DefinitionFor(term)
		if d == nil || !inScope(d.Scope, item) {
			return
		}
		if _, done := out[d.Term]; done {
			return
		}
		out[d.Term] = via
		for _, t := range deps[d.Term] {
			if via == "" {
				visit(t, d.Term)
			} else {
				visit(t, via)
			}
		}
	}
	for e := id; e != ""; e = parentID(e) {
		n, ok := idx[e]
		if !ok {
			continue
		}
		for _, q := range model.QuotedTerms(n.Entry.Text) {
			visit(q, "")
		}
		for _, note := range n.Entry.Notes {
			for _, q := range model.QuotedTerms(note.Text) {
				visit(q, "")
			}
		}
	}
	return out
}

// defDeps maps each term of m to the quoted terms its definition uses.
func defDeps(m *model.Annex) map[string][]string {
	out := make(map[string][]string)
	for _, d := range m.Definitions {
		out[d.Term] = model.QuotedTerms(d.Text)
	}
	return out
}

var scopeNumberRE = regexp.MustCompile(`\d+`)

// inScope reports whether a definition with the given scope ("Items 2, 9 and
// 11") applies to item; an empty scope or one without item numbers applies
// everywhere.
func inScope(scope string, item int) bool {
	if !strings.Contains(strings.ToLower(scope), "item") {
		return true
	}
	nums := scopeNumberRE.FindAllString(scope, -1)
	if len(nums) == 0 || item == 0 {
		return true
	}
	for _, n := range nums {
		if v, _ := strconv.Atoi(n); v == item {
			return true
		}
	}
	return false
}

// parentID returns the id of the enclosing entry, or "" at the top of a group.
func parentID(id string) string {
	p, err := model.ParseID(id)
	if err != nil || p.Depth() <= 1 {
		return ""
	}
	return p.Parent().String()
}

// similarityThreshold is the least word similarity at which a new entry is
// offered as the place a removed entry's text went.
const similarityThreshold = 0.5

// similar finds, among the new entries that were added or changed, the one
// whose text (with notes) is most like e's.
func (a *assessor) similar(e *model.Entry) *Similar {
	words := wordBag(entryText(e))
	var best *Similar
	for _, n := range a.candidates {
		s := dice(words, wordBag(entryText(n.Entry)))
		if s >= similarityThreshold && (best == nil || s > best.Similarity) {
			best = &Similar{ID: n.Entry.ID, Similarity: round2(s), Text: n.Entry.Text}
		}
	}
	return best
}

func entryText(e *model.Entry) string {
	var b strings.Builder
	b.WriteString(e.Text)
	for _, n := range e.Notes {
		b.WriteString(" ")
		b.WriteString(n.Text)
	}
	return b.String()
}

func round2(f float64) float64 { return float64(int(f*100+0.5)) / 100 }

func quantities(qs []diff.Quantity) string {
	var parts []string
	for _, q := range qs {
		s := q.Old + " → " + q.New
		if q.Direction != "" {
			s += " (" + q.Direction + ")"
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, ", ")
}

// describeCauses says in a few words what changed around an entry.
func describeCauses(cs []Cause) string {
	var parts []string
	for _, c := range cs {
		var s string
		switch c.Kind {
		case CauseLeadIn:
			s = "the lead-in of " + c.ID
		case CauseNote:
			s = "a note of " + c.ID
		case CauseSubEntry:
			s = fmt.Sprintf("sub-entry %s (%s)", c.ID, c.Change)
		case CauseDefinition:
			s = fmt.Sprintf("the definition of %q", c.Term)
			if c.Change != diff.Modified {
				s += " (" + string(c.Change) + ")"
			}
			if c.Via != "" {
				s += fmt.Sprintf(" (through %q)", c.Via)
			}
		}
		if c.Editorial {
			s += " [editorial]"
		}
		parts = append(parts, s)
	}
	if len(parts) > 6 {
		parts = append(parts[:6], fmt.Sprintf("%d more", len(parts)-6))
	}
	return strings.Join(parts, ", ")
}

func allEditorial(cs []Cause) bool {
	for _, c := range cs {
		if !c.Editorial {
			return false
		}
	}
	return true
}

func joinSentences(a, b string) string {
	if a == "" {
		return b
	}
	return a + "; " + b
}

// name names a revision for messages.
func name(m *model.Annex) string {
	switch {
	case m.Meta.DocID != "":
		return m.Meta.DocID
	case m.Meta.Source.Name != "":
		return m.Meta.Source.Name
	}
	return "the revision"
}

// clip shortens s to about n characters at a word boundary.
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	cut := string(r[:n])
	if i := strings.LastIndexByte(cut, ' '); i > n/2 {
		cut = cut[:i]
	}
	return cut + " …"
}
