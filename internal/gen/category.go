package gen

import (
	"strconv"
	"strings"

	"github.com/annex-tools/annex/model"
)

// CategoryEdit returns a copy of a with the two changes of category a
// revision can make, and the annex-diff/1 changes a correct diff reports
// for them:
//
//   - the last top-level entry of group A of the last Category II item that
//     has one moves to the end of group A of the last Category I item, its
//     descendants with it (20.A.2 of Category II becomes 2.A.2 of Category
//     I): one renumbered change per node, with "category" in its fields;
//   - the Category II item before that one (with groups) becomes Category I:
//     one item change with fields ["category"], none for its entries.
//
// Nothing else changes, not even cross references, so that these are the
// only changes. It panics when a has no such items.
func CategoryEdit(a *model.Annex) (*model.Annex, []Expected) {
	b := clone(a)
	from, to := -1, -1
	for i := range b.Items {
		it := &b.Items[i]
		switch it.Category {
		case "I":
			if len(it.Groups) > 0 && it.Groups[0].Letter == "A" {
				to = i
			}
		case "II":
			if len(it.Groups) > 0 && it.Groups[0].Letter == "A" && len(it.Groups[0].Entries) > 0 {
				from = i
			}
		}
	}
	if from < 0 || to < 0 {
		panic("gen.CategoryEdit: no Category I and II items with entries in group A")
	}
	src, dst := &b.Items[from].Groups[0], &b.Items[to].Groups[0]
	moved := src.Entries[len(src.Entries)-1]
	src.Entries = src.Entries[:len(src.Entries)-1]
	newID := model.GroupID(b.Items[to].Number, "A") + "." + strconv.Itoa(len(dst.Entries)+1)
	var want []Expected
	dst.Entries = append(dst.Entries, renumber(moved, moved.ID, newID, &want))
	for i := from - 1; i >= 0; i-- {
		if it := &b.Items[i]; it.Category == "II" && len(it.Groups) > 0 {
			it.Category = "I"
			want = append(want, Expected{Target: "item", Kind: "modified", Number: it.Number, Fields: []string{"category"},
				OldCategory: "II", NewCategory: "I"})
			break
		}
	}
	return b, want
}

// Expected is a change a correct diff reports, with the fields the tests
// check.
type Expected struct {
	Target, Kind             string
	OldID, NewID             string
	Number                   int
	Fields                   []string
	OldCategory, NewCategory string
}

// renumber returns e with its id prefix oldP replaced by newP, itself and
// its descendants, recording a renumbered change with "category" for each.
func renumber(e model.Entry, oldP, newP string, want *[]Expected) model.Entry {
	id := newP + strings.TrimPrefix(e.ID, oldP)
	*want = append(*want, Expected{Target: "entry", Kind: "renumbered", OldID: e.ID, NewID: id,
		Fields: []string{"category"}, OldCategory: "II", NewCategory: "I"})
	out := e
	out.ID = id
	out.Children = make([]model.Entry, len(e.Children))
	for i, c := range e.Children {
		out.Children[i] = renumber(c, oldP, newP, want)
	}
	return out
}

// clone returns a deep copy of a.
func clone(a *model.Annex) *model.Annex {
	b := *a
	b.Definitions = append([]model.Definition(nil), a.Definitions...)
	b.Items = make([]model.Item, len(a.Items))
	for i, it := range a.Items {
		b.Items[i] = it
		b.Items[i].Groups = make([]model.Group, len(it.Groups))
		for j, g := range it.Groups {
			b.Items[i].Groups[j] = g
			b.Items[i].Groups[j].Entries = cloneEntries(g.Entries)
		}
	}
	return &b
}

func cloneEntries(es []model.Entry) []model.Entry {
	if es == nil {
		return nil
	}
	out := make([]model.Entry, len(es))
	for i, e := range es {
		out[i] = e
		out[i].Notes = append([]model.Note(nil), e.Notes...)
		out[i].Children = cloneEntries(e.Children)
	}
	return out
}
