package store

import (
	"path/filepath"
	"reflect"
	"testing"

	"github.com/annex-tools/annex/model"
)

// TestHistoryRealDiff follows entries with the real diff engine: the same
// lineages as with the fixture change lists.
func TestHistoryRealDiff(t *testing.T) {
	smp := loadSamples(t)
	st, err := Init(filepath.Join(t.TempDir(), "s"))
	if err != nil {
		t.Fatal(err)
	}
	for i, a := range []*model.Annex{smp.a23, smp.a24, smp.a25} {
		if _, err := st.Import(a, src(string(rune('a'+i)))); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		id   string
		want [][]string
	}{
		{"4.C.2.b.6", [][]string{
			{"2023-06-15 present 4.C.2.b.6", "2024-03-14 renumbered 4.C.2.b.7", "2025-05-01 " + stepAfter(smp, "4.C.2.b.7")},
			{"2024-03-14 added 4.C.2.b.6", "2025-05-01 " + stepAfter(smp, "4.C.2.b.6")},
		}},
		{"3.C.4", [][]string{
			{"2023-06-15 present 3.C.4", "2024-03-14 removed "},
			{"2023-06-15 present 3.C.5", "2024-03-14 renumbered 3.C.4", "2025-05-01 " + stepAfter(smp, "3.C.4")},
		}},
		{smp.ed25.MovedTo, [][]string{
			{"2023-06-15 present " + smp.ed25.MovedFrom, "2024-03-14 unchanged " + smp.ed25.MovedFrom, "2025-05-01 renumbered " + smp.ed25.MovedTo},
		}},
	}
	for _, tt := range tests {
		got, err := st.History(tt.id, "", "")
		if err != nil {
			t.Errorf("History(%s) = %v", tt.id, err)
			continue
		}
		var ev [][]string
		for _, l := range got {
			ev = append(ev, events(l))
		}
		if !reflect.DeepEqual(ev, tt.want) {
			t.Errorf("History(%s) = %v, want %v", tt.id, ev, tt.want)
		}
	}

	// The threshold change is a modification with a quantity.
	got, err := st.History(smp.ed25.Threshold, "2024-03-14", "")
	if err != nil {
		t.Fatal(err)
	}
	last := got[0].Steps[len(got[0].Steps)-1]
	if last.Event != Modified || last.Change == nil || len(last.Change.TextDiff) == 0 {
		t.Errorf("History(%s) last step = %+v, want modified with a text diff", smp.ed25.Threshold, last)
	}
}

// stepAfter says what the generated 2025 revision did to the 2024 entry id:
// the event and the 2025 id, as events() writes them.
func stepAfter(smp samples, id string) string {
	for _, c := range smp.diffs[[2]string{"2024-03-14", "2025-05-01"}] {
		if c.OldID == id {
			return string(c.Kind) + " " + c.NewID
		}
	}
	return "unchanged " + id
}
