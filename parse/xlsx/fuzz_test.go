package xlsx

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/xuri/excelize/v2"
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
