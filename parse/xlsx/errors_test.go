package xlsx

import (
	"archive/zip"
	"bytes"
	"errors"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/annex-tools/annex/model"
)

var header = []any{"Entry", "Category", "Description", "Notes"}

func annexRows(rows ...[]any) sheetData {
	return sheetData{name: "Annex", rows: append([][]any{{"Title MTCR/TEM/2024/Annex 14 March 2024"}, header}, rows...)}
}

func encrypted(t *testing.T) []byte {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetCellStr("Sheet1", "A1", "Entry"); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf, excelize.Options{Password: "secret"}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// bomb is a zip whose workbook part claims to expand to 1 GiB.
func bomb(t *testing.T) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.CreateRaw(&zip.FileHeader{Name: "xl/workbook.xml", Method: zip.Deflate,
		CompressedSize64: 2, UncompressedSize64: 1 << 30})
	if err != nil {
		t.Fatal(err)
	}
	w.Write([]byte{3, 0})
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func zipWith(t *testing.T, names ...string) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, n := range names {
		w, _ := zw.Create(n)
		w.Write([]byte("<x/>"))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name     string
		data     func(t *testing.T) []byte
		opt      Options
		sentinel error  // errors.Is target, or nil
		want     string // the exact message, or a part of it when partial
		partial  bool
	}{
		{"encrypted", encrypted, Options{}, ErrEncrypted, "password-protected workbook; save an unprotected copy", false},
		{"encrypted streams", func(*testing.T) []byte { return oleFile("EncryptionInfo", "EncryptedPackage") }, Options{}, ErrEncrypted, "password-protected workbook", true},
		{"legacy xls", func(*testing.T) []byte { return oleFile("Workbook") }, Options{}, ErrLegacyFormat, "legacy .xls workbook (Excel 97-2003); save it as .xlsx", false},
		{"other OLE", func(*testing.T) []byte { return oleFile("WordDocument") }, Options{}, nil, "OLE compound file without a workbook", true},
		{"zip bomb", bomb, Options{}, ErrTooLarge, "workbook expands beyond 256 MiB", false},
		{"xlsb", func(t *testing.T) []byte { return zipWith(t, "xl/workbook.bin") }, Options{}, ErrBinaryFormat, "binary .xlsb workbook; save it as .xlsx", false},
		{"zip without workbook", func(t *testing.T) []byte { return zipWith(t, "word/document.xml") }, Options{}, nil, "zip archive without a workbook", false},
		{"not a workbook", func(*testing.T) []byte { return []byte("hello, world") }, Options{}, nil, "not a workbook: it starts with 68 65 6c 6c 6f 2c 20 77", false},
		{"damaged zip", func(*testing.T) []byte { return []byte("PK\x03\x04 garbage") }, Options{}, nil, "damaged workbook", true},
		{"no header", func(t *testing.T) []byte {
			return book(t, sheetData{"Annex", [][]any{{"Annex 2024"}, {"Code", "Wording", "Comment"}, {"1.A.1.", "Text"}}})
		}, Options{}, ErrNoHeader, `Annex: no header row found in the first 30 rows (saw "Annex 2024", "Code", "Wording", "Comment", "1.A.1.", "Text"); use --columns id=B,text=D,notes=E`, false},
		{"bad id", func(t *testing.T) []byte {
			rows := [][]any{{"1.", "I", "ITEM"}, {"1.A.", "I", "GROUP"}}
			for len(rows) < 14 {
				rows = append(rows, []any{"1.A." + strconv.Itoa(len(rows)-1) + ".", "I", "text"})
			}
			rows = append(rows, []any{"x.y", "I", "text"})
			return book(t, annexRows(rows...))
		}, Options{}, model.ErrBadID, `Annex!A17: "x.y" is not an entry number`, false},
		{"orphan", func(t *testing.T) []byte {
			return book(t, annexRows([]any{"1.A.1.", "I", "a"}, []any{"1.A.2.b.", "I", "b"}))
		}, Options{}, nil, "Annex!A4: entry 1.A.2.b comes before its parent 1.A.2", false},
		{"duplicate", func(t *testing.T) []byte {
			return book(t, annexRows([]any{"1.A.1.", "I", "a"}, []any{"1.A.1", "I", "b"}))
		}, Options{}, nil, "Annex!A4: entry 1.A.1 again (first at A3)", false},
		{"no sheet", func(t *testing.T) []byte { return book(t, annexRows()) }, Options{Sheet: "Nope"}, ErrNoSheet, `no such sheet "Nope"; the workbook has "Annex"`, false},
		{"bad role", func(t *testing.T) []byte { return book(t, annexRows()) }, Options{Columns: map[string]string{"title": "B"}}, nil, `unknown column role "title" (want id, text, notes, category)`, false},
		{"bad column", func(t *testing.T) []byte { return book(t, annexRows()) }, Options{Columns: map[string]string{"id": "B2"}}, nil, `column for id: "B2" is not a column letter`, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := Parse(bytes.NewReader(tt.data(t)), tt.opt)
			if err == nil {
				t.Fatalf("Parse = %d items, nil error, want error %q", len(a.Items), tt.want)
			}
			if tt.sentinel != nil && !errors.Is(err, tt.sentinel) {
				t.Errorf("Parse error %q does not wrap %q", err, tt.sentinel)
			}
			if got := err.Error(); (tt.partial && !strings.Contains(got, tt.want)) || (!tt.partial && got != tt.want) {
				t.Errorf("Parse error = %q, want %q", got, tt.want)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("Parse error %q spans lines, want one line", err)
			}
		})
	}
}

// TestErrorPosition checks that cell errors are *Error values with the
// position, like encoding/csv's ParseError.
func TestErrorPosition(t *testing.T) {
	data := book(t, annexRows([]any{"1.A.1.", "I", "a"}, []any{"1.Z.1.", "I", "b"}))
	_, err := Parse(bytes.NewReader(data), Options{})
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("Parse error %v is not an *Error", err)
	}
	if e.Sheet != "Annex" || e.Cell != "A4" {
		t.Errorf("Parse error at %s!%s, want Annex!A4", e.Sheet, e.Cell)
	}
}
