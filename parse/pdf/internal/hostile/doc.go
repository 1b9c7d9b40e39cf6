// Package hostile generates crafted PDFs that attack a reader: structures
// that loop, sizes that ask for huge allocations, small files that expand
// into huge work, and fonts whose widths lie. Tests of package pdf read them
// from memory (or from the small copies in parse/pdf/testdata/hostile, for
// the command-line scripts) instead of committing large files.
//
// Every generator returns a complete file; Cases lists the small ones.
package hostile

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"fmt"
	"strings"
)

// Doc is a PDF under construction: object bodies numbered from 1.
type Doc struct {
	objs []string
	// inStream places objects in object streams: object number → the
	// stream's object number and the index in it. Such objects are not
	// written at the top level; the stream's body holds them.
	inStream map[int][2]int
}

// Add appends an object and returns its number.
func (d *Doc) Add(body string) int {
	d.objs = append(d.objs, body)
	return len(d.objs)
}

// Reserve returns the number of a new object whose body is Set later.
func (d *Doc) Reserve() int { return d.Add("null") }

// Set replaces the body of object n.
func (d *Doc) Set(n int, body string) { d.objs[n-1] = body }

// InStream records that object n is object index idx of object stream s.
func (d *Doc) InStream(n, s, idx int) {
	if d.inStream == nil {
		d.inStream = map[int][2]int{}
	}
	d.inStream[n] = [2]int{s, idx}
}

// Stream returns the body of a stream object with the given dictionary
// entries (without << >> and /Length) and data.
func Stream(dict string, data []byte) string {
	return fmt.Sprintf("<< %s /Length %d >>\nstream\n%s\nendstream", dict, len(data), data)
}

// Deflated is Stream with the data compressed by FlateDecode.
func Deflated(dict string, data []byte) string {
	return Stream(dict+" /Filter /FlateDecode", Deflate(data))
}

// Deflate compresses data with zlib at the best compression.
func Deflate(data []byte) []byte {
	var b bytes.Buffer
	w, _ := zlib.NewWriterLevel(&b, zlib.BestCompression)
	w.Write(data)
	w.Close()
	return b.Bytes()
}

// Xref selects the kind of cross-reference section Bytes writes.
type Xref int

const (
	Table   Xref = iota // a classic "xref" table
	XStream             // a cross-reference stream (needed for object streams)
)

// Bytes writes the file. trailer returns extra trailer (or xref stream
// dictionary) entries given the offset of the cross-reference section,
// for /Prev chains; it may be nil.
func (d *Doc) Bytes(kind Xref, trailer func(xrefOffset int) string) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
	offsets := make([]int, len(d.objs)+1)
	for i, body := range d.objs {
		n := i + 1
		if _, ok := d.inStream[n]; ok {
			continue
		}
		offsets[n] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", n, body)
	}
	extra := func(off int) string {
		if trailer == nil {
			return ""
		}
		return trailer(off)
	}
	xref := b.Len()
	switch kind {
	case Table:
		fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(d.objs)+1)
		for _, off := range offsets[1:] {
			fmt.Fprintf(&b, "%010d 00000 n \n", off)
		}
		fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R %s >>\n", len(d.objs)+1, extra(xref))
	case XStream:
		self := len(d.objs) + 1
		var data bytes.Buffer
		row := func(typ byte, a uint32, c uint16) {
			data.WriteByte(typ)
			binary.Write(&data, binary.BigEndian, a)
			binary.Write(&data, binary.BigEndian, c)
		}
		row(0, 0, 65535)
		for n := 1; n <= len(d.objs); n++ {
			if s, ok := d.inStream[n]; ok {
				row(2, uint32(s[0]), uint16(s[1]))
			} else {
				row(1, uint32(offsets[n]), 0)
			}
		}
		row(1, uint32(xref), 0)
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", self,
			Stream(fmt.Sprintf("/Type /XRef /Size %d /W [1 4 2] /Root 1 0 R %s", self+1, extra(xref)), data.Bytes()))
	}
	fmt.Fprintf(&b, "startxref\n%d\n%%%%EOF\n", xref)
	return b.Bytes()
}

// ObjStm returns the body of an object stream holding the given objects
// (object number → body), in the order of nums.
func ObjStm(nums []int, bodies []string, dict string) string {
	var head, objs strings.Builder
	for i, n := range nums {
		fmt.Fprintf(&head, "%d %d ", n, objs.Len())
		objs.WriteString(bodies[i])
		objs.WriteString("\n")
	}
	h := head.String()
	return Stream(fmt.Sprintf("/Type /ObjStm /N %d /First %d %s", len(nums), len(h), dict), []byte(h+objs.String()))
}

// Helvetica is a font dictionary for Helvetica with WinAnsi encoding.
const Helvetica = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"

// Text returns a content stream that shows each line in font /F1 at 11
// points, 14 points apart from the top of a page.
func Text(lines ...string) []byte {
	var b bytes.Buffer
	b.WriteString("BT /F1 11 Tf 14 TL 72 760 Td\n")
	for _, l := range lines {
		fmt.Fprintf(&b, "(%s) Tj T*\n", l)
	}
	b.WriteString("ET")
	return b.Bytes()
}

// Annex is the text of a small annex with one entry, for files that must
// read as an annex when the attack is defused.
var Annex = []string{"CATEGORY I", "ITEM 1 COMPLETE DELIVERY SYSTEMS", "1.A. EQUIPMENT",
	"1.A.1. Complete rocket systems with a payload of at least 100 kg."}

// resources is the page resource dictionary with Helvetica as /F1.
func resources(font int) string {
	return fmt.Sprintf("<< /Font << /F1 %d 0 R >> >>", font)
}

// simple returns a document with a catalog (1), a page tree (2), a font
// (3) and one page showing content, the page's extra dictionary entries
// added; the page is object 4, its content 5.
func simple(pageExtra string, content []byte) *Doc {
	d := &Doc{}
	d.Add("<< /Type /Catalog /Pages 2 0 R >>")
	d.Add("<< /Type /Pages /Kids [4 0 R] /Count 1 >>")
	d.Add(Helvetica)
	d.Add(fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources %s /Contents 5 0 R %s >>", resources(3), pageExtra))
	d.Add(Stream("", content))
	return d
}
