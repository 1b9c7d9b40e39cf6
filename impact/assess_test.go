package impact

import (
	"os"
	"strings"
	"testing"

	"github.com/annex-tools/annex/diff"
	"github.com/annex-tools/annex/model"
	"github.com/annex-tools/annex/parse"
)

// samples loads the two sample truths and their real diff.
func samples(t testing.TB) (old, new *model.Annex, d diff.Result) {
	t.Helper()
	old, err := parse.File("../testdata/sample-2023.truth.json", parse.Options{})
	if err != nil {
		t.Fatal(err)
	}
	new, err = parse.File("../testdata/sample-2024.truth.json", parse.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return old, new, diff.Compare(old, new)
}

func readTestRegister(t testing.TB) *Register {
	t.Helper()
	data, err := os.ReadFile("testdata/register.csv")
	if err != nil {
		t.Fatal(err)
	}
	reg, err := ReadRegister("register.csv", data, "")
	if err != nil {
		t.Fatal(err)
	}
	return reg
}

type wantAnn struct {
	id     string
	status Status
	newID  string
	action string // a substring of Action
	detail string // a substring of Detail, or ""
	causes []string
}

// TestAssessSamples checks every annotation of the test register against
// the real diff of the sample revisions 2023 → 2024
// (testdata/sample-2023_2024.expected.json lists the true changes).
func TestAssessSamples(t *testing.T) {
	old, new, d := samples(t)
	rep := Assess(old, new, d, readTestRegister(t))
	want := map[int][]wantAnn{
		3:  {{"3.A.5.a", StatusModified, "3.A.5.a", "review: the text changed; 24 litres per minute → 20 litres per minute (wider)", "", nil}},
		4:  {{"3.A.7", StatusEditorial, "3.A.7", "update the wording", "", nil}},
		5:  {{"4.C.2.b.6", StatusRenumbered, "4.C.2.b.7", "write 4.C.2.b.7", "4.C.2.b.6 now numbers another entry (added: Hydrazine hydrate", nil}},
		6:  {{"10.A.2", StatusMoved, "9.A.8", "write 9.A.8 (moved from 10.A to 9.A)", "formerly 10.A.3", nil}},
		7:  {{"10.A.3", StatusRenumbered, "10.A.2", "write 10.A.2 and update the wording", "", nil}},
		8:  {{"3.C.3.a", StatusUnchanged, "3.C.3.a", "none", "", nil}},
		9:  {{"3.C.4", StatusRemoved, "", "3.C.4 was removed", "3.C.4 now numbers another entry (formerly 3.C.5", nil}},
		10: {{"7.A.9", StatusNotInOld, "", "fix the register: 7.A.9 is not an entry of MTCR/TEM/2023/Annex", "", nil}},
		11: {{"1.A.2", StatusModified, "1.A.2", "review: the text changed", "the definition of \"Range\"", []string{"definition:Range"}}},
		12: {{"2.A.1.d", StatusModified, "2.A.1.d", "review: the text changed", "a note of 2.A.1", []string{"note:2.A.1", "definition:Guidance set", "definition:Range"}}},
		13: {{"1.D.1.b", StatusContext, "1.D.1.b", "review: the definition of \"Microprogramme\" (through \"Software\") changed", "", []string{"definition:Microprogramme"}}},
		14: {
			{"3.A.7", StatusEditorial, "3.A.7", "update the wording", "", nil},
			{"4.C.2.b.6", StatusRenumbered, "4.C.2.b.7", "write 4.C.2.b.7", "", nil},
		},
		15: {
			{"3.A.5.c", StatusUnchanged, "3.A.5.c", "none", "", nil},
			{"see list", StatusUnreadable, "", "row 15", "", nil},
		},
		16: {{"", StatusNoID, "", "names no annex entry", "", nil}},
		17: {{"3.C.3.b", StatusUnchanged, "3.C.3.b", "none", "", nil}},
	}
	if len(rep.Rows) != len(want) {
		t.Fatalf("Assess gave %d rows, want %d", len(rep.Rows), len(want))
	}
	for _, row := range rep.Rows {
		w, ok := want[row.Row]
		if !ok {
			t.Errorf("unexpected row %d", row.Row)
			continue
		}
		if len(row.Annotations) != len(w) {
			t.Errorf("row %d: %d annotations, want %d: %+v", row.Row, len(row.Annotations), len(w), row.Annotations)
			continue
		}
		for i, a := range row.Annotations {
			wa := w[i]
			if a.ID != wa.id || a.Status != wa.status || a.NewID != wa.newID {
				t.Errorf("row %d: annotation = (%q, %s, %q), want (%q, %s, %q)", row.Row, a.ID, a.Status, a.NewID, wa.id, wa.status, wa.newID)
			}
			if !strings.Contains(a.Action, wa.action) {
				t.Errorf("row %d %s: Action = %q, want it to contain %q", row.Row, a.ID, a.Action, wa.action)
			}
			if wa.detail != "" && !strings.Contains(a.Detail, wa.detail) {
				t.Errorf("row %d %s: Detail = %q, want it to contain %q", row.Row, a.ID, a.Detail, wa.detail)
			}
			var causes []string
			for _, c := range a.Causes {
				k := c.ID
				if c.Kind == CauseDefinition {
					k = c.Term
				}
				causes = append(causes, c.Kind+":"+k)
			}
			if strings.Join(causes, ",") != strings.Join(wa.causes, ",") {
				t.Errorf("row %d %s: causes = %v, want %v", row.Row, a.ID, causes, wa.causes)
			}
		}
	}
	// The register's cells come through untouched.
	if got := rep.Rows[0].Cells; strings.Join(got, "|") != "Servo valve SV-24|Acme Hydraulics|3.A.5.a.|L-2021-001" {
		t.Errorf("row 3 cells = %q", got)
	}
	if rep.Register.IDColumn != "MTCR entry" {
		t.Errorf("IDColumn = %q, want %q", rep.Register.IDColumn, "MTCR entry")
	}
	// The word diff and the thresholds of a substantive change are carried.
	a := rep.Rows[0].Annotations[0]
	if diff.DiffText1(a.TextDiff) != old.Find("3.A.5.a").Text || diff.DiffText2(a.TextDiff) != new.Find("3.A.5.a").Text {
		t.Errorf("3.A.5.a TextDiff does not rebuild both texts: %v", a.TextDiff)
	}
	if len(a.Quantities) != 1 || a.Quantities[0].Direction != diff.Wider {
		t.Errorf("3.A.5.a Quantities = %+v, want one, wider", a.Quantities)
	}
	if rep.Summary[StatusModified] != 3 || rep.Summary[StatusUnchanged] != 3 {
		t.Errorf("Summary = %v", rep.Summary)
	}
}

// TestAssessContext checks the causes around an unchanged entry: lead-in,
// note, sub-entry and definition changes, with hand-made diff results.
func TestAssessContext(t *testing.T) {
	m := func(text2 string, defText string) *model.Annex {
		return &model.Annex{
			Meta:        model.Meta{DocID: "X"},
			Definitions: []model.Definition{{Term: "Widget", Text: defText}, {Term: "Gadget", Scope: "Item 4", Text: "a gadget"}},
			Items: []model.Item{{Number: 3, Groups: []model.Group{{Letter: "A", Entries: []model.Entry{
				{ID: "3.A.1", Text: "Systems, as follows:", Children: []model.Entry{
					{ID: "3.A.1.a", Text: "Pumps using \"widgets\" and \"gadgets\";"},
					{ID: "3.A.1.b", Text: text2},
				}},
				{ID: "3.A.2", Text: "Valves."},
			}}}}},
		}
	}
	old, new := m("Fans.", "w1"), m("Fans.", "w2")
	tests := []struct {
		name    string
		changes []diff.Change
		id      string
		status  Status
		action  string
	}{
		{"lead-in", []diff.Change{{Target: diff.TargetEntry, Kind: diff.Modified, OldID: "3.A.1", NewID: "3.A.1", Fields: []string{"text"}}},
			"3.A.1.b", StatusContext, "review: the lead-in of 3.A.1 changed"},
		{"editorial note", []diff.Change{{Target: diff.TargetEntry, Kind: diff.Modified, OldID: "3.A.1", NewID: "3.A.1", Fields: []string{"notes"}, Editorial: true}},
			"3.A.1.a", StatusContext, "check: editorial change to a note of 3.A.1 [editorial]"},
		{"sub-entry added", []diff.Change{{Target: diff.TargetEntry, Kind: diff.Added, NewID: "3.A.1.c"}},
			"3.A.1", StatusContext, "review: sub-entry 3.A.1.c (added) changed"},
		{"sibling only", []diff.Change{{Target: diff.TargetEntry, Kind: diff.Modified, OldID: "3.A.1.b", NewID: "3.A.1.b", Fields: []string{"text"}}},
			"3.A.1.a", StatusUnchanged, "none"},
		{"definition", []diff.Change{{Target: diff.TargetDefinition, Kind: diff.Modified, Term: "Widget"}},
			"3.A.1.a", StatusContext, "review: the definition of \"Widget\" changed"},
		{"definition out of scope", []diff.Change{{Target: diff.TargetDefinition, Kind: diff.Modified, Term: "Gadget"}},
			"3.A.1.a", StatusUnchanged, "none"},
		{"definition affects", []diff.Change{{Target: diff.TargetDefinition, Kind: diff.Modified, Term: "Gizmo", Affects: []string{"3.A.2"}}},
			"3.A.2", StatusContext, "the definition of \"Gizmo\""},
		{"group", []diff.Change{{Target: diff.TargetEntry, Kind: diff.Modified, OldID: "3.A.2", NewID: "3.A.2", Fields: []string{"text"}}},
			"3.A", StatusContext, "sub-entry 3.A.2 (modified)"},
		{"not in old", nil, "3.A.9", StatusNotInOld, "fix the register: 3.A.9 is not an entry of X"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			reg := &Register{Header: []string{"id"}, Rows: []Row{{Number: 2, Cells: []string{tt.id}, IDs: []string{tt.id}}}}
			rep := Assess(old, new, diff.Result{Changes: tt.changes}, reg)
			a := rep.Rows[0].Annotations[0]
			if a.Status != tt.status || !strings.Contains(a.Action, tt.action) {
				t.Errorf("Assess(%s) = %s %q, want %s %q", tt.id, a.Status, a.Action, tt.status, tt.action)
			}
		})
	}
}

// TestAssessRemovedSimilar checks that a removed entry points to the new
// entry its text went to, and only above the similarity threshold.
func TestAssessRemovedSimilar(t *testing.T) {
	mk := func(entries ...model.Entry) *model.Annex {
		return &model.Annex{Items: []model.Item{{Number: 5, Groups: []model.Group{{Letter: "B", Entries: entries}}}}}
	}
	old := mk(model.Entry{ID: "5.B.1", Text: "Filament winding machines with three or more axes of motion."},
		model.Entry{ID: "5.B.2", Text: "Tape laying machines."})
	new := mk(model.Entry{ID: "5.B.1", Text: "Tape laying machines and filament winding machines with two or more axes of motion."})
	d := diff.Result{Changes: []diff.Change{
		{Target: diff.TargetEntry, Kind: diff.Removed, OldID: "5.B.1"},
		{Target: diff.TargetEntry, Kind: diff.Renumbered, OldID: "5.B.2", NewID: "5.B.1", Fields: []string{"text"}},
	}}
	reg := &Register{Header: []string{"id"}, Rows: []Row{{Number: 2, IDs: []string{"5.B.1"}}}}
	a := Assess(old, new, d, reg).Rows[0].Annotations[0]
	if a.Status != StatusRemoved || a.Similar == nil || a.Similar.ID != "5.B.1" {
		t.Fatalf("Assess(5.B.1) = %s, similar %+v; want removed, similar 5.B.1", a.Status, a.Similar)
	}
	if a.Similar.Similarity < similarityThreshold || a.Similar.Similarity >= 1 {
		t.Errorf("Similarity = %v, want in [%v, 1)", a.Similar.Similarity, similarityThreshold)
	}
	if !strings.Contains(a.Action, "similar text is now at 5.B.1") || !strings.Contains(a.Detail, "5.B.1 now numbers another entry (formerly 5.B.2") {
		t.Errorf("Action = %q, Detail = %q", a.Action, a.Detail)
	}
	// A diff that lists no change for an entry the new revision lacks: the
	// entry is not called unchanged.
	a = Assess(old, mk(old.Items[0].Groups[0].Entries[1]), diff.Result{}, reg).Rows[0].Annotations[0]
	if a.Status != StatusRemoved || !strings.Contains(a.Detail, "lists no change") {
		t.Errorf("Assess with an incomplete diff = %s %q, want removed", a.Status, a.Detail)
	}
	// Nothing similar: no suggestion.
	new2 := mk(model.Entry{ID: "5.B.1", Text: "Isostatic presses."})
	a = Assess(old, new2, d, reg).Rows[0].Annotations[0]
	if a.Similar != nil {
		t.Errorf("Assess with dissimilar text: Similar = %+v, want nil", a.Similar)
	}
}

func TestSimilarity(t *testing.T) {
	tests := []struct {
		a, b string
		want float64
	}{
		{"Tape laying machines.", "tape laying machines", 1},
		{"“Range” of 300 km", "\"range\" of 300 km", 1},
		{"a b c d", "e f g h", 0},
		{"a b c d", "a b x y", 0.5},
		{"", "", 0},
	}
	for _, tt := range tests {
		if got := Similarity(tt.a, tt.b); got != tt.want {
			t.Errorf("Similarity(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}
