package store

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/annex-tools/annex/diff"
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

func TestDiffCache(t *testing.T) {
	smp := loadSamples(t)
	dir := filepath.Join(t.TempDir(), "s")
	st, err := Init(dir)
	if err != nil {
		t.Fatal(err)
	}
	for i, a := range []*model.Annex{smp.a23, smp.a24} {
		if _, err := st.Import(a, src(string(rune('a'+i)))); err != nil {
			t.Fatal(err)
		}
	}
	want, err := st.Diff("2023-06-15", "2024-03-14")
	if err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "diffs", engine(), "*.json"))
	if len(files) != 1 {
		t.Fatalf("diff cache holds %v, want one file", files)
	}

	// A replaced Compare never uses the disk cache: it holds the default
	// engine's diffs only.
	st2, _ := Open(dir)
	calls := 0
	st2.Compare = func(a, b *model.Annex) diff.Result { calls++; return defaultCompare(a, b) }
	st2.DiffCache = true
	if _, err := st2.Diff("2023-06-15", "2024-03-14"); err != nil || calls != 1 {
		t.Errorf("Diff with a replaced engine: %d calls, %v, want 1 (no disk cache)", calls, err)
	}
	// A new Store reads the cached diff: mark the cache file to tell.
	marked := want
	marked.Summary.Added = 999
	data, _ := json.Marshal(marked)
	os.WriteFile(files[0], data, 0o644)
	st3, _ := Open(dir)
	got, err := st3.Diff("2023-06-15", "2024-03-14")
	if err != nil || got.Summary.Added != 999 || len(got.Changes) != len(want.Changes) {
		t.Errorf("Diff of a new Store = %+v, %v, want the cached (marked) result", got.Summary, err)
	}

	// A damaged cache file is ignored and rewritten.
	os.WriteFile(files[0], []byte("{not json"), 0o644)
	st4, _ := Open(dir)
	if got, err := st4.Diff("2023-06-15", "2024-03-14"); err != nil || !reflect.DeepEqual(got.Summary, want.Summary) {
		t.Errorf("Diff with a damaged cache = %+v, %v", got.Summary, err)
	}
	if data, _ := os.ReadFile(files[0]); !json.Valid(data) {
		t.Errorf("damaged cache file not rewritten")
	}

	// The next import drops the caches of other builds.
	other := filepath.Join(dir, "diffs", "0123456789abcdef")
	os.MkdirAll(other, 0o755)
	os.WriteFile(filepath.Join(other, "x_y.json"), []byte("{}"), 0o644)
	if _, err := st.Import(smp.a25, src("c")); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(other); err == nil {
		t.Errorf("Import kept the diff cache of another build")
	}
	if _, err := os.Stat(files[0]); err != nil {
		t.Errorf("Import removed the current build's cache: %v", err)
	}
}

func TestComparePanics(t *testing.T) {
	st, _ := newStore3(t)
	st.Compare = func(a, b *model.Annex) diff.Result { panic("boom") }
	_, err := st.History("1.A.1", "", "")
	if err == nil || !strings.Contains(err.Error(), "compare 2023-06-15 with 2024-03-14: internal error: boom") {
		t.Errorf("History with a panicking engine = %v, want an error naming the pair", err)
	}
}
