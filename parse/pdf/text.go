package pdf

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/annex-tools/annex/internal/textnorm"
)

// vocabulary is the set of words printed in a document, lower case, used to
// tell line-break hyphenation from real hyphens: each with the number of
// times it is printed (a word not printed is not in it).
type vocabulary map[string]int

func newVocabulary(ls []*line) vocabulary {
	// Without a line that ends in a hyphen after a letter or digit, the
	// document keeps every hyphen (below), and the words are not read.
	if !slices.ContainsFunc(ls[:max(len(ls)-1, 0)], func(l *line) bool { return breaksWord(strings.TrimSpace(l.text)) }) {
		return vocabulary{keepHyphens: 1}
	}
	v := vocabulary{}
	for _, l := range ls {
		// The fields of the line (strings.Fields), the last one held back:
		// a last field that ends in a hyphen is a possible break, not a word.
		prev, has := "", false
		for f := range strings.FieldsSeq(l.text) {
			if has {
				v.add(prev)
			}
			prev, has = f, true
		}
		if has && !strings.HasSuffix(prev, "-") {
			v.add(prev)
		}
	}
	// A document that never breaks a word between syllables at a line end
	// (no line ends in "produc-" before "tion", neither half a word of its
	// own) keeps every hyphen: its producer does not hyphenate, and "shut-"
	// "down" is the printed "shut-down" even where "shutdown" is printed
	// elsewhere.
	breaks := false
	for i := 0; i+1 < len(ls) && !breaks; i++ {
		t := strings.TrimSpace(ls[i].text)
		if !breaksWord(t) {
			continue
		}
		stem := strings.TrimSuffix(lastField(t), "-")
		if j := strings.LastIndexByte(stem, '-'); j >= 0 {
			stem = stem[j+1:]
		}
		stem = strings.ToLower(wordCore(stem))
		next := strings.ToLower(wordCore(firstField(strings.TrimSpace(ls[i+1].text))))
		// next is a word of its own if it is printed elsewhere too.
		breaks = stem != "" && next != "" && v[stem] == 0 && v[next] <= 1
	}
	if !breaks {
		v[keepHyphens] = 1
	}
	return v
}

// add counts the printed field f as a word, its punctuation stripped.
func (v vocabulary) add(f string) {
	if w := wordCore(f); w != "" {
		v[strings.ToLower(w)]++
	}
}

// keepHyphens is the vocabulary's mark of a document that never hyphenates
// words at line ends; it cannot be a word.
const keepHyphens = "\x00keep-hyphens"

// wordCore strips leading and trailing punctuation from a token.
func wordCore(s string) string {
	return strings.TrimFunc(s, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}

// joinLines joins the printed lines of one text. A line that ends in a
// hyphen after a letter or digit joins the next without a space; the hyphen
// is dropped only when the document prints the joined word elsewhere and
// never the hyphenated one (a line-break hyphenation), and kept otherwise
// ("light-weight", "re-entry", "10544-72-7").
func joinLines(ls []string, vocab vocabulary) string {
	if len(ls) == 1 {
		// Most texts: nothing to join. A copy, as the builder would make:
		// the model must not hold on to the text of the page.
		return finish(strings.Clone(strings.TrimSpace(ls[0])))
	}
	var b strings.Builder
	n := 0
	for _, s := range ls {
		n += len(s) + 1
	}
	b.Grow(n) // one allocation, and the model's text no larger than it
	for i, s := range ls {
		s = strings.TrimSpace(s)
		if s == "" {
			continue
		}
		if i > 0 && b.Len() > 0 {
			prev := b.String()
			switch {
			case strings.HasSuffix(prev, "\u00ad"):
				// soft hyphen: Clean removes it
			case breaksWord(prev):
				last := lastField(prev)
				stem := strings.TrimSuffix(last, "-")
				if i := strings.LastIndexByte(stem, '-'); i >= 0 {
					stem = stem[i+1:]
				}
				next := firstField(s)
				joined := strings.ToLower(wordCore(stem + next))
				hyph := strings.ToLower(wordCore(stem + "-" + next))
				if vocab[joined] > 0 && vocab[hyph] == 0 && vocab[keepHyphens] == 0 {
					b.Reset()
					b.Grow(n)
					b.WriteString(strings.TrimSuffix(prev, "-"))
				}
			default:
				b.WriteByte(' ')
			}
		}
		b.WriteString(s)
	}
	return finish(b.String())
}

func breaksWord(s string) bool {
	if !strings.HasSuffix(s, "-") || len(s) < 2 {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(s[:len(s)-1])
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

func lastField(s string) string {
	if i := strings.LastIndexAny(s, " \t"); i >= 0 {
		return s[i+1:]
	}
	return s
}

func firstField(s string) string {
	if i := strings.IndexAny(s, " \t"); i >= 0 {
		return s[:i]
	}
	return s
}

// spacedExponentRE finds a superscript run printed after a space ("10 ⁻⁶"):
// an exponent always belongs to what precedes it.
var spacedExponentRE = regexp.MustCompile(`([\p{L}\p{N})]) +([⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺]+)`)

// finish returns s as canonical model text.
func finish(s string) string {
	s = textnorm.Clean(s)
	if strings.ContainsAny(s, "⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺") {
		s = spacedExponentRE.ReplaceAllString(s, "$1$2")
	}
	return s
}
