package hostile

import (
	"bytes"
	"fmt"
	"strings"
)

// Case is one small crafted file.
type Case struct {
	Name string        // file name stem, e.g. "parent-self"
	What string        // the attack, one line
	Make func() []byte // the file
}

// Cases returns the small crafted files (each under a few KB): loops,
// absurd sizes and lying font widths.
func Cases() []Case {
	return []Case{
		{"parent-self", "a page whose /Parent is itself, resources inherited", ParentSelf},
		{"parent-cycle", "two pages that are each other's /Parent, resources inherited", ParentCycle},
		{"xref-prev-self", "an xref table whose trailer /Prev points at itself", XrefPrevSelf},
		{"xref-prev-pair", "two xref tables whose /Prev point at each other", XrefPrevPair},
		{"xref-stream-prev-self", "an xref stream whose /Prev points at itself", XrefStreamPrevSelf},
		{"objstm-extends-loop", "two object streams that /Extends each other", ObjStmExtendsLoop},
		{"objstm-in-itself", "an object stream stored inside itself", ObjStmInItself},
		{"objstm-length-cycle", "an object stream whose /Length is stored inside it", ObjStmLengthCycle},
		{"pagetree-loop", "a page tree node that is its own kid, beside a real page", PageTreeLoop},
		{"xref-size-2e9", "an xref stream with /Size 2e9", XrefSize},
		{"xref-start-2e9", "an xref table subsection starting at object 2e9", XrefStart},
		{"xref-w-1e9", "an xref stream whose /W asks for 1e9-byte fields", XrefW},
		{"xref-size-1e5", "an xref stream with /Size 1e5 in a file of 1 KB", XrefSizeSmall},
		{"predictor-columns", "a content stream with predictor /Columns 4e9", PredictorColumns},
		{"form-self", "a form XObject that draws itself", FormSelf},
		{"widths-zero", "a font whose /Widths are all 0", func() []byte { return Widths("0") }},
		{"widths-absurd", "a font whose /Widths are 1e7 and -1e7 by turns", func() []byte { return Widths("10000000 -10000000") }},
	}
}

// ParentSelf: the page has no /Resources, so a reader looks them up its
// /Parent chain, which is the page itself.
func ParentSelf() []byte {
	d := &Doc{}
	d.Add("<< /Type /Catalog /Pages 2 0 R >>")
	d.Add("<< /Type /Pages /Kids [4 0 R] /Count 1 /Resources << /Font << /F1 3 0 R >> >> >>")
	d.Add(Helvetica)
	d.Add("<< /Type /Page /Parent 4 0 R /MediaBox [0 0 595 842] /Contents 5 0 R >>")
	d.Add(Stream("", Text(Annex...)))
	return d.Bytes(Table, nil)
}

// ParentCycle: pages 4 and 6 are each other's /Parent.
func ParentCycle() []byte {
	d := &Doc{}
	d.Add("<< /Type /Catalog /Pages 2 0 R >>")
	d.Add("<< /Type /Pages /Kids [4 0 R 6 0 R] /Count 2 /Resources << /Font << /F1 3 0 R >> >> >>")
	d.Add(Helvetica)
	d.Add("<< /Type /Page /Parent 6 0 R /MediaBox [0 0 595 842] /Contents 5 0 R >>")
	d.Add(Stream("", Text(Annex...)))
	d.Add("<< /Type /Page /Parent 4 0 R /MediaBox [0 0 595 842] /Contents 5 0 R >>")
	return d.Bytes(Table, nil)
}

func annexDoc() *Doc { return simple("", Text(Annex...)) }

// XrefPrevSelf: the trailer's /Prev is the offset of its own table.
func XrefPrevSelf() []byte {
	return annexDoc().Bytes(Table, func(off int) string { return fmt.Sprintf("/Prev %d", off) })
}

// XrefPrevPair: an incremental update whose table's /Prev is the first
// table, whose /Prev is the update's.
func XrefPrevPair() []byte {
	const placeholder = "/Prev 0000000000"
	data := annexDoc().Bytes(Table, func(int) string { return placeholder })
	first := bytes.LastIndex(data, []byte("\nxref\n")) + 1
	second := len(data)
	data = bytes.Replace(data, []byte(placeholder), []byte(fmt.Sprintf("/Prev %010d", second)), 1)
	data = fmt.Appendf(data, "xref\n0 1\n0000000000 65535 f \ntrailer\n<< /Size 6 /Root 1 0 R /Prev %d >>\nstartxref\n%d\n%%%%EOF\n", first, second)
	return data
}

// XrefStreamPrevSelf: a cross-reference stream whose /Prev is itself.
func XrefStreamPrevSelf() []byte {
	return annexDoc().Bytes(XStream, func(off int) string { return fmt.Sprintf("/Prev %d", off) })
}

// ObjStmExtendsLoop: the page tree (object 2) is said to be in object
// stream 6, which does not hold it and /Extends 7, which /Extends 6.
func ObjStmExtendsLoop() []byte {
	d := annexDoc()
	d.Add(ObjStm([]int{8}, []string{"null"}, "/Extends 7 0 R"))
	d.Add(ObjStm([]int{9}, []string{"null"}, "/Extends 6 0 R"))
	d.InStream(2, 6, 0)
	return d.Bytes(XStream, nil)
}

// ObjStmInItself: the page tree is in object stream 6, and the xref says
// object 6 is in object stream 6.
func ObjStmInItself() []byte {
	d := annexDoc()
	d.Add(ObjStm([]int{2}, []string{"<< /Type /Pages /Kids [4 0 R] /Count 1 >>"}, ""))
	d.InStream(2, 6, 0)
	d.InStream(6, 6, 1)
	return d.Bytes(XStream, nil)
}

// ObjStmLengthCycle: the page tree is in object stream 6 whose /Length is
// object 7, stored in object stream 6.
func ObjStmLengthCycle() []byte {
	d := annexDoc()
	s := ObjStm([]int{2, 7}, []string{"<< /Type /Pages /Kids [4 0 R] /Count 1 >>", "0"}, "")
	s = strings.Replace(s, "/Length", "/Length 7 0 R /Ignored", 1)
	d.Add(s)
	d.Add("0")
	d.InStream(2, 6, 0)
	d.InStream(7, 6, 1)
	return d.Bytes(XStream, nil)
}

// PageTreeLoop: the root page tree node lists a real page and itself.
func PageTreeLoop() []byte {
	d := annexDoc()
	d.Set(2, "<< /Type /Pages /Kids [4 0 R 2 0 R] /Count 2 >>")
	return d.Bytes(Table, nil)
}

// XrefSize: an xref stream claiming 2e9 objects.
func XrefSize() []byte {
	return annexDoc().Bytes(XStream, func(int) string { return "/Size 2000000000" })
}

// XrefW: an xref stream whose /W makes each entry 1e9 bytes long.
func XrefW() []byte {
	return annexDoc().Bytes(XStream, func(int) string { return "/W [1 1000000000 2]" })
}

// XrefSizeSmall: an xref stream claiming 1e5 objects, under the objects
// limit but more than a 1 KB file can hold.
func XrefSizeSmall() []byte {
	return annexDoc().Bytes(XStream, func(int) string { return "/Size 100000" })
}

// XrefStart: a classic table with a subsection for object 2e9.
func XrefStart() []byte {
	data := annexDoc().Bytes(Table, nil)
	return bytes.Replace(data, []byte("trailer\n"), []byte("2000000000 1\n0000000009 00000 n \ntrailer\n"), 1)
}

// PredictorColumns: the page's content stream asks for a PNG predictor
// with 4e9 columns.
func PredictorColumns() []byte {
	d := annexDoc()
	d.Set(5, Stream("/Filter /FlateDecode /DecodeParms << /Predictor 12 /Columns 4000000000 >>", Deflate(Text(Annex...))))
	return d.Bytes(Table, nil)
}

// FormSelf: the page draws form 6, which draws itself.
func FormSelf() []byte {
	d := simple("", append(Text(Annex...), "\n/Fm1 Do"...))
	d.Set(4, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> /XObject << /Fm1 6 0 R >> >> /Contents 5 0 R >>")
	d.Add(Stream("/Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << /XObject << /Fm1 6 0 R >> >>", []byte("/Fm1 Do")))
	return d.Bytes(Table, nil)
}

// Widths: the annex text in a font whose 95 /Widths (codes 32 to 126)
// repeat the given pattern.
func Widths(pattern string) []byte {
	d := annexDoc()
	var w []string
	for len(w) < 95 {
		w = append(w, strings.Fields(pattern)...)
	}
	d.Set(3, fmt.Sprintf("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding /FirstChar 32 /LastChar 126 /Widths [%s] >>", strings.Join(w[:95], " ")))
	return d.Bytes(Table, nil)
}

// GlyphFlood is one page whose deflated content stream shows n glyphs
// (60 million fit in about 60 KB).
func GlyphFlood(n int) []byte {
	var c bytes.Buffer
	c.WriteString("BT /F1 11 Tf 72 700 Td (")
	c.Write(bytes.Repeat([]byte("0"), n))
	c.WriteString(") Tj ET")
	d := annexDoc()
	d.Set(5, Deflated("", c.Bytes()))
	return d.Bytes(Table, nil)
}

// FormBomb is one page drawing a form fanout times, which draws the next
// form fanout times, levels deep: fanout^levels form invocations from a
// file of a few KB.
func FormBomb(fanout, levels int) []byte {
	d := annexDoc()
	draw := bytes.Repeat([]byte("/X Do\n"), fanout)
	first := len(d.objs) + 1
	for l := 0; l < levels; l++ {
		n := first + l
		res := fmt.Sprintf("/Resources << /XObject << /X %d 0 R >> >>", n+1)
		body := draw
		if l == levels-1 {
			res, body = "", []byte("BT /F1 11 Tf (0) Tj ET")
		}
		d.Add(Stream("/Type /XObject /Subtype /Form /BBox [0 0 595 842] "+res, body))
	}
	d.Set(4, fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> /XObject << /X %d 0 R >> >> /Contents 5 0 R >>", first))
	d.Set(5, Stream("", append(Text(Annex...), "\n"+string(draw)...)))
	return d.Bytes(Table, nil)
}

// SharedContent is pages pages that all show one deflated content stream
// of about size bytes (the annex text, then white space).
func SharedContent(pages, size int) []byte {
	content := Text(Annex...)
	if pad := size - len(content); pad > 0 {
		content = append(content, bytes.Repeat([]byte{' '}, pad)...)
	}
	d := &Doc{}
	d.Add("<< /Type /Catalog /Pages 2 0 R >>")
	pagesObj := d.Reserve()
	d.Add(Helvetica)
	stream := d.Add(Deflated("", content))
	var kids strings.Builder
	for i := 0; i < pages; i++ {
		n := d.Add(fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources %s /Contents %d 0 R >>", resources(3), stream))
		fmt.Fprintf(&kids, "%d 0 R ", n)
	}
	d.Set(pagesObj, fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", kids.String(), pages))
	return d.Bytes(Table, nil)
}
