package xlsx

import (
	"bytes"
	"testing"

	"github.com/annex-tools/annex/model"
)

func mustParse(t *testing.T, data []byte, opt Options) *model.Annex {
	t.Helper()
	a, err := Parse(bytes.NewReader(data), opt)
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	return a
}

// TestColumnsOption reads a sheet whose headers name no known role, with the
// columns given by the user; the rows above the first number are title rows.
func TestColumnsOption(t *testing.T) {
	data := book(t, sheetData{"Annex", [][]any{
		{"MTCR/TEM/2030/Annex", "1 May 2030"},
		{"Code", "Wording", "Comment"},
		{"1.", "ITEM ONE"},
		{"1.A.1.", "Text one.", "Note: A note."},
	}})
	a := mustParse(t, data, Options{Columns: map[string]string{"id": "A", "text": "b", "NOTES": "C"}})
	e := a.Find("1.A.1")
	if e == nil || e.Text != "Text one." || len(e.Notes) != 1 || e.Notes[0].Text != "A note." {
		t.Fatalf("Parse with columns: 1.A.1 = %+v, want text and one note", e)
	}
	if a.Meta.DocID != "MTCR/TEM/2030/Annex" || a.Meta.Date != "2030-05-01" {
		t.Errorf("Parse with columns: meta = %+v, want doc id and date from the title row", a.Meta)
	}

	// An override of one column on top of found headers.
	data = book(t, sheetData{"Annex", [][]any{
		{"Entry", "Description", "Extra"},
		{"1.A.1.", "Text.", "Technical Note: Override."},
	}})
	a = mustParse(t, data, Options{Columns: map[string]string{"notes": "C"}})
	if e := a.Find("1.A.1"); e == nil || len(e.Notes) != 1 || e.Notes[0].Kind != model.KindTechnicalNote {
		t.Errorf("Parse with notes=C: 1.A.1 = %+v, want one technical note", e)
	}
}

// TestSheetOption picks the sheet by name; by default the first sheet with
// an entries header wins.
func TestSheetOption(t *testing.T) {
	data := book(t,
		sheetData{"Cover", [][]any{{"Nothing here"}}},
		sheetData{"First", [][]any{{"Item", "Text"}, {"1.A.1", "first"}}},
		sheetData{"Second", [][]any{{"Item", "Text"}, {"1.A.1", "second"}}},
	)
	for _, tt := range []struct{ sheet, want string }{{"", "first"}, {"Second", "second"}, {"second", "second"}} {
		a := mustParse(t, data, Options{Sheet: tt.sheet})
		if e := a.Find("1.A.1"); e == nil || e.Text != tt.want {
			t.Errorf("Parse(Sheet %q): 1.A.1 = %+v, want text %q", tt.sheet, e, tt.want)
		}
	}
}

// TestRowForms covers the row shapes of other producers.
func TestRowForms(t *testing.T) {
	data := book(t, sheetData{"Annex", [][]any{
		{"Annex"},
		{"No.", "Text", "Remarks", "Category"},
		{"", "CATEGORY II"},
		{"ITEM 3 PROPULSION"},          // item and title in the number cell
		{"3.A", "EQUIPMENT"},           // group without trailing dot
		{"3.A.1", "Engines, as", ""},   // entry
		{"", "follows:", "Note: One."}, // continuation of the entry and its notes
		{"3.A.1.a", "Small;"},
		{"3.B.", "TEST"},
		{"", "None."}, // a group without entries
		{"", "4.A.1. Text in the text column."},
		{"5", "RESERVED FOR FUTURE USE", "", "2"},
		{"7.", "  LAST\nITEM  ", "", "Cat. I"},
	}})
	a := mustParse(t, data, Options{})
	check := func(what string, got, want any) {
		t.Helper()
		if got != want {
			t.Errorf("%s = %v, want %v", what, got, want)
		}
	}
	check("len(items)", len(a.Items), 4)
	if t.Failed() {
		t.FailNow()
	}
	it3, it4, it5, it7 := a.Items[0], a.Items[1], a.Items[2], a.Items[3]
	check("item 3 title", it3.Title, "PROPULSION")
	check("item 3 category", it3.Category, "II")
	check("len(item 3 groups)", len(it3.Groups), 2)
	check("3.A.1 text", a.Find("3.A.1").Text, "Engines, as follows:")
	check("3.A.1 notes", len(a.Find("3.A.1").Notes), 1)
	check("3.A.1 children", len(a.Find("3.A.1").Children), 1)
	check("3.B title", it3.Groups[1].Title, "TEST")
	check("3.B entries", len(it3.Groups[1].Entries), 0)
	check("item 4 implied", it4.Number, 4)
	check("4.A.1 text", a.Find("4.A.1").Text, "Text in the text column.")
	check("item 5 reserved", it5.Reserved, true)
	check("item 5 category", it5.Category, "II")
	check("item 7 title", it7.Title, "LAST ITEM")
	check("item 7 category", it7.Category, "I")
}

// TestFormulas takes formula text as text and never evaluates it.
func TestFormulas(t *testing.T) {
	data := book(t, sheetData{"Annex", [][]any{
		{"Entry", "Description", "Notes"},
		{"1.A.1.", formula(`HYPERLINK("http://x")`), formula("1+1")},
	}})
	a := mustParse(t, data, Options{})
	e := a.Find("1.A.1")
	if e == nil || e.Text != `=HYPERLINK("http://x")` {
		t.Fatalf("Parse: 1.A.1 = %+v, want the formula text", e)
	}
	if len(e.Notes) != 1 || e.Notes[0].Text != "=1+1" {
		t.Errorf("Parse: 1.A.1 notes = %+v, want one note \"=1+1\"", e.Notes)
	}
}

// TestDefinitionsScopeInTerm splits "Term (Items 2 and 3)" when the sheet has
// no scope column, and joins continuation rows.
func TestDefinitionsScopeInTerm(t *testing.T) {
	data := book(t,
		sheetData{"Annex", [][]any{{"Entry", "Text"}, {"1.A.1.", "x"}}},
		sheetData{"Terms", [][]any{
			{"Term", "Definition"},
			{`"Accuracy" (Items 2 and 3)`, "The largest"},
			{"", "deviation."},
			{"Range", "Distance."},
		}},
	)
	a := mustParse(t, data, Options{})
	want := []model.Definition{
		{Term: "Accuracy", Scope: "Items 2 and 3", Text: "The largest deviation."},
		{Term: "Range", Text: "Distance."},
	}
	if len(a.Definitions) != len(want) {
		t.Fatalf("Parse: definitions = %+v, want %+v", a.Definitions, want)
	}
	for i := range want {
		if a.Definitions[i] != want[i] {
			t.Errorf("Parse: definitions[%d] = %+v, want %+v", i, a.Definitions[i], want[i])
		}
	}
}

func TestSplitNotes(t *testing.T) {
	n := func(kind, label, text string) model.Note { return model.Note{Kind: kind, Label: label, Text: text} }
	tests := []struct {
		cell string
		want []model.Note
	}{
		{"", nil},
		{"Note: A.", []model.Note{n("Note", "", "A.")}},
		{"Note: 1. A.\nNote: 2. B.", []model.Note{n("Note", "1", "A."), n("Note", "2", "B.")}},
		{"Note: 3.B.3. does not control.", []model.Note{n("Note", "", "3.B.3. does not control.")}},
		{"Note: 2. Alone.", []model.Note{n("Note", "", "2. Alone.")}}, // does not count up from 1
		{"Technical Notes:\n1. A.\n2. B.", []model.Note{n("Technical Note", "1", "A."), n("Technical Note", "2", "B.")}},
		{"Technical Notes: 1. A. 2. B.", []model.Note{n("Technical Note", "1", "A."), n("Technical Note", "2", "B.")}},
		{"Note: A\ncontinued.\nN.B. See 3.C.", []model.Note{n("Note", "", "A continued."), n("N.B.", "", "See 3.C.")}},
		{"N.B.: See 3.C.", []model.Note{n("N.B.", "", "See 3.C.")}},
		{"Note 2: Labelled.", []model.Note{n("Note", "2", "Labelled.")}},
		{"A remark without heading.", []model.Note{n("Note", "", "A remark without heading.")}},
	}
	for _, tt := range tests {
		got := SplitNotes(tt.cell)
		if len(got) != len(tt.want) {
			t.Errorf("SplitNotes(%q) = %+v, want %+v", tt.cell, got, tt.want)
			continue
		}
		for i := range got {
			if got[i] != tt.want[i] {
				t.Errorf("SplitNotes(%q)[%d] = %+v, want %+v", tt.cell, i, got[i], tt.want[i])
			}
		}
	}
}

func TestNormHeader(t *testing.T) {
	for in, want := range map[string]string{"Control No.": "control no", " CAT. ": "cat", "Notes / Remarks": "notes remarks", "Entry #": "entry"} {
		if got := normHeader(in); got != want {
			t.Errorf("normHeader(%q) = %q, want %q", in, got, want)
		}
	}
}
