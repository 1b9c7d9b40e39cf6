package store

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/annex-tools/annex/diff"
	"github.com/annex-tools/annex/model"
)

// samples returns the 2023 and 2024 truths, a generated 2025 revision, and
// the change lists between them (the fixture for 2023 to 2024, the
// generator's own for 2024 to 2025).
type samples struct {
	a23, a24, a25 *model.Annex
	ed25          edits
	diffs         fixtureDiffs
}

func loadSamples(t testing.TB) samples {
	t.Helper()
	var s samples
	s.a23 = readModel(t, "sample-2023.truth.json")
	s.a24 = readModel(t, "sample-2024.truth.json")
	var ch25 []diff.Change
	s.a25, ch25, s.ed25 = revise(s.a24, 1, "2025-05-01")
	s.diffs = fixtureDiffs{
		{"2023-06-15", "2024-03-14"}: readDiff(t, "sample-2023_2024.expected.json").Changes,
		{"2024-03-14", "2025-05-01"}: ch25,
	}
	return s
}

func src(name string) ImportOptions {
	return ImportOptions{Source: model.Source{Name: name, Format: "json", SHA256: sum([]byte(name))}}
}

// newStore3 imports the three samples into a new store.
func newStore3(t testing.TB) (*Store, samples) {
	t.Helper()
	smp := loadSamples(t)
	st, err := Init(filepath.Join(t.TempDir(), "annex-store"))
	if err != nil {
		t.Fatal(err)
	}
	st.Compare = smp.diffs.compare
	for _, x := range []struct {
		a    *model.Annex
		name string
	}{{smp.a24, "a24.json"}, {smp.a23, "a23.json"}, {smp.a25, "a25.json"}} {
		if _, err := st.Import(x.a, src(x.name)); err != nil {
			t.Fatalf("Import(%s) = %v", x.name, err)
		}
	}
	return st, smp
}

func labels(revs []Revision) []string {
	var out []string
	for _, r := range revs {
		out = append(out, r.Label)
	}
	return out
}

func TestImportList(t *testing.T) {
	st, smp := newStore3(t)
	revs, err := st.List()
	if err != nil {
		t.Fatal(err)
	}
	if got, want := labels(revs), []string{"2023-06-15", "2024-03-14", "2025-05-01"}; !reflect.DeepEqual(got, want) {
		t.Fatalf("List() labels = %v, want %v", got, want)
	}
	for i, a := range []*model.Annex{smp.a23, smp.a24, smp.a25} {
		r := revs[i]
		if r.Entries != a.CountEntries() || r.DocID != a.Meta.DocID || r.Date != a.Meta.Date {
			t.Errorf("List()[%d] = %+v, want %d entries, doc id %s, date %s", i, r, a.CountEntries(), a.Meta.DocID, a.Meta.Date)
		}
		if _, err := time.Parse(time.RFC3339, r.ImportedAt); err != nil || !strings.HasSuffix(r.ImportedAt, "Z") {
			t.Errorf("List()[%d].ImportedAt = %q, want RFC 3339 UTC", i, r.ImportedAt)
		}
		got, err := st.Load(r.Label)
		if err != nil {
			t.Fatalf("Load(%s) = %v", r.Label, err)
		}
		if !sameJSON(t, got, a) {
			t.Errorf("Load(%s) differs from the model imported", r.Label)
		}
	}

	// The files are stable, indented JSON.
	data, err := os.ReadFile(filepath.Join(st.Dir(), "revisions", "2024-03-14.json"))
	if err != nil {
		t.Fatal(err)
	}
	want, _ := marshal(smp.a24)
	if !bytes.Equal(data, want) || !bytes.HasPrefix(data, []byte("{\n  \"schema\": \"annex/1\",\n  \"meta\": {\n    \"regime\"")) {
		t.Errorf("revision file is not the canonical indented model; starts %.80q", data)
	}
	ix, err := os.ReadFile(filepath.Join(st.Dir(), "index.json"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(ix, []byte("{\n  \"schema\": \"annex-store/1\",\n  \"revisions\": [\n    {\n      \"label\": \"2023-06-15\"")) {
		t.Errorf("index.json starts %.120q, want indented annex-store/1 in date order", ix)
	}
}

func sameJSON(t testing.TB, a, b *model.Annex) bool {
	t.Helper()
	x, err1 := marshal(a)
	y, err2 := marshal(b)
	if err1 != nil || err2 != nil {
		t.Fatal(err1, err2)
	}
	return bytes.Equal(x, y)
}

func TestReimportAndLabels(t *testing.T) {
	st, smp := newStore3(t)
	before, _ := os.ReadFile(filepath.Join(st.Dir(), "index.json"))

	// The same file again: nothing written.
	res, err := st.Import(smp.a24, src("a24.json"))
	if err != nil || !res.Skipped || res.Revision.Label != "2024-03-14" {
		t.Errorf("Import(same file) = %+v, %v, want skipped 2024-03-14", res, err)
	}
	after, _ := os.ReadFile(filepath.Join(st.Dir(), "index.json"))
	if !bytes.Equal(before, after) {
		t.Errorf("Import(same file) rewrote index.json")
	}

	// Another file under a label in use: refused, then replaced with Force.
	edited := clone(smp.a24)
	edited.Items[0].Title = "CHANGED"
	_, err = st.Import(edited, src("a24-fixed.json"))
	if !errors.Is(err, ErrLabelExists) {
		t.Fatalf("Import(other file, same label) = %v, want ErrLabelExists", err)
	}
	if !strings.Contains(err.Error(), "2024-03-14 holds MTCR/TEM/2024/Annex from a24.json") {
		t.Errorf("Import(other file, same label) error %q does not say what holds the label", err)
	}
	after, _ = os.ReadFile(filepath.Join(st.Dir(), "index.json"))
	if !bytes.Equal(before, after) {
		t.Errorf("refused Import rewrote index.json")
	}
	opt := src("a24-fixed.json")
	opt.Force = true
	res, err = st.Import(edited, opt)
	if err != nil || !res.Replaced || res.Skipped {
		t.Fatalf("Import(Force) = %+v, %v, want replaced", res, err)
	}
	got, err := st.Load("2024-03-14")
	if err != nil || got.Items[0].Title != "CHANGED" {
		t.Errorf("Load after Force = %v, %v, want the replacement", got != nil && got.Items[0].Title == "CHANGED", err)
	}
	if revs, _ := st.List(); len(revs) != 3 {
		t.Errorf("List() after Force has %d revisions, want 3", len(revs))
	}

	// An explicit label; invalid labels refused.
	opt = src("a24-letter.json")
	opt.Label = "2024-letter"
	if res, err := st.Import(smp.a24, opt); err != nil || res.Revision.File != "revisions/2024-letter.json" {
		t.Errorf("Import(label 2024-letter) = %+v, %v", res, err)
	}
	for _, bad := range []string{"../x", "a/b", ".hidden", "a..b", "a b", strings.Repeat("x", 65)} {
		opt.Label = bad
		if _, err := st.Import(smp.a24, opt); !errors.Is(err, ErrBadLabel) {
			t.Errorf("Import(label %q) = %v, want ErrBadLabel", bad, err)
		}
	}
	noDate := clone(smp.a24)
	noDate.Meta.Date = ""
	if _, err := st.Import(noDate, src("nodate.json")); !errors.Is(err, ErrNoDate) {
		t.Errorf("Import(no date) = %v, want ErrNoDate", err)
	}
}

func TestAt(t *testing.T) {
	st, _ := newStore3(t)
	tests := []struct{ in, want string }{
		{"2023-06-15", "2023-06-15"},
		{"2023-12-31", "2023-06-15"},
		{"2024-03-13", "2023-06-15"},
		{"2024-03-14", "2024-03-14"},
		{"2024-12-01", "2024-03-14"},
		{"2099-01-01", "2025-05-01"},
		{"2020-01-01", ""},
		{"nosuch", ""},
		{"2024-02-30", ""},
	}
	for _, tt := range tests {
		r, err := st.At(tt.in)
		switch {
		case tt.want == "" && !errors.Is(err, ErrNotFound):
			t.Errorf("At(%s) = %s, %v, want ErrNotFound", tt.in, r.Label, err)
		case tt.want != "" && (err != nil || r.Label != tt.want):
			t.Errorf("At(%s) = %s, %v, want %s", tt.in, r.Label, err, tt.want)
		}
	}
}

func TestOpenMissing(t *testing.T) {
	dir := t.TempDir()
	if _, err := Open(filepath.Join(dir, "nope")); !errors.Is(err, ErrNoStore) {
		t.Errorf("Open(missing) = %v, want ErrNoStore", err)
	}
	os.WriteFile(filepath.Join(dir, "thesis.docx"), []byte("x"), 0o644)
	if _, err := Init(dir); !errors.Is(err, ErrNotStore) {
		t.Errorf("Init(dir with other files) = %v, want ErrNotStore", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "index.json")); err == nil {
		t.Errorf("Init(dir with other files) wrote index.json")
	}
}

func TestCorruptIndex(t *testing.T) {
	st, smp := newStore3(t)
	name := filepath.Join(st.Dir(), "index.json")
	bad := []byte("{\n  \"schema\": \"annex-store/1\",\n  \"revisions\": [ {\"label\": \"x\",, } ]\n}\n")
	os.WriteFile(name, bad, 0o644)
	revBefore, _ := os.ReadFile(filepath.Join(st.Dir(), "revisions", "2023-06-15.json"))

	_, err := Open(st.Dir())
	if !errors.Is(err, ErrCorrupt) || !strings.HasPrefix(err.Error(), name+": ") || !strings.Contains(err.Error(), "invalid JSON at line 3") {
		t.Errorf("Open(corrupt index) = %v, want ErrCorrupt naming %s and line 3", err, name)
	}
	opt := src("new.json")
	opt.Label = "new"
	if _, err := st.Import(smp.a24, opt); !errors.Is(err, ErrCorrupt) {
		t.Errorf("Import(corrupt index) = %v, want ErrCorrupt", err)
	}
	if got, _ := os.ReadFile(name); !bytes.Equal(got, bad) {
		t.Errorf("Import(corrupt index) rewrote index.json")
	}
	if _, err := os.Stat(filepath.Join(st.Dir(), "revisions", "new.json")); err == nil {
		t.Errorf("Import(corrupt index) wrote a revision file")
	}
	if got, _ := os.ReadFile(filepath.Join(st.Dir(), "revisions", "2023-06-15.json")); !bytes.Equal(got, revBefore) {
		t.Errorf("Import(corrupt index) touched another revision")
	}

	for _, tt := range []struct{ content, want string }{
		{`{"schema": "annex-store/9", "revisions": []}`, `schema is "annex-store/9"`},
		{`{"schema": "annex-store/1", "revisions": [{"label": "../etc", "date": "2024-01-01", "file": "revisions/../etc.json", "sha256": "x"}]}`, `invalid label "../etc"`},
		{`{"schema": "annex-store/1", "revisions": [{"label": "a", "date": "2024-01-01", "file": "/etc/passwd", "sha256": "x"}]}`, `file "/etc/passwd"`},
	} {
		os.WriteFile(name, []byte(tt.content), 0o644)
		if _, err := Open(st.Dir()); !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Open(index %s) = %v, want ErrCorrupt with %q", tt.content, err, tt.want)
		}
	}
}

func TestEditedRevision(t *testing.T) {
	st, _ := newStore3(t)
	name := filepath.Join(st.Dir(), "revisions", "2024-03-14.json")
	data, _ := os.ReadFile(name)
	os.WriteFile(name, bytes.Replace(data, []byte("Complete"), []byte("Incomplete"), 1), 0o644)
	_, err := st.Load("2024-03-14")
	if !errors.Is(err, ErrCorrupt) || !strings.HasPrefix(err.Error(), name+": ") {
		t.Errorf("Load(edited) = %v, want ErrCorrupt naming %s", err, name)
	}
	if _, err := st.Load("2023-06-15"); err != nil {
		t.Errorf("Load(other revision) = %v, want it unaffected", err)
	}
	os.WriteFile(name, []byte("{\"schema\": \"annex/1\",\n\"items\": [}"), 0o644)
	if _, err := st.Load("2024-03-14"); !errors.Is(err, ErrCorrupt) {
		t.Errorf("Load(truncated) = %v, want ErrCorrupt", err)
	}
	os.Remove(name)
	if _, err := st.Load("2024-03-14"); !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), "file missing") {
		t.Errorf("Load(deleted) = %v, want ErrCorrupt, file missing", err)
	}
}

// TestCrashLeftovers simulates an import killed after writing its revision
// file (or in the middle of a temporary file) but before the index.
func TestCrashLeftovers(t *testing.T) {
	smp := loadSamples(t)
	st, err := Init(filepath.Join(t.TempDir(), "s"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Import(smp.a23, src("a23.json")); err != nil {
		t.Fatal(err)
	}
	data, _ := marshal(smp.a24)
	os.WriteFile(filepath.Join(st.Dir(), "revisions", "2024-03-14.json"), data, 0o644)
	os.WriteFile(filepath.Join(st.Dir(), ".tmp-index.json-12345"), data[:100], 0o644)
	os.WriteFile(filepath.Join(st.Dir(), "revisions", ".tmp-2025.json-999"), data[:50], 0o644)

	st2, err := Open(st.Dir())
	if err != nil {
		t.Fatalf("Open(after crash) = %v", err)
	}
	revs, _ := st2.List()
	if got := labels(revs); !reflect.DeepEqual(got, []string{"2023-06-15"}) {
		t.Errorf("List(after crash) = %v, want only the indexed revision", got)
	}
	left, err := st2.Leftovers()
	want := []string{".tmp-index.json-12345", "revisions/.tmp-2025.json-999", "revisions/2024-03-14.json"}
	if err != nil || !reflect.DeepEqual(left, want) {
		t.Errorf("Leftovers() = %v, %v, want %v", left, err, want)
	}
	if _, err := st2.At("2024-06-01"); err != nil {
		t.Errorf("At(after crash) = %v", err)
	}
	// The next import completes the store and clears the leftovers.
	if _, err := st2.Import(smp.a24, src("a24.json")); err != nil {
		t.Fatalf("Import(after crash) = %v", err)
	}
	if left, _ := st2.Leftovers(); len(left) != 0 {
		t.Errorf("Leftovers() after import = %v, want none", left)
	}
	if _, err := st2.Load("2024-03-14"); err != nil {
		t.Errorf("Load(after recovery) = %v", err)
	}
}

func TestConcurrentImports(t *testing.T) {
	smp := loadSamples(t)
	dir := filepath.Join(t.TempDir(), "s")
	if _, err := Init(dir); err != nil {
		t.Fatal(err)
	}
	// Distinct revisions from separate Store values (separate lock file
	// descriptors, as separate processes have): all stored.
	models := []*model.Annex{smp.a23, smp.a24, smp.a25}
	for i := 0; i < 5; i++ {
		b, _, _ := revise(smp.a25, uint64(10+i), "2026-0"+string(rune('1'+i))+"-01")
		models = append(models, b)
	}
	var wg sync.WaitGroup
	errs := make([]error, len(models))
	for i, a := range models {
		wg.Add(1)
		go func() {
			defer wg.Done()
			st, err := Open(dir)
			if err == nil {
				_, err = st.Import(a, src(a.Meta.Date+".json"))
			}
			errs[i] = err
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("concurrent Import(%s) = %v", models[i].Meta.Date, err)
		}
	}
	st, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	revs, _ := st.List()
	if len(revs) != len(models) {
		t.Errorf("after concurrent imports List() has %d revisions, want %d", len(revs), len(models))
	}
	for _, r := range revs {
		if _, err := st.LoadRevision(r); err != nil {
			t.Errorf("LoadRevision(%s) = %v", r.Label, err)
		}
	}

	// Two different files under one label at once: one stored, one refused.
	other := clone(smp.a24)
	other.Items[0].Title = "OTHER"
	var res [2]error
	for i, a := range []*model.Annex{smp.a24, other} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			st, _ := Open(dir)
			opt := src("x" + string(rune('0'+i)))
			opt.Label = "same"
			_, res[i] = st.Import(a, opt)
		}()
	}
	wg.Wait()
	ok, refused := 0, 0
	for _, err := range res {
		switch {
		case err == nil:
			ok++
		case errors.Is(err, ErrLabelExists):
			refused++
		default:
			t.Errorf("Import(same label) = %v", err)
		}
	}
	if ok != 1 || refused != 1 {
		t.Errorf("two imports under one label: %d stored, %d refused, want 1 and 1", ok, refused)
	}
}

func TestLocked(t *testing.T) {
	smp := loadSamples(t)
	st, err := Init(filepath.Join(t.TempDir(), "s"))
	if err != nil {
		t.Fatal(err)
	}
	d, err := st.openFS()
	if err != nil {
		t.Fatal(err)
	}
	defer d.close()
	unlock, err := st.lock(d)
	if err != nil {
		t.Fatal(err)
	}
	other, _ := Open(st.Dir())
	other.LockWait = 50 * time.Millisecond
	if _, err := other.Import(smp.a23, src("a")); !errors.Is(err, ErrLocked) {
		t.Errorf("Import(locked) = %v, want ErrLocked", err)
	}
	unlock()
	if _, err := other.Import(smp.a23, src("a")); err != nil {
		t.Errorf("Import(after unlock) = %v", err)
	}
}

// sanity: the fixture models are what the tests assume.
func TestSamplesJSON(t *testing.T) {
	smp := loadSamples(t)
	if smp.ed25.MovedFrom == "" || smp.ed25.Inserted == "" || smp.ed25.Threshold == "" {
		t.Fatalf("revise made edits %+v, want all three", smp.ed25)
	}
	if p := model.Validate(smp.a25); len(p) > 0 {
		for _, x := range p {
			if x.Kind == model.ProblemDuplicate || x.Kind == model.ProblemMisplaced || x.Kind == model.ProblemGap {
				t.Errorf("generated revision: %s", x)
			}
		}
	}
}
