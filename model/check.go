package model

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// ErrStructure is wrapped by the errors Check returns.
var ErrStructure = errors.New("not a well-formed annex")

// StructureError is the error Check returns: one line saying what is wrong.
// It wraps ErrStructure.
type StructureError struct{ Msg string }

func (e *StructureError) Error() string { return e.Msg }

// Unwrap returns ErrStructure.
func (e *StructureError) Unwrap() error { return ErrStructure }

// Check runs the cheap structural checks that every model read must pass,
// whether parsed from a document, decoded from JSON or loaded from a store:
// item numbers and group letters in the scheme's range, each once; a real
// date; entry ids that follow the scheme's grammar, lie in their group and
// extend their parent's id; no id used twice. It returns the first problem
// found. The scheme is s, or the model's own (Of) when s is nil.
//
// Items and groups must come in order. Check does not judge cross
// references, numbering gaps or defined terms: that is Validate's work, run
// on demand. Consistency lists the same faults one by one, for a parser
// that names the page of each.
func Check(a *Annex, s *Scheme) error {
	if s == nil {
		s = Of(a)
	}
	fail := func(format string, args ...any) error {
		return &StructureError{Msg: fmt.Sprintf(format, args...)}
	}
	if d := a.Meta.Date; d != "" {
		if t, err := time.Parse("2006-01-02", d); err != nil || t.Format("2006-01-02") != d {
			return fail("meta.date %q is not a date (want YYYY-MM-DD)", clip(d))
		}
	}
	items := make(map[int]bool, len(a.Items))
	seen := make(map[string]bool)
	prev := -1 << 31
	for _, it := range a.Items {
		if !s.ValidItem(it.Number) {
			return fail("item %d is not an item of the %s (%d to %d)", it.Number, s.Label, s.MinItem, s.MaxItem)
		}
		if items[it.Number] {
			return fail("item %d appears more than once", it.Number)
		}
		if it.Number < prev {
			return fail("item %d follows item %d: items out of order", it.Number, prev)
		}
		items[it.Number], prev = true, it.Number
		letters := make(map[string]bool, len(it.Groups))
		lastLetter := -1
		for _, g := range it.Groups {
			if !s.ValidLetter(g.Letter) {
				if s.Letters == "" {
					return fail("item %d: group letter %q in a list without groups (want \"\")", it.Number, clip(g.Letter))
				}
				return fail("item %d: group letter %q is not one of %s", it.Number, clip(g.Letter), s.Letters)
			}
			if letters[g.Letter] {
				return fail("group %s appears more than once", s.GroupID(it.Number, g.Letter))
			}
			letters[g.Letter] = true
			if k := strings.Index(s.Letters, g.Letter); g.Letter != "" && k < lastLetter {
				return fail("group %s follows a later group of item %d: groups out of order", s.GroupID(it.Number, g.Letter), it.Number)
			} else if g.Letter != "" {
				lastLetter = k
			}
			gid := ID{Segs: []string{itoa(it.Number), g.Letter}, Scheme: s}
			if err := checkEntries(s, gid, g.Entries, seen, fail); err != nil {
				return err
			}
		}
	}
	return nil
}

// checkEntries checks the ids of entries printed under parent, and theirs
// below, without recursion deeper than the model's own nesting.
func checkEntries(s *Scheme, parent ID, es []Entry, seen map[string]bool, fail func(string, ...any) error) error {
	for i := range es {
		e := &es[i]
		id, err := s.ParseID(e.ID)
		if err != nil {
			return fail("%q: not an entry number of the %s (such as %s)", clip(e.ID), s.Label, s.Example)
		}
		if e.ID != id.String() {
			return fail("%q: entry number not written as %s", clip(e.ID), id)
		}
		p := id.Parent()
		if parent.Prefix == "" {
			p.Prefix = "" // a group id carries no list number
		}
		if len(p.Segs) == 0 || p.Compare(parent) != 0 {
			return fail("%s: printed under %s but numbered as if under %s", e.ID, parent, id.Parent())
		}
		if seen[e.ID] {
			return fail("%s: entry number used more than once", e.ID)
		}
		seen[e.ID] = true
		if err := checkEntries(s, id, e.Children, seen, fail); err != nil {
			return err
		}
	}
	return nil
}

func itoa(n int) string { return fmt.Sprint(n) }

// clip cuts a value quoted in an error to 40 bytes.
func clip(s string) string {
	if len(s) > 40 {
		return s[:40] + "…"
	}
	return s
}

// Problem kinds reported by Consistency (besides ProblemDuplicate and
// ProblemMisplaced, which Validate reports too).
const (
	ProblemDuplicateItem = "duplicate-item" // an item number printed twice
	ProblemItemOrder     = "item-order"     // an item after one with a higher number
	ProblemGroupOrder    = "group-order"    // a group letter repeated or out of order within an item
)

// Consistency returns the problems that no printed annex has, so that a model with
// any of them is a misread or a damaged file rather than a defect of the
// document: item numbers repeated or out of order, group letters repeated or
// out of order, entry numbers used twice, and entries whose number does not
// extend their parent's, each with the id it concerns, so that a parser can
// name the page. Check refuses a model with any of them. A problem's ID is the item
// number ("5"), the group ("5.A") or the entry.
func Consistency(a *Annex) []Problem {
	var out []Problem
	sch := Of(a)
	prev := 0
	numbers := make(map[int]bool)
	for i, it := range a.Items {
		n := strconv.Itoa(it.Number)
		switch {
		case numbers[it.Number]:
			out = append(out, Problem{ID: n, Kind: ProblemDuplicateItem, Msg: "item " + n + " printed more than once"})
		case i > 0 && it.Number < prev:
			out = append(out, Problem{ID: n, Kind: ProblemItemOrder, Msg: "item " + n + " follows item " + strconv.Itoa(prev)})
		}
		numbers[it.Number] = true
		prev = max(prev, it.Number)
		last := ""
		for _, g := range it.Groups {
			if g.Letter <= last && g.Letter != "" {
				out = append(out, Problem{ID: sch.GroupID(it.Number, g.Letter), Kind: ProblemGroupOrder,
					Msg: "group " + sch.GroupID(it.Number, g.Letter) + " follows group " + sch.GroupID(it.Number, last)})
			}
			last = max(last, g.Letter)
		}
	}
	// Entry numbers: the checks of Validate that refuse, without its
	// cross-reference and term checks, which cost far more.
	misplaced := func(id, kind, format string, args ...any) {
		if kind == ProblemMisplaced {
			out = append(out, Problem{ID: id, Kind: kind, Msg: fmt.Sprintf(format, args...)})
		}
	}
	for _, it := range a.Items {
		for _, g := range it.Groups {
			checkSiblings(sch, sch.GroupID(it.Number, g.Letter), g.Entries, misplaced)
		}
	}
	seen := make(map[string]bool)
	a.Walk(func(n Node) bool {
		if seen[n.Entry.ID] {
			out = append(out, Problem{ID: n.Entry.ID, Kind: ProblemDuplicate, Msg: "entry number used more than once"})
		}
		seen[n.Entry.ID] = true
		checkSiblings(sch, n.Entry.ID, n.Entry.Children, misplaced)
		return true
	})
	return out
}

// misreadKinds are the problem kinds that point to a misread of the file
// (or a damaged file) rather than to a defect of the document: numbering gaps
// are among them because a sub-entry read as text leaves one. Dangling
// references and undefined terms are defects a published annex can have.
var misreadKinds = map[string]bool{
	ProblemDuplicate:     true,
	ProblemMisplaced:     true,
	ProblemGap:           true,
	ProblemDuplicateItem: true,
	ProblemItemOrder:     true,
	ProblemGroupOrder:    true,
}

// IsMisread reports whether a problem points to a misread of the file rather
// than to a defect of the document. Those Check and Consistency do not refuse (numbering
// gaps) are what parse and diff print as warnings.
func IsMisread(p Problem) bool { return misreadKinds[p.Kind] }
