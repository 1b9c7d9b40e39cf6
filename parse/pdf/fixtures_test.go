package pdf

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the generated fixtures in testdata/")

// minimalPDF writes a PDF with one page per content stream, each with the
// Helvetica font as /F1 and a 1×1 image as /Im1. extra is appended to the
// trailer dictionary, streamExtra to the content streams' dictionaries.
func minimalPDF(pages []string, extra string, streamExtra ...string) []byte {
	var b bytes.Buffer
	var offsets []int
	obj := func(body string) {
		offsets = append(offsets, b.Len())
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", len(offsets), body)
	}
	b.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	// 1 catalog, 2 pages, 3 font, 4 image, then page/content pairs.
	obj("<< /Type /Catalog /Pages 2 0 R >>")
	kids := ""
	for i := range pages {
		kids += fmt.Sprintf("%d 0 R ", 5+2*i)
	}
	obj(fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", kids, len(pages)))
	obj("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
	obj("<< /Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8 /Length 1 >>\nstream\n\x80\nendstream")
	for i, c := range pages {
		obj(fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> /XObject << /Im1 4 0 R >> >> /Contents %d 0 R >>", 6+2*i))
		obj(fmt.Sprintf("<< /Length %d %s>>\nstream\n%s\nendstream", len(c), strings.Join(streamExtra, " "), c))
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(offsets)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R %s>>\nstartxref\n%d\n%%%%EOF\n", len(offsets)+1, extra, xref)
	return b.Bytes()
}

// textPage returns a content stream showing lines of text in Helvetica.
func textPage(lines ...string) string {
	var b bytes.Buffer
	b.WriteString("BT /F1 11 Tf 14 TL 72 760 Td\n")
	for _, l := range lines {
		fmt.Fprintf(&b, "(%s) Tj T*\n", l)
	}
	b.WriteString("ET")
	return b.String()
}

// generated are the fixtures written by -update. The encrypted fixtures
// were made once from not-annex.pdf with qpdf and are kept as they are:
// encrypted.pdf "qpdf --encrypt user owner 128 --use-aes=y --",
// encrypted-aes256.pdf "… 256 --", encrypted-nopassword.pdf (readable
// without a password) "qpdf --encrypt ” owner 128 --use-aes=y --".
var generated = map[string]func() []byte{
	"not-annex.pdf": func() []byte {
		return minimalPDF([]string{textPage("Quarterly report", "Revenue rose in every region.", "1. Introduction")}, "")
	},
	"image-only.pdf": func() []byte {
		return minimalPDF([]string{"q 595 0 0 842 0 0 cm /Im1 Do Q", "q 595 0 0 842 0 0 cm /Im1 Do Q"}, "")
	},
	"truncated.pdf": func() []byte {
		data, err := os.ReadFile(filepath.Join(sampleDir(), "sample-2024.pdf"))
		if err != nil {
			panic(err)
		}
		return data[:3000]
	},
	"bad-xref.pdf": func() []byte {
		pdf := minimalPDF([]string{textPage("ITEM 1")}, "")
		i := bytes.LastIndex(pdf, []byte("startxref\n"))
		return append(pdf[:i:i], []byte("startxref\n17\n%%EOF\n")...)
	},
	"contents-no-page-numbers.pdf": func() []byte {
		// A table of contents with leaders and no page numbers, as an
		// office suite that did not update the field prints it.
		pages, _ := frontMatterAnnex(20, contentsLeadersNoNumber)
		return minimalPDF(pages, "")
	},
	"annex-twice.pdf": func() []byte {
		// Two documents concatenated: the item numbering starts again.
		pages, _ := frontMatterAnnex(4, contentsLeadersNoNumber)
		return minimalPDF(append(pages, pages...), "")
	},
	"bad-stream.pdf": func() []byte {
		// A page whose content stream claims a filter the library does not
		// know: it panics inside the library, which must come out as an
		// error naming the page.
		return minimalPDF([]string{textPage("ITEM 1")}, "", "/Filter /LZWDecode")
	},
}

func TestGeneratedFixtures(t *testing.T) {
	for name, gen := range generated {
		path := filepath.Join("testdata", name)
		want := gen()
		if *update {
			if err := os.MkdirAll("testdata", 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, want, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		got, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run go test -run TestGeneratedFixtures -update)", err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("testdata/%s is stale (run go test -run TestGeneratedFixtures -update)", name)
		}
	}
}
