package report

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf16"

	"github.com/annex-tools/annex/diff"
	"github.com/annex-tools/annex/model"
)

// This file holds what several formats share: how a change is named, which
// item it belongs to, counts, compact word diffs, and the page model that the
// Markdown and HTML changelogs are both rendered from.

// itemOf returns the item a change belongs to, or 0 when it cannot be told.
func itemOf(c diff.Change) int {
	if c.Item > 0 {
		return c.Item
	}
	switch c.Target {
	case diff.TargetItem:
		return c.Number
	case diff.TargetGroup:
		if id, err := model.ParseID(c.ID); err == nil {
			return id.Item() // "3.A", "9A", "ML10"
		}
	case diff.TargetEntry:
		for _, s := range []string{c.NewID, c.OldID} {
			if id, err := model.ParseID(s); err == nil && id.Item() > 0 {
				return id.Item()
			}
		}
	}
	return 0
}

// primaryID is the id a change is listed under: the new id, or the old one
// for a removed entry.
func primaryID(c diff.Change) string {
	if c.NewID != "" {
		return c.NewID
	}
	return c.OldID
}

// idsOf returns the old and new identifier of a change as shown in the
// register columns: entry ids, the term of a definition, the item number or
// the group id. A side where the node does not exist is "".
func idsOf(c diff.Change) (oldID, newID string) {
	switch c.Target {
	case diff.TargetEntry:
		return c.OldID, c.NewID
	case diff.TargetDefinition:
		oldID, newID = c.Term, c.Term
	case diff.TargetItem:
		oldID = strconv.Itoa(c.Number)
		newID = oldID
	case diff.TargetGroup:
		oldID, newID = c.ID, c.ID
	default:
		return c.OldID, c.NewID
	}
	switch c.Kind {
	case diff.Added:
		oldID = ""
	case diff.Removed:
		newID = ""
	}
	return oldID, newID
}

// label names the changed node for people: "3.A.2", "3.C.5 → 3.C.4",
// "definition “Range”", "item 3 title", "item 9" (its category or
// reservation changed, not its title), "group 3.A title".
func label(c diff.Change) string {
	switch c.Target {
	case diff.TargetDefinition:
		return "definition “" + c.Term + "”"
	case diff.TargetItem:
		if !titleChanged(c) {
			return "item " + strconv.Itoa(c.Number)
		}
		return "item " + strconv.Itoa(c.Number) + " title"
	case diff.TargetGroup:
		return "group " + c.ID + " title"
	}
	if c.OldID != "" && c.NewID != "" && c.OldID != c.NewID {
		return c.OldID + " → " + c.NewID
	}
	return primaryID(c)
}

// titleChanged reports whether an item change is about its title: it was
// added or removed, its title changed, or it does not say what changed.
func titleChanged(c diff.Change) bool {
	return c.Kind != diff.Modified || len(c.Fields) == 0 || slices.Contains(c.Fields, diff.FieldTitle)
}

// categoryMove says "category II → I" for an entry moved to an item of
// another category or an item whose category changed, else "".
func categoryMove(c diff.Change) string {
	if c.OldCategory == "" || c.NewCategory == "" || c.OldCategory == c.NewCategory {
		return ""
	}
	return "category " + c.OldCategory + " → " + c.NewCategory
}

// otherFields returns the changed fields of c without the category, which
// categoryMove spells out.
func otherFields(c diff.Change) []string {
	if categoryMove(c) == "" {
		return c.Fields
	}
	var out []string
	for _, f := range c.Fields {
		if f != diff.FieldCategory {
			out = append(out, f)
		}
	}
	return out
}

// categoryMoves lists the category changes of a diff for its summary: "item
// 9 (II → I)", "10.A.2 → 2.A.2 (II → I)", an entry's descendants left out
// when it moved with them.
func categoryMoves(changes []diff.Change) []string {
	moved := map[string]bool{}
	for _, c := range changes {
		if categoryMove(c) != "" && c.Target == diff.TargetEntry {
			moved[c.OldID] = true
		}
	}
	var out []string
	for _, c := range changes {
		if categoryMove(c) == "" {
			continue
		}
		if c.Target == diff.TargetEntry {
			if id, err := model.ParseID(c.OldID); err == nil && moved[id.Parent().String()] {
				continue
			}
		}
		out = append(out, label(c)+" ("+c.OldCategory+" → "+c.NewCategory+")")
	}
	return out
}

// pureRenumber reports whether c is a renumbering and nothing else.
func pureRenumber(c diff.Change) bool {
	return c.Kind == diff.Renumbered && len(c.Fields) == 0 && len(c.TextDiff) == 0 && len(c.NotesDiff) == 0
}

// counts tallies changes by kind.
type counts struct {
	Added, Removed, Modified, Renumbered, Editorial, Total int
}

func (n *counts) add(c diff.Change) {
	switch c.Kind {
	case diff.Added:
		n.Added++
	case diff.Removed:
		n.Removed++
	case diff.Modified:
		n.Modified++
	case diff.Renumbered:
		n.Renumbered++
	}
	if c.Editorial {
		n.Editorial++
	}
	n.Total++
}

// Substantive is the number of changes that are not editorial.
func (n counts) Substantive() int { return n.Total - n.Editorial }

func countAll(changes []diff.Change) counts {
	var n counts
	for _, c := range changes {
		n.add(c)
	}
	return n
}

// kindSummary says "3 added, 1 removed, …", leaving out kinds with no change.
func (n counts) kindSummary() string {
	var parts []string
	for _, p := range []struct {
		n    int
		name string
	}{{n.Added, "added"}, {n.Removed, "removed"}, {n.Modified, "modified"}, {n.Renumbered, "renumbered"}} {
		if p.n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", p.n, p.name))
		}
	}
	return strings.Join(parts, ", ")
}

// plural returns "1 change" or "2 changes".
func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return strconv.Itoa(n) + " " + word + "s"
}

// revisionName names a revision: "MTCR/TEM/2024/Annex (2024-03-14)".
func revisionName(r diff.Revision) string {
	name := r.DocID
	if name == "" {
		name = r.Source.Name
	}
	if name == "" {
		name = "unnamed revision"
	}
	if r.Date != "" {
		name += " (" + r.Date + ")"
	}
	return name
}

// defaultTitle is the title of a report on the given diffs, oldest first.
func defaultTitle(results []diff.Result) string {
	if len(results) == 1 {
		return "Changes from " + revisionName(results[0].Old) + " to " + revisionName(results[0].New)
	}
	return "Changelog from " + revisionName(results[0].Old) + " to " + revisionName(results[len(results)-1].New)
}

// quantityLine says "68 kN → 90 kN (control narrower)".
func quantityLine(q diff.Quantity) string {
	s := q.Old + " → " + q.New
	switch q.Direction {
	case diff.Wider:
		s += " (control wider)"
	case diff.Narrower:
		s += " (control narrower)"
	default:
		s += " (direction unclear)"
	}
	return s
}

// directions joins the distinct directions of a change's quantities.
func directions(qs []diff.Quantity) string {
	var out []string
	seen := map[string]bool{}
	for _, q := range qs {
		d := q.Direction
		if d == "" {
			d = "unclear"
		}
		if !seen[d] {
			seen[d] = true
			out = append(out, d)
		}
	}
	return strings.Join(out, ", ")
}

// notesText renders notes one a line: "Note 1: …", "Technical Note: …".
func notesText(notes []model.Note) string {
	var b strings.Builder
	for i, n := range notes {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(noteHead(n))
		b.WriteString(": ")
		b.WriteString(n.Text)
	}
	return b.String()
}

func noteHead(n model.Note) string {
	kind := n.Kind
	if kind == "" {
		kind = "Note"
	}
	if n.Label != "" {
		return kind + " " + n.Label
	}
	return kind
}

// compactOps shortens the unchanged runs of a word diff to at most ctx words
// on each side of a change, marking what was left out with "…".
func compactOps(ops []diff.Op, ctx int) []diff.Op {
	out := make([]diff.Op, 0, len(ops))
	for i, op := range ops {
		if op.Op != diff.OpEqual {
			out = append(out, op)
			continue
		}
		words := strings.Fields(op.Text)
		first, last := i == 0, i == len(ops)-1
		limit := 2 * ctx
		if first || last {
			limit = ctx
		}
		if len(words) <= limit+1 {
			out = append(out, op)
			continue
		}
		lead := op.Text != "" && unicode.IsSpace(rune(op.Text[0]))
		trail := op.Text != "" && unicode.IsSpace(rune(op.Text[len(op.Text)-1]))
		var s string
		switch {
		case first:
			s = "… " + strings.Join(words[len(words)-ctx:], " ")
		case last:
			s = strings.Join(words[:ctx], " ") + " …"
		default:
			s = strings.Join(words[:ctx], " ") + " … " + strings.Join(words[len(words)-ctx:], " ")
		}
		if lead && !first {
			s = " " + s
		}
		if trail && !last {
			s += " "
		}
		out = append(out, diff.Op{Op: diff.OpEqual, Text: s})
	}
	return out
}

// WordDiffText marks a word diff like `git diff --word-diff`:
// [-deleted-]{+inserted+}.
func WordDiffText(ops []diff.Op) string {
	var b strings.Builder
	for _, op := range ops {
		switch op.Op {
		case diff.OpDelete:
			b.WriteString("[-" + op.Text + "-]")
		case diff.OpInsert:
			b.WriteString("{+" + op.Text + "+}")
		default:
			b.WriteString(op.Text)
		}
	}
	return b.String()
}

// utf16Len is the length of s in UTF-16 code units, the unit of the
// spreadsheet cell limit.
func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}

// cutUTF16 returns the longest prefix of s of at most max UTF-16 units that
// does not split a character.
func cutUTF16(s string, max int) string {
	n := 0
	for i, r := range s {
		l := utf16.RuneLen(r)
		if l < 0 {
			l = 1
		}
		if n+l > max {
			return s[:i]
		}
		n += l
	}
	return s
}

// sortedItems returns the item numbers of m in annex order, unknown (0) last.
func sortedItems[T any](m map[int]T) []int {
	keys := make([]int, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		a, b := keys[i], keys[j]
		if (a == 0) != (b == 0) {
			return b == 0
		}
		return a < b
	})
	return keys
}

// annexOrder orders the changes of one item as the annex prints them: the
// item title, then each group's title before its entries, entries by id.
func annexOrder(a, b diff.Change) int {
	ga, ra, ia := orderKey(a)
	gb, rb, ib := orderKey(b)
	if ra == 0 || rb == 0 {
		return ra - rb
	}
	if c := strings.Compare(ga, gb); c != 0 {
		return c
	}
	if ra != rb {
		return ra - rb
	}
	if ra == 2 {
		return model.CompareIDs(ia, ib)
	}
	return 0
}

// orderKey returns the group letter, a rank (0 item, 1 group, 2 entry, 3
// anything else) and the entry id of a change.
func orderKey(c diff.Change) (group string, rank int, id string) {
	switch c.Target {
	case diff.TargetItem:
		return "", 0, ""
	case diff.TargetGroup:
		if i := strings.IndexByte(c.ID, '.'); i >= 0 {
			return c.ID[i+1:], 1, ""
		}
		return c.ID, 1, ""
	case diff.TargetEntry:
		id := primaryID(c)
		if p, err := model.ParseID(id); err == nil {
			return p.Group(), 2, id
		}
		return "~", 2, id
	}
	return "~", 3, ""
}

// anchors hands out unique HTML ids.
type anchors map[string]int

// make returns a unique anchor built from parts, keeping only characters
// that are safe in an id and a URL fragment.
func (a anchors) make(parts ...string) string {
	var b strings.Builder
	for _, p := range parts {
		for _, r := range p {
			switch {
			case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '.', r == '-', r == '_':
				b.WriteRune(r)
			case r >= 'A' && r <= 'Z':
				b.WriteRune(r)
			case unicode.IsLetter(r) || unicode.IsDigit(r):
				b.WriteRune(unicode.ToLower(r))
			default:
				b.WriteByte('-')
			}
		}
	}
	s := b.String()
	a[s]++
	if n := a[s]; n > 1 {
		s = fmt.Sprintf("%s~%d", s, n)
	}
	return s
}

// schemeOf returns the numbering scheme the changes are written in: that of
// the first entry id among them (the schemes' id shapes do not overlap), or
// the MTCR annex's when none has one. Items are named the scheme's way:
// "Item 3", "Category 9", "ML10".
func schemeOf(cs []diff.Change) *model.Scheme {
	for _, c := range cs {
		for _, id := range []string{c.NewID, c.OldID} {
			if p, err := model.ParseID(id); err == nil {
				return p.Numbering()
			}
		}
	}
	return model.MTCR
}
