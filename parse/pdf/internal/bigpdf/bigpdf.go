// Package bigpdf writes an annex model as a PDF directly, with text
// operators and no browser: fast enough to make documents of thousands of
// pages for the parser's speed and memory benchmarks.
//
// The layout is an annex's: a cover, definitions with the term on its own
// line, category and item headings centred in bold, groups and entries with
// hanging numbers and markers, notes (lone or numbered under a "Notes:"
// line) under the entry's text, a running header with the document id and
// title, and "Page n of m" at the foot of every page. The text is set in
// Helvetica (not embedded) with /Widths and WinAnsiEncoding, wrapped at the
// column's width; exponents ("⁻¹") are printed smaller and raised. Content
// streams are compressed with FlateDecode, each page with its own stream.
package bigpdf

import (
	"bufio"
	"bytes"
	"compress/zlib"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/annex-tools/annex/internal/gen"
	"github.com/annex-tools/annex/model"
)

// Page geometry and type sizes, in points.
const (
	pageW, pageH = 595, 842 // A4
	left, right  = 72, 523  // text column
	top, bottom  = 770, 72  // first and last baseline of the body
	size         = 10       // body text
	leading      = 12
	supSize      = 6.5 // exponents
	supRise      = 3.5
	idWidth      = 50 // a top-level entry's or group's number column
	markerWidth  = 24 // a sub-entry's marker column
	noteLabelW   = 20 // a numbered note's label column
	termIndent   = 20 // a definition's text, under its term
)

// PerPageScale is about how many pages of the PDF one unit of gen.Annex's
// scale (ten items) makes: Annex(pages) asks for pages/PerPageScale.
const PerPageScale = 13

// Annex returns a generated model of about the given number of pages once
// written, with the document id and title the cover prints.
func Annex(seed uint64, pages int) *model.Annex {
	a := gen.Annex(seed, 10, max(1, (pages+PerPageScale/2)/PerPageScale))
	a.Meta.Title = "Equipment, Software and Technology Annex"
	a.Meta.DocID = "MTCR/TEM/2030/Annex"
	return a
}

// Write writes a as a PDF to w and returns its number of pages. Text the
// encoding cannot print (a character outside WinAnsiEncoding) is an error:
// the PDF would not say what the model says.
func Write(w io.Writer, a *model.Annex) (pages int, err error) {
	l := &layout{}
	if err := l.annex(a); err != nil {
		return 0, err
	}
	l.pageBreak()
	return len(l.pages), l.write(w, a)
}

// Bytes is Write to memory.
func Bytes(a *model.Annex) ([]byte, int, error) {
	var b bytes.Buffer
	n, err := Write(&b, a)
	return b.Bytes(), n, err
}

// run is text set at one place in one font.
type run struct {
	x, y float64
	bold bool
	size float64
	text []byte // WinAnsi codes
}

// layout places the runs of the document page by page.
type layout struct {
	pages [][]run
	cur   []run
	y     float64 // next baseline
	begun bool
}

func (l *layout) pageBreak() {
	if l.begun {
		l.pages = append(l.pages, l.cur)
	}
	l.cur, l.y, l.begun = nil, top, true
}

// need starts a new page unless n lines fit on this one.
func (l *layout) need(n int) {
	if !l.begun || l.y-float64(n-1)*leading < bottom {
		l.pageBreak()
	}
}

func (l *layout) skip(points float64) {
	if l.y != top {
		l.y -= points
	}
}

// line sets text at x on the next baseline; exponents are split off.
func (l *layout) line(x float64, text string, bold bool) error {
	l.need(1)
	y := l.y
	l.y -= leading
	for len(text) > 0 {
		i := supIndex(text)
		if i < 0 {
			i = len(text)
		}
		if i > 0 {
			enc, err := encode(text[:i])
			if err != nil {
				return err
			}
			l.cur = append(l.cur, run{x: x, y: y, bold: bold, size: size, text: enc})
			x += width(enc, size)
			text = text[i:]
			continue
		}
		j := 0
		var sup []byte
		for j < len(text) {
			c, n := supChar(text[j:])
			if n == 0 {
				break
			}
			sup = append(sup, c)
			j += n
		}
		l.cur = append(l.cur, run{x: x, y: y + supRise, bold: bold, size: supSize, text: sup})
		x += width(sup, supSize)
		text = text[j:]
	}
	return nil
}

// centred sets a line centred on the column.
func (l *layout) centred(text string, bold bool) error {
	enc, err := encode(text)
	if err != nil {
		return err
	}
	return l.line((left+right)/2-width(enc, size)/2, text, bold)
}

// para sets text wrapped in the column from x to right, after a first-line
// prefix set at px (a number or marker) when prefix is not empty.
func (l *layout) para(px float64, prefix string, x float64, text string, bold bool) error {
	lines := wrap(text, right-x)
	if prefix != "" {
		l.need(1)
		y := l.y
		if err := l.line(px, prefix, bold); err != nil {
			return err
		}
		l.y = y
	}
	for _, s := range lines {
		if err := l.line(x, s, bold); err != nil {
			return err
		}
	}
	return nil
}

func (l *layout) annex(a *model.Annex) error {
	l.pageBreak()
	l.y = 600
	for _, s := range []string{"MISSILE TECHNOLOGY CONTROL REGIME", "", a.Meta.Title, a.Meta.DocID, printedDate(a.Meta.Date)} {
		if s == "" {
			l.y -= leading
			continue
		}
		if err := l.centred(s, true); err != nil {
			return err
		}
	}
	l.pageBreak()
	if err := l.centred("DEFINITIONS", true); err != nil {
		return err
	}
	l.skip(leading / 2)
	for _, d := range a.Definitions {
		head := `"` + d.Term + `"`
		if d.Scope != "" {
			head += " (" + d.Scope + ")"
		}
		l.need(2)
		if err := l.line(left, head, false); err != nil {
			return err
		}
		if err := l.para(0, "", left+termIndent, d.Text, false); err != nil {
			return err
		}
		l.skip(leading / 3)
	}
	category := ""
	for _, it := range a.Items {
		if it.Category != category {
			category = it.Category
			l.need(6)
			l.skip(leading)
			if err := l.centred("CATEGORY "+category, true); err != nil {
				return err
			}
		}
		l.need(4)
		l.skip(leading / 2)
		if err := l.centred("ITEM "+strconv.Itoa(it.Number), true); err != nil {
			return err
		}
		if err := l.centred(it.Title, true); err != nil {
			return err
		}
		l.skip(leading / 2)
		for _, g := range it.Groups {
			l.need(2)
			if err := l.para(left, fmt.Sprintf("%d.%s.", it.Number, g.Letter), left+idWidth, g.Title, false); err != nil {
				return err
			}
			if len(g.Entries) == 0 {
				if err := l.line(left+idWidth, "None.", false); err != nil {
					return err
				}
			}
			for _, e := range g.Entries {
				if err := l.entry(e, left, e.ID+".", left+idWidth); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// entry sets an entry's number at nx, its text at tx, then its children
// and its notes.
func (l *layout) entry(e model.Entry, nx float64, number string, tx float64) error {
	if err := l.para(nx, number, tx, e.Text, false); err != nil {
		return err
	}
	for _, c := range e.Children {
		m := c.ID[strings.LastIndexByte(c.ID, '.')+1:]
		if err := l.entry(c, tx, m+".", tx+markerWidth); err != nil {
			return err
		}
	}
	for i := 0; i < len(e.Notes); i++ {
		n := e.Notes[i]
		if n.Label == "" {
			if err := l.para(0, "", tx, n.Kind+": "+n.Text, false); err != nil {
				return err
			}
			continue
		}
		if err := l.line(tx, n.Kind+"s:", false); err != nil {
			return err
		}
		for ; i < len(e.Notes) && e.Notes[i].Kind == n.Kind && e.Notes[i].Label != ""; i++ {
			if err := l.para(tx, e.Notes[i].Label+".", tx+noteLabelW, e.Notes[i].Text, false); err != nil {
				return err
			}
		}
		i--
	}
	return nil
}

// wrap breaks text at spaces into lines no wider than w; the lines are
// slices of text.
func wrap(text string, w float64) []string {
	var out []string
	space := width([]byte{' '}, size)
	start, end := -1, -1 // the current line is text[start:end]
	curW := 0.0
	for i := 0; i < len(text); {
		if text[i] == ' ' {
			i++
			continue
		}
		j := i
		for j < len(text) && text[j] != ' ' {
			j++
		}
		ww := textWidth(text[i:j], size)
		switch {
		case start < 0:
			start, curW = i, ww
		case curW+space+ww > w:
			out = append(out, text[start:end])
			start, curW = i, ww
		default:
			curW += space + ww
		}
		end = j
		i = j
	}
	if start >= 0 {
		out = append(out, text[start:end])
	}
	return out
}

// supIndex returns the index of the first exponent character in s, or -1.
func supIndex(s string) int {
	if !strings.ContainsAny(s, "⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺") {
		return -1
	}
	for i, r := range s {
		if _, ok := supPlain(r); ok {
			return i
		}
	}
	return -1
}

// supPlain returns the plain character an exponent character prints raised.
func supPlain(r rune) (byte, bool) {
	switch {
	case r == '⁻':
		return '-', true
	case r == '⁺':
		return '+', true
	case r == '¹':
		return '1', true
	case r == '²':
		return '2', true
	case r == '³':
		return '3', true
	case r == '⁰' || r >= '⁴' && r <= '⁹':
		return byte('0' + r - '⁰'), true
	}
	return 0, false
}

// supChar returns the plain character an exponent character at the start
// of s prints raised, and its length in bytes (0: not an exponent).
func supChar(s string) (byte, int) {
	r, n := utf8.DecodeRuneInString(s)
	if c, ok := supPlain(r); ok {
		return c, n
	}
	return 0, 0
}

// winAnsi maps the characters of WinAnsiEncoding's 0x80-0x9F row.
var winAnsi = map[rune]byte{
	'€': 0x80, '‚': 0x82, 'ƒ': 0x83, '„': 0x84, '…': 0x85, '†': 0x86, '‡': 0x87, 'ˆ': 0x88,
	'‰': 0x89, 'Š': 0x8A, '‹': 0x8B, 'Œ': 0x8C, 'Ž': 0x8E, '‘': 0x91, '’': 0x92, '“': 0x93,
	'”': 0x94, '•': 0x95, '–': 0x96, '—': 0x97, '˜': 0x98, '™': 0x99, 'š': 0x9A, '›': 0x9B,
	'œ': 0x9C, 'ž': 0x9E, 'Ÿ': 0x9F,
}

// encode returns the WinAnsi codes of s.
func encode(s string) ([]byte, error) {
	out := make([]byte, 0, len(s))
	for _, r := range s {
		switch {
		case r >= 32 && r < 127, r >= 0xA0 && r <= 0xFF:
			out = append(out, byte(r))
		default:
			c, ok := winAnsi[r]
			if !ok {
				return nil, fmt.Errorf("bigpdf: %q has no code in WinAnsiEncoding", r)
			}
			out = append(out, c)
		}
	}
	return out, nil
}

// widths are Helvetica's advance widths of WinAnsi codes 32 to 126, in
// thousandths of an em; other codes take defaultWidth, or latinWidths.
var widths = [95]int{
	278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, // space to /
	556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, // 0 to ?
	1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, // @ to O
	667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, // P to _
	333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, // ` to o
	556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584, // p to ~
}

const defaultWidth = 556

var latinWidths = map[byte]int{0xA0: 278, 0xB0: 400, 0xB7: 278, 0xB9: 333, 0x96: 556, 0x97: 1000, 0x92: 222, 0x93: 333, 0x94: 333}

func codeWidth(c byte) int {
	if c >= 32 && c < 127 {
		return widths[c-32]
	}
	if w, ok := latinWidths[c]; ok {
		return w
	}
	return defaultWidth
}

// textWidth is width of the codes of s (unknown characters as
// defaultWidth: encode reports them when the line is set).
func textWidth(s string, sz float64) float64 {
	n := 0
	for _, r := range s {
		if r < 0x100 {
			n += codeWidth(byte(r))
		} else if c, ok := winAnsi[r]; ok {
			n += codeWidth(c)
		} else {
			n += defaultWidth
		}
	}
	return float64(n) * sz / 1000
}

func width(enc []byte, sz float64) float64 {
	n := 0
	for _, c := range enc {
		n += codeWidth(c)
	}
	return float64(n) * sz / 1000
}

// printedDate turns 2024-03-14 into "14 March 2024".
func printedDate(iso string) string {
	var y, m, d int
	if _, err := fmt.Sscanf(iso, "%d-%d-%d", &y, &m, &d); err != nil || m < 1 || m > 12 {
		return iso
	}
	months := []string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}
	return fmt.Sprintf("%d %s %d", d, months[m-1], y)
}

// write prints the pages as a PDF: catalog, page tree, two fonts, the
// information dictionary, then a page object and a content stream per
// page, and the cross-reference table.
func (l *layout) write(out io.Writer, a *model.Annex) error {
	w := &pdfWriter{w: bufio.NewWriterSize(out, 1<<16)}
	n := len(l.pages)
	const firstPage = 6 // objects 1-5: catalog, pages, F1, F2, info
	w.header()
	w.obj(1, "<< /Type /Catalog /Pages 2 0 R >>")
	var kids strings.Builder
	for i := 0; i < n; i++ {
		fmt.Fprintf(&kids, "%d 0 R ", firstPage+2*i)
	}
	w.obj(2, fmt.Sprintf("<< /Type /Pages /Count %d /MediaBox [0 0 %d %d] /Kids [%s] >>", n, pageW, pageH, kids.String()))
	var ws strings.Builder
	for c := 32; c < 256; c++ {
		fmt.Fprintf(&ws, "%d ", codeWidth(byte(c)))
	}
	for i, name := range []string{"Helvetica", "Helvetica-Bold"} {
		w.obj(3+i, fmt.Sprintf("<< /Type /Font /Subtype /Type1 /BaseFont /%s /Encoding /WinAnsiEncoding /FirstChar 32 /LastChar 255 /Widths [%s] >>", name, ws.String()))
	}
	title, _ := encode(a.Meta.Title)
	w.obj(5, "<< /Title "+literal(title)+" /Producer (annex bigpdf) >>")
	header, _ := encode(a.Meta.DocID)
	var content bytes.Buffer
	var zbuf bytes.Buffer
	zw, _ := zlib.NewWriterLevel(&zbuf, zlib.BestSpeed)
	for i, runs := range l.pages {
		content.Reset()
		content.WriteString("BT\n")
		// Running header and page number.
		fmt.Fprintf(&content, "/F1 8 Tf 1 0 0 1 %d %d Tm %s Tj\n", left, pageH-40, literal(header))
		fmt.Fprintf(&content, "1 0 0 1 %s %d Tm %s Tj\n", num(right-width(title, 8)), pageH-40, literal(title))
		foot := []byte(fmt.Sprintf("Page %d of %d", i+1, n))
		fmt.Fprintf(&content, "1 0 0 1 %s %d Tm %s Tj\n", num((left+right)/2-width(foot, 8)/2), 40, literal(foot))
		font := ""
		fsize := 0.0
		buf := content.AvailableBuffer()
		for _, r := range runs {
			f := "/F1 "
			if r.bold {
				f = "/F2 "
			}
			if f != font || r.size != fsize {
				buf = append(buf, f...)
				buf = appendNum(buf, r.size)
				buf = append(buf, " Tf\n"...)
				font, fsize = f, r.size
			}
			buf = append(buf, "1 0 0 1 "...)
			buf = appendNum(buf, r.x)
			buf = append(buf, ' ')
			buf = appendNum(buf, r.y)
			buf = append(buf, " Tm "...)
			buf = appendLiteral(buf, r.text)
			buf = append(buf, " Tj\n"...)
		}
		content.Write(buf)
		content.WriteString("ET\n")
		zbuf.Reset()
		zw.Reset(&zbuf)
		zw.Write(content.Bytes())
		zw.Close()
		id := firstPage + 2*i
		w.obj(id, fmt.Sprintf("<< /Type /Page /Parent 2 0 R /Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents %d 0 R >>", id+1))
		w.stream(id+1, zbuf.Bytes())
	}
	w.trailer(firstPage+2*n, 1, 5)
	return w.err()
}

// num prints a coordinate with at most two decimals.
func num(f float64) string {
	return strconv.FormatFloat(float64(int64(f*100+0.5))/100, 'f', -1, 64)
}

// appendNum appends a coordinate with at most two decimals.
func appendNum(b []byte, f float64) []byte {
	return strconv.AppendFloat(b, float64(int64(f*100+0.5))/100, 'f', -1, 64)
}

// literal prints a PDF literal string.
func literal(b []byte) string { return string(appendLiteral(nil, b)) }

func appendLiteral(s, b []byte) []byte {
	s = append(s, '(')
	for _, c := range b {
		if c == '(' || c == ')' || c == '\\' {
			s = append(s, '\\')
		}
		s = append(s, c)
	}
	return append(s, ')')
}

// pdfWriter writes objects and remembers their offsets.
type pdfWriter struct {
	w    *bufio.Writer
	off  int64
	offs map[int]int64
	e    error
}

func (w *pdfWriter) write(s string) {
	n, err := w.w.WriteString(s)
	w.off += int64(n)
	if err != nil && w.e == nil {
		w.e = err
	}
}

func (w *pdfWriter) header() {
	w.offs = map[int]int64{}
	w.write("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
}

func (w *pdfWriter) obj(id int, body string) {
	w.offs[id] = w.off
	w.write(strconv.Itoa(id) + " 0 obj\n" + body + "\nendobj\n")
}

func (w *pdfWriter) stream(id int, data []byte) {
	w.offs[id] = w.off
	w.write(fmt.Sprintf("%d 0 obj\n<< /Length %d /Filter /FlateDecode >>\nstream\n", id, len(data)))
	n, err := w.w.Write(data)
	w.off += int64(n)
	if err != nil && w.e == nil {
		w.e = err
	}
	w.write("\nendstream\nendobj\n")
}

func (w *pdfWriter) trailer(size, root, info int) {
	xref := w.off
	var b strings.Builder
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", size)
	for id := 1; id < size; id++ {
		fmt.Fprintf(&b, "%010d 00000 n \n", w.offs[id])
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root %d 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n", size, root, info, xref)
	w.write(b.String())
}

func (w *pdfWriter) err() error {
	if err := w.w.Flush(); err != nil && w.e == nil {
		w.e = err
	}
	return w.e
}
