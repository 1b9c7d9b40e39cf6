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

// frontMatter passes the body's lines on to emit, in order, without the
// tables of contents that list item headings; push fails, naming the page,
// where the item numbering starts again after items with content.
//
// A run is the item headings from the first after the last list dropped.
// Lines are held back while the run may yet prove a contents list (its
// headings start again with no content between them): from the page
// before its first heading, where a list's heading and leaders may stand.
// Once the run has content nothing more is dropped, and lines pass at once.
type frontMatter struct {
	g    heads
	emit func(*line)

	held []heldLine // lines not passed on yet; held[0] is line base of the body
	base int
	n    int // lines pushed

	inRun   bool  // an item heading was read
	first   int   // the line of the run's first heading
	last    int   // the line of the last heading
	prev    int   // the number of the last heading
	numbers []int // the numbers of the run's headings
	content bool  // a line of content follows the run's first heading
}

// heldLine is a line frontMatter holds back, and whether a contents list
// took it.
type heldLine struct {
	l    *line
	drop bool
}

func (f *frontMatter) at(i int) *heldLine { return &f.held[i-f.base] }

// push reads the next line of the body.
func (f *frontMatter) push(l *line) error {
	i := f.n
	f.n++
	t := strings.TrimSpace(l.text)
	n, head := itemHeadLine(f.g, t)
	if head && f.inRun && n <= f.prev {
		if f.content && n != f.prev {
			for _, m := range f.numbers {
				if m == n {
					return fmt.Errorf("page %d: %w: item %d printed again after item %d (the annex twice in one file?)",
						l.page, ErrInconsistent, n, f.prev)
				}
			}
			return fmt.Errorf("page %d: %w: item %d printed after item %d (items out of order)",
				l.page, ErrInconsistent, n, f.prev)
		}
		if !f.content {
			// A contents list from the run's first heading to the last;
			// a new run starts here.
			f.held = append(f.held, heldLine{l: l})
			f.markList(f.first, f.last)
			f.first, f.numbers = i, append(f.numbers[:0], n)
			f.prev, f.last = n, i
			f.settle(l, t)
			return nil
		}
		// The item's heading again as a running header: nothing to drop.
	}
	if f.inRun && f.content {
		if head {
			f.numbers = append(f.numbers, n)
			f.prev, f.last = n, i
		}
		f.emit(l)
		return nil
	}
	f.held = append(f.held, heldLine{l: l})
	if head {
		if !f.inRun {
			f.inRun, f.first = true, i
		}
		f.numbers = append(f.numbers, n)
		f.prev, f.last = n, i
	}
	f.settle(l, t)
	return nil
}

// settle follows the held line l (text t): content after the run's first
// heading passes on every line held, and nothing is held after it; else
// what no list can take any more passes on.
func (f *frontMatter) settle(l *line, t string) {
	if f.inRun && contentLine(f.g, t) {
		f.content = true
		f.flush(len(f.held))
		return
	}
	f.release(l.page)
}

// release passes on the held lines that no list can take any more: those
// printed before the page before the run's first heading, or before the
// page before the last line when no heading was read.
func (f *frontMatter) release(page int32) {
	from := page
	if f.inRun {
		from = f.at(f.first).l.page
	}
	k := 0
	for k < len(f.held) && f.held[k].l.page < from-1 {
		k++
	}
	f.flush(k)
}

// flush passes on the first k held lines, those not dropped.
func (f *frontMatter) flush(k int) {
	for _, h := range f.held[:k] {
		if !h.drop {
			f.emit(h.l)
		}
	}
	clear(f.held[:k])
	f.held = f.held[k:]
	f.base += k
}

// end passes on what is held.
func (f *frontMatter) end() { f.flush(len(f.held)) }

// markList marks for dropping the contents list whose item headings run
// from line first to line last, with what belongs to it around them: a
// contents heading above it on the same page, lines with leaders, and the
// lines with leaders after it.
func (f *frontMatter) markList(first, last int) {
	end := f.base + len(f.held)
	lo := first
	page := f.at(first).l.page
	for lo > f.base && f.at(lo-1).l.page >= page-1 && (hasLeaders(f.at(lo-1).l.text) || isContentsLine(*f.at(lo - 1).l)) {
		lo--
	}
	for i := lo - 1; i >= f.base && f.at(i).l.page == page; i-- {
		if contentsHeadingRE.MatchString(strings.TrimSpace(f.at(i).l.text)) {
			lo = i
			break
		}
	}
	// After the last heading, only what has leaders: a wrapped title
	// without them reads as a heading of the skipped front matter, while
	// taking the next section's heading along would lose that section.
	hi := last + 1
	lastPage := f.at(last).l.page
	for hi < end && f.at(hi).l.page == lastPage && (hasLeaders(f.at(hi).l.text) || isContentsLine(*f.at(hi).l)) {
		if _, ok := itemHeadLine(f.g, strings.TrimSpace(f.at(hi).l.text)); ok {
			break
		}
		hi++
	}
	for i := lo; i < hi; i++ {
		f.at(i).drop = true
	}
}
