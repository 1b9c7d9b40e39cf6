package pdf

// A content-stream tokenizer. The library's Interpret allocates a value per
// token and panics on malformed input; content streams need only numbers,
// strings, names and flat arrays, read here from one byte slice.

type opKind uint8

const (
	opNum opKind = iota
	opStr
	opName
	opArr
	opOther // dictionaries, booleans, nested arrays: counted, not read
)

// operand is one operand of a content-stream operator. Strings and names
// are arena[lo:hi]; arrays are elems[lo:hi].
type operand struct {
	kind   opKind
	num    float64
	lo, hi int
}

// lexer reads operators and their operands from a content stream.
type lexer struct {
	b     []byte
	i     int
	ops   []operand // operands of the next operator
	elems []operand // array elements
	arena []byte    // string and name bytes
}

func (lx *lexer) reset(b []byte) {
	lx.b, lx.i = b, 0
	lx.ops, lx.elems, lx.arena = lx.ops[:0], lx.elems[:0], lx.arena[:0]
	if cap(lx.arena) < len(b) {
		// Operands are never longer than the stream: one allocation
		// instead of growing by a quarter at a time through a string of
		// many megabytes (five times its size in all).
		lx.arena = make([]byte, 0, len(b))
	}
}

func (lx *lexer) bytes(o operand) []byte {
	if o.kind != opStr && o.kind != opName {
		return nil
	}
	return lx.arena[o.lo:o.hi]
}

func (lx *lexer) array(o operand) []operand {
	if o.kind != opArr {
		return nil
	}
	return lx.elems[o.lo:o.hi]
}

func isWhite(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0
}

func isDelim(c byte) bool {
	switch c {
	case '(', ')', '<', '>', '[', ']', '{', '}', '/', '%':
		return true
	}
	return false
}

// next returns the next operator, its operands in lx.ops; ok is false at
// the end of the stream. The operands of the previous operator are
// discarded.
func (lx *lexer) next() (op string, ok bool) {
	lx.ops, lx.elems, lx.arena = lx.ops[:0], lx.elems[:0], lx.arena[:0]
	for {
		o, kw, ok := lx.token(false)
		if !ok {
			return "", false
		}
		if kw != "" {
			switch kw {
			case "true", "false", "null":
				lx.ops = append(lx.ops, operand{kind: opOther})
				continue
			case "BI":
				lx.skipInlineImage()
				lx.ops = lx.ops[:0]
				continue
			}
			return kw, true
		}
		if len(lx.ops) > 64 {
			lx.ops = lx.ops[:0] // junk; an operator never takes this many
		}
		lx.ops = append(lx.ops, o)
	}
}

// token reads one operand, or a keyword (returned in kw). inArray stops at
// "]" (returned as kw "]").
func (lx *lexer) token(inArray bool) (o operand, kw string, ok bool) {
	b := lx.b
	for lx.i < len(b) {
		c := b[lx.i]
		switch {
		case isWhite(c):
			lx.i++
		case c == '%':
			for lx.i < len(b) && b[lx.i] != '\n' && b[lx.i] != '\r' {
				lx.i++
			}
		case c == '(':
			return lx.literal(), "", true
		case c == '<':
			if lx.i+1 < len(b) && b[lx.i+1] == '<' {
				lx.skipDict()
				return operand{kind: opOther}, "", true
			}
			return lx.hex(), "", true
		case c == '/':
			lx.i++
			start := len(lx.arena)
			for lx.i < len(b) && !isWhite(b[lx.i]) && !isDelim(b[lx.i]) {
				ch := b[lx.i]
				if ch == '#' && lx.i+2 < len(b) && unhex(b[lx.i+1]) >= 0 && unhex(b[lx.i+2]) >= 0 {
					ch = byte(unhex(b[lx.i+1])<<4 | unhex(b[lx.i+2]))
					lx.i += 2
				}
				lx.arena = append(lx.arena, ch)
				lx.i++
			}
			return operand{kind: opName, lo: start, hi: len(lx.arena)}, "", true
		case c == '[':
			lx.i++
			if inArray {
				lx.skipArray()
				return operand{kind: opOther}, "", true
			}
			return lx.readArray(), "", true
		case c == ']':
			lx.i++
			if inArray {
				return operand{}, "]", true
			}
		case c == '{' || c == '}' || c == ')' || c == '>':
			lx.i++
		case c == '+' || c == '-' || c == '.' || (c >= '0' && c <= '9'):
			return lx.number(), "", true
		default:
			start := lx.i
			for lx.i < len(b) && !isWhite(b[lx.i]) && !isDelim(b[lx.i]) {
				lx.i++
			}
			return operand{}, keyword(b[start:lx.i]), true
		}
	}
	return operand{}, "", false
}

func (lx *lexer) number() operand {
	b := lx.b
	neg := false
	for lx.i < len(b) && (b[lx.i] == '+' || b[lx.i] == '-') {
		neg = neg != (b[lx.i] == '-')
		lx.i++
	}
	var v, scale float64 = 0, 0
	digits := 0
	for lx.i < len(b) {
		c := b[lx.i]
		switch {
		case c >= '0' && c <= '9':
			v = v*10 + float64(c-'0')
			if scale > 0 {
				scale *= 10
			}
			digits++
		case c == '.' && scale == 0:
			scale = 1
		default:
			goto done
		}
		lx.i++
	}
done:
	if scale > 1 {
		v /= scale
	}
	if neg {
		v = -v
	}
	if digits > 300 {
		v = 0
	}
	return operand{kind: opNum, num: v}
}

func (lx *lexer) literal() operand {
	b := lx.b
	lx.i++ // (
	start := len(lx.arena)
	depth := 1
	for lx.i < len(b) {
		c := b[lx.i]
		lx.i++
		switch c {
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return operand{kind: opStr, lo: start, hi: len(lx.arena)}
			}
		case '\\':
			if lx.i >= len(b) {
				break
			}
			e := b[lx.i]
			lx.i++
			switch e {
			case 'n':
				c = '\n'
			case 'r':
				c = '\r'
			case 't':
				c = '\t'
			case 'b':
				c = '\b'
			case 'f':
				c = '\f'
			case '\r':
				if lx.i < len(b) && b[lx.i] == '\n' {
					lx.i++
				}
				continue
			case '\n':
				continue
			default:
				if e >= '0' && e <= '7' {
					n := int(e - '0')
					for k := 0; k < 2 && lx.i < len(b) && b[lx.i] >= '0' && b[lx.i] <= '7'; k++ {
						n = n*8 + int(b[lx.i]-'0')
						lx.i++
					}
					c = byte(n)
				} else {
					c = e
				}
			}
		}
		lx.arena = append(lx.arena, c)
	}
	return operand{kind: opStr, lo: start, hi: len(lx.arena)}
}

func (lx *lexer) hex() operand {
	b := lx.b
	lx.i++ // <
	start := len(lx.arena)
	hi := -1
	for lx.i < len(b) && b[lx.i] != '>' {
		d := unhex(b[lx.i])
		lx.i++
		if d < 0 {
			continue
		}
		if hi < 0 {
			hi = d
		} else {
			lx.arena = append(lx.arena, byte(hi<<4|d))
			hi = -1
		}
	}
	if hi >= 0 {
		lx.arena = append(lx.arena, byte(hi<<4))
	}
	lx.i++ // >
	return operand{kind: opStr, lo: start, hi: len(lx.arena)}
}

// readArray reads a flat array of numbers and strings (a TJ operand).
// Nested arrays are skipped, so the elements stay contiguous.
func (lx *lexer) readArray() operand {
	lo := len(lx.elems)
	for {
		o, kw, ok := lx.token(true)
		if !ok || kw == "]" {
			break
		}
		if kw != "" {
			continue // stray keyword inside an array
		}
		lx.elems = append(lx.elems, o)
	}
	return operand{kind: opArr, lo: lo, hi: len(lx.elems)}
}

func (lx *lexer) skipArray() {
	depth := 1
	for depth > 0 {
		_, kw, ok := lx.token(true)
		if !ok {
			return
		}
		if kw == "]" {
			depth--
		}
	}
}

// skipDict skips a dictionary (marked-content properties), nested ones
// and strings inside included.
func (lx *lexer) skipDict() {
	b := lx.b
	lx.i += 2
	depth := 1
	for lx.i < len(b) && depth > 0 {
		switch c := b[lx.i]; {
		case c == '<' && lx.i+1 < len(b) && b[lx.i+1] == '<':
			depth++
			lx.i += 2
		case c == '>' && lx.i+1 < len(b) && b[lx.i+1] == '>':
			depth--
			lx.i += 2
		case c == '(':
			mark := len(lx.arena)
			lx.literal()
			lx.arena = lx.arena[:mark]
		case c == '<':
			mark := len(lx.arena)
			lx.hex()
			lx.arena = lx.arena[:mark]
		default:
			lx.i++
		}
	}
}

// skipInlineImage skips from after "BI" to after the matching "EI".
func (lx *lexer) skipInlineImage() {
	b := lx.b
	// The image dictionary up to "ID".
	for {
		_, kw, ok := lx.token(false)
		if !ok {
			return
		}
		if kw == "ID" {
			break
		}
	}
	lx.i++ // the single white-space byte after ID
	for lx.i+1 < len(b) {
		if b[lx.i] == 'E' && b[lx.i+1] == 'I' && (lx.i == 0 || isWhite(b[lx.i-1])) &&
			(lx.i+2 >= len(b) || isWhite(b[lx.i+2]) || isDelim(b[lx.i+2])) {
			lx.i += 2
			return
		}
		lx.i++
	}
	lx.i = len(b)
}

// keyword returns the operator k, without allocating for the operators the
// walker handles.
func keyword(k []byte) string {
	switch string(k) {
	case "q":
		return "q"
	case "Q":
		return "Q"
	case "cm":
		return "cm"
	case "BT":
		return "BT"
	case "ET":
		return "ET"
	case "Tf":
		return "Tf"
	case "Tc":
		return "Tc"
	case "Tw":
		return "Tw"
	case "Tz":
		return "Tz"
	case "TL":
		return "TL"
	case "Ts":
		return "Ts"
	case "Td":
		return "Td"
	case "TD":
		return "TD"
	case "Tm":
		return "Tm"
	case "T*":
		return "T*"
	case "Tj":
		return "Tj"
	case "TJ":
		return "TJ"
	case "'":
		return "'"
	case "\"":
		return "\""
	case "Do":
		return "Do"
	case "re":
		return "re"
	case "rg":
		return "rg"
	case "g":
		return "g"
	case "w":
		return "w"
	case "n":
		return "n"
	case "f":
		return "f"
	case "W*":
		return "W*"
	case "W":
		return "W"
	case "m":
		return "m"
	case "l":
		return "l"
	case "S":
		return "S"
	case "ID":
		return "ID"
	case "BI":
		return "BI"
	case "true":
		return "true"
	case "false":
		return "false"
	case "null":
		return "null"
	}
	return string(k)
}
