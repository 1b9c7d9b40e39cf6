package model

import (
	"fmt"
	"strconv"
)

// Problem kinds reported by Check (besides ProblemDuplicate and
// ProblemMisplaced, which Validate reports too).
const (
	ProblemDuplicateItem = "duplicate-item" // an item number printed twice
	ProblemItemOrder     = "item-order"     // an item after one with a higher number
	ProblemGroupOrder    = "group-order"    // a group letter repeated or out of order within an item
)

// Check returns the problems that no printed annex has, so that a model with
// any of them is a misread or a damaged file rather than a defect of the
// document: item numbers repeated or out of order, group letters repeated or
// out of order, entry numbers used twice, and entries whose number does not
// extend their parent's. The JSON reader refuses a model with any of them,
// and the parsers fail rather than return one. A problem's ID is the item
// number ("5"), the group ("5.A") or the entry.
func Check(a *Annex) []Problem {
	var out []Problem
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
			if g.Letter <= last {
				out = append(out, Problem{ID: GroupID(it.Number, g.Letter), Kind: ProblemGroupOrder,
					Msg: "group " + GroupID(it.Number, g.Letter) + " follows group " + GroupID(it.Number, last)})
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
			checkSiblings(GroupID(it.Number, g.Letter), g.Entries, misplaced)
		}
	}
	seen := make(map[string]bool)
	a.Walk(func(n Node) bool {
		if seen[n.Entry.ID] {
			out = append(out, Problem{ID: n.Entry.ID, Kind: ProblemDuplicate, Msg: "entry number used more than once"})
		}
		seen[n.Entry.ID] = true
		checkSiblings(n.Entry.ID, n.Entry.Children, misplaced)
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
// than to a defect of the document. Those Check does not refuse (numbering
// gaps) are what parse and diff print as warnings.
func IsMisread(p Problem) bool { return misreadKinds[p.Kind] }
