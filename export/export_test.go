package export

import (
	"bytes"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/annex-tools/annex/internal/gen"
	"github.com/annex-tools/annex/model"
	"github.com/annex-tools/annex/parse"
	"github.com/annex-tools/annex/parse/xlsx"
)

var truths = []string{
	"sample-2023.truth.json",
	"sample-2024.truth.json",
	"sample-2024-letter.truth.json",
	"sample-2023.xlsx.truth.json",
	"sample-2024.xlsx.truth.json",
}

func load(t testing.TB, name string) *model.Annex {
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

// canon returns the JSON of a model without its source, for exact
// comparison (lists are always arrays, so nil and empty compare equal).
func canon(t testing.TB, a *model.Annex) string {
	t.Helper()
	c := *a
	c.Meta.Source = model.Source{}
	var b bytes.Buffer
	if err := JSON(&b, &c); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// firstDiff names the first line where two JSON texts differ.
func firstDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := range min(len(g), len(w)) {
		if g[i] != w[i] {
			return "line " + itoa(i+1) + ":\n got " + g[i] + "\nwant " + w[i]
		}
	}
	return "lengths differ: " + itoa(len(g)) + " lines, want " + itoa(len(w))
}

func itoa(n int) string { return strconv.Itoa(n) }

// TestXLSXRoundTrip writes every true model as a workbook, reads it back
// with parse/xlsx and wants the same model, exactly.
func TestXLSXRoundTrip(t *testing.T) {
	for _, name := range truths {
		t.Run(name, func(t *testing.T) {
			want := load(t, name)
			var buf bytes.Buffer
			if err := XLSX(&buf, want); err != nil {
				t.Fatalf("XLSX(%s): %v", name, err)
			}
			got, err := xlsx.Parse(bytes.NewReader(buf.Bytes()), xlsx.Options{})
			if err != nil {
				t.Fatalf("xlsx.Parse(XLSX(%s)): %v", name, err)
			}
			if g, w := canon(t, got), canon(t, want); g != w {
				t.Errorf("xlsx.Parse(XLSX(%s)) differs from the model: %s", name, firstDiff(g, w))
			}
		})
	}
}

// TestXLSXNoFormulas writes texts that a spreadsheet would take for formulas
// and checks that they come back as plain text cells.
func TestXLSXNoFormulas(t *testing.T) {
	texts := []string{`=HYPERLINK("http://x")`, "@SUM(A1)", "+1+2", "-3", "\tTab", "\rCR start", "=1+1"}
	a := &model.Annex{Meta: model.Meta{Title: "=cmd|' /C calc'!A0", DocID: "X/Y/Z"}}
	it := model.Item{Number: 1, Category: "I", Title: "ITEM", Groups: []model.Group{{Letter: "A", Title: "G"}}}
	for i, s := range texts {
		it.Groups[0].Entries = append(it.Groups[0].Entries, model.Entry{
			ID:    "1.A." + itoa(i+1),
			Text:  s,
			Notes: []model.Note{{Kind: model.KindNote, Text: "=NOTE()"}},
		})
	}
	a.Items = []model.Item{it}
	a.Definitions = []model.Definition{{Term: "=T", Text: "@D"}}
	var buf bytes.Buffer
	if err := XLSX(&buf, a); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, sheet := range f.GetSheetList() {
		rows, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		for r, row := range rows {
			for c := range row {
				cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
				if fx, err := f.GetCellFormula(sheet, cell); err != nil || fx != "" {
					t.Errorf("%s!%s has formula %q (err %v), want none", sheet, cell, fx, err)
				}
			}
		}
	}
	for i, s := range texts {
		cell := "C" + itoa(5+i) // title, header, item, group rows come first
		got, err := f.GetCellValue(SheetAnnex, cell)
		if want := strings.ReplaceAll(s, "\r", `\x0d`); err != nil || got != want { // a carriage return is shown as an escape
			t.Errorf("%s!%s = %q (err %v), want %q", SheetAnnex, cell, got, err, want)
		}
		if typ, _ := f.GetCellType(SheetAnnex, cell); typ == excelize.CellTypeFormula {
			t.Errorf("%s!%s has type formula", SheetAnnex, cell)
		}
	}
	// And nothing in the package XML is a formula element.
	f.Pkg.Range(func(k, v any) bool {
		name := k.(string)
		if strings.HasPrefix(name, "xl/worksheets/") {
			if b, ok := v.([]byte); ok && (bytes.Contains(b, []byte("<f>")) || bytes.Contains(b, []byte("<f "))) {
				t.Errorf("%s holds a formula element", name)
			}
		}
		return true
	})
}

func TestJSON(t *testing.T) {
	a := load(t, "sample-2024.truth.json")
	var buf bytes.Buffer
	if err := JSON(&buf, a); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	if !strings.HasSuffix(out, "}\n") || strings.HasSuffix(out, "\n\n") {
		t.Errorf("JSON output ends with %q, want one trailing newline", out[max(0, len(out)-5):])
	}
	if !strings.HasPrefix(out, "{\n  \"schema\": \"annex/1\",\n  \"meta\": {\n    \"regime\"") {
		t.Errorf("JSON output starts %q, want two-space indent and the schema first", out[:min(60, len(out))])
	}
	var back model.Annex
	if err := json.Unmarshal(buf.Bytes(), &back); err != nil {
		t.Fatal(err)
	}
	if g, w := canon(t, &back), canon(t, a); g != w {
		t.Errorf("JSON does not read back: %s", firstDiff(g, w))
	}
}

func TestNotesCell(t *testing.T) {
	n := func(kind, label, text string) model.Note { return model.Note{Kind: kind, Label: label, Text: text} }
	tests := []struct {
		name  string
		notes []model.Note
		want  string
	}{
		{"none", nil, ""},
		{"lone", []model.Note{n("Note", "", "A.")}, "Note: A."},
		{"numbered", []model.Note{n("Technical Note", "1", "A."), n("Technical Note", "2", "B.")},
			"Technical Notes:\n1. A.\n2. B."},
		{"mixed", []model.Note{n("Note", "", "A."), n("Technical Note", "1", "B."), n("Technical Note", "2", "C."), n("N.B.", "", "D.")},
			"Note: A.\nTechnical Notes:\n1. B.\n2. C.\nN.B.: D."},
		{"odd label", []model.Note{n("Note", "3", "A.")}, "Note 3: A."},
		// A numbered note whose text holds "; 2. " would split wrongly under
		// a plural heading: one line per note instead.
		{"fallback", []model.Note{n("Note", "1", "See a; 2. b"), n("Note", "2", "C.")}, "Note 1: See a; 2. b\nNote 2: C."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := notesCell(tt.notes)
			if err != nil || got != tt.want {
				t.Errorf("notesCell(%v) = %q, %v, want %q", tt.notes, got, err, tt.want)
			}
		})
	}
}

// TestJSONSameAsMarshal checks that JSON, which writes the items one at a
// time, writes the bytes that encoding the whole model through its
// MarshalJSON method writes, on models whose lists are nil, whose text needs
// escaping, nested deep, without items, with one, and generated.
func TestJSONSameAsMarshal(t *testing.T) {
	deep := model.Entry{ID: "1.A.1", Text: "leaf <b> & \u2028 \"q\""}
	for k := 0; k < 100; k++ {
		deep = model.Entry{ID: "1.A.1", Text: "level", Children: []model.Entry{deep}}
	}
	models := map[string]*model.Annex{
		"empty":     {},
		"nil lists": {Items: []model.Item{{Number: 1}, {Number: 2, Groups: []model.Group{{Letter: "A", Entries: []model.Entry{{ID: "2.A.1", Text: "a < b"}}}}}}},
		"deep":      {Items: []model.Item{{Number: 1, Groups: []model.Group{{Letter: "A", Entries: []model.Entry{deep}}}}}},
	}
	for _, name := range truths {
		models[name] = load(t, name)
	}
	models["generated"] = gen.Annex(7, 10, 2)
	models["one item"] = &model.Annex{Items: []model.Item{{Number: 1, Title: "T", Groups: []model.Group{{Letter: "A"}}}}}
	for name, a := range models {
		t.Run(name, func(t *testing.T) {
			var got, want bytes.Buffer
			if err := JSON(&got, a); err != nil {
				t.Fatal(err)
			}
			enc := json.NewEncoder(&want)
			enc.SetIndent("", "  ")
			enc.SetEscapeHTML(false)
			if err := enc.Encode(a); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got.Bytes(), want.Bytes()) {
				t.Errorf("JSON differs from json.Encoder at %s", firstDiff(got.String(), want.String()))
			}
		})
	}
}

// BenchmarkJSON writes the model of the sample PDF as annex parse --format
// json does (export.JSON), beside the path it replaced (json.Encoder calling
// the model's MarshalJSON method), and beside parsing the PDF itself: the
// output should take at most a tenth of the parse.
func BenchmarkJSON(b *testing.B) {
	data, err := os.ReadFile(filepath.Join("..", "testdata", "sample-2024.pdf"))
	if err != nil {
		b.Fatal(err)
	}
	a, err := parse.Read("sample-2024.pdf", data, parse.Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.Run("parse-pdf", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := parse.Read("sample-2024.pdf", data, parse.Options{}); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("export.JSON", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if err := JSON(io.Discard, a); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("MarshalJSON", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			enc := json.NewEncoder(io.Discard)
			enc.SetIndent("", "  ")
			enc.SetEscapeHTML(false)
			if err := enc.Encode(a); err != nil {
				b.Fatal(err)
			}
		}
	})
}
