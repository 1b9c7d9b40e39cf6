package pdf

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"
)

// writePDF writes objects 1… (object 1 the catalog) with a cross-reference
// table.
func writePDF(objs ...string) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.7\n")
	var offsets []int
	for i, o := range objs {
		offsets = append(offsets, b.Len())
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
	return b.Bytes()
}

func stream(dict, data string) string {
	return fmt.Sprintf("<< %s /Length %d >>\nstream\n%s\nendstream", dict, len(data), data)
}

// TestType0Font checks 2-byte Identity-H codes, CID widths from /W (both
// forms) and /DW, and a ToUnicode bfrange applied to the whole value.
func TestType0Font(t *testing.T) {
	cmap := `/CIDInit /ProcSet findresource begin 12 dict begin begincmap
1 begincodespacerange <0000> <FFFF> endcodespacerange
1 beginbfchar <000A> <0020> endbfchar
2 beginbfrange <0001> <0002> <0041> <00FF> <0100> <00FF> endbfrange
endcmap CMapName currentdict /CMap defineresource pop end end`
	content := "BT /F1 10 Tf 72 700 Td <000100020001000A000200FF0100> Tj 0 -20 Td <0030> Tj ET"
	data := writePDF(
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [6 0 R] /Count 1 >>",
		"<< /Type /Font /Subtype /Type0 /BaseFont /Test-Bold /Encoding /Identity-H /DescendantFonts [4 0 R] /ToUnicode 5 0 R >>",
		"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Test-Bold /DW 800 /W [1 [500 600] 10 20 250] >>",
		stream("", cmap),
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents 7 0 R >>",
		stream("", content),
	)
	doc, err := Extract(bytes.NewReader(data), int64(len(data)), nil)
	if err != nil {
		t.Fatal(err)
	}
	lines := doc.Pages[0].lines
	// The second line's only code has no ToUnicode entry: no text, no line.
	if len(lines) != 1 {
		t.Fatalf("Extract = %d lines %q, want 1", len(lines), doc.Pages[0].Lines())
	}
	// A(5) B(6) A(5) space(2.5) B(6) ÿ(8, DW) Ā(8, DW)
	if got, want := lines[0].text, "ABA BÿĀ"; got != want {
		t.Errorf("line text = %q, want %q", got, want)
	}
	wantX := []float64{72, 90.5}
	if len(lines[0].words) != len(wantX) {
		t.Fatalf("words = %d, want %d", len(lines[0].words), len(wantX))
	}
	for i, w := range lines[0].words {
		if math.Abs(w.x0-wantX[i]) > 0.01 {
			t.Errorf("word %d at x=%.2f, want %.2f", i, w.x0, wantX[i])
		}
	}
	// The line ends where its last word does.
	if x1 := lines[0].x1; math.Abs(x1-(90.5+6+8+8)) > 0.01 {
		t.Errorf("last word ends at x=%.2f, want %.2f", x1, 90.5+6+8+8)
	}
	if !lines[0].bold {
		t.Errorf("line of a font named Test-Bold: bold = false, want true")
	}
}

// TestToUnicodeBounds: a ToUnicode map that gives a code a text longer
// than the 512 bytes PDF allows, or many codes a long text, fails with
// ErrCorrupt (a 4.9 KB file made one map of a gigabyte); an ordinary map
// over all 65,536 codes reads.
func TestToUnicodeBounds(t *testing.T) {
	long := strings.Repeat("0041", 300) // 600 bytes
	fits := strings.Repeat("0041", 200) // 400 bytes
	parse := func(cmap string) (n int, err error) {
		defer func() {
			if x := recover(); x != nil {
				err, _ = x.(error)
			}
		}()
		m, _ := parseToUnicode([]byte(cmap))
		return len(m), nil
	}
	for _, tc := range []struct{ name, cmap string }{
		{"bfchar text too long", "1 beginbfchar <01> <" + long + "> endbfchar"},
		{"bfrange text too long", "1 beginbfrange <0000> <0001> <" + long + "> endbfrange"},
		{"long text for every code", "1 beginbfrange <0000> <FFFF> <" + fits + "> endbfrange"},
	} {
		if _, err := parse(tc.cmap); !errors.Is(err, ErrCorrupt) {
			t.Errorf("%s: error %v, want ErrCorrupt", tc.name, err)
		}
	}
	if n, err := parse("1 beginbfrange <0000> <FFFF> <0000> endbfrange"); err != nil || n != 65536 {
		t.Errorf("full range: %d codes, %v; want 65536", n, err)
	}
}
