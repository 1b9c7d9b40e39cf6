package xlsx

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/annex-tools/annex/internal/xlsxguard"
	"github.com/annex-tools/annex/model"
)

// FuzzParseXLSX feeds mutated workbooks to Parse: it must not panic and must
// give the same result twice.
func FuzzParseXLSX(f *testing.F) {
	for _, p := range []string{
		filepath.Join("..", "..", "testdata", "sample-2023.xlsx"),
		filepath.Join("..", "..", "testdata", "sample-2024.xlsx"),
		altFile,
	} {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add(book(f, annexRows([]any{"1.", "I", "ITEM"}, []any{"1.A.1.", "I", "Text.", "Notes: 1. A. 2. B."})))
	f.Add(oleFile("Workbook"))
	f.Fuzz(func(t *testing.T, data []byte) {
		a1, err1 := Parse(bytes.NewReader(data), Options{})
		a2, err2 := Parse(bytes.NewReader(data), Options{})
		if (err1 == nil) != (err2 == nil) || (err1 != nil && err1.Error() != err2.Error()) {
			t.Fatalf("Parse twice: errors %v and %v", err1, err2)
		}
		if !reflect.DeepEqual(a1, a2) {
			t.Fatal("Parse twice: different models")
		}
	})
}

func BenchmarkParseXLSX(b *testing.B) {
	data, err := os.ReadFile(filepath.Join("..", "..", "testdata", "sample-2024.xlsx"))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse(bytes.NewReader(data), Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkGetRows is the obvious alternative, run beside BenchmarkParseXLSX:
// excelize's GetRows on every sheet of the same workbook, which only loads the
// cells as strings and builds no model.
func BenchmarkGetRows(b *testing.B) {
	data, err := os.ReadFile(filepath.Join("..", "..", "testdata", "sample-2024.xlsx"))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		f, err := excelize.OpenReader(bytes.NewReader(data))
		if err != nil {
			b.Fatal(err)
		}
		for _, sheet := range f.GetSheetList() {
			if _, err := f.GetRows(sheet); err != nil {
				b.Fatal(err)
			}
		}
		f.Close()
	}
}

// FuzzParseSheetXML builds a workbook around fuzzed sheet rows and shared
// strings, so that every input reaches the XML reader and the parser rather
// than stopping at the zip layer: Parse must not panic, must give the same
// result twice, and must return a model whose entry ids parse.
func FuzzParseSheetXML(f *testing.F) {
	r := func(n int, cells ...string) string {
		s := fmt.Sprintf(`<row r="%d">`, n)
		for i, c := range cells {
			s += fmt.Sprintf(`<c r="%c%d" t="inlineStr"><is><t>%s</t></is></c>`, 'A'+i, n, c)
		}
		return s + "</row>"
	}
	f.Add(r(1, "Entry", "Category", "Description", "Notes")+r(2, "1.", "I", "ITEM")+r(3, "1.A.", "I", "GROUP")+
		r(4, "1.A.1.", "I", "Text &amp; more.", "Note: a note.")+r(5, "1.A.2.", "I", "T&#1;wo.")+
		`<row r="6"><c r="A6" t="inlineStr"><is><t>1.A.3.</t></is></c><c r="C6" t="s"><v>0</v></c></row>`,
		"<si><t>Shared text.</t></si>")
	f.Add(r(1, "Control entry", "Cat.", "Text", "Remarks")+r(2, "2.", "II", "ITEM")+r(3, "2.A.1.", "II", "Long text of the entry.", "Technical Note: x")+
		r(4, "2.A.2.", "II", "Another long text of an entry.", ""), "")
	f.Add(r(1, "1.A.1. Text in one column")+r(2, "1.A.2. More"), "<si><r><t>rich</t></r></si>")
	f.Fuzz(func(t *testing.T, rows, sst string) {
		data := xlsxguard.Minimal(rows, sst)
		a1, err1 := Parse(bytes.NewReader(data), Options{})
		a2, err2 := Parse(bytes.NewReader(data), Options{})
		if (err1 == nil) != (err2 == nil) || (err1 != nil && err1.Error() != err2.Error()) {
			t.Fatalf("Parse twice: errors %v and %v", err1, err2)
		}
		if !reflect.DeepEqual(a1, a2) {
			t.Fatal("Parse twice: different models")
		}
		if err1 != nil {
			if strings.ContainsAny(err1.Error(), "\n\r") {
				t.Fatalf("error on several lines: %q", err1)
			}
			return
		}
		a1.Walk(func(n model.Node) bool {
			if _, err := model.ParseID(n.Entry.ID); err != nil {
				t.Fatalf("entry id %q does not parse: %v", n.Entry.ID, err)
			}
			return true
		})
	})
}
