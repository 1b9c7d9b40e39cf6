package xlsxguard

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"strings"
)

// The generators below build hostile workbooks for tests, so that no
// megabytes of fixtures are committed.

// Minimal builds a one-sheet workbook ("Sheet1") from the raw XML of its
// sheetData rows and of its shared-string items (the <si> elements), with
// nothing else: enough for excelize to open.
func Minimal(rowsXML, siXML string) []byte {
	parts := []struct{ name, body string }{
		{"[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
			`<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
			`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
			`<Default Extension="xml" ContentType="application/xml"/>` +
			`<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
			`<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>` +
			`<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>` +
			`</Types>`},
		{"_rels/.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
			`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>` +
			`</Relationships>`},
		{"xl/workbook.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
			`<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">` +
			`<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`},
		{"xl/_rels/workbook.xml.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
			`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>` +
			`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>` +
			`</Relationships>`},
		{"xl/worksheets/sheet1.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
			`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>` + rowsXML + `</sheetData></worksheet>`},
		{"xl/sharedStrings.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
			`<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` + siXML + `</sst>`},
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, p := range parts {
		w, err := zw.Create(p.name)
		if err != nil {
			panic(err)
		}
		io.WriteString(w, p.body)
	}
	if err := zw.Close(); err != nil {
		panic(err)
	}
	return buf.Bytes()
}

// SharedStringBomb builds a workbook whose one shared string of size bytes
// is the second cell of each of rows rows below a header ("Entry", "Text");
// the first cell of each row is an entry number (1.A.1, 1.A.2, …). The file
// is small; read naively it expands to size × rows bytes.
func SharedStringBomb(size, rows int) []byte {
	var r strings.Builder
	r.WriteString(`<row r="1"><c r="A1" t="inlineStr"><is><t>Entry</t></is></c><c r="B1" t="inlineStr"><is><t>Text</t></is></c></row>`)
	for i := 2; i <= rows+1; i++ {
		fmt.Fprintf(&r, `<row r="%d"><c r="A%d" t="inlineStr"><is><t>1.A.%d</t></is></c><c r="B%d" t="s"><v>0</v></c></row>`, i, i, i-1, i)
	}
	return Minimal(r.String(), "<si><t>"+strings.Repeat("A", size)+"</t></si>")
}

// Patch returns a copy of the workbook data in which the first old in the
// part named part is replaced by new: raw bytes, so that a test can put into
// a sheet what no writer would (a raw U+0001, "&#1;").
func Patch(data []byte, part, old, new string) ([]byte, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	found := false
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			return nil, err
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			return nil, err
		}
		if f.Name == part && strings.Contains(string(b), old) {
			b = []byte(strings.Replace(string(b), old, new, 1))
			found = true
		}
		w, err := zw.Create(f.Name)
		if err != nil {
			return nil, err
		}
		w.Write(b)
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	if !found {
		return nil, fmt.Errorf("%q not found in %s", old, part)
	}
	return buf.Bytes(), nil
}
