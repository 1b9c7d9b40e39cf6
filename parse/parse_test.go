package parse

import (
	"archive/zip"
	"bytes"
	"errors"
	"strings"
	"testing"
)

func TestDetect(t *testing.T) {
	tests := []struct {
		head string
		want Format
	}{
		{"%PDF-1.7\n", FormatPDF},
		{"junk\n%PDF-1.4\n", FormatPDF},
		{"PK\x03\x04rest", FormatXLSX},
		{"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", FormatXLSX},
		{"\ufeff  {\"schema\"", FormatJSON},
		{"hello", FormatUnknown},
		{"", FormatUnknown},
	}
	for _, tt := range tests {
		if got := Detect([]byte(tt.head)); got != tt.want {
			t.Errorf("Detect(%q) = %q, want %q", tt.head, got, tt.want)
		}
	}
}

func TestReadErrors(t *testing.T) {
	var zipNoBook bytes.Buffer
	zw := zip.NewWriter(&zipNoBook)
	w, _ := zw.Create("readme.txt")
	w.Write([]byte("not a workbook"))
	zw.Close()

	tests := []struct {
		name, data string
		is         error
		msg        string
	}{
		{"empty.pdf", "", ErrEmpty, "empty.pdf: empty file"},
		{"blank.json", " \n\t", ErrEmpty, "blank.json: empty file"},
		{"x.txt", "hello", ErrUnsupportedFormat, `x.txt: unsupported format (want a PDF, an .xlsx workbook or annex/1 JSON); it starts with "hello"`},
		{"a.zip", zipNoBook.String(), ErrUnsupportedFormat, "a.zip: zip archive without a workbook: unsupported format"},
		{"m.json", `{"schema": "annex/2"}`, ErrNotAnnexJSON, `m.json: not an annex/1 model: schema is "annex/2"`},
		{"n.json", `{"items": []}`, ErrNotAnnexJSON, `m.json: not an annex/1 model: no "schema" field`},
	}
	for _, tt := range tests {
		_, err := Read(tt.name, []byte(tt.data), Options{})
		if err == nil {
			t.Errorf("Read(%s) error = nil, want %v", tt.name, tt.is)
			continue
		}
		if !errors.Is(err, tt.is) {
			t.Errorf("Read(%s) error = %v, want it to wrap %v", tt.name, err, tt.is)
		}
		if want := strings.Replace(tt.msg, "m.json", tt.name, 1); !strings.HasPrefix(err.Error(), want) {
			t.Errorf("Read(%s) error = %q, want prefix %q", tt.name, err, want)
		}
		if strings.Contains(err.Error(), "\n") {
			t.Errorf("Read(%s) error has several lines: %q", tt.name, err)
		}
	}
}

func TestFileJSON(t *testing.T) {
	a, err := File("../testdata/sample-2024.truth.json", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if a.Meta.DocID != "MTCR/TEM/2024/Annex" || a.CountEntries() != 258 {
		t.Errorf("File(sample-2024.truth.json) = %s with %d entries, want MTCR/TEM/2024/Annex with 258", a.Meta.DocID, a.CountEntries())
	}
	// A saved model keeps the source it names.
	if a.Meta.Source.Name != "sample-2024.pdf" || a.Meta.Source.Format != "pdf" {
		t.Errorf("File(json).Meta.Source = %+v, want the PDF it was parsed from", a.Meta.Source)
	}
	if _, err := File("no/such/file.pdf", Options{}); err == nil || err.Error() != "no/such/file.pdf: no such file or directory" {
		t.Errorf("File(missing) error = %v, want %q", err, "no/such/file.pdf: no such file or directory")
	}
}
