package xlsx

import (
	"bytes"
	"errors"
	"strings"
	"testing"
)

// inferBook builds an annex sheet with the given header and rows of (id,
// category, text, notes), its columns in the order given by order (indexes
// into those four).
func inferBook(t *testing.T, head []any, order []int, rows [][4]string) []byte {
	t.Helper()
	out := [][]any{{"Liste / list 2024"}, head}
	for _, r := range rows {
		row := make([]any, len(order))
		for i, k := range order {
			row[i] = r[k]
		}
		out = append(out, row)
	}
	return book(t, sheetData{name: "Liste", rows: out})
}

var inferRows = [][4]string{
	{"1.", "I", "COMPLETE DELIVERY SYSTEMS", ""},
	{"1.A.", "I", "EQUIPMENT, ASSEMBLIES AND COMPONENTS", ""},
	{"1.A.1.", "I", "Complete rocket systems capable of delivering at least a 500 kg payload to a range of at least 300 km.", "Note: Item 1.A.1. includes ballistic missiles."},
	{"1.A.2.", "I", "Complete unmanned aerial vehicle systems capable of delivering at least a 500 kg payload.", ""},
	{"2.", "II", "COMPLETE SUBSYSTEMS", ""},
	{"2.A.", "II", "EQUIPMENT", ""},
	{"2.A.1.", "II", "Individual rocket stages usable in the systems specified in 1.A.1.", "Technical Note: the stage includes the motor."},
	{"2.A.2.", "II", "Solid rocket motors with a total impulse capacity of 1.1 MNs or greater.", ""},
	{"2.A.3.", "II", "Re-entry vehicles, and equipment designed or modified therefor.", ""},
}

// Headers worded in unknown ways, or in other languages, are read from the
// content of their columns.
func TestInferColumns(t *testing.T) {
	for _, tc := range []struct {
		name  string
		head  []any
		order []int
	}{
		{"English, unfamiliar", []any{"Control entry", "Cat.", "Text", "Remarks"}, []int{0, 1, 2, 3}},
		{"German", []any{"Nummer", "Kat.", "Wortlaut", "Anmerkungen"}, []int{0, 1, 2, 3}},
		{"French", []any{"Rubrique", "Catégorie", "Libellé", "Observations"}, []int{0, 1, 2, 3}},
		{"Norwegian, other order", []any{"Tekst", "Kontrollnummer", "Merknader", "Kategori"}, []int{2, 0, 3, 1}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a, err := Parse(bytes.NewReader(inferBook(t, tc.head, tc.order, inferRows)), Options{})
			if err != nil {
				t.Fatal(err)
			}
			if len(a.Items) != 2 || a.Items[1].Category != "II" || a.Items[0].Title != "COMPLETE DELIVERY SYSTEMS" {
				t.Fatalf("items = %+v", a.Items)
			}
			e := a.Items[0].Groups[0].Entries[0]
			if e.ID != "1.A.1" || !strings.HasPrefix(e.Text, "Complete rocket systems") || len(e.Notes) != 1 {
				t.Errorf("1.A.1 = %+v", e)
			}
			if n := countEntries(a.Items); n != 5 {
				t.Errorf("%d entries, want 5", n)
			}
		})
	}
}

// When the content allows two readings the parse fails, says what was
// ambiguous, and suggests --columns.
func TestInferColumnsAmbiguous(t *testing.T) {
	rows := make([][4]string, len(inferRows))
	for i, r := range inferRows {
		r[3] = strings.ReplaceAll(r[2], "rocket", "missile") // a second prose column, no note headings
		rows[i] = r
	}
	_, err := Parse(bytes.NewReader(inferBook(t, []any{"Nr", "Kat", "Wortlaut EU", "Wortlaut national"}, []int{0, 1, 2, 3}, rows)), Options{})
	var amb *AmbiguousError
	if !errors.As(err, &amb) {
		t.Fatalf("Parse = %v, want an ambiguity", err)
	}
	for _, want := range []string{"columns D and C both hold long text", "--columns id=A,text=D,notes=C"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q lacks %q", err, want)
		}
	}
	// --columns settles it.
	a, err := Parse(bytes.NewReader(inferBook(t, []any{"Nr", "Kat", "Wortlaut EU", "Wortlaut national"}, []int{0, 1, 2, 3}, rows)),
		Options{Columns: map[string]string{"id": "A", "text": "C", "notes": "D", "category": "B"}})
	if err != nil || countEntries(a.Items) != 5 {
		t.Fatalf("with --columns: %v", err)
	}
	// Two columns of entry numbers (old and new numbering).
	two := [][]any{{"Alt", "Neu", "Wortlaut"}}
	for _, r := range inferRows {
		two = append(two, []any{r[0], r[0], r[2]})
	}
	_, err = Parse(bytes.NewReader(book(t, sheetData{name: "S", rows: two})), Options{})
	if !errors.As(err, &amb) || !strings.Contains(err.Error(), "columns A and B both hold entry numbers") {
		t.Fatalf("two number columns: %v", err)
	}
}
