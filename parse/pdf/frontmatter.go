package pdf

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/annex-tools/annex/parse/internal/grammar"
)

// A table of contents is told apart from the annex body by its structure,
// never by page numbers, which an office suite that did not update its
// fields leaves out: it is a list of item headings with nothing between
// them (no group, no entry) that the body then prints again from a lower
// number. Around that list, lines that end in dot leaders (with or without a
// page number) and a contents heading belong to it too. The item numbering
// starting again after items that had groups is not a contents list but the
// annex printed twice: the parse fails there rather than return repeated
// items.

// itemHeadLine reports whether t is an item heading as the builder reads
// one, and its number.
func itemHeadLine(g heads, t string) (int, bool) {
	n, title, ok := g.ItemHead(t)
	if !ok || title == "" {
		return n, ok
	}
	// A title starts with a capital: "ML2. and ML5.a." at the start of a
	// wrapped line is running text that cites an item, not its heading.
	r, _ := utf8.DecodeRuneInString(title)
	return n, unicode.IsUpper(r) && titleFits(g, title)
}

// contentLine reports whether t is part of an item's content: an entry, or
// the "None." of a group without entries. Group headings are not: a
// detailed table of contents lists them too.
func contentLine(g heads, t string) bool {
	if hasLeaders(t) {
		return false
	}
	_, _, ok := g.EntryHead(t)
	return ok || grammar.IsNone(t)
}

// trailingLeaderRE matches dot leaders at the end of a line, with or
// without the page number that should follow them.
var trailingLeaderRE = regexp.MustCompile(`(?:\.\s?){4,}\s*[0-9ivxlcIVXLC]{0,6}$|…{2,}\s*[0-9]{0,4}$|(?:_\s?){4,}\s*[0-9]{0,4}$`)

// hasLeaders reports whether a line ends in leaders, page number or not.
func hasLeaders(t string) bool { return trailingLeaderRE.MatchString(strings.TrimSpace(t)) }

// contentsHeadingRE matches the heading of a table of contents.
var contentsHeadingRE = regexp.MustCompile(`^(?i:(?:table\s+of\s+)?contents?|index|summary)\s*:?$`)

// dropFrontMatter returns the body lines without the tables of contents
// that list item headings; it fails, naming the page, where the item
// numbering starts again after items with content.
func dropFrontMatter(body []*line, g heads) ([]*line, error) {
	type head struct {
		at, number int
	}
	var heads []head
	for i, l := range body {
		if n, ok := itemHeadLine(g, strings.TrimSpace(l.text)); ok {
			heads = append(heads, head{i, n})
		}
	}
	var drop []bool // made at the first list to drop
	start := 0      // the first head of the current run
	for k := 1; k < len(heads); k++ {
		if heads[k].number > heads[k-1].number {
			continue
		}
		from, to := heads[start].at, heads[k].at
		content := false
		for _, l := range body[from:to] {
			if contentLine(g, strings.TrimSpace(l.text)) {
				content = true
				break
			}
		}
		if content && heads[k].number == heads[k-1].number {
			continue // the item's heading again as a running header
		}
		if content {
			l := body[heads[k].at]
			for _, h := range heads[start:k] {
				if h.number == heads[k].number {
					return nil, fmt.Errorf("page %d: %w: item %d printed again after item %d (the annex twice in one file?)",
						l.page, ErrInconsistent, heads[k].number, heads[k-1].number)
				}
			}
			return nil, fmt.Errorf("page %d: %w: item %d printed after item %d (items out of order)",
				l.page, ErrInconsistent, heads[k].number, heads[k-1].number)
		}
		if drop == nil {
			drop = make([]bool, len(body))
		}
		markList(body, drop, from, heads[k-1].at, g)
		start = k
	}
	if drop == nil {
		return body, nil
	}
	out := make([]*line, 0, len(body))
	for i, l := range body {
		if !drop[i] {
			out = append(out, l)
		}
	}
	return out, nil
}

// markList marks for dropping the contents list whose item headings run
// from line first to line last, with what belongs to it around them: a
// contents heading above it on the same page, lines with leaders, and the
// lines with leaders after it.
func markList(body []*line, drop []bool, first, last int, g heads) {
	lo := first
	for lo > 0 && body[lo-1].page >= body[first].page-1 && (hasLeaders(body[lo-1].text) || isContentsLine(*body[lo-1])) {
		lo--
	}
	for i := lo - 1; i >= 0 && body[i].page == body[first].page; i-- {
		if contentsHeadingRE.MatchString(strings.TrimSpace(body[i].text)) {
			lo = i
			break
		}
	}
	// After the last heading, only what has leaders: a wrapped title
	// without them reads as a heading of the skipped front matter, while
	// taking the next section's heading along would lose that section.
	hi := last + 1
	for hi < len(body) && body[hi].page == body[last].page && (hasLeaders(body[hi].text) || isContentsLine(*body[hi])) {
		if _, ok := itemHeadLine(g, strings.TrimSpace(body[hi].text)); ok {
			break
		}
		hi++
	}
	for i := lo; i < hi; i++ {
		drop[i] = true
	}
}
