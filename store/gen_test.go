package store

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/annex-tools/annex/diff"
	"github.com/annex-tools/annex/model"
)

// readModel decodes an annex/1 fixture. It does not go through package
// parse, so these tests do not depend on the PDF and spreadsheet readers.
func readModel(t testing.TB, name string) *model.Annex {
	t.Helper()
	data, err := os.ReadFile("../testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	var a model.Annex
	if err := json.Unmarshal(data, &a); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return &a
}

// readDiff decodes an annex-diff/1 fixture.
func readDiff(t testing.TB, name string) diff.Result {
	t.Helper()
	data, err := os.ReadFile("../testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	var r diff.Result
	if err := json.Unmarshal(data, &r); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return r
}

func clone(a *model.Annex) *model.Annex {
	data, err := json.Marshal(a)
	if err != nil {
		panic(err)
	}
	var b model.Annex
	if err := json.Unmarshal(data, &b); err != nil {
		panic(err)
	}
	return &b
}

// setID renumbers e and its descendants, recording a renumbered change for
// each.
func setID(e *model.Entry, id string, item int, changes *[]diff.Change) {
	old := e.ID
	*changes = append(*changes, diff.Change{Target: diff.TargetEntry, Kind: diff.Renumbered, OldID: old, NewID: id, Item: item})
	e.ID = id
	for i := range e.Children {
		c := &e.Children[i]
		setID(c, id+strings.TrimPrefix(c.ID, old), item, changes)
	}
}

var numberRE = regexp.MustCompile(`\b\d+\b`)

// edits says what revise did, for tests to check the history against.
type edits struct {
	Threshold   string // the entry whose first number went up by one
	Inserted    string // the id of the inserted entry
	ShiftedFrom string // the entry that the insertion renumbered first (old id)
	ShiftedTo   string // and its new id
	MovedFrom   string // the entry moved to another item (old id)
	MovedTo     string // and its new id
}

// revise returns a new revision of a dated date, with three edits in three
// different items, and the changes they make (the annex-diff/1 a correct
// diff engine finds): a threshold raised, an entry inserted before others
// (which are renumbered), and the last entry of a group moved to the end of
// a group of another item.
func revise(a *model.Annex, seed uint64, date string) (*model.Annex, []diff.Change, edits) {
	b := clone(a)
	b.Meta.Date = date
	b.Meta.DocID = "MTCR/TEM/" + date[:4] + "/Annex"
	b.Meta.Source = model.Source{Name: "gen-" + date + ".json", Format: "json"}
	rng := rand.New(rand.NewPCG(seed, 7))
	var changes []diff.Change
	var ed edits
	used := make(map[int]bool)

	type gref struct{ it, g int }
	groups := func(minEntries int) []gref {
		var out []gref
		for i, it := range b.Items {
			if it.Reserved || used[it.Number] {
				continue
			}
			for j, g := range it.Groups {
				if len(g.Entries) >= minEntries {
					out = append(out, gref{i, j})
				}
			}
		}
		return out
	}

	// A threshold: the first number of an entry's text goes up by one.
	var cands []*model.Entry
	var candItem []int
	b.Walk(func(n model.Node) bool {
		if !used[n.Item.Number] && numberRE.MatchString(n.Entry.Text) {
			cands = append(cands, n.Entry)
			candItem = append(candItem, n.Item.Number)
		}
		return true
	})
	if len(cands) > 0 {
		k := rng.IntN(len(cands))
		e := cands[k]
		old := e.Text
		done := false
		e.Text = numberRE.ReplaceAllStringFunc(e.Text, func(s string) string {
			if done {
				return s
			}
			done = true
			n, _ := strconv.Atoi(s)
			return strconv.Itoa(n + 1)
		})
		used[candItem[k]] = true
		ed.Threshold = e.ID
		changes = append(changes, diff.Change{Target: diff.TargetEntry, Kind: diff.Modified, OldID: e.ID, NewID: e.ID,
			Item: candItem[k], Fields: []string{diff.FieldText}, OldText: old, NewText: e.Text})
	}

	// An insertion before position k of a group's entries.
	if gs := groups(2); len(gs) > 0 {
		r := gs[rng.IntN(len(gs))]
		it := &b.Items[r.it]
		g := &it.Groups[r.g]
		k := rng.IntN(len(g.Entries) - 1)
		prefix := model.GroupID(it.Number, g.Letter)
		ed.ShiftedFrom = g.Entries[k].ID
		for i := len(g.Entries) - 1; i >= k; i-- {
			setID(&g.Entries[i], fmt.Sprintf("%s.%d", prefix, i+2), it.Number, &changes)
		}
		ed.ShiftedTo = g.Entries[k].ID
		ne := model.Entry{ID: fmt.Sprintf("%s.%d", prefix, k+1), Text: "Equipment first controlled on " + date + ", specially designed for the systems specified in " + prefix + "."}
		g.Entries = slices.Insert(g.Entries, k, ne)
		ed.Inserted = ne.ID
		changes = append(changes, diff.Change{Target: diff.TargetEntry, Kind: diff.Added, NewID: ne.ID, Item: it.Number})
		used[it.Number] = true
	}

	// A move: the last entry of one group to the end of a group of another item.
	if gs := groups(2); len(gs) > 0 {
		r := gs[rng.IntN(len(gs))]
		from := &b.Items[r.it].Groups[r.g]
		used[b.Items[r.it].Number] = true
		if ts := groups(0); len(ts) > 0 {
			t := ts[rng.IntN(len(ts))]
			it := &b.Items[t.it]
			to := &it.Groups[t.g]
			e := from.Entries[len(from.Entries)-1]
			from.Entries = from.Entries[:len(from.Entries)-1]
			ed.MovedFrom = e.ID
			setID(&e, fmt.Sprintf("%s.%d", model.GroupID(it.Number, to.Letter), len(to.Entries)+1), it.Number, &changes)
			ed.MovedTo = e.ID
			to.Entries = append(to.Entries, e)
		}
	}
	return b, changes, ed
}

// fullSize returns a with its items repeated to twice the count (items
// 11 to 20 copy 1 to 10 with their ids renumbered and their texts marked),
// about the size of the published annex.
func fullSize(a *model.Annex) *model.Annex {
	b := clone(a)
	n := len(b.Items)
	maxNum := 0
	for _, it := range b.Items {
		maxNum = max(maxNum, it.Number)
	}
	for i := 0; i < n; i++ {
		it := clone(&model.Annex{Items: []model.Item{a.Items[i]}}).Items[0]
		old := strconv.Itoa(it.Number)
		it.Number += maxNum
		it.Title += " (SUPPLEMENT)"
		for j := range it.Groups {
			for k := range it.Groups[j].Entries {
				relabel(&it.Groups[j].Entries[k], old, strconv.Itoa(it.Number))
			}
		}
		b.Items = append(b.Items, it)
	}
	return b
}

func relabel(e *model.Entry, old, new string) {
	e.ID = new + strings.TrimPrefix(e.ID, old)
	e.Text += " (supplement)"
	for i := range e.Children {
		relabel(&e.Children[i], old, new)
	}
}

// fixtureDiffs is a Compare for tests of the store alone: it returns
// known change lists by the pair of dates, so the history logic is tested
// apart from the diff engine.
type fixtureDiffs map[[2]string][]diff.Change

func (f fixtureDiffs) compare(old, new *model.Annex) diff.Result {
	ch, ok := f[[2]string{old.Meta.Date, new.Meta.Date}]
	if !ok {
		panic(fmt.Sprintf("no fixture diff from %s to %s", old.Meta.Date, new.Meta.Date))
	}
	return diff.Result{
		Schema:  diff.Schema,
		Old:     diff.Revision{DocID: old.Meta.DocID, Date: old.Meta.Date},
		New:     diff.Revision{DocID: new.Meta.DocID, Date: new.Meta.Date},
		Summary: diff.Summarize(ch),
		Changes: ch,
	}
}
