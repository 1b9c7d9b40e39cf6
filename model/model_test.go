package model

import (
	"encoding/json"
	"errors"
	"reflect"
	"sort"
	"strings"
	"testing"
)

func TestParseID(t *testing.T) {
	tests := []struct {
		in   string
		want string
		ok   bool
	}{
		{"2.A.1.b.3", "2.A.1.b.3", true},
		{"2.A.1.b.3.", "2.A.1.b.3", true},
		{" 10.E.2. ", "10.E.2", true},
		{"3.A", "3.A", true},
		{"2.F.1", "", false},   // groups are A to E
		{"2.A.b", "", false},   // digits first below the group
		{"2.A.1.2", "", false}, // then letters
		{"2.a.1", "", false},
		{"02.A.1", "", false},
		{"2", "", false},
		{"", "", false},
		{"EAR99", "", false},
	}
	for _, tt := range tests {
		id, err := ParseID(tt.in)
		if (err == nil) != tt.ok {
			t.Errorf("ParseID(%q) error = %v, want ok %v", tt.in, err, tt.ok)
			continue
		}
		if err != nil {
			if !errors.Is(err, ErrBadID) {
				t.Errorf("ParseID(%q) error = %v, want it to wrap ErrBadID", tt.in, err)
			}
			continue
		}
		if got := id.String(); got != tt.want {
			t.Errorf("ParseID(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestIDParts(t *testing.T) {
	id, err := ParseID("12.C.3.b.10")
	if err != nil {
		t.Fatal(err)
	}
	if id.Item() != 12 || id.Group() != "C" || id.Last() != "10" || id.Depth() != 3 || id.Parent().String() != "12.C.3.b" {
		t.Errorf("parts of %s = item %d, group %q, last %q, depth %d, parent %s", id, id.Item(), id.Group(), id.Last(), id.Depth(), id.Parent())
	}
	if p := (ID{Segs: []string{"2", "A"}}).Parent(); len(p.Segs) != 0 {
		t.Errorf("Parent(2.A) = %v, want the zero ID", p)
	}
}

func TestCompareIDs(t *testing.T) {
	want := []string{"2.A.1", "2.A.1.b", "2.A.1.b.2", "2.A.1.b.10", "2.A.1.c", "2.A.9", "2.A.10", "2.B.1", "11.A.1"}
	got := append([]string(nil), want...)
	for i, j := 0, len(got)-1; i < j; i, j = i+1, j-1 {
		got[i], got[j] = got[j], got[i]
	}
	sort.Slice(got, func(i, j int) bool { return CompareIDs(got[i], got[j]) < 0 })
	if !reflect.DeepEqual(got, want) {
		t.Errorf("sorted ids = %v, want %v", got, want)
	}
	if c := CompareIDs("2.A.1.", "2.A.1"); c != 0 {
		t.Errorf("CompareIDs(2.A.1., 2.A.1) = %d, want 0", c)
	}
	if c := CompareIDs("zzz", "1.A.1"); c != 1 {
		t.Errorf("CompareIDs(zzz, 1.A.1) = %d, want 1 (non-ids last)", c)
	}
}

func TestOrdinalMarker(t *testing.T) {
	for _, tt := range []struct {
		seg   string
		depth int
		n     int
	}{{"1", 1, 1}, {"12", 3, 12}, {"a", 2, 1}, {"z", 2, 26}, {"aa", 2, 27}} {
		if got := Ordinal(tt.seg); got != tt.n {
			t.Errorf("Ordinal(%q) = %d, want %d", tt.seg, got, tt.n)
		}
		if got := Marker(tt.depth, tt.n); got != tt.seg {
			t.Errorf("Marker(%d, %d) = %q, want %q", tt.depth, tt.n, got, tt.seg)
		}
	}
}

func sample() *Annex {
	return &Annex{
		Meta:        Meta{DocID: "MTCR/TEM/2024/Annex"},
		Definitions: []Definition{{Term: "Guidance set", Text: "…"}, {Term: "Payload", Text: "…"}, {Term: "Accuracy", Text: "…"}},
		Items: []Item{{Number: 2, Category: "I", Title: "SUBSYSTEMS", Groups: []Group{
			{Letter: "A", Title: "EQUIPMENT", Entries: []Entry{
				{ID: "2.A.1", Text: `Subsystems carrying a "payload", as follows:`, Children: []Entry{
					{ID: "2.A.1.a", Text: `"Guidance sets" of the "accuracy" specified in 2.A.1.b.;`},
					{ID: "2.A.1.b", Text: "Stages;", Notes: []Note{{Kind: KindNote, Text: "See 2.A.1.a. and 19.A.1."}}},
				}},
				{ID: "2.A.2", Text: "Valves specified in 2.B."},
			}},
			{Letter: "B", Title: "TEST EQUIPMENT"},
		}}},
	}
}

func TestValidateClean(t *testing.T) {
	if ps := Validate(sample()); len(ps) != 0 {
		t.Errorf("Validate(clean model) = %v, want no problem", ps)
	}
}

func TestValidateProblems(t *testing.T) {
	a := sample()
	g := &a.Items[0].Groups[0]
	g.Entries = append(g.Entries,
		Entry{ID: "2.A.4", Text: `Any "widget" specified in 2.A.7. or 2.C.`},
		Entry{ID: "2.A.4", Text: "Twice."},
		Entry{ID: "2.B.5", Text: "Misfiled."},
	)
	g.Entries[0].Children = append(g.Entries[0].Children, Entry{ID: "2.A.1.e", Text: "Skipped c and d."})
	got := SortProblems(Validate(a))
	want := []Problem{
		{"2.A.1.e", ProblemGap, "numbering gap: 2.A.1.c to d missing before it"},
		{"2.A.4", ProblemDanglingRef, "refers to 2.A.7, which this annex does not contain"},
		{"2.A.4", ProblemDanglingRef, "refers to 2.C, which this annex does not contain"},
		{"2.A.4", ProblemDuplicate, "entry number used more than once"},
		{"2.A.4", ProblemGap, "numbering gap: 2.A.3 missing before it"},
		{"2.A.4", ProblemGap, "out of order: follows 2.A.4"},
		{"2.A.4", ProblemUndefinedTerm, `uses "widget", which no definition defines`},
		{"2.B.5", ProblemMisplaced, "printed under 2.A but numbered as if under 2.B"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Validate =\n%s\nwant\n%s", problemsText(got), problemsText(want))
	}
}

func problemsText(ps []Problem) string {
	var b strings.Builder
	for _, p := range ps {
		b.WriteString("  " + p.Kind + " " + p.String() + "\n")
	}
	return b.String()
}

func TestReferences(t *testing.T) {
	got := References("specified in 2.A.1.c.2., 3.A. or 19.A.1 (see 1.1 × 10⁶ Ns) and again 2.A.1.c.2.")
	want := []string{"2.A.1.c.2", "3.A", "19.A.1"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("References = %q, want %q", got, want)
	}
}

func TestTerms(t *testing.T) {
	if got := QuotedTerms(`a “payload” and "guidance sets" but 'local'`); !reflect.DeepEqual(got, []string{"payload", "guidance sets"}) {
		t.Errorf("QuotedTerms = %q", got)
	}
	for _, tt := range []struct {
		used, term string
		want       bool
	}{
		{"guidance sets", "Guidance set", true},
		{"Payload", "payload", true},
		{"accuracies", "Accuracy", true},
		{"programmes", "Programme", true},
		{"range", "Ranges", false},
		{"pay", "Payload", false},
	} {
		if got := TermMatches(tt.used, tt.term); got != tt.want {
			t.Errorf("TermMatches(%q, %q) = %v, want %v", tt.used, tt.term, got, tt.want)
		}
	}
	a := sample()
	if d := a.DefinitionFor("Guidance Sets"); d == nil || d.Term != "Guidance set" {
		t.Errorf("DefinitionFor(Guidance Sets) = %v, want Guidance set", d)
	}
	if !UsesTerm(a.Items[0].Groups[0].Entries[0].Text, "Payload") {
		t.Errorf("UsesTerm(2.A.1, Payload) = false, want true")
	}
}

func TestWalkAndFind(t *testing.T) {
	a := sample()
	var ids []string
	for _, n := range a.Nodes() {
		ids = append(ids, n.Entry.ID)
	}
	if want := []string{"2.A.1", "2.A.1.a", "2.A.1.b", "2.A.2"}; !reflect.DeepEqual(ids, want) {
		t.Errorf("Nodes = %v, want %v", ids, want)
	}
	if e := a.Find("2.A.1.b."); e == nil || e.Text != "Stages;" {
		t.Errorf("Find(2.A.1.b.) = %v", e)
	}
	if e := a.Find("2.A.9"); e != nil {
		t.Errorf("Find(2.A.9) = %v, want nil", e)
	}
	if n := a.Index()["2.A.1.a"]; n.Parent == nil || n.Parent.ID != "2.A.1" || n.Group.Letter != "A" || n.Item.Number != 2 {
		t.Errorf("Index()[2.A.1.a] = %+v", n)
	}
	if a.CountEntries() != 4 {
		t.Errorf("CountEntries = %d, want 4", a.CountEntries())
	}
}

func TestJSONShape(t *testing.T) {
	b, err := json.Marshal(Annex{Items: []Item{{Number: 5, Title: "RESERVED FOR FUTURE USE", Reserved: true},
		{Number: 6, Groups: []Group{{Letter: "A", Entries: []Entry{{ID: "6.A.1"}}}, {Letter: "C"}}}}})
	if err != nil {
		t.Fatal(err)
	}
	got := string(b)
	for _, want := range []string{`"schema":"annex/1"`, `"definitions":[]`, `"groups":[]`, `"notes":[],"children":[]`, `"letter":"C","title":"","entries":[]`} {
		if !strings.Contains(got, want) {
			t.Errorf("json.Marshal(Annex) = %s, want it to contain %s", got, want)
		}
	}
}
