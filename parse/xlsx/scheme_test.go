package xlsx

import (
	"bytes"
	"testing"

	"github.com/annex-tools/annex/model"
)

// A national spreadsheet of EU control codes, with the column headers such
// lists use: "Control code", "Description", "Notes".
func TestControlCodeColumns(t *testing.T) {
	data := book(t, sheetData{name: "List", rows: [][]any{
		{"Dual-use list, Category 9"},
		{"Control code", "Description", "Notes"},
		{"9A", "SYSTEMS, EQUIPMENT AND COMPONENTS", "N.B.: For propulsion systems designed or rated against neutron or transient ionising radiation, SEE THE MILITARY GOODS CONTROLS."},
		{"9A001", "Aero gas turbine engines having any of the following:", "N.B.: SEE ALSO 9A101."},
		{"9A001.a", "Incorporating any of the \"technologies\" specified in 9E003.a.", "Note 1: 9A001 does not control engines … Technical Note: inline.\nNote 2: 9A001 does not control engines for APUs."},
		{"9A001.b", "Not used.", ""},
		{"9A012", "\"UAVs\", as follows:", "N.B. 1: SEE ALSO 9A112.\nN.B. 2: For \"UAVs\" that are \"sub-orbital craft\", see 9A004.h."},
		{"9A012.a", "\"UAVs\" having all of the following:", ""},
		{"9A012.a.1", "Maximum 'endurance' of 30 minutes or greater;", ""},
	}})
	a, err := Parse(bytes.NewReader(data), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if model.Of(a) != model.EU || len(a.Items) != 1 || a.Items[0].Number != 9 {
		t.Fatalf("read %d items, scheme %s; want category 9 of the EU list", len(a.Items), model.Of(a).Name)
	}
	g := a.Items[0].Groups[0]
	if g.Letter != "A" || len(g.Notes) != 1 || g.Notes[0].Kind != model.KindNB {
		t.Errorf("group 9A = %q with notes %+v, want one N.B.", g.Letter, g.Notes)
	}
	if err := model.Check(a, model.EU); err != nil {
		t.Error(err)
	}
	e := a.Find("9A001.a")
	if e == nil || len(e.Notes) != 2 || e.Notes[0].Label != "1" || e.Notes[0].Text != "9A001 does not control engines … Technical Note: inline." {
		t.Errorf("9A001.a = %+v, want two notes, a heading inside the first kept as its text", e)
	}
	if e := a.Find("9A012"); e == nil || len(e.Notes) != 2 || e.Notes[1].Kind != model.KindNB || e.Notes[1].Label != "2" {
		t.Errorf("9A012 notes = %+v, want N.B. 1 and N.B. 2", e)
	}
	if e := a.Find("9A012.a.1"); e == nil {
		t.Error("9A012.a.1 missing")
	}
}

// A military list workbook as a national authority might keep it: the code
// in one column, "ML10" rows holding the heading.
func TestMilitaryListRows(t *testing.T) {
	data := book(t, sheetData{name: "ML", rows: [][]any{
		{"Control code", "Description", "Notes"},
		{"ML10", "\"Aircraft\", … as follows:", "N.B.: For guidance and navigation equipment, see ML11."},
		{"ML10.a", "Manned \"aircraft\";", ""},
		{"ML10.b", "Not used since 2011;", ""},
		{"ML10.c", "Unmanned \"aircraft\", as follows:", ""},
		{"ML10.c.1", "\"UAVs\";", ""},
		{"Category 0", "NUCLEAR MATERIALS", ""},
	}})
	a, err := Parse(bytes.NewReader(data), Options{})
	if err == nil {
		err = model.Check(a, nil) // as parse.Read does on every model
	}
	if err == nil || err.Error() != "item 0 is not an item of the military list (1 to 99)" {
		t.Fatalf("a category of the EU list among military list codes: %v", err)
	}
	data = book(t, sheetData{name: "ML", rows: [][]any{
		{"Control code", "Description", "Notes"},
		{"ML10", "\"Aircraft\", … as follows:", "N.B.: For guidance and navigation equipment, see ML11."},
		{"ML10.a", "Manned \"aircraft\";", ""},
		{"ML10.c", "Unmanned \"aircraft\", as follows:", ""},
		{"ML10.c.1", "\"UAVs\";", ""},
	}})
	a, err = Parse(bytes.NewReader(data), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := model.Check(a, model.ML); err != nil {
		t.Fatal(err)
	}
	it := a.Items[0]
	if it.Number != 10 || it.Title != "\"Aircraft\", … as follows:" || len(it.Groups) != 1 || it.Groups[0].Title != "" ||
		len(it.Groups[0].Notes) != 1 || len(it.Groups[0].Entries) != 2 {
		t.Errorf("ML10 = %+v", it)
	}
}
