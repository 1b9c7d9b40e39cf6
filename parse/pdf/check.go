package pdf

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/annex-tools/annex/model"
	"github.com/annex-tools/annex/parse/internal/grammar"
)

// drop records a line of the items part that the builder cannot place:
// text before the first item after a category heading, between an item's
// title and its first group, or after a heading of notes that no note
// follows. A parse that leaves text unplaced fails (checkPlaced) rather than
// lose legal text without a word.
func (b *builder) drop(l line) {
	if b.unplaced == 0 {
		b.firstLost = pageText{int(l.page), strings.Clone(strings.TrimSpace(l.text))}
	}
	b.unplaced++
}

// checkPlaced fails, naming the page, when the builder left text unplaced.
func (b *builder) checkPlaced() error {
	if b.unplaced == 0 {
		return nil
	}
	more := ""
	if n := b.unplaced - 1; n > 0 {
		more = fmt.Sprintf(" (and %d more line(s))", n)
	}
	return fmt.Errorf("page %d: %w: text that cannot be placed in the annex: %s%s",
		b.firstLost.page, ErrInconsistent, grammar.Describe(b.firstLost.text), more)
}

// pageText is a body line's page and text, what checkModel reads of it.
type pageText struct {
	page int
	text string
}

// checkModel fails, naming the page, when the model read is one the JSON
// reader would refuse (model.Consistency; parse.Read runs model.Check
// after), or when a definitions heading (defHead, nil when none was printed
// before the first item heading) was read and no definition under it. The
// page of a model problem is found in the body's lines, texts; without them
// (nil) the error is errNeedTexts.
func checkModel(a *model.Annex, texts []pageText, defHead *pageText, g heads) error {
	if ps := model.Consistency(a); len(ps) > 0 {
		if texts == nil {
			return errNeedTexts
		}
		p := ps[0]
		return fmt.Errorf("page %d: %w: %s", pageOf(texts, p, g), ErrInconsistent, p.Msg+" ("+p.ID+")")
	}
	if len(a.Definitions) == 0 && defHead != nil {
		return fmt.Errorf("page %d: %w: no definition read under the heading %s", defHead.page, ErrInconsistent, grammar.Describe(strings.TrimSpace(defHead.text)))
	}
	return nil
}

// definitionsHeading reports whether t is the heading of a definitions
// section.
func definitionsHeading(t string) bool {
	return isHeading(t) && strings.Contains(strings.ToUpper(t), "DEFINITION")
}

// pageOf returns the page of the last line that prints what a problem of
// model.Consistency names: the item heading, the group heading, or the entry (or
// the nearest enclosing entry printed with its full number).
func pageOf(body []pageText, p model.Problem, g heads) int {
	page := 0
	if n, err := strconv.Atoi(p.ID); err == nil {
		for _, l := range body {
			if m, ok := itemHeadLine(g, strings.TrimSpace(l.text)); ok && m == n {
				page = l.page
			}
		}
		return page
	}
	for id := p.ID; id != "" && page == 0; {
		for _, l := range body {
			t := strings.TrimSpace(l.text)
			if got, _, ok := g.EntryHead(t); ok && strings.TrimSuffix(got, ".") == id {
				page = l.page
			}
			if n, letter, _, ok := g.GroupHead(t); ok && g.Scheme.GroupID(n, letter) == id {
				page = l.page
			}
		}
		pid, err := g.Scheme.ParseID(id)
		if err != nil || len(pid.Parent().Segs) == 0 {
			break
		}
		id = pid.Parent().String()
	}
	return page
}
