package pdf

import (
	"math"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/annex-tools/annex/parse/internal/grammar"
)

// pageNumberRE matches a printed page number: "3", "-3-", "- 12 -",
// "Page 3", "Page 3 of 30", "3/30".
var pageNumberRE = regexp.MustCompile(`(?i)^(?:page\s+)?[-–—]?\s*[0-9]{1,4}\s*[-–—]?(?:\s*(?:of|/)\s*[0-9]{1,4})?$`)

// leaderRE matches a table-of-contents line: dot leaders then a page number.
var leaderRE = regexp.MustCompile(`(?:\.\s?){4,}\s*[0-9ivxlcIVXLC]{1,6}$|…{2,}\s*[0-9]{1,4}$`)

// isContentsLine reports whether l is a table-of-contents line: dot
// leaders, or a page number set apart at the end of the line.
func isContentsLine(l line) bool {
	return l.pageRef || isLeader(l.text)
}

// isLeader reports whether t ends in dot leaders and a page number.
func isLeader(t string) bool {
	return (strings.Contains(t, "..") || strings.Contains(t, ". .") || strings.Contains(t, "……")) &&
		leaderRE.MatchString(t)
}

// furnitureDepth is how many lines at the top and at the bottom of a page
// may be running headers, footers or page numbers.
const furnitureDepth = 3

// furniture tells the running headers and footers of a document: a line
// among the furnitureDepth outermost of its page whose text (furnitureKey)
// is one of the outermost on at least 40% of the pages, and on two at
// least.
//
// Which those are is known once every page is read; a pass guesses it
// from the pages read so far (final is false) and remembers each guess
// (right tells whether they were all right).
type furniture struct {
	pages   int            // of the document
	read    int            // pages counted
	counts  map[string]int // per key, the pages counted on which it is one of the outermost lines
	final   bool           // counts are the whole document's
	guesses map[string]bool
	wrong   bool // two guesses for one key differ
}

func newFurniture(pages int) *furniture {
	return &furniture{pages: pages, counts: map[string]int{}, guesses: map[string]bool{}}
}

// count counts the outermost lines of the next page.
func (f *furniture) count(ls []line) {
	f.read++
	var seen [2 * furnitureDepth]string
	n := 0
	add := func(l *line) {
		k := furnitureKey(l.text)
		for _, s := range seen[:n] {
			if s == k {
				return
			}
		}
		seen[n] = k
		n++
		f.counts[k]++
	}
	for i := 0; i < len(ls) && i < furnitureDepth; i++ {
		add(&ls[i])
	}
	for i := max(furnitureDepth, len(ls)-furnitureDepth); i < len(ls); i++ {
		add(&ls[i])
	}
}

// minRepeat is how many pages of n a running header or footer is printed
// on at least.
func minRepeat(n int) int { return max(2, int(math.Ceil(0.4*float64(n)))) }

// repeats reports whether key is printed often enough to be furniture: on
// the document's pages, or when not final, as far as the pages read tell.
func (f *furniture) repeats(key string) bool {
	if f.final {
		return f.counts[key] >= minRepeat(f.pages)
	}
	ok := f.counts[key] >= minRepeat(f.read)
	if was, seen := f.guesses[key]; seen && was != ok {
		f.wrong = true
	}
	f.guesses[key] = ok
	return ok
}

// right reports whether every guess repeats made agrees with the whole
// document, once every page is counted.
func (f *furniture) right() bool {
	if f.wrong {
		return false
	}
	for k, ok := range f.guesses {
		if ok != (f.counts[k] >= minRepeat(f.pages)) {
			return false
		}
	}
	return true
}

// pageBody appends to out the lines of a page that are neither furniture
// (running headers and footers, page numbers) nor a table of contents,
// top to bottom, as pointers into ls.
func pageBody(out []*line, ls []line, docID string, g heads, f *furniture) []*line {
	isFurniture := func(l line) bool {
		t := strings.TrimSpace(l.text)
		switch {
		case pageNumberRE.MatchString(t):
			return true
		case docID != "" && strings.Contains(t, docID) && len(t) < 3*len(docID)+20:
			return true
		case structural(g, t):
			return false
		}
		return f.pages > 1 && f.repeats(furnitureKey(t))
	}
	lo, hi := 0, len(ls)
	for lo < hi && lo < furnitureDepth && isFurniture(ls[lo]) {
		lo++
	}
	for hi > lo && len(ls)-hi < furnitureDepth && isFurniture(ls[hi-1]) {
		hi--
	}
	ls = ls[lo:hi]
	// A table of contents: drop everything up to its last entry on the
	// page, wrapped entries included.
	leaders, last := 0, -1
	for i, l := range ls {
		if isContentsLine(l) {
			leaders++
			last = i
		}
	}
	if leaders >= 3 {
		ls = ls[last+1:]
	}
	for i := range ls {
		if !isLeader(ls[i].text) {
			out = append(out, &ls[i])
		}
	}
	return out
}

// furnitureKey normalises a line for the repetition count: digits (page
// numbers, dates) and spaces do not matter.
func furnitureKey(s string) string {
	var b strings.Builder
	digit := false
	for _, r := range s {
		switch {
		case unicode.IsDigit(r):
			if !digit {
				b.WriteByte('#')
			}
			digit = true
			continue
		case unicode.IsSpace(r):
		default:
			b.WriteRune(unicode.ToLower(r))
		}
		digit = false
	}
	return b.String()
}

// structural reports whether a line reads as a heading or entry of the
// annex, which is never page furniture even when it repeats.
func structural(g heads, t string) bool {
	if _, _, ok := g.ItemHead(t); ok {
		return true
	}
	if _, ok := g.CategoryHead(t); ok {
		return true
	}
	if _, _, _, ok := g.GroupHead(t); ok {
		return true
	}
	if _, _, ok := g.EntryHead(t); ok {
		return true
	}
	if _, _, _, _, ok := grammar.NoteHead(t); ok {
		return true
	}
	return grammar.IsNone(t)
}

// isCaps reports whether s has letters, none of them lower case.
func isCaps(s string) bool {
	letters := 0
	for _, r := range s {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsLetter(r) {
			letters++
		}
	}
	return letters > 0
}

// isHeading reports whether a line reads as a section heading: upper-case
// words, not a quoted term, not a number.
func isHeading(t string) bool {
	t = strings.TrimSpace(t)
	if t == "" {
		return false
	}
	r, _ := utf8.DecodeRuneInString(t)
	if !unicode.IsLetter(r) || !isCaps(t) {
		return false
	}
	letters := 0
	for _, r := range t {
		if unicode.IsLetter(r) {
			letters++
		}
	}
	return letters >= 4
}
