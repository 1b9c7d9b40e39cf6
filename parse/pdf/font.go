package pdf

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf16"

	lpdf "github.com/ledongthuc/pdf"
)

// font holds what the walker needs of a font: how to split a string into
// codes, each code's width and its text.
type font struct {
	twoByte bool            // Type0 fonts: 2-byte codes
	first   int             // simple fonts: code of widths[0]
	widths  []float64       // simple fonts: widths in text space units (already divided by 1000)
	missing float64         // width of codes without a width
	cidW    map[int]float64 // Type0: widths by CID (identity CID = code)
	simple  *[256]string    // simple fonts: text by code
	blank   *[256]bool      // simple fonts: the code's text is white space
	uni     map[int]string  // Type0: text by code (ToUnicode)
	bold    bool            // a bold face, by name or weight
	approx  bool            // widths are estimates (no /Widths)
}

// fallbackFont is used when a page shows text before selecting a font, or
// selects one that does not exist: estimated widths, Latin-1 text.
var fallbackFont = func() *font {
	f := &font{approx: true, missing: 0.5, simple: new([256]string)}
	for c := 32; c < 256; c++ {
		f.simple[c] = string(rune(c))
	}
	f.blank = blankTable(f.simple)
	return f
}()

// blankTable tells, for each code of a simple font, whether its text is
// white space (isBlank), so that the walker does not ask for every glyph.
func blankTable(simple *[256]string) *[256]bool {
	t := new([256]bool)
	for c, s := range simple {
		t[c] = isBlank(s)
	}
	return t
}

// isSpace reports whether the text of code, text, is white space.
func (f *font) isSpace(code int, text string) bool {
	if f.blank != nil && !f.twoByte && code >= 0 && code < 256 {
		return f.blank[code]
	}
	return isBlank(text)
}

func (f *font) code(s []byte) (code, n int) {
	if f.twoByte && len(s) >= 2 {
		return int(s[0])<<8 | int(s[1]), 2
	}
	return int(s[0]), 1
}

func (f *font) width(code int) float64 {
	if f.twoByte {
		if w, ok := f.cidW[code]; ok {
			return w
		}
		return f.missing
	}
	if i := code - f.first; i >= 0 && i < len(f.widths) {
		if w := f.widths[i]; w > 0 || !f.approx {
			return w
		}
	}
	if f.approx {
		return approxWidth(code)
	}
	return f.missing
}

func (f *font) decode(code int) string {
	if f.twoByte {
		if s, ok := f.uni[code]; ok {
			return s
		}
		return ""
	}
	if code >= 0 && code < 256 {
		return f.simple[code]
	}
	return ""
}

// approxWidth estimates the width of a Latin character for fonts that give
// no widths (the standard 14 fonts may omit them): enough to tell word gaps
// from letter gaps.
func approxWidth(code int) float64 {
	switch {
	case code == ' ':
		return 0.25
	case strings.ContainsRune("iljtfI.,;:'!|()[]", rune(code)):
		return 0.28
	case strings.ContainsRune("mwMW", rune(code)):
		return 0.83
	case code >= 'A' && code <= 'Z':
		return 0.67
	}
	return 0.5
}

// fontCache shares parsed fonts between pages. Fonts are keyed by the
// indirect object they are (printing a page's fonts every page cost more
// than reading its text), direct font dictionaries by their printed form,
// which names the indirect objects it refers to.
type fontCache struct {
	m     map[string]*font
	byRef map[ref]*font
}

func (c *fontCache) get(v lpdf.Value) *font {
	if r, ok := refOf(v); ok {
		if f, ok := c.byRef[r]; ok {
			return f
		}
		f := c.load(v)
		if c.byRef == nil {
			c.byRef = map[ref]*font{}
		}
		c.byRef[r] = f
		return f
	}
	return c.load(v)
}

func (c *fontCache) load(v lpdf.Value) *font {
	if v.Kind() != lpdf.Dict {
		return fallbackFont
	}
	key := v.String()
	if f, ok := c.m[key]; ok {
		return f
	}
	f := loadFont(v)
	if c.m == nil {
		c.m = map[string]*font{}
	}
	c.m[key] = f
	return f
}

func loadFont(v lpdf.Value) *font {
	f := &font{}
	name := v.Key("BaseFont").Name()
	desc := v.Key("FontDescriptor")
	uni, oneByte := readToUnicode(v.Key("ToUnicode"))
	switch v.Key("Subtype").Name() {
	case "Type0":
		d := v.Key("DescendantFonts").Index(0)
		if name == "" {
			name = d.Key("BaseFont").Name()
		}
		desc = d.Key("FontDescriptor")
		f.twoByte = !oneByte
		f.missing = 1
		if dw := d.Key("DW"); dw.Kind() == lpdf.Integer || dw.Kind() == lpdf.Real {
			f.missing = dw.Float64() / 1000
		}
		f.cidW = readCIDWidths(d.Key("W"))
		if f.twoByte {
			f.uni = uni
			if f.uni == nil {
				f.uni = map[int]string{}
			}
		} else {
			f.simple = simpleText(v, uni)
		}
	default:
		scale := 1.0 / 1000
		if v.Key("Subtype").Name() == "Type3" {
			if m, ok := matrixValue(v.Key("FontMatrix")); ok {
				scale = m[0]
			}
		}
		f.first = int(v.Key("FirstChar").Int64())
		ws := v.Key("Widths")
		f.widths = make([]float64, ws.Len())
		for i := range f.widths {
			f.widths[i] = ws.Index(i).Float64() * scale
		}
		f.missing = desc.Key("MissingWidth").Float64() * scale
		f.approx = len(f.widths) == 0
		f.simple = simpleText(v, uni)
	}
	if f.simple != nil {
		f.blank = blankTable(f.simple)
	}
	lower := strings.ToLower(name)
	f.bold = strings.Contains(lower, "bold") || strings.Contains(lower, "black") ||
		strings.Contains(lower, "heavy") || desc.Key("FontWeight").Float64() >= 600
	return f
}

// simpleText returns the text of each 1-byte code: from ToUnicode when it
// maps the code, else from the font's encoding as the library decodes it.
func simpleText(v lpdf.Value, uni map[int]string) *[256]string {
	t := new([256]string)
	var enc lpdf.TextEncoding
	for c := 0; c < 256; c++ {
		if s, ok := uni[c]; ok {
			t[c] = s
			continue
		}
		if enc == nil {
			lf := lpdf.Font{V: v}
			if v.Key("Encoding").IsNull() {
				// Without an /Encoding the library would fall back to the
				// ToUnicode map we already read; use the standard Latin
				// text instead.
				enc = latin1{}
			} else {
				enc = lf.Encoder()
			}
		}
		s := enc.Decode(string([]byte{byte(c)}))
		if s == "\ufffd" || (c < 32 && s == string(rune(c))) {
			s = ""
		}
		t[c] = s
	}
	return t
}

type latin1 struct{}

func (latin1) Decode(raw string) string {
	r := make([]rune, len(raw))
	for i := 0; i < len(raw); i++ {
		r[i] = rune(raw[i])
	}
	return string(r)
}

// maxCode is the largest character code the walker reads (2-byte codes);
// widths and text of larger codes are never used.
const maxCode = 0xFFFF

// maxCMapWork bounds the entries one /W array or ToUnicode map may set,
// overwrites included: a few KB of ranges over all 65,536 codes, again
// and again, would otherwise run for minutes.
const maxCMapWork = 1 << 20

// readCIDWidths reads a CIDFont's /W array: "c [w1 w2 …]" and
// "cfirst clast w" forms. Codes past maxCode are ignored.
func readCIDWidths(w lpdf.Value) map[int]float64 {
	m := map[int]float64{}
	n := w.Len()
	work := 0
	for i := 0; i < n && work < maxCMapWork; {
		first := int(w.Index(i).Int64())
		next := w.Index(i + 1)
		if next.Kind() == lpdf.Array {
			for j := 0; j < next.Len() && first+j <= maxCode; j++ {
				if first+j >= 0 {
					m[first+j] = next.Index(j).Float64() / 1000
				}
				work++
			}
			i += 2
			continue
		}
		last := min(int(next.Int64()), maxCode)
		width := w.Index(i+2).Float64() / 1000
		if last < first || first < 0 {
			i += 3
			continue
		}
		for c := first; c <= last; c++ {
			m[c] = width
		}
		work += last - first + 1
		i += 3
	}
	if work >= maxCMapWork {
		panic(fmt.Errorf("%w: a font's /W array sets more than %d widths", ErrCorrupt, maxCMapWork))
	}
	return m
}

// readToUnicode parses a ToUnicode CMap: bfchar and bfrange mappings (the
// range form applied to the whole destination value, not just its last
// byte). oneByte reports a codespace of 1-byte codes only.
func readToUnicode(v lpdf.Value) (m map[int]string, oneByte bool) {
	if v.Kind() != lpdf.Stream {
		return nil, false
	}
	rc := v.Reader()
	data, err := io.ReadAll(io.LimitReader(rc, 4<<20))
	rc.Close()
	if err != nil && len(data) == 0 {
		return nil, false
	}
	return parseToUnicode(data)
}

// maxCMapTarget is the longest text a ToUnicode map may give one code, in
// bytes of UTF-16 (PDF 32000-1, 9.10.3: 512).
const maxCMapTarget = 512

// parseToUnicode parses the data of a ToUnicode CMap (readToUnicode). The
// work is counted in UTF-16 units set, so that long texts given to many
// codes count as much as they cost.
func parseToUnicode(data []byte) (m map[int]string, oneByte bool) {
	m = map[int]string{}
	work := 0 // UTF-16 units set, overwrites included (see maxCMapWork)
	charge := func(n int) {
		if work += n; work > maxCMapWork {
			panic(fmt.Errorf("%w: a font's ToUnicode map sets more than %d characters", ErrCorrupt, maxCMapWork))
		}
	}
	target := func(s string) []uint16 {
		if len(s) > maxCMapTarget {
			panic(fmt.Errorf("%w: a font's ToUnicode map gives a code a text of more than %d bytes", ErrCorrupt, maxCMapTarget))
		}
		return utf16Units(s)
	}
	toks := cmapTokens(string(data))
	oneByte = true
	sawSpace := false
	for i := 0; i < len(toks); i++ {
		switch toks[i].s {
		case "begincodespacerange":
			for i++; i < len(toks) && toks[i].s != "endcodespacerange"; i++ {
				if toks[i].hex && len(toks[i].s) > 1 {
					oneByte = false
				}
				sawSpace = true
			}
		case "beginbfchar":
			for i++; i+1 < len(toks) && toks[i].s != "endbfchar"; i += 2 {
				if !toks[i].hex || !toks[i+1].hex {
					continue
				}
				if len(toks[i].s) > 1 && !sawSpace {
					oneByte = false
				}
				u := target(toks[i+1].s)
				charge(max(len(u), 1))
				m[codeOf(toks[i].s)] = string(utf16.Decode(u))
			}
		case "beginbfrange":
			for i++; i+2 < len(toks) && toks[i].s != "endbfrange"; {
				lo, hi := toks[i], toks[i+1]
				if !lo.hex || !hi.hex {
					i++
					continue
				}
				if len(lo.s) > 1 && !sawSpace {
					oneByte = false
				}
				a, b := codeOf(lo.s), min(codeOf(hi.s), maxCode)
				charge(max(b-a+1, 0))
				if toks[i+2].s == "[" {
					j := i + 3
					for c := a; j < len(toks) && toks[j].s != "]"; j, c = j+1, c+1 {
						if toks[j].hex && c <= b {
							u := target(toks[j].s)
							charge(len(u))
							m[c] = string(utf16.Decode(u))
						}
					}
					i = j + 1
					continue
				}
				dst := toks[i+2]
				i += 3
				if !dst.hex || b < a || b-a > 1<<16 {
					continue
				}
				units := target(dst.s)
				if len(units) == 0 {
					continue
				}
				charge((b - a + 1) * (len(units) - 1)) // the codes were charged one unit each
				for c := a; c <= b; c++ {
					u := append([]uint16(nil), units...)
					u[len(u)-1] += uint16(c - a)
					m[c] = string(utf16.Decode(u))
				}
			}
		}
	}
	return m, oneByte
}

type cmapToken struct {
	s   string // keyword, "[", "]", or the decoded bytes of a hex string
	hex bool
}

// cmapTokens splits a CMap into hex strings, brackets and bare words; other
// syntax (literal strings, dictionaries, comments) is skipped.
func cmapTokens(s string) []cmapToken {
	var toks []cmapToken
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '%':
			for i < len(s) && s[i] != '\n' && s[i] != '\r' {
				i++
			}
		case c == '<' && i+1 < len(s) && s[i+1] == '<':
			i += 2
		case c == '>' && i+1 < len(s) && s[i+1] == '>':
			i += 2
		case c == '<':
			j := i + 1
			var b []byte
			var hi int = -1
			for ; j < len(s) && s[j] != '>'; j++ {
				d := unhex(s[j])
				if d < 0 {
					continue
				}
				if hi < 0 {
					hi = d
				} else {
					b = append(b, byte(hi<<4|d))
					hi = -1
				}
			}
			if hi >= 0 {
				b = append(b, byte(hi<<4))
			}
			toks = append(toks, cmapToken{s: string(b), hex: true})
			i = j + 1
		case c == '[' || c == ']':
			toks = append(toks, cmapToken{s: string(c)})
			i++
		case c == '(':
			depth := 0
			for ; i < len(s); i++ {
				if s[i] == '\\' {
					i++
					continue
				}
				if s[i] == '(' {
					depth++
				} else if s[i] == ')' {
					depth--
					if depth == 0 {
						break
					}
				}
			}
			i++
		case c <= ' ' || c == '/' || c == '{' || c == '}' || c == '>' || c == ')':
			i++
		default:
			j := i
			for j < len(s) && s[j] > ' ' && !strings.ContainsRune("<>[]()/{}%", rune(s[j])) {
				j++
			}
			toks = append(toks, cmapToken{s: s[i:j]})
			i = j
		}
	}
	return toks
}

func unhex(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'a' && c <= 'f':
		return int(c-'a') + 10
	case c >= 'A' && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}

func codeOf(b string) int {
	n := 0
	for i := 0; i < len(b) && i < 4; i++ {
		n = n<<8 | int(b[i])
	}
	return n
}

func utf16Units(b string) []uint16 {
	if len(b)%2 == 1 {
		b += "\x00"
	}
	u := make([]uint16, len(b)/2)
	for i := range u {
		u[i] = uint16(b[2*i])<<8 | uint16(b[2*i+1])
	}
	return u
}
