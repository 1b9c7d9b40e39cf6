package pdf

import (
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"unicode"
	"unicode/utf8"

	lpdf "github.com/ledongthuc/pdf"

	"github.com/annex-tools/annex/internal/limits"
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
// One walker reads one document: it holds the document's budgets.
type walker struct {
	fonts  *fontCache
	gs     gstate
	stack  []gstate
	tm     matrix // text matrix
	tlm    matrix // text line matrix
	glyphs []glyph
	depth  int   // Form XObject nesting
	forms  []ref // the forms being run, outermost first
	lx     lexer // reused for page streams

	// Budgets, per document (glyphs also per page).
	inflated   *limits.Counter // bytes of streams decoded or taken from the cache
	formsDrawn *limits.Counter // form XObjects run
	docGlyphs  *limits.Counter // glyphs shown
	pageGlyphs int             // glyphs shown on the current page
	maxGlyphs  int             // limits.GlyphsPerPage

	// cache holds the decoded bytes of streams used more than once (a
	// form on every page, one content stream shared by pages); seen marks
	// streams used once. cached is the bytes held.
	cache  map[ref][]byte
	seen   map[ref]bool
	cached int

	stats walkStats

	// buf receives the page's own content stream (depth 0, not cached),
	// reused from page to page.
	buf []byte
	// lines groups the glyphs of each page into lines, with buffers
	// reused from page to page.
	lines lineBuilder
}

// walkStats counts work, for tests.
type walkStats struct {
	decoded    int64 // bytes read from the library's stream readers
	reused     int64 // bytes taken from the cache
	fixedWidth int   // glyphs whose font width was replaced by an estimate
}

// maxCache bounds the bytes the stream cache holds.
const maxCache = 128 << 20

func newWalker() *walker {
	return &walker{
		fonts:      &fontCache{},
		inflated:   limits.NewCounter(limits.InflatedBytes),
		formsDrawn: limits.NewCounter(limits.FormInvocations),
		docGlyphs:  limits.NewCounter(limits.GlyphsPerDocument),
		maxGlyphs:  limits.Int(limits.GlyphsPerPage),
	}
}

// maxFormDepth bounds the nesting of Form XObjects; deeper is an error.
const maxFormDepth = 16

// page collects the glyphs of one page.
func (w *walker) page(p lpdf.Page) []glyph {
	w.glyphs = w.glyphs[:0]
	w.gs = gstate{ctm: identity, th: 1}
	w.stack = w.stack[:0]
	w.pageGlyphs = 0
	res, err := inherited(p.V, "Resources")
	if err != nil {
		panic(err)
	}
	w.run(p.V.Key("Contents"), res)
	return w.glyphs
}

// contentBytes returns the decoded bytes of a content stream, or of an
// array of them joined by newlines. Every byte is charged to the
// document's inflated budget, also when it comes from the cache: the
// budget bounds the content interpreted, the cache only saves inflating
// it again.
func (w *walker) contentBytes(v lpdf.Value) []byte {
	if v.Kind() == lpdf.Array {
		var buf []byte
		for i := 0; i < v.Len(); i++ {
			buf = append(buf, w.streamBytes(v.Index(i))...)
			buf = append(buf, '\n')
		}
		return buf
	}
	return w.streamBytes(v)
}

// streamBytes returns the decoded bytes of one stream.
func (w *walker) streamBytes(s lpdf.Value) []byte {
	if s.Kind() != lpdf.Stream {
		return nil
	}
	r, indirect := refOf(s)
	if data, ok := w.cache[r]; ok && indirect {
		if err := w.inflated.Add(int64(len(data))); err != nil {
			panic(err)
		}
		w.stats.reused += int64(len(data))
		return data
	}
	keep := indirect && w.seen[r] && w.cached < maxCache // cached below, if it fits
	var data []byte
	if w.depth == 0 && !keep {
		// Read into the page buffer: nothing holds these bytes once the
		// page is read, and the next page's stream reuses them.
		data = readStream(s, w.buf[:0])
		w.buf = data
	} else {
		data = readStream(s, nil)
	}
	w.stats.decoded += int64(len(data))
	if indirect {
		if keep && w.cached+len(data) <= maxCache {
			if w.cache == nil {
				w.cache = map[ref][]byte{}
			}
			w.cache[r] = data
			w.cached += len(data)
		}
		if w.seen == nil {
			w.seen = map[ref]bool{}
		}
		w.seen[r] = true
	}
	return data
}

// readStream reads a stream through the library, which charges its bytes
// to the document's budget.
func readStream(s lpdf.Value, buf []byte) []byte {
	rc := s.Reader()
	defer rc.Close()
	for {
		if len(buf) == cap(buf) {
			buf = slices.Grow(buf, max(len(buf), 4096)) // doubling: 2x the stream in all
		}
		n, err := rc.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			break
		}
		if err != nil {
			if limitError(err) != nil {
				panic(err)
			}
			// A damaged stream would silently lose text. Tolerate only a
			// missing end (checksum, final block), as other readers do,
			// once something was read.
			if n == 0 && (errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, zlib.ErrChecksum)) && len(buf) > 0 {
				break
			}
			panic(fmt.Errorf("content stream: %v", err))
		}
	}
	return append(buf, '\n')
}

// run interprets one content stream (or array of streams) with the given
// resources.
func (w *walker) run(contents, res lpdf.Value) {
	data := w.contentBytes(contents)
	if len(data) == 0 {
		return
	}
	lx := &lexer{}
	if w.depth == 0 {
		lx = &w.lx // reused from page to page
	}
	lx.reset(data)
	local := map[string]*font{}         // font resource name → font, for this stream
	xobjects := map[string]lpdf.Value{} // XObject resource name → XObject
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
			if len(args) == 1 && args[0].kind == opName {
				name := string(lx.bytes(args[0]))
				x, ok := xobjects[name]
				if !ok {
					x = res.Key("XObject").Key(name)
					xobjects[name] = x
				}
				w.form(x, res)
			}
		}
	}
}

// form runs a Form XObject. A form drawn inside itself, forms nested more
// than maxFormDepth deep and more forms drawn than the document's limit
// are errors.
func (w *walker) form(x, parentRes lpdf.Value) {
	if x.Kind() != lpdf.Stream || x.Key("Subtype").Name() != "Form" {
		return
	}
	if err := w.formsDrawn.Add(1); err != nil {
		panic(err)
	}
	r, indirect := refOf(x)
	if indirect {
		for _, f := range w.forms {
			if f == r {
				panic(fmt.Errorf("%w: form XObject %s draws itself", ErrCorrupt, r))
			}
		}
	}
	if w.depth >= maxFormDepth {
		panic(fmt.Errorf("%w: form XObjects nested more than %d deep", ErrCorrupt, maxFormDepth))
	}
	w.forms = append(w.forms, r)
	defer func() { w.forms = w.forms[:len(w.forms)-1] }()
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
		if w.pageGlyphs++; w.pageGlyphs > w.maxGlyphs {
			panic(limits.Exceeded(limits.GlyphsPerPage))
		}
		if err := w.docGlyphs.Add(1); err != nil {
			panic(err)
		}
		text := f.decode(code)
		w0 := f.width(code)
		if w0 < 0 || w0 > maxWidth || (w0 == 0 && needsWidth(text)) {
			// A zero, negative or absurd width would draw the next glyph
			// over this one ("100" read as "10", the second 0 taken for
			// a bold overstrike) or far away: estimate it instead.
			r, _ := utf8.DecodeRuneInString(text)
			w0 = approxWidth(int(r))
			w.stats.fixedWidth++
		}
		x := m[4] + m[2]*w.gs.trise
		y := m[5] + m[3]*w.gs.trise
		adv := w0*w.gs.size + w.gs.tc
		if n == 1 && code == 32 {
			adv += w.gs.tw
		}
		adv *= w.gs.th
		if text != "" {
			w.glyphs = append(w.glyphs, glyph{
				x: x, y: y,
				w:     w0 * w.gs.size * w.gs.th * xscale,
				size:  size,
				text:  text,
				space: f.isSpace(code, text),
				bold:  f.bold,
			})
		}
		m[4] += adv * m[0]
		m[5] += adv * m[1]
		w.advance(adv)
	}
}

// maxWidth is the widest plausible glyph, in ems (text space units at
// size 1): wider widths in a font are taken for lies and estimated.
const maxWidth = 3

// needsWidth reports whether a glyph showing text must advance: it shows
// something other than white space or combining marks (which are drawn
// over the previous glyph with width 0).
func needsWidth(text string) bool {
	for _, r := range text {
		if !unicode.IsSpace(r) && !unicode.Is(unicode.Mn, r) && r != '\u200b' {
			return true
		}
	}
	return false
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
