package grammar

import (
	"reflect"
	"testing"

	"github.com/annex-tools/annex/model"
)

func TestEntryHead(t *testing.T) {
	tests := []struct {
		line, id, rest string
		ok             bool
	}{
		{"2.A.1. Complete subsystems", "2.A.1", "Complete subsystems", true},
		{"4.C.2.b.10. Hydrazine", "4.C.2.b.10", "Hydrazine", true},
		{"10.A.3.", "10.A.3", "", true},
		{"2.A. EQUIPMENT", "", "", false},
		{"1.1 × 10⁶ Ns", "", "", false},
		{"2.A.1.e. covers", "2.A.1.e", "covers", true},
		// A number set so close to its text that no space was read: the
		// trailing dot ends it where a capital or a word of three letters
		// follows (markers have two letters at most).
		{"1.A.5.Servo valves", "1.A.5", "Servo valves", true},
		{"1.A.5.b.Servo valves", "1.A.5.b", "Servo valves", true},
		{"1.A.5.servo valves", "1.A.5", "servo valves", true},
		// A reference that starts a wrapped line is not an entry number.
		{"1.A.5.a and 1.A.6", "", "", false},
		{"1.A.5.aa, 1.A.6", "", "", false},
		{"1.A.5.", "1.A.5", "", true},
	}
	for _, tt := range tests {
		id, rest, ok := EntryHead(tt.line)
		if id != tt.id || rest != tt.rest || ok != tt.ok {
			t.Errorf("EntryHead(%q) = %q, %q, %v, want %q, %q, %v", tt.line, id, rest, ok, tt.id, tt.rest, tt.ok)
		}
	}
}

func TestGroupHead(t *testing.T) {
	n, l, title, ok := GroupHead("2.A.     EQUIPMENT, ASSEMBLIES AND COMPONENTS")
	if n != 2 || l != "A" || title != "EQUIPMENT, ASSEMBLIES AND COMPONENTS" || !ok {
		t.Errorf("GroupHead = %d, %q, %q, %v", n, l, title, ok)
	}
	if _, _, _, ok := GroupHead("2.A. covers the following"); ok {
		t.Errorf("GroupHead(running text) ok = true, want false")
	}
}

func TestNoteHead(t *testing.T) {
	tests := []struct {
		line, kind string
		plural     bool
		label      string
		rest       string
	}{
		{"Note: Engines specified", model.KindNote, false, "", "Engines specified"},
		{"Notes:", model.KindNote, true, "", ""},
		{"Technical Notes:", model.KindTechnicalNote, true, "", ""},
		{"Technical Note: In 3.A.2.", model.KindTechnicalNote, false, "", "In 3.A.2."},
		{"N.B.: For 'interior lining'", model.KindNB, false, "", "For 'interior lining'"},
		{"Note 2: Second", model.KindNote, false, "2", "Second"},
	}
	for _, tt := range tests {
		kind, plural, label, rest, ok := NoteHead(tt.line)
		if !ok || kind != tt.kind || plural != tt.plural || label != tt.label || rest != tt.rest {
			t.Errorf("NoteHead(%q) = %q, %v, %q, %q, %v", tt.line, kind, plural, label, rest, ok)
		}
	}
	for _, line := range []string{"Notwithstanding", "Nothing", "Noted that"} {
		if _, _, _, _, ok := NoteHead(line); ok {
			t.Errorf("NoteHead(%q) ok = true, want false", line)
		}
	}
}

func TestSplitNotes(t *testing.T) {
	got, ok := SplitNotes("Note: Lone note.\nTechnical Notes:\n1. First, see 3.A.1. for more.\n2. Second.\nN.B.: See 3.C.1.")
	want := []model.Note{
		{Kind: model.KindNote, Text: "Lone note."},
		{Kind: model.KindTechnicalNote, Label: "1", Text: "First, see 3.A.1. for more."},
		{Kind: model.KindTechnicalNote, Label: "2", Text: "Second."},
		{Kind: model.KindNB, Text: "See 3.C.1."},
	}
	if !ok || !reflect.DeepEqual(got, want) {
		t.Errorf("SplitNotes = %+v, %v, want %+v", got, ok, want)
	}
	if _, ok := SplitNotes("not a note"); ok {
		t.Errorf("SplitNotes(not a note) ok = true, want false")
	}
}

func TestFindDate(t *testing.T) {
	tests := []struct{ in, want string }{
		{"14 March 2024", "2024-03-14"},
		{"Date: March 14, 2024", "2024-03-14"},
		{"revised 2023-06-15", "2023-06-15"},
		{"1st Sept. 2021", "2021-09-01"},
		{"31 February 2024", ""},
		{"no date", ""},
	}
	for _, tt := range tests {
		if got, _ := FindDate(tt.in); got != tt.want {
			t.Errorf("FindDate(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestHeads(t *testing.T) {
	if id, ok := FindDocID("  MTCR/TEM/2024/Annex  "); !ok || id != "MTCR/TEM/2024/Annex" {
		t.Errorf("FindDocID = %q, %v", id, ok)
	}
	if n, title, ok := ItemHead("ITEM 2 COMPLETE SUBSYSTEMS"); !ok || n != 2 || title != "COMPLETE SUBSYSTEMS" {
		t.Errorf("ItemHead = %d, %q, %v", n, title, ok)
	}
	if c, ok := CategoryHead("CATEGORY II"); !ok || c != "II" {
		t.Errorf("CategoryHead = %q, %v", c, ok)
	}
	if m, rest, ok := Marker("b.    Re-entry vehicles"); !ok || m != "b" || rest != "Re-entry vehicles" {
		t.Errorf("Marker = %q, %q, %v", m, rest, ok)
	}
}

// TestMarkerGlued: a letter marker set against a capitalised word is a
// marker; digits, references, abbreviations and decimals that start a
// wrapped line are not.
func TestMarkerGlued(t *testing.T) {
	tests := []struct {
		line, marker, rest string
		ok                 bool
	}{
		{"b.Rotary wing.", "b", "Rotary wing.", true},
		{"12.Pumps", "", "", false},
		{"1.A., having", "", "", false},
		{"a.B.C", "", "", false},
		{"b. Rotary wing.", "b", "Rotary wing.", true},
		{"e.g. the", "", "", false},
		{"i.e. pumps", "", "", false},
		{"1.5 kg", "", "", false},
		{"b.rotary", "", "", false},
		{"U.S. made", "", "", false},
	}
	for _, tt := range tests {
		m, rest, ok := Marker(tt.line)
		if m != tt.marker || rest != tt.rest || ok != tt.ok {
			t.Errorf("Marker(%q) = %q, %q, %v; want %q, %q, %v", tt.line, m, rest, ok, tt.marker, tt.rest, tt.ok)
		}
	}
}

func TestSplitNotesEdges(t *testing.T) {
	tests := []struct {
		in   string
		want []model.Note
	}{
		{"N.B. See 3.C.1.", []model.Note{{Kind: model.KindNB, Text: "See 3.C.1."}}},
		{"Notes: As follows. 1. First. 2. Second.", []model.Note{
			{Kind: model.KindNote, Text: "As follows."},
			{Kind: model.KindNote, Label: "1", Text: "First."},
			{Kind: model.KindNote, Label: "2", Text: "Second."},
		}},
	}
	for _, tt := range tests {
		got, ok := SplitNotes(tt.in)
		if !ok || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("SplitNotes(%q) = %+v, %v, want %+v", tt.in, got, ok, tt.want)
		}
	}
	if _, _, _, _, ok := NoteHead("Note 1 below 2.A.1. applies"); ok {
		t.Errorf("NoteHead(running text citing Note 1) ok = true, want false")
	}
}

func TestSchemeHeads(t *testing.T) {
	eu, ml, mtcr := For(model.EU), For(model.ML), For(model.MTCR)
	tests := []struct {
		name string
		ok   bool
	}{
		{"9A SYSTEMS, EQUIPMENT AND COMPONENTS", true},
		{"9A Systems, Equipment and Components", true},
		{"9B includes test, inspection and production equipment", false},
		{"9A001 Aero gas turbine engines", false},
	}
	for _, tt := range tests {
		if _, _, _, ok := eu.GroupHead(tt.name); ok != tt.ok {
			t.Errorf("EU GroupHead(%q) = %v, want %v", tt.name, ok, tt.ok)
		}
	}
	if _, _, _, ok := mtcr.GroupHead("2.A. Equipment, Assemblies and Components"); ok {
		t.Error("MTCR group headings are in capitals only")
	}
	if n, title, ok := eu.ItemHead("CATEGORY 0 – NUCLEAR MATERIALS"); !ok || n != 0 || title != "NUCLEAR MATERIALS" {
		t.Errorf("EU ItemHead = %d %q %v", n, title, ok)
	}
	if _, _, ok := mtcr.ItemHead("ITEM 0"); ok {
		t.Error("MTCR has no item 0")
	}
	if id, rest, ok := eu.EntryHead("9A101.a. Turbojet engines"); !ok || id != "9A101.a" || rest != "Turbojet engines" {
		t.Errorf("EU EntryHead = %q %q %v", id, rest, ok)
	}
	if n, title, ok := ml.ItemHead("ML10 \"Aircraft\", as follows:"); !ok || n != 10 || title != "\"Aircraft\", as follows:" {
		t.Errorf("ML ItemHead = %d %q %v", n, title, ok)
	}
	for line, want := range map[string]string{
		"Note ML1. does not apply to:": "Note||ML1. does not apply to:",
		"Note 2 ML2.a. does not apply": "Note|2|ML2.a. does not apply",
		"Technical Notes":              "Technical Note||",
		"N.B.1: For guidance":          "N.B.|1|For guidance",
		"Notes on the use of":          "",
	} {
		kind, _, label, rest, ok := ml.NoteHead(line)
		got := ""
		if ok {
			got = kind + "|" + label + "|" + rest
		}
		if got != want {
			t.Errorf("ML NoteHead(%q) = %q, want %q", line, got, want)
		}
	}
	if _, _, _, _, ok := mtcr.NoteHead("Note ML1. does not apply to:"); ok {
		t.Error("MTCR note headings take a colon")
	}
}
