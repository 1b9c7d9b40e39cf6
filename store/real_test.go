package store

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
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
	// The import of the second revision cached its diff with the first.
	files, _ := filepath.Glob(filepath.Join(dir, "diffs", "v"+strconv.Itoa(diff.EngineVersion), "*.json"))
	if len(files) != 1 {
		t.Fatalf("diff cache holds %v, want one file", files)
	}
	want, err := st.Diff("2023-06-15", "2024-03-14")
	if err != nil {
		t.Fatal(err)
	}
	good, err := os.ReadFile(files[0])
	if err != nil {
		t.Fatal(err)
	}
	var entry cachedDiff
	if err := json.Unmarshal(good, &entry); err != nil || entry.Engine != diff.EngineVersion || entry.Format != diffCacheFormat {
		t.Fatalf("cache file = %.80s…, %v: want format %s, engine %d", good, err, diffCacheFormat, diff.EngineVersion)
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

	// A new Store reads a cached diff that matches its key (marked here,
	// to tell), and ignores, recomputes and rewrites every other one.
	marked := entry
	marked.Result.Summary.Added = 999
	other := func(f func(c *cachedDiff)) []byte {
		c := marked
		f(&c)
		data, _ := json.Marshal(c)
		return data
	}
	tests := []struct {
		name   string
		data   []byte
		cached bool
	}{
		{"matching key", other(func(*cachedDiff) {}), true},
		{"not JSON", []byte("{not json"), false},
		{"truncated", good[:len(good)/2], false},
		{"empty", nil, false},
		{"other engine version", other(func(c *cachedDiff) { c.Engine++ }), false},
		{"other format", other(func(c *cachedDiff) { c.Format = "annex-store-diffs/1" }), false},
		{"other old revision", other(func(c *cachedDiff) { c.Old = strings.Repeat("0", 64) }), false},
		{"old and new swapped", other(func(c *cachedDiff) { c.Old, c.New = c.New, c.Old }), false},
		{"result of other dates", other(func(c *cachedDiff) { c.Result.New.Date = "2099-01-01" }), false},
		{"bare result (format 1)", func() []byte { d, _ := json.Marshal(marked.Result); return d }(), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := os.WriteFile(files[0], tt.data, 0o644); err != nil {
				t.Fatal(err)
			}
			st, _ := Open(dir)
			got, err := st.Diff("2023-06-15", "2024-03-14")
			if err != nil {
				t.Fatal(err)
			}
			if tt.cached {
				if got.Summary.Added != 999 || len(got.Changes) != len(want.Changes) {
					t.Errorf("Diff = %+v, want the cached (marked) result", got.Summary)
				}
				return
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("Diff = %+v, want the recomputed %+v", got.Summary, want.Summary)
			}
			if data, _ := os.ReadFile(files[0]); !bytes.Equal(data, good) {
				t.Errorf("cache file not rewritten: %.80s", data)
			}
		})
	}

	// A cache file that is a link is not followed: the link is refused.
	r23, r24 := mustRev(t, st, "2023-06-15"), mustRev(t, st, "2024-03-14")
	secret := filepath.Join(t.TempDir(), "secret.json")
	os.WriteFile(secret, other(func(*cachedDiff) {}), 0o644)
	os.Remove(files[0])
	if err := os.Symlink(secret, files[0]); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(dir); !errors.Is(err, ErrLink) {
		t.Errorf("Open with a linked cache file = %v, want ErrLink", err)
	}
	st5 := newStore(dir)
	if got, ok := st5.readCachedDiff(r23, r24); ok {
		t.Errorf("readCachedDiff followed a link: %+v", got.Summary)
	}
	os.Remove(files[0])
	os.WriteFile(files[0], good, 0o644)

	// The next import drops the caches of other engines (and of the
	// executable digests of earlier versions), and nothing else.
	oldDirs := []string{filepath.Join(dir, "diffs", "v0"), filepath.Join(dir, "diffs", "0123456789abcdef")}
	for _, d := range oldDirs {
		os.MkdirAll(d, 0o755)
		os.WriteFile(filepath.Join(d, "0123456789abcdef_0123456789abcdef.json"), []byte("{}"), 0o644)
	}
	keep := filepath.Join(dir, "diffs", "v0", "notes.txt")
	os.WriteFile(keep, []byte("not annex's"), 0o644)
	if _, err := st.Import(smp.a25, src("c")); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(oldDirs[1]); err == nil {
		t.Errorf("Import kept the diff cache of an earlier build")
	}
	if _, err := os.Stat(filepath.Join(oldDirs[0], "0123456789abcdef_0123456789abcdef.json")); err == nil {
		t.Errorf("Import kept the diff cache of another engine version")
	}
	if _, err := os.Stat(keep); err != nil {
		t.Errorf("Import removed a file the cache did not write: %v", err)
	}
	if _, err := os.Stat(files[0]); err != nil {
		t.Errorf("Import removed the current engine's cache: %v", err)
	}
}

func mustRev(t *testing.T, st *Store, label string) Revision {
	t.Helper()
	r, err := st.Revision(label)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestComparePanics(t *testing.T) {
	st, _ := newStore3(t)
	st.Compare = func(a, b *model.Annex) diff.Result { panic("boom") }
	_, err := st.History("1.A.1", "", "")
	if err == nil || !strings.Contains(err.Error(), "compare 2023-06-15 with 2024-03-14: internal error: boom") {
		t.Errorf("History with a panicking engine = %v, want an error naming the pair", err)
	}
}
