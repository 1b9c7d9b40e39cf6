package impact

import (
	"fmt"
	"strings"
	"testing"

	"github.com/annex-tools/annex/diff"
	"github.com/annex-tools/annex/model"
	"github.com/annex-tools/annex/parse"
)

// national returns a national list that lags one revision behind: the 2023
// truth with one wording of its own in 3.C.3.a.
func national(t testing.TB) *model.Annex {
	t.Helper()
	nat, err := parse.File("../testdata/sample-2023.truth.json", parse.Options{})
	if err != nil {
		t.Fatal(err)
	}
	e := nat.Find("3.C.3.a")
	e.Text = "A density of 1.4 g/cm³ or more;"
	nat.Meta.DocID = "National list 2023"
	return nat
}

func findings(rep HarmoniseReport) map[string]Finding {
	out := make(map[string]Finding)
	for _, f := range rep.Findings {
		key := f.Kind + " " + findingName(f)
		out[key] = f
	}
	return out
}

func TestHarmoniseModel(t *testing.T) {
	_, against, _ := samples(t)
	rep := Harmonise(national(t), against, HarmoniseOptions{})
	got := findings(rep)
	tests := []struct {
		key       string
		editorial bool
	}{
		{"differs 3.A.5.a", false},                  // lagging: 24 → 20 litres
		{"differs 3.A.7", true},                     // lagging: letter case only
		{"differs 1.A.2", false},                    // lagging
		{"differs 3.C.3.a", false},                  // the national wording of its own
		{"renumbered 4.C.2.b.6 → 4.C.2.b.7", false}, // lagging numbering
		{"renumbered 10.A.2 → 9.A.8", false},
		{"renumbered 10.A.3 → 10.A.2", true},
		{"missing 3.A.11", false},
		{"missing 4.C.2.b.6", false},
		{"not-in-annex 3.C.4", false},
		{`differs definition "Range"`, false},
		{`missing definition "Guidance set"`, false},
	}
	for _, tt := range tests {
		f, ok := got[tt.key]
		if !ok {
			t.Errorf("Harmonise: no finding %q", tt.key)
			continue
		}
		if f.Editorial != tt.editorial {
			t.Errorf("Harmonise: %q editorial = %v, want %v", tt.key, f.Editorial, tt.editorial)
		}
	}
	own := got["differs 3.C.3.a"]
	if diff.DiffText1(own.TextDiff) != "A density of 1.4 g/cm³ or more;" || own.Annex != "A density equal to or greater than 1.4 g/cm³;" {
		t.Errorf("3.C.3.a finding = %+v", own)
	}
	// Nothing is reported for entries that agree.
	for _, id := range []string{"3.C.3.b", "3.A.5.b", "9.A.1"} {
		for k := range got {
			if strings.HasSuffix(k, " "+id) {
				t.Errorf("Harmonise: unexpected finding %q", k)
			}
		}
	}
	if rep.Summary[FindingMissing] != 3 || rep.Summary[FindingNotInAnnex] != 1 {
		t.Errorf("Summary = %v", rep.Summary)
	}
}

// TestHarmoniseEarlier checks that outdated national texts are matched to
// the earlier revision they come from, and the own wording to none.
func TestHarmoniseEarlier(t *testing.T) {
	old, against, _ := samples(t)
	rep := Harmonise(national(t), against, HarmoniseOptions{Earlier: []Earlier{{Label: "2023-06-15", Annex: old}}})
	got := findings(rep)
	if m := got["differs 3.A.5.a"].Matches; len(m) != 1 || m[0] != "2023-06-15" {
		t.Errorf("3.A.5.a Matches = %v, want [2023-06-15]", m)
	}
	if m := got["differs 3.C.3.a"].Matches; len(m) != 0 {
		t.Errorf("3.C.3.a (own wording) Matches = %v, want none", m)
	}
}

// TestHarmoniseRegister compares a register with an id and a text column.
func TestHarmoniseRegister(t *testing.T) {
	old, against, _ := samples(t)
	var b strings.Builder
	b.WriteString("Code;Wording\n")
	for _, id := range []string{"3.A.5.a", "3.A.7", "3.C.3.a"} {
		fmt.Fprintf(&b, "%s;%q\n", id, old.Find(id).Text)
	}
	b.WriteString("3.A.5.b;\"3.A.5.b. " + against.Find("3.A.5.b").Text + "\"\n") // a leading id is not part of the text
	b.WriteString("7.A.9;Gyro benches\n")
	b.WriteString("3.A.5.c;\n")
	reg, err := ReadRegisterOptions("national.csv", []byte(b.String()), RegisterOptions{WantText: true})
	if err != nil {
		t.Fatal(err)
	}
	rep := HarmoniseRegister(reg, against, HarmoniseOptions{Earlier: []Earlier{{Label: "2023", Annex: old}}})
	got := findings(rep)
	tests := []struct {
		key       string
		editorial bool
		row       int
	}{
		{"differs 3.A.5.a", false, 2},
		{"differs 3.A.7", true, 3},
		{"not-in-annex 7.A.9", false, 6},
		{"no-text 3.A.5.c", false, 7},
		{"missing 1.A.1", false, 0},
	}
	for _, tt := range tests {
		f, ok := got[tt.key]
		if !ok {
			t.Errorf("HarmoniseRegister: no finding %q", tt.key)
			continue
		}
		if f.Editorial != tt.editorial || f.Row != tt.row {
			t.Errorf("HarmoniseRegister: %q editorial, row = %v, %d, want %v, %d", tt.key, f.Editorial, f.Row, tt.editorial, tt.row)
		}
	}
	if m := got["differs 3.A.5.a"].Matches; len(m) != 1 || m[0] != "2023" {
		t.Errorf("3.A.5.a Matches = %v, want [2023]", m)
	}
	for _, k := range []string{"differs 3.C.3.a", "differs 3.A.5.b", "missing 3.A.5", "missing 3.A.5.a", "missing 3.A"} {
		if _, ok := got[k]; ok {
			t.Errorf("HarmoniseRegister: unexpected finding %q", k)
		}
	}
	if rep.Summary["same"] != 2 {
		t.Errorf("Summary = %v, want 2 same", rep.Summary)
	}
}
