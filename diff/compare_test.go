package diff

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/annex-tools/annex/model"
)

var update = flag.Bool("update", false, "rewrite golden files")

func loadAnnex(t testing.TB, name string) *model.Annex {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	var a model.Annex
	if err := json.Unmarshal(b, &a); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return &a
}

// changeKey identifies a change for set comparison.
func changeKey(c Change) string {
	return fmt.Sprintf("%s %s old=%q new=%q number=%d id=%q term=%q", c.Target, c.Kind, c.OldID, c.NewID, c.Number, c.ID, c.Term)
}

// changeFacts are the parts of a change the expected file fixes.
func changeFacts(c Change) string {
	f := c.Fields
	if f == nil {
		f = []string{}
	}
	return fmt.Sprintf("fields=%v editorial=%v", f, c.Editorial)
}

// diffChanges lists the missing, extra and differing changes of got against want.
func diffChanges(got, want []Change) []string {
	var out []string
	g := make(map[string]Change)
	for _, c := range got {
		k := changeKey(c)
		if _, dup := g[k]; dup {
			out = append(out, "duplicate: "+k)
		}
		g[k] = c
	}
	w := make(map[string]Change)
	for _, c := range want {
		w[changeKey(c)] = c
	}
	for _, c := range want {
		k := changeKey(c)
		gc, ok := g[k]
		if !ok {
			out = append(out, "missing: "+k+" "+changeFacts(c))
			continue
		}
		if c.Kind == Added || c.Kind == Removed {
			continue
		}
		if changeFacts(gc) != changeFacts(c) {
			out = append(out, fmt.Sprintf("differs: %s: got %s, want %s", k, changeFacts(gc), changeFacts(c)))
		}
	}
	for _, c := range got {
		if _, ok := w[changeKey(c)]; !ok {
			out = append(out, "extra: "+changeKey(c)+" "+changeFacts(c))
		}
	}
	return out
}

func TestCompareSamples(t *testing.T) {
	old := loadAnnex(t, "sample-2023.truth.json")
	new := loadAnnex(t, "sample-2024.truth.json")
	b, err := os.ReadFile("../testdata/sample-2023_2024.expected.json")
	if err != nil {
		t.Fatal(err)
	}
	var want Result
	if err := json.Unmarshal(b, &want); err != nil {
		t.Fatal(err)
	}
	// The expected file leaves out "fields" where it does not fix them
	// (definitions): compare fields only where it has them.
	var raw struct {
		Changes []struct {
			Fields *[]string `json:"fields"`
		} `json:"changes"`
	}
	if err := json.Unmarshal(b, &raw); err != nil {
		t.Fatal(err)
	}
	got := Compare(old, new)
	gotChanges := slices.Clone(got.Changes)
	for i, c := range want.Changes {
		if raw.Changes[i].Fields == nil {
			for k := range gotChanges {
				if changeKey(gotChanges[k]) == changeKey(c) {
					gotChanges[k].Fields = nil
				}
			}
		}
	}
	for _, p := range diffChanges(gotChanges, want.Changes) {
		t.Error("Compare(2023, 2024): " + p)
	}
	if got.Old.DocID != want.Old.DocID || got.New.Date != want.New.Date {
		t.Errorf("Compare(2023, 2024) revisions = %+v, %+v, want %+v, %+v", got.Old, got.New, want.Old, want.New)
	}
	if s := Summarize(got.Changes); got.Summary != s {
		t.Errorf("Compare(2023, 2024).Summary = %+v, want %+v", got.Summary, s)
	}

	// The full output, reviewed by eye, rewritten with -update.
	out, err := json.MarshalIndent(got, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "sample-2023_2024.golden.json")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, append(out, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	g, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if !bytes.Equal(bytes.TrimSpace(g), bytes.TrimSpace(out)) {
		t.Errorf("Compare(2023, 2024) JSON differs from %s; run go test -update and review the diff", golden)
	}

	// Deterministic.
	again, _ := json.Marshal(Compare(old, new))
	first, _ := json.Marshal(got)
	if !bytes.Equal(first, again) {
		t.Errorf("Compare(2023, 2024) gave two different results")
	}
}

func TestCompareSamplesDetails(t *testing.T) {
	got := Compare(loadAnnex(t, "sample-2023.truth.json"), loadAnnex(t, "sample-2024.truth.json"))
	find := func(target Target, id string) *Change {
		for i, c := range got.Changes {
			if c.Target == target && (c.NewID == id || c.Term == id || c.OldID == id && c.NewID == "") {
				return &got.Changes[i]
			}
		}
		t.Fatalf("no change for %s", id)
		return nil
	}
	c := find(TargetEntry, "3.A.5.a")
	if want := []Quantity{{Old: "24 litres per minute", New: "20 litres per minute", Direction: Wider}}; !slices.Equal(c.Quantities, want) {
		t.Errorf("3.A.5.a quantities = %+v, want %+v", c.Quantities, want)
	}
	if c.Item != 3 || c.Category != "II" {
		t.Errorf("3.A.5.a item, category = %d, %q, want 3, II", c.Item, c.Category)
	}
	if DiffText1(c.TextDiff) != c.OldText || DiffText2(c.TextDiff) != c.NewText {
		t.Errorf("3.A.5.a text diff does not rebuild the texts: %q", c.TextDiff)
	}
	c = find(TargetDefinition, "Guidance set")
	if len(c.Affects) == 0 || c.Affects[0] != "2.A.1.d" {
		t.Errorf("Guidance set affects = %v, want to start with 2.A.1.d", c.Affects)
	}
	if !slices.IsSortedFunc(c.Affects, model.CompareIDs) {
		t.Errorf("Guidance set affects = %v, not in id order", c.Affects)
	}
	c = find(TargetEntry, "3.C.4")
	if c.Kind != Removed || c.OldText == "" || !strings.HasPrefix(c.OldText, "Elastomeric") {
		t.Errorf("first change listed under 3.C.4 = %s %q, want the removed elastomeric compounds", c.Kind, c.OldText)
	}
}

func TestCompareSameRevision(t *testing.T) {
	for _, name := range []string{"sample-2023.truth.json", "sample-2024.truth.json"} {
		a := loadAnnex(t, name)
		if got := Compare(a, a); len(got.Changes) != 0 {
			t.Errorf("Compare(%s, itself) = %d changes, want none; first %+v", name, len(got.Changes), got.Changes[0])
		}
		// JSON round trip.
		b, err := json.Marshal(a)
		if err != nil {
			t.Fatal(err)
		}
		var back model.Annex
		if err := json.Unmarshal(b, &back); err != nil {
			t.Fatal(err)
		}
		if got := Compare(a, &back); len(got.Changes) != 0 {
			t.Errorf("Compare(%s, JSON round trip) = %d changes, want none; first %+v", name, len(got.Changes), got.Changes[0])
		}
	}
}

func TestCompareOtherLayouts(t *testing.T) {
	truth := loadAnnex(t, "sample-2024.truth.json")
	for _, name := range []string{"sample-2024-letter.truth.json", "sample-2024.xlsx.truth.json"} {
		other := loadAnnex(t, name)
		if got := Compare(truth, other); len(got.Changes) != 0 {
			for _, c := range got.Changes {
				t.Errorf("Compare(2024, %s): unexpected %s", name, changeKey(c))
			}
		}
	}
}

func TestCompareNil(t *testing.T) {
	got := Compare(nil, nil)
	if len(got.Changes) != 0 || got.Schema != Schema {
		t.Errorf("Compare(nil, nil) = %+v, want no changes", got)
	}
	a := loadAnnex(t, "sample-2024.truth.json")
	got = Compare(nil, a)
	if got.Summary.Added != a.CountEntries()+len(a.Items)+len(a.Definitions) {
		t.Errorf("Compare(nil, 2024).Summary.Added = %d, want %d entries + %d items + %d definitions", got.Summary.Added, a.CountEntries(), len(a.Items), len(a.Definitions))
	}
}
