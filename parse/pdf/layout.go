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

// bodyLines drops page furniture (running headers and footers, page
// numbers) and tables of contents, and returns the remaining lines of all
// pages in reading order, in the pages' arrays.
func bodyLines(pages []Page, docID string, g heads) []*line {
	// Count, per normalised text, the pages on which it is one of the
	// outermost lines: running headers and footers repeat there.
	count := map[string]int{}
	for _, p := range pages {
		seen := map[string]bool{}
		ls := p.lines
		for i := 0; i < len(ls) && i < furnitureDepth; i++ {
			seen[furnitureKey(ls[i].text)] = true
		}
		for i := max(0, len(ls)-furnitureDepth); i < len(ls); i++ {
			seen[furnitureKey(ls[i].text)] = true
		}
		for k := range seen {
			count[k]++
		}
	}
	minRepeat := max(2, int(math.Ceil(0.4*float64(len(pages)))))
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
		return len(pages) > 1 && count[furnitureKey(t)] >= minRepeat
	}
	total := 0
	for _, p := range pages {
		total += len(p.lines)
	}
	out := make([]*line, 0, total)
	for _, p := range pages {
		ls := p.lines
		lo, hi := 0, len(ls)
		for lo < hi && lo < furnitureDepth && isFurniture(ls[lo]) {
			lo++
		}
		for hi > lo && len(ls)-hi < furnitureDepth && isFurniture(ls[hi-1]) {
			hi--
		}
		ls = ls[lo:hi]
		// A table of contents: drop everything up to its last entry on
		// the page, wrapped entries included.
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
