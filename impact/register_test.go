package impact

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

func TestSplitIDs(t *testing.T) {
	tests := []struct {
		in       string
		ids, bad []string
	}{
		{"3.A.5.a", []string{"3.A.5.a"}, nil},
		{"3.A.5.a.", []string{"3.A.5.a"}, nil},
		{" 3.A.5.a ; 3.A.7,4.C.2.b.6 ", []string{"3.A.5.a", "3.A.7", "4.C.2.b.6"}, nil},
		{"3.A.7 and 4.C.2.b.6.", []string{"3.A.7", "4.C.2.b.6"}, nil},
		{"3.A.7 or 3.A.7.", []string{"3.A.7"}, nil},
		{"MTCR 9.A.8", []string{"9.A.8"}, nil},
		{"Item 2.A.1.c.1\n2.A.1.c.2", []string{"2.A.1.c.1", "2.A.1.c.2"}, nil},
		{"3.A.5.a-c", []string{"3.A.5.a"}, []string{"3.A.5.a-c"}},
		{"9A101", []string{"9A101"}, nil},
		{"9A101.a.1", []string{"9A101.a.1"}, nil},
		{"9A101 a 1", []string{"9A101.a.1"}, nil},
		{"9A101a1; 9a012", []string{"9A101.a.1", "9A012"}, nil},
		{"Cat 9A012 or 9A112.a.", []string{"9A012", "9A112.a"}, nil},
		{"ML10 a 1, ML8.dd", []string{"ML10.a.1", "ML8.dd"}, nil},
		{"EAR99", nil, nil}, // the US "no classification": names no entry
		{"n/a", nil, nil},
		{"N/A", nil, nil},
		{" - ", nil, nil},
		{"none", nil, nil},
		{"Not controlled.", nil, nil},
		{"1.A.1 (cat I)", []string{"1.A.1"}, nil},
		{"1.A.1 (cat I), 2.A.1", []string{"1.A.1", "2.A.1"}, nil},
		{"1.A.1 cat I", []string{"1.A.1"}, []string{"1.A.1 cat I"}},
		{"", nil, nil},
		{"3.A", []string{"3.A"}, nil},
	}
	for _, tt := range tests {
		ids, bad := SplitIDs(tt.in)
		if !reflect.DeepEqual(ids, tt.ids) || !reflect.DeepEqual(bad, tt.bad) {
			t.Errorf("SplitIDs(%q) = %q, %q, want %q, %q", tt.in, ids, bad, tt.ids, tt.bad)
		}
	}
}

// xlsxOf writes rows into a workbook, on the sheet called sheet, after a
// first empty sheet when blankFirst.
func xlsxOf(t testing.TB, sheet string, rows [][]string, blankFirst bool) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	if blankFirst {
		if _, err := f.NewSheet(sheet); err != nil {
			t.Fatal(err)
		}
	} else if err := f.SetSheetName("Sheet1", sheet); err != nil {
		t.Fatal(err)
	}
	for i, r := range rows {
		for j, v := range r {
			cell, _ := excelize.CoordinatesToCellName(j+1, i+1)
			if err := f.SetCellStr(sheet, cell, v); err != nil {
				t.Fatal(err)
			}
		}
	}
	var b bytes.Buffer
	if _, err := f.WriteTo(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func csvRows(t testing.TB, path string) [][]string {
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	r := csv.NewReader(bytes.NewReader(data))
	r.Comma = ';'
	r.FieldsPerRecord = -1
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// TestRegisterXLSXSameAsCSV reads the test register as a workbook (with an
// empty sheet first, so that the sheet holding ids has to be found) and
// checks that it gives the same register and the same annotations as the CSV.
func TestRegisterXLSXSameAsCSV(t *testing.T) {
	fromCSV := readTestRegister(t)
	data := xlsxOf(t, "Products", csvRows(t, "testdata/register.csv"), true)
	fromXLSX, err := ReadRegister("register.xlsx", data, "")
	if err != nil {
		t.Fatal(err)
	}
	if fromXLSX.Sheet != "Products" || fromXLSX.Format != "xlsx" {
		t.Errorf("ReadRegister(xlsx) sheet, format = %q, %q, want Products, xlsx", fromXLSX.Sheet, fromXLSX.Format)
	}
	if !reflect.DeepEqual(fromXLSX.Rows, fromCSV.Rows) || !reflect.DeepEqual(fromXLSX.Header, fromCSV.Header) || fromXLSX.HeaderRow != 2 {
		t.Errorf("ReadRegister(xlsx) differs from the CSV:\n%+v\n%+v", fromXLSX, fromCSV)
	}
	old, new, d := samples(t)
	a, b := Assess(old, new, d, fromCSV), Assess(old, new, d, fromXLSX)
	a.Register, b.Register = RegisterInfo{}, RegisterInfo{}
	if !reflect.DeepEqual(a, b) {
		t.Error("Assess on the workbook register differs from Assess on the CSV register")
	}
}

func TestReadRegisterColumns(t *testing.T) {
	tests := []struct {
		name, data, idColumn string
		wantCol, wantHead    int
		wantIDs              []string // of the first data row
	}{
		{"header word", "Product,Control entry,Notes\nValve,3.A.5.a,x\n", "", 1, 1, []string{"3.A.5.a"}},
		{"content, no header", "Valve,3.A.5.a\nPump,3.A.5.b\n", "", 1, 0, []string{"3.A.5.a"}},
		{"content, unnamed header", "Product,Code\nValve,3.A.5.a\nPump,3.A.5.b\nFan,none\n", "", 1, 1, []string{"3.A.5.a"}},
		{"semicolons and BOM", "\xef\xbb\xbfProduct;Annex ID\nValve;3.A.5.a, 3.A.7\n", "", 1, 1, []string{"3.A.5.a", "3.A.7"}},
		{"tabs", "Product\tMTCR\nValve\t3.A.7\n", "", 1, 1, []string{"3.A.7"}},
		{"named", "Ref,Old code,New code\n1,3.A.5.a,3.A.7\n", "new code", 2, 1, []string{"3.A.7"}},
		{"letter", "Ref,Old code,New code\n1,3.A.5.a,3.A.7\n", "C", 2, 1, []string{"3.A.7"}},
		{"letter, no header", "1,3.A.5.a,3.A.7\n", "b", 1, 0, []string{"3.A.5.a"}},
		{"windows-1252", "Produit;Entrée\nValve \xe9;3.A.7\n", "", 1, 1, []string{"3.A.7"}},
		{"false friend header", "Entry date,Item\n2024-01-01,3.A.7\n", "", 1, 1, []string{"3.A.7"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			reg, err := ReadRegister("r.csv", []byte(tt.data), tt.idColumn)
			if err != nil {
				t.Fatal(err)
			}
			if reg.IDColumn != tt.wantCol || reg.HeaderRow != tt.wantHead {
				t.Errorf("ReadRegister(%q) column, header row = %d, %d, want %d, %d", tt.data, reg.IDColumn, reg.HeaderRow, tt.wantCol, tt.wantHead)
			}
			if len(reg.Rows) == 0 || !reflect.DeepEqual(reg.Rows[0].IDs, tt.wantIDs) {
				t.Errorf("ReadRegister(%q) first row = %+v, want ids %q", tt.data, reg.Rows, tt.wantIDs)
			}
		})
	}
}

func TestReadRegisterErrors(t *testing.T) {
	tests := []struct {
		name, data, idColumn string
		want                 error
		msg                  string
	}{
		{"empty", "", "", ErrEmpty, "r: empty file"},
		{"blank lines", "\n\n  \n", "", ErrEmpty, "r: empty file"},
		{"no id column", "Product,Price\nValve,12\n", "", ErrNoIDColumn, `r: no column of annex entry ids (headers seen: "Product", "Price"); Try: --id-column NAME`},
		{"no such column", "Product,Price\nValve,12\n", "Code", ErrNoColumn, `no such column "Code"`},
		{"letter beyond", "Product,Price\nValve,12\n", "D", ErrNoColumn, `no such column "D": the last column with anything in it is B`},
		{"pdf", "%PDF-1.7\n...", "", ErrUnsupported, "this is a PDF"},
		{"ole", "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1....", "", ErrUnsupported, "legacy .xls"},
		{"binary", "\x00\x01\x02garbage", "", ErrUnsupported, "binary data"},
		{"broken zip", "PK\x03\x04garbage that is not a zip", "", nil, "unreadable workbook"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadRegister("r", []byte(tt.data), tt.idColumn)
			if err == nil {
				t.Fatalf("ReadRegister(%q) = nil error", tt.data)
			}
			if tt.want != nil && !errors.Is(err, tt.want) {
				t.Errorf("ReadRegister(%q) = %v, want %v", tt.data, err, tt.want)
			}
			if !strings.Contains(err.Error(), tt.msg) || strings.ContainsAny(err.Error(), "\n\r") {
				t.Errorf("ReadRegister(%q) error = %q, want one line containing %q", tt.data, err, tt.msg)
			}
		})
	}
}

// TestReadRegisterLarge reads a register of 5,000 rows and checks the
// progress calls and the row numbers.
func TestReadRegisterLarge(t *testing.T) {
	var b strings.Builder
	b.WriteString("Product,MTCR entry\n")
	for i := 1; i <= 5000; i++ {
		fmt.Fprintf(&b, "P%d,3.A.%d\n", i, i%10+1)
	}
	var calls []int
	reg, err := ReadRegisterOptions("big.csv", []byte(b.String()), RegisterOptions{Progress: func(n int) { calls = append(calls, n) }})
	if err != nil {
		t.Fatal(err)
	}
	if len(reg.Rows) != 5000 || reg.Rows[4999].Number != 5001 || reg.Rows[4999].IDs[0] != "3.A.1" {
		t.Errorf("ReadRegister(5000 rows) = %d rows, last %+v", len(reg.Rows), reg.Rows[len(reg.Rows)-1])
	}
	if !reflect.DeepEqual(calls, []int{1000, 2000, 3000, 4000, 5000}) {
		t.Errorf("progress calls = %v", calls)
	}
}

// TestReadRegisterTextColumn checks the text column that harmonisation needs.
func TestReadRegisterTextColumn(t *testing.T) {
	data := []byte("Entry,National wording,Remarks\n3.A.7,Radial ball bearings,x\n")
	reg, err := ReadRegisterOptions("n.csv", data, RegisterOptions{WantText: true})
	if err != nil {
		t.Fatal(err)
	}
	if reg.TextColumn != 1 || reg.Text(reg.Rows[0]) != "Radial ball bearings" {
		t.Errorf("TextColumn = %d, text %q", reg.TextColumn, reg.Text(reg.Rows[0]))
	}
	if _, err := ReadRegisterOptions("n.csv", []byte("Entry,Remarks\n3.A.7,x\n"), RegisterOptions{WantText: true}); err == nil || !strings.Contains(err.Error(), "--text-column NAME") {
		t.Errorf("no text column: error = %v", err)
	}
}

func FuzzReadRegister(f *testing.F) {
	if data, err := os.ReadFile("testdata/register.csv"); err == nil {
		f.Add(data)
	}
	f.Add([]byte("a,b\n1,3.A.5\n"))
	f.Add([]byte("\"unterminated,3.A.1\n"))
	f.Add(xlsxOf(f, "S", [][]string{{"Entry"}, {"3.A.1"}}, false))
	f.Fuzz(func(t *testing.T, data []byte) {
		r1, err1 := ReadRegister("f", data, "")
		r2, err2 := ReadRegister("f", data, "")
		if (err1 == nil) != (err2 == nil) || (err1 == nil && !reflect.DeepEqual(r1, r2)) {
			t.Errorf("ReadRegister gave different results on the same input")
		}
		if err1 != nil && strings.ContainsAny(err1.Error(), "\n") {
			t.Errorf("error on several lines: %q", err1)
		}
	})
}
