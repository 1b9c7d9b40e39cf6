package pdf

import (
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"math"

	lpdf "github.com/ledongthuc/pdf"
)

// glyph is one shown character code, positioned in the page's user space
// (points, y growing upwards).
type glyph struct {
	x, y  float64 // origin of the glyph, baseline (rise included)
	w     float64 // advance width
	size  float64 // effective font size: the text size scaled by Tm and CTM
	text  string  // decoded text, "" when the code maps to nothing
	space bool    // the text is white space
	bold  bool    // the font is a bold face
}

// matrix is a PDF transformation matrix [a b c d e f].
type matrix [6]float64

var identity = matrix{1, 0, 0, 1, 0, 0}

// mul returns m × n (apply m, then n).
func (m matrix) mul(n matrix) matrix {
	return matrix{
		m[0]*n[0] + m[1]*n[2],
		m[0]*n[1] + m[1]*n[3],
		m[2]*n[0] + m[3]*n[2],
		m[2]*n[1] + m[3]*n[3],
		m[4]*n[0] + m[5]*n[2] + n[4],
		m[4]*n[1] + m[5]*n[3] + n[5],
	}
}

// gstate is the part of the graphics state the walker needs.
type gstate struct {
	ctm   matrix
	font  *font
	size  float64 // Tfs
	tc    float64 // character spacing
	tw    float64 // word spacing
	th    float64 // horizontal scaling, 1 = 100%
	tl    float64 // leading
	trise float64 // rise
}

// walker interprets content streams and collects the glyphs they show.
type walker struct {
	fonts  *fontCache
	gs     gstate
	stack  []gstate
	tm     matrix // text matrix
	tlm    matrix // text line matrix
	glyphs []glyph
	lx     lexer  // reused for page streams
	buf    []byte // reused for page streams
	depth  int    // Form XObject nesting
}

const maxFormDepth = 8

// page collects the glyphs of one page.
func (w *walker) page(p lpdf.Page) []glyph {
	w.glyphs = w.glyphs[:0]
	w.gs = gstate{ctm: identity, th: 1}
	w.stack = w.stack[:0]
	w.run(p.V.Key("Contents"), p.Resources())
	return w.glyphs
}

// maxStream bounds the decoded size of one page's content, in bytes.
const maxStream = 64 << 20

// streamBytes appends the decoded bytes of a content stream, or of an
// array of them joined by newlines, to buf.
func streamBytes(buf []byte, v lpdf.Value) []byte {
	read := func(s lpdf.Value) {
		if s.Kind() != lpdf.Stream {
			return
		}
		rc := s.Reader()
		defer rc.Close()
		for len(buf) < maxStream {
			if len(buf) == cap(buf) {
				buf = append(buf, 0)[:len(buf)]
			}
			n, err := rc.Read(buf[len(buf):min(cap(buf), maxStream)])
			buf = buf[:len(buf)+n]
			if err == io.EOF {
				break
			}
			if err != nil {
				// A damaged stream would silently lose text. Tolerate
				// only a missing end (checksum, final block), as other
				// readers do, once something was read.
				if n == 0 && (errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, zlib.ErrChecksum)) && len(buf) > 0 {
					break
				}
				panic(fmt.Errorf("content stream: %v", err))
			}
		}
		buf = append(buf, '\n')
	}
	if v.Kind() == lpdf.Array {
		for i := 0; i < v.Len() && len(buf) < maxStream; i++ {
			read(v.Index(i))
		}
	} else {
		read(v)
	}
	return buf
}

// run interprets one content stream (or array of streams) with the given
// resources.
func (w *walker) run(contents, res lpdf.Value) {
	var data []byte
	lx := &lexer{}
	if w.depth == 0 {
		w.buf = streamBytes(w.buf[:0], contents)
		data = w.buf
		lx = &w.lx
	} else {
		data = streamBytes(nil, contents)
	}
	if len(data) == 0 {
		return
	}
	lx.reset(data)
	local := map[string]*font{} // font resource name → font, for this stream
	num := func(o operand) float64 { return o.num }
	for {
		op, ok := lx.next()
		if !ok {
			return
		}
		args := lx.ops
		switch op {
		case "q":
			if len(w.stack) < 1024 {
				w.stack = append(w.stack, w.gs)
			}
		case "Q":
			if n := len(w.stack); n > 0 {
				w.gs = w.stack[n-1]
				w.stack = w.stack[:n-1]
			}
		case "cm":
			if m, ok := matrixArgs(args); ok {
				w.gs.ctm = m.mul(w.gs.ctm)
			}
		case "BT":
			w.tm, w.tlm = identity, identity
		case "Tf":
			if len(args) == 2 && args[0].kind == opName {
				name := lx.bytes(args[0])
				f, ok := local[string(name)]
				if !ok {
					f = w.fonts.get(res.Key("Font").Key(string(name)))
					local[string(name)] = f
				}
				w.gs.font = f
				w.gs.size = num(args[1])
			}
		case "Tc":
			if len(args) == 1 {
				w.gs.tc = num(args[0])
			}
		case "Tw":
			if len(args) == 1 {
				w.gs.tw = num(args[0])
			}
		case "Tz":
			if len(args) == 1 {
				w.gs.th = num(args[0]) / 100
			}
		case "TL":
			if len(args) == 1 {
				w.gs.tl = num(args[0])
			}
		case "Ts":
			if len(args) == 1 {
				w.gs.trise = num(args[0])
			}
		case "Td":
			if len(args) == 2 {
				w.td(num(args[0]), num(args[1]))
			}
		case "TD":
			if len(args) == 2 {
				w.gs.tl = -num(args[1])
				w.td(num(args[0]), num(args[1]))
			}
		case "Tm":
			if m, ok := matrixArgs(args); ok {
				w.tm, w.tlm = m, m
			}
		case "T*":
			w.td(0, -w.gs.tl)
		case "Tj":
			if len(args) == 1 {
				w.show(lx.bytes(args[0]))
			}
		case "'":
			if len(args) == 1 {
				w.td(0, -w.gs.tl)
				w.show(lx.bytes(args[0]))
			}
		case "\"":
			if len(args) == 3 {
				w.gs.tw = num(args[0])
				w.gs.tc = num(args[1])
				w.td(0, -w.gs.tl)
				w.show(lx.bytes(args[2]))
			}
		case "TJ":
			if len(args) == 1 {
				for _, e := range lx.array(args[0]) {
					switch e.kind {
					case opStr:
						w.show(lx.bytes(e))
					case opNum:
						w.advance(-e.num / 1000 * w.gs.size * w.gs.th)
					}
				}
			}
		case "Do":
			if len(args) == 1 && args[0].kind == opName && w.depth < maxFormDepth {
				w.form(res.Key("XObject").Key(string(lx.bytes(args[0]))), res)
			}
		}
	}
}

// form runs a Form XObject.
func (w *walker) form(x, parentRes lpdf.Value) {
	if x.Kind() != lpdf.Stream || x.Key("Subtype").Name() != "Form" {
		return
	}
	saved, savedTm, savedTlm := w.gs, w.tm, w.tlm
	if m, ok := matrixValue(x.Key("Matrix")); ok {
		w.gs.ctm = m.mul(w.gs.ctm)
	}
	res := x.Key("Resources")
	if res.Kind() != lpdf.Dict {
		res = parentRes
	}
	w.depth++
	w.run(x, res)
	w.depth--
	w.gs, w.tm, w.tlm = saved, savedTm, savedTlm
}

func (w *walker) td(tx, ty float64) {
	w.tlm = matrix{1, 0, 0, 1, tx, ty}.mul(w.tlm)
	w.tm = w.tlm
}

// advance moves the text matrix by tx in unscaled text space units.
func (w *walker) advance(tx float64) {
	w.tm[4] += tx * w.tm[0]
	w.tm[5] += tx * w.tm[1]
}

// show shows a string of character codes.
func (w *walker) show(raw []byte) {
	f := w.gs.font
	if f == nil {
		f = fallbackFont
	}
	m := w.tm.mul(w.gs.ctm)
	size := w.gs.size * norm(m[2], m[3])
	xscale := norm(m[0], m[1])
	for i := 0; i < len(raw); {
		code, n := f.code(raw[i:])
		i += n
		w0 := f.width(code)
		x := m[4] + m[2]*w.gs.trise
		y := m[5] + m[3]*w.gs.trise
		adv := w0*w.gs.size + w.gs.tc
		if n == 1 && code == 32 {
			adv += w.gs.tw
		}
		adv *= w.gs.th
		text := f.decode(code)
		if text != "" {
			w.glyphs = append(w.glyphs, glyph{
				x: x, y: y,
				w:     w0 * w.gs.size * w.gs.th * xscale,
				size:  size,
				text:  text,
				space: isBlank(text),
				bold:  f.bold,
			})
		}
		m[4] += adv * m[0]
		m[5] += adv * m[1]
		w.advance(adv)
	}
}

// norm returns the length of the vector (a, b), fast for the usual
// axis-aligned case.
func norm(a, b float64) float64 {
	switch {
	case b == 0:
		return math.Abs(a)
	case a == 0:
		return math.Abs(b)
	}
	return math.Sqrt(a*a + b*b)
}

func isBlank(s string) bool {
	for _, r := range s {
		switch r {
		case ' ', '\t', '\n', '\r', '\u00a0', '\u2002', '\u2003', '\u2009', '\u200b', '\u3000':
		default:
			return false
		}
	}
	return true
}

func matrixArgs(args []operand) (matrix, bool) {
	if len(args) != 6 {
		return matrix{}, false
	}
	var m matrix
	for i := range m {
		m[i] = args[i].num
	}
	return m, true
}

func matrixValue(v lpdf.Value) (matrix, bool) {
	if v.Kind() != lpdf.Array || v.Len() != 6 {
		return matrix{}, false
	}
	var m matrix
	for i := range m {
		m[i] = v.Index(i).Float64()
	}
	return m, true
}
