package store

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/annex-tools/annex/model"
	"github.com/annex-tools/annex/parse"
)

// allIDs returns every entry id of the models, once.
func allIDs(as ...*model.Annex) []string {
	seen := make(map[string]bool)
	var out []string
	for _, a := range as {
		a.Walk(func(n model.Node) bool {
			if !seen[n.Entry.ID] {
				seen[n.Entry.ID] = true
				out = append(out, n.Entry.ID)
			}
			return true
		})
	}
	return out
}

// TestHistoryTexts checks, for every entry id of three revisions, that the
// text and notes of every step of its history, which History takes from the
// entry indexes, are those of the entry in the revision itself.
func TestHistoryTexts(t *testing.T) {
	st, smp := newStore3(t)
	models := make(map[string]map[string]*model.Entry)
	for _, r := range must(st.List()) {
		a, err := st.LoadRevision(r)
		if err != nil {
			t.Fatal(err)
		}
		m := make(map[string]*model.Entry)
		a.Walk(func(n model.Node) bool { m[n.Entry.ID] = n.Entry; return true })
		models[r.Label] = m
	}
	ids := allIDs(smp.a23, smp.a24, smp.a25)
	steps := 0
	fresh, _ := Open(st.Dir()) // reads the index files Import wrote
	fresh.Compare = smp.diffs.compare
	for _, id := range ids {
		ls, err := fresh.History(id, "", "")
		if err != nil {
			t.Fatalf("History(%s) = %v", id, err)
		}
		for _, l := range ls {
			for _, s := range l.Steps {
				if s.ID == "" {
					continue
				}
				steps++
				e := models[s.Label][s.ID]
				if e == nil {
					t.Fatalf("History(%s): step %s %s: no such entry in the revision", id, s.Label, s.ID)
				}
				if s.Text != e.Text || !reflect.DeepEqual(s.Notes, e.Notes) {
					t.Errorf("History(%s): step %s %s = %q %v, want %q %v", id, s.Label, s.ID, s.Text, s.Notes, e.Text, e.Notes)
				}
			}
		}
	}
	for _, r := range must(fresh.List()) {
		if ix := fresh.entries[r.SHA256]; ix == nil || ix.v.rel == "" {
			t.Errorf("History did not read the entry index file of %s", r.Label)
		}
	}
	if len(ids) < 250 || steps < 3*len(ids)-100 {
		t.Errorf("checked %d ids, %d steps: too few", len(ids), steps)
	}
}

// TestHistoryReadsLittle checks that History on a store whose caches are
// warm (as Import leaves them) decodes no revision: the entry indexes and
// the cached diffs are enough.
func TestHistoryReadsLittle(t *testing.T) {
	smp := loadSamples(t)
	st, err := Init(filepath.Join(t.TempDir(), "s"))
	if err != nil {
		t.Fatal(err)
	}
	for i, a := range []*model.Annex{smp.a23, smp.a24} {
		if _, err := st.Import(a, src(string(rune('a'+i)))); err != nil {
			t.Fatal(err)
		}
	}
	for _, id := range []string{"4.C.2.b.6", "1.A.2", "3.C.4"} {
		fresh, _ := Open(st.Dir())
		if _, err := fresh.History(id, "", ""); err != nil {
			t.Fatal(err)
		}
		if _, err := fresh.Log(); err != nil {
			t.Fatal(err)
		}
		if len(fresh.models) != 0 {
			t.Errorf("History(%s) and Log decoded %d revision(s); the caches should be enough", id, len(fresh.models))
		}
	}
	// Without the caches, they are rebuilt from the revisions.
	os.RemoveAll(filepath.Join(st.Dir(), entriesDir))
	os.RemoveAll(filepath.Join(st.Dir(), diffDir))
	fresh, _ := Open(st.Dir())
	if _, err := fresh.History("1.A.2", "", ""); err != nil || len(fresh.models) != 2 {
		t.Errorf("History without caches: %v, %d revision(s) decoded, want 2", err, len(fresh.models))
	}
	for _, r := range must(fresh.List()) {
		if _, err := os.Stat(filepath.Join(st.Dir(), filepath.FromSlash(entriesPath(r)))); err != nil {
			t.Errorf("entry index of %s not rebuilt: %v", r.Label, err)
		}
	}
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// TestEntryIndexRebuilt damages the entry index of a revision in every way
// and checks that History gives the same answer, and that a damaged or
// missing index file is rebuilt as Import wrote it.
func TestEntryIndexRebuilt(t *testing.T) {
	st, smp := newStore3(t)
	revs := must(st.List())
	file := filepath.Join(st.Dir(), filepath.FromSlash(entriesPath(revs[1])))
	good, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("Import wrote no entry index: %v", err)
	}
	if !strings.HasPrefix(string(good), entriesHeader(revs[1].SHA256)+"258 ") {
		t.Fatalf("entry index starts %.100q", good)
	}
	history := func() [][]Lineage {
		var out [][]Lineage
		s, _ := Open(st.Dir())
		s.Compare = smp.diffs.compare
		for _, id := range []string{"4.C.2.b.6", "2.A.1", "3.C.4", smp.ed25.MovedTo} {
			ls, err := s.History(id, "", "")
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, ls)
		}
		return out
	}
	want := history()
	lines := strings.SplitAfter(string(good), "\n")
	head, idLine := lines[0], lines[1]
	tests := []struct {
		name    string
		data    string // "" removes the file
		rebuilt bool   // the file is rewritten
	}{
		{"missing", "", true},
		{"empty", "\n", true},
		{"garbage", "not an index\n", true},
		{"other engine version", strings.Replace(string(good), "annex-store-entries/1 1 ", "annex-store-entries/1 0 ", 1), true},
		{"other revision", strings.Replace(string(good), revs[1].SHA256, revs[0].SHA256, 1), true},
		{"fewer id lines than said", head + idLine, true},
		{"truncated", string(good[:len(good)*2/3]), true},
		{"one byte short", string(good[:len(good)-1]), true},
		{"one byte more", string(good) + "\n", true},
		{"id lines longer than said", head + strings.Replace(string(good[len(head):]), idLine, strings.Replace(idLine, " 0 ", " 999999999 ", 1), 1), true},
		// An id line that does not parse or points to JSON that does not
		// decode: that entry is read from the revision itself; the file is
		// left alone.
		{"offset not a number", head + strings.Replace(string(good[len(head):]), idLine, strings.Replace(idLine, " 0 ", " x ", 1), 1), false},
		{"wrong offset", head + strings.Replace(string(good[len(head):]), idLine, strings.Replace(idLine, " 0 ", " 1 ", 1), 1), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			os.Remove(file)
			if tt.data != "" {
				if err := os.WriteFile(file, []byte(tt.data), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			if got := history(); !reflect.DeepEqual(got, want) {
				t.Errorf("History with a damaged index differs:\n got %+v\nwant %+v", got, want)
			}
			data, _ := os.ReadFile(file)
			if rebuilt := string(data) == string(good); rebuilt != tt.rebuilt {
				t.Errorf("index file rebuilt = %v, want %v", rebuilt, tt.rebuilt)
			}
		})
	}
}

// TestOlderStore opens a store as an earlier version left it (no entry
// indexes, its .gitignore, a diff cache keyed by the executable): every
// reader works, and the next import brings the .gitignore up to date (only
// when it is the one an earlier version wrote) and removes the old cache.
func TestOlderStore(t *testing.T) {
	for _, own := range []bool{true, false} {
		st, smp := newStore3(t)
		dir := st.Dir()
		os.RemoveAll(filepath.Join(dir, entriesDir))
		ignore := oldGitignore
		if !own {
			ignore += "notes/\n"
		}
		mustWrite(t, filepath.Join(dir, ".gitignore"), ignore)
		old := filepath.Join(dir, diffDir, "cff481f66c97c48a", "5ae778c5ab348e3b_65e6702e5f4fb6ea.json")
		mustWrite(t, old, `{"schema": "annex-diff/1"}`)

		fresh, _ := Open(dir)
		fresh.Compare = smp.diffs.compare
		if ls, err := fresh.History("4.C.2.b.6", "", ""); err != nil || len(ls) != 2 {
			t.Fatalf("History on an older store = %d lineages, %v", len(ls), err)
		}
		if _, err := fresh.Log(); err != nil {
			t.Fatal(err)
		}
		if _, err := fresh.Import(smp.a24, ImportOptions{Label: "again", Source: src("again").Source}); err != nil {
			t.Fatal(err)
		}
		want := gitignore
		if !own {
			want = ignore
		}
		if data, _ := os.ReadFile(filepath.Join(dir, ".gitignore")); string(data) != want {
			t.Errorf(".gitignore after import = %q, want %q", data, want)
		}
		if _, err := os.Stat(filepath.Dir(old)); err == nil {
			t.Errorf("import kept the diff cache of an earlier version")
		}
	}
}

// TestStoredRevisionsUseTheReader stores, by hand, a revision that decodes
// as JSON but that the annex/1 JSON reader of package parse refuses (an
// entry filed under another item), with a matching digest in the index:
// loading it fails with the reader's own message, as reading the same file
// as an input would.
func TestStoredRevisionsUseTheReader(t *testing.T) {
	st, _ := newStore3(t)
	revs := must(st.List())
	r := revs[1]
	name := filepath.Join(st.Dir(), filepath.FromSlash(r.File))
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	var a model.Annex
	if err := json.Unmarshal(data, &a); err != nil {
		t.Fatal(err)
	}
	a.Items[0].Groups[0].Entries[0].ID = "2.A.99"
	bad, err := marshal(&a)
	if err != nil {
		t.Fatal(err)
	}
	_, readerErr := parse.Read("x.json", bad, parse.Options{})
	if readerErr == nil {
		t.Fatal("the JSON reader accepts an entry filed under another item; pick another defect")
	}
	mustWrite(t, name, string(bad))
	ix, err := st.readIndex()
	if err != nil {
		t.Fatal(err)
	}
	for i := range ix.Revisions {
		if ix.Revisions[i].Label == r.Label {
			ix.Revisions[i].SHA256 = sum(bad)
		}
	}
	d, _ := st.openFS()
	if err := writeIndex(d, ix); err != nil {
		t.Fatal(err)
	}
	d.close()
	_, err = st.Load(r.Label)
	want := strings.TrimPrefix(readerErr.Error(), "x.json: ")
	if !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), name) {
		t.Errorf("Load = %v, want ErrCorrupt naming %s with the reader's %q", err, name, want)
	}
}

// TestEntryIndexLineOverflow: an id line whose offset and length add up
// past the largest int64 is damaged, not a length to allocate (it made
// annex history fail with "makeslice: len out of range").
func TestEntryIndexLineOverflow(t *testing.T) {
	ix := &entryIndex{ids: []byte("\n1.A.2 1 9223372036854775807\n1.A.3 9223372036854775807 1\n1.A.4 10 20\n"), size: 100}
	for _, id := range []string{"1.A.2", "1.A.3"} {
		if off, _, ok := ix.line(id); !ok || off >= 0 {
			t.Errorf("line(%s) = offset %d, %v; want a damaged line (negative offset)", id, off, ok)
		}
	}
	if off, n, ok := ix.line("1.A.4"); !ok || off != 10 || n != 20 {
		t.Errorf("line(1.A.4) = %d, %d, %v; want 10, 20, true", off, n, ok)
	}
}
