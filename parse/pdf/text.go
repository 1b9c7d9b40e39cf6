package pdf

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/annex-tools/annex/internal/textnorm"
)

// vocabulary is the set of words printed in a document, lower case, used to
// tell line-break hyphenation from real hyphens: each with the number of
// times it is printed (a word not printed is not in it).
type vocabulary map[string]int

// words counts the words of a document's body as its lines are read, for
// the vocabulary that joinLines reads. The words are needed only when a
// line breaks a word (most documents never do), and counting them is a
// tenth of a parse: the lines are held uncounted until the first line that
// breaks a word, within holdLimit bytes. Past it they are let go, and
// should a line then break a word, the vocabulary is not known (lost): the
// document is to be read again counting from the start (eager).
type words struct {
	eager  bool
	index  map[string]int32 // each word's place in keys and counts
	keys   []string
	counts []int
	held   []string // the lines not counted yet
	size   int      // their bytes
	gone   bool     // lines were let go uncounted
	lost   bool     // a line broke a word after that
	prev   string   // the line before, trimmed, when it breaks a word
	breaks []hyphenation
}

// holdLimit is how many bytes of lines words holds uncounted.
var holdLimit = 1 << 20

// hyphenation is a line that ends in a word broken by a hyphen: the word's
// start, and the first word of the next line, lower case.
type hyphenation struct{ stem, next string }

// add counts the words of the next line of the body.
func (w *words) add(text string) {
	t := strings.TrimSpace(text)
	if w.prev != "" {
		stem := strings.TrimSuffix(lastField(w.prev), "-")
		if j := strings.LastIndexByte(stem, '-'); j >= 0 {
			stem = stem[j+1:]
		}
		w.breaks = append(w.breaks, hyphenation{
			stem: strings.Clone(strings.ToLower(wordCore(stem))),
			next: strings.Clone(strings.ToLower(wordCore(firstField(t)))),
		})
		w.prev = ""
		switch {
		case w.eager:
		case w.gone:
			w.lost = true
		default:
			w.eager = true
			for _, h := range w.held {
				w.countLine(h)
			}
			w.held = nil
		}
	}
	if breaksWord(t) {
		w.prev = t
	}
	switch {
	case w.eager:
		w.countLine(text)
	case w.gone:
	case w.size+len(text) > holdLimit:
		w.held, w.gone = nil, true
	default:
		w.held = append(w.held, text)
		w.size += len(text)
	}
}

// countLine counts the words of a line.
func (w *words) countLine(text string) {
	// The fields of the line (strings.Fields), the last one held back: a
	// last field that ends in a hyphen is a possible break, not a word.
	prev, has := "", false
	for f := range strings.FieldsSeq(text) {
		if has {
			w.count(prev)
		}
		prev, has = f, true
	}
	if has && !strings.HasSuffix(prev, "-") {
		w.count(prev)
	}
}

// count counts the printed field f as a word, its punctuation stripped and
// in lower case. A word is copied once, when first met: the line's text is
// its page's, which the count would otherwise keep.
func (w *words) count(f string) {
	core := wordCore(f)
	if core == "" {
		return
	}
	key := strings.ToLower(core) // core itself when already lower case
	// A map from words to counts would store the key again on every
	// update, the line's text with it: the counts stand beside the map.
	i, ok := w.index[key]
	if !ok {
		if w.index == nil {
			w.index = map[string]int32{}
		}
		key = strings.Clone(key)
		i = int32(len(w.keys))
		w.index[key] = i
		w.keys = append(w.keys, key)
		w.counts = append(w.counts, 0)
	}
	w.counts[i]++
}

// vocabulary returns the words counted. A document that never breaks a word
// between syllables at a line end (no line ends in "produc-" before "tion",
// neither half a word of its own) keeps every hyphen: its producer does
// not hyphenate, and "shut-" "down" is the printed "shut-down" even where
// "shutdown" is printed elsewhere. Without a line that ends in a hyphen
// after a letter or digit, the words are not needed.
//
// It fails with errGuessed when the words are not known.
func (w *words) vocabulary() (vocabulary, error) {
	if w.lost {
		return nil, errGuessed
	}
	if len(w.breaks) == 0 {
		return vocabulary{keepHyphens: 1}, nil
	}
	v := make(vocabulary, len(w.keys)+1)
	for i, k := range w.keys {
		v[k] = w.counts[i]
	}
	for _, h := range w.breaks {
		// next is a word of its own if it is printed elsewhere too.
		if h.stem != "" && h.next != "" && v[h.stem] == 0 && v[h.next] <= 1 {
			return v, nil
		}
	}
	v[keepHyphens] = 1
	return v, nil
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

// needsVocabulary reports whether joinLines reads its vocabulary to join
// ls: a line that breaks a word has a line after it.
func needsVocabulary(ls []string) bool {
	brk := false
	for _, s := range ls {
		s = strings.TrimSpace(s)
		if s == "" {
			continue
		}
		if brk {
			return true
		}
		brk = breaksWord(s)
	}
	return false
}

// cloneLines returns copies of ls, which then hold no page's text.
func cloneLines(ls []string) []string {
	out := make([]string, len(ls))
	for i, s := range ls {
		out[i] = strings.Clone(s)
	}
	return out
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

// hasExponent reports whether s has a superscript digit or sign. (The
// search starts at the first character outside ASCII: strings.ContainsAny
// with characters outside ASCII decodes every character of s.)
func hasExponent(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return strings.ContainsAny(s[i:], "⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺")
		}
	}
	return false
}

// finish returns s as canonical model text.
func finish(s string) string {
	s = textnorm.Clean(s)
	if hasExponent(s) {
		s = spacedExponentRE.ReplaceAllString(s, "$1$2")
	}
	return s
}
