// Package textnorm cleans and folds annex text.
//
// Clean turns text as extracted from a document into the canonical form of
// the annex/1 model: valid UTF-8, NFC, ligatures spelled out, no soft hyphens,
// no control or bidirectional formatting characters, single spaces, one line. Fold goes further, for comparison only: it maps the
// typographic variants that carry no meaning (curly and straight quotes, dash
// forms, exponents as superscript characters or "^") to one form, so that the
// same text laid out by two programs compares equal.
package textnorm

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

var cleaner = strings.NewReplacer(
	"\u00ad", "", // soft hyphen
	"\ufb00", "ff", "\ufb01", "fi", "\ufb02", "fl", "\ufb03", "ffi", "\ufb04", "ffl", "\ufb05", "st", "\ufb06", "st",
	"\u2010", "-", "\u2011", "-",
	"\u00a0", " ", "\u2009", " ", "\u202f", " ", "\u2007", " ", "\u2002", " ", "\u2003", " ",
	"\ufeff", "", "\u200b", "",
)

// Clean returns s as canonical model text: valid UTF-8 in NFC, ligatures as
// letters, soft hyphens removed, control characters other than white space
// (ESC, BEL, NUL…) and bidirectional formatting characters (U+202E…)
// removed, non-breaking and thin spaces as spaces, runs of white space (line
// breaks included) as one space, no leading or trailing space.
func Clean(s string) string {
	if plainASCII(s) {
		return Squash(s) // nothing else to do: the rest is about other characters
	}
	return clean(s)
}

// clean is Clean on any text.
func clean(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\ufffd")
	}
	if strings.IndexFunc(s, Dropped) >= 0 {
		s = strings.Map(func(r rune) rune {
			if Dropped(r) {
				return -1
			}
			return r
		}, s)
	}
	s = cleaner.Replace(s)
	s = norm.NFC.String(s)
	return Squash(s)
}

// Dropped reports whether Clean removes r: a C0 or C1 control character
// that is not white space (tab, line feed, vertical tab, form feed, carriage
// return and U+0085 are, and become a space), DEL, or a bidirectional
// formatting character (U+061C, U+200E, U+200F, U+202A to U+202E, U+2066 to
// U+2069). A font's ToUnicode map or a workbook's _x001B_ escape can put
// them in a document; they carry no meaning in a control list and could
// drive a terminal or reorder what a reader sees.
func Dropped(r rune) bool {
	switch {
	case r < 0x20:
		return r != '\t' && r != '\n' && r != '\v' && r != '\f' && r != '\r'
	case r == 0x7f, r >= 0x80 && r < 0xa0:
		return r != 0x85
	case r < 0x61c:
		return false
	}
	switch r {
	case 0x61c, 0x200e, 0x200f, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069:
		return true
	}
	return false
}

// Squash collapses runs of white space into single spaces and trims the ends.
func Squash(s string) string {
	if !needsSquash(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

// plainASCII reports whether s has only printable ASCII characters and
// white space: nothing Clean removes or replaces, and already in NFC.
func plainASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x7f || c < ' ' && (c < '\t' || c > '\r') {
			return false
		}
	}
	return true
}

func needsSquash(s string) bool {
	prevSpace := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			return true // may be a Unicode space; take the slow path
		}
		sp := c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'
		if sp && (c != ' ' || prevSpace) {
			return true
		}
		prevSpace = sp
	}
	return prevSpace && len(s) > 0
}

var folder = strings.NewReplacer(
	"\u201c", `"`, "\u201d", `"`, "\u201e", `"`, "\u201f", `"`, "\u00ab", `"`, "\u00bb", `"`, "\u2033", `"`,
	"\u2018", "'", "\u2019", "'", "\u201a", "'", "\u201b", "'", "\u2032", "'",
	"\u2012", "-", "\u2013", "-", "\u2014", "-", "\u2015", "-", "\u2212", "-",
)

var superscripts = map[rune]byte{
	'⁰': '0', '¹': '1', '²': '2', '³': '3', '⁴': '4', '⁵': '5', '⁶': '6', '⁷': '7', '⁸': '8', '⁹': '9',
	'⁻': '-', '⁺': '+',
}

// Fold returns Clean(s) with typographic variants mapped to one form: curly
// quotes to straight ones, dash forms to "-", and a run of superscript
// characters to "^" and plain characters ("10⁶" and "10^6" both become
// "10^6"). Fold is for comparing texts; models keep the text as printed.
func Fold(s string) string {
	s = folder.Replace(Clean(s))
	if !strings.ContainsFunc(s, isSuperscript) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 4)
	in := false
	for _, r := range s {
		if d, ok := superscripts[r]; ok {
			if !in {
				b.WriteByte('^')
				in = true
			}
			b.WriteByte(d)
			continue
		}
		in = false
		b.WriteRune(r)
	}
	return b.String()
}

func isSuperscript(r rune) bool { _, ok := superscripts[r]; return ok }

// Superscript returns s (digits, "-" or "+") as superscript characters, and
// false when s holds anything else.
func Superscript(s string) (string, bool) {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune([]rune("⁰¹²³⁴⁵⁶⁷⁸⁹")[r-'0'])
		case r == '-' || r == '\u2212':
			b.WriteRune('⁻')
		case r == '+':
			b.WriteRune('⁺')
		default:
			return s, false
		}
	}
	return b.String(), s != ""
}
