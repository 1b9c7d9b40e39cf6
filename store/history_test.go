package store

import (
	"errors"
	"reflect"
	"testing"

	"github.com/annex-tools/annex/diff"
	"github.com/annex-tools/annex/model"
)

// events lists a lineage as "label event id" strings.
func events(l Lineage) []string {
	var out []string
	for _, s := range l.Steps {
		out = append(out, s.Label+" "+string(s.Event)+" "+s.ID)
	}
	return out
}

func TestHistory(t *testing.T) {
	st, smp := newStore3(t)
	ed := smp.ed25

	// 4.C.2.b.6 names two entries: the 2023 one, renumbered 4.C.2.b.7 in
	// 2024, and the one inserted in 2024.
	got, err := st.History("4.C.2.b.6.", "", "")
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 {
		t.Fatalf("History(4.C.2.b.6) = %d lineages, want 2: %v", len(got), got)
	}
	if ev := events(got[0]); !reflect.DeepEqual(ev[:2], []string{"2023-06-15 present 4.C.2.b.6", "2024-03-14 renumbered 4.C.2.b.7"}) {
		t.Errorf("History(4.C.2.b.6)[0] = %v, want present 4.C.2.b.6 then renumbered 4.C.2.b.7", ev)
	}
	if got[0].Steps[0].Text != "N,N-diallylhydrazine (CAS 5164-11-4);" {
		t.Errorf("History(4.C.2.b.6)[0] first text = %q", got[0].Steps[0].Text)
	}
	if c := got[0].Steps[1].Change; c == nil || c.OldID != "4.C.2.b.6" || c.NewID != "4.C.2.b.7" {
		t.Errorf("History(4.C.2.b.6)[0] step 2 change = %+v, want 4.C.2.b.6 to 4.C.2.b.7", c)
	}
	if ev := events(got[1]); ev[0] != "2024-03-14 added 4.C.2.b.6" || got[1].Steps[0].Change == nil {
		t.Errorf("History(4.C.2.b.6)[1] = %v, want added in 2024 with its change", ev)
	}

	// The same lineage is found from its 2024 id.
	got2, err := st.History("4.C.2.b.7", "2024-03-14", "")
	if err != nil {
		t.Fatal(err)
	}
	if ev := events(got2[0]); ev[0] != "2024-03-14 present 4.C.2.b.7" {
		t.Errorf("History(4.C.2.b.7, from 2024) = %v", ev)
	}

	// 3.C.4 of 2023 was removed; 3.C.5 of 2023 became 3.C.4.
	got, err = st.History("3.C.4", "", "")
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"2023-06-15 present 3.C.4", "2024-03-14 removed "},
		{"2023-06-15 present 3.C.5", "2024-03-14 renumbered 3.C.4", "2025-05-01 unchanged 3.C.4"},
	}
	if len(got) != 2 || !reflect.DeepEqual(events(got[0]), want[0]) || !reflect.DeepEqual(events(got[1]), want[1]) {
		var ev [][]string
		for _, l := range got {
			ev = append(ev, events(l))
		}
		t.Errorf("History(3.C.4) = %v, want %v", ev, want)
	}

	// The generated 2025 revision moved an entry to another item.
	got, err = st.History(ed.MovedFrom, "2024-03-14", "2025-05-01")
	if err != nil {
		t.Fatal(err)
	}
	last := got[0].Steps[len(got[0].Steps)-1]
	if last.Event != Renumbered || last.ID != ed.MovedTo || last.Change.OldID != ed.MovedFrom {
		t.Errorf("History(%s) ends %+v, want renumbered to %s", ed.MovedFrom, last, ed.MovedTo)
	}
	if p1, _ := model.ParseID(ed.MovedFrom); p1.Item() == mustItem(t, ed.MovedTo) {
		t.Errorf("generated move %s to %s stays in one item", ed.MovedFrom, ed.MovedTo)
	}

	// And raised a threshold.
	got, err = st.History(ed.Threshold, "", "")
	if err != nil {
		t.Fatal(err)
	}
	lin := got[len(got)-1]
	last = lin.Steps[len(lin.Steps)-1]
	if last.Event != Modified || last.Change == nil || last.Change.OldText == last.Change.NewText {
		t.Errorf("History(%s) ends %+v, want modified text", ed.Threshold, last)
	}

	// Errors.
	if _, err := st.History("9.E.99", "", ""); !errors.Is(err, ErrNoEntry) {
		t.Errorf("History(9.E.99) = %v, want ErrNoEntry", err)
	}
	if _, err := st.History("not an id", "", ""); !errors.Is(err, model.ErrBadID) {
		t.Errorf("History(not an id) = %v, want ErrBadID", err)
	}
	if _, err := st.History("1.A.1", "2025-05-01", "2023-06-15"); !errors.Is(err, ErrNotFound) {
		t.Errorf("History(from after to) = %v, want ErrNotFound", err)
	}
}

func mustItem(t *testing.T, id string) int {
	p, err := model.ParseID(id)
	if err != nil {
		t.Fatal(err)
	}
	return p.Item()
}

func TestLogAndChanges(t *testing.T) {
	st, smp := newStore3(t)
	log, err := st.Log()
	if err != nil {
		t.Fatal(err)
	}
	if len(log) != 3 || log[0].Changes != nil || log[1].Previous != "2023-06-15" || log[2].Previous != "2024-03-14" {
		t.Fatalf("Log() = %+v, want 3 revisions chained by Previous", log)
	}
	want := diff.Summarize(smp.diffs[[2]string{"2023-06-15", "2024-03-14"}])
	if *log[1].Changes != want {
		t.Errorf("Log()[1].Changes = %+v, want %+v", *log[1].Changes, want)
	}
	res, err := st.Changes()
	if err != nil || len(res) != 2 || res[1].Old.Date != "2024-03-14" || res[1].New.Date != "2025-05-01" {
		t.Errorf("Changes() = %d results, %v, want 2 consecutive", len(res), err)
	}
	d, err := st.Diff("2024-03-14", "2025-06-01")
	if err != nil || d.New.Date != "2025-05-01" {
		t.Errorf("Diff(2024-03-14, 2025-06-01) = %+v, %v, want 2024 to 2025", d.New, err)
	}

	st.Compare = nil
	st.DiffCache = false
	st.diffs = make(map[[2]string]*memo[diff.Result])
	if _, err := st.Log(); !errors.Is(err, ErrNoDiff) {
		t.Errorf("Log() without a diff engine = %v, want ErrNoDiff", err)
	}
}
