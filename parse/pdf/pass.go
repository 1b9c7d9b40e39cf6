package pdf

import (
	"errors"
	"fmt"
	"strings"

	"github.com/annex-tools/annex/model"
)

// readAhead is how many pages a pass reads before the builder is given the
// first, and keeps read ahead of it after.
var readAhead = 64

// A pass builds the model of a document as its pages are read, so that a
// page's lines are held only while it is within readAhead pages of the
// last page read, whatever the length of the document.
//
// Two things the builder needs depend on the whole document: which lines
// are running headers and footers (furniture), and the numbering scheme
// (the one whose headings start the most lines, when none is forced). A
// pass guesses both from the pages read so far; once the last page is
// read, end checks every guess against the whole document and, where one
// was wrong, fails with errGuessed, and Parse reads the document again
// with the answers known (final). A document of at most readAhead pages is
// never guessed about. The words of the body, which hyphenation needs, are
// counted as words says; when they are not known, end fails with
// errGuessed too.
type pass struct {
	pages  int    // of the document
	title  string // the document information dictionary's title
	forced *model.Scheme
	// counts, per model.Schemes, the lines read as its headings (the
	// sieve's counts, filled as the pages are read, or the whole
	// document's when final).
	counts []int
	final  bool
	fur    *furniture
	ahead  []Page // pages read, not given to the builder yet

	g       heads // the scheme's, chosen when the builder starts
	meta    model.Meta
	b       *builder
	front   frontMatter
	words   words
	body    []*line       // a page's body lines, reused
	record  bool          // keep texts
	texts   []pageText    // the body's lines, when record
	defHead *pageText     // a definitions heading before the first item heading
	items   bool          // an item heading was read
	err     error         // the first error met while building; the rest of the document is only counted
	guessed *model.Scheme // the scheme chosen by guess, nil when forced or final
}

// newPass returns the pass over a document of the given number of pages.
func newPass(pages int, title string, forced *model.Scheme, counts []int) *pass {
	return &pass{pages: pages, title: title, forced: forced, counts: counts, fur: newFurniture(pages)}
}

// errGuessed: a pass's guess proved wrong, or its words are not known; the document is to be read
// again with the answers known.
var errGuessed = errors.New("a guess about the document was wrong")

// errNeedTexts: the model breaks its own rules and the page to name is
// known only from the body's lines, which were not kept.
var errNeedTexts = errors.New("the page of a problem is not known")

// page reads the next page of the document.
func (s *pass) page(p Page) {
	if !s.final {
		s.fur.count(p.lines)
	}
	s.ahead = append(s.ahead, p)
	// The builder starts with the meta data, read off the first two pages.
	if s.b == nil && len(s.ahead) >= min(max(readAhead, 2), s.pages) {
		s.start()
	}
	for s.b != nil && len(s.ahead) > readAhead {
		s.release()
	}
}

// start chooses the scheme, reads the meta data off the first pages and
// starts the builder.
func (s *pass) start() {
	scheme := s.forced
	if scheme == nil {
		scheme = bestScheme(s.counts)
		if !s.final {
			s.guessed = scheme
		}
	}
	s.g = headsOf(scheme)
	readMeta(s.ahead[:min(2, len(s.ahead))], s.title, s.g, &s.meta)
	s.b = &builder{g: s.g, lastItem: -1, out: &model.Annex{Schema: model.Schema}}
	s.front = frontMatter{g: s.g, emit: s.feed}
}

// release gives the builder the body lines of the first page read ahead.
func (s *pass) release() {
	p := s.ahead[0]
	s.ahead[0] = Page{}
	s.ahead = s.ahead[1:]
	if s.err != nil {
		return
	}
	s.body = pageBody(s.body[:0], p.lines, s.meta.DocID, s.g, s.fur)
	for _, l := range s.body {
		if err := s.front.push(l); err != nil {
			s.err = err
			break
		}
	}
	clear(s.body)
}

// feed gives the builder the next line of the body.
func (s *pass) feed(l *line) {
	s.words.add(l.text)
	if s.record {
		s.texts = append(s.texts, pageText{int(l.page), l.text})
	}
	if !s.items {
		t := strings.TrimSpace(l.text)
		if _, ok := itemHeadLine(s.g, t); ok {
			s.items = true
		} else if s.defHead == nil && definitionsHeading(t) {
			s.defHead = &pageText{int(l.page), strings.Clone(t)}
		}
	}
	s.b.line(*l)
}

// end reads what is left once the last page is read and returns the model.
func (s *pass) end() (*model.Annex, error) {
	if s.b == nil {
		s.start()
	}
	for len(s.ahead) > 0 {
		s.release()
	}
	if !s.final && (!s.fur.right() || s.guessed != nil && s.guessed != bestScheme(s.counts)) {
		return nil, errGuessed
	}
	if s.err != nil {
		return nil, s.err
	}
	s.front.end()
	b := s.b
	vocab, err := s.words.vocabulary()
	if err != nil {
		return nil, err
	}
	b.vocab = vocab
	a := b.out
	a.Meta = s.meta
	a.Meta.Source.Pages = s.pages
	b.finish(a)
	if len(a.Items) == 0 {
		return nil, ErrNotAnnex
	}
	if d := bestScheme(s.counts); s.forced != nil && d != s.forced && a.CountEntries() == 0 {
		// A forced scheme that finds headings but no entry: the document
		// is numbered otherwise, and an empty model would be a misread.
		return nil, fmt.Errorf("%w: no entry numbered in the %s scheme; it reads as the %s (--scheme %s)", ErrNotAnnex, s.forced.Name, d.Label, d.Name)
	}
	if err := b.checkPlaced(); err != nil {
		return nil, err
	}
	var texts []pageText // nil: not kept
	if s.record {
		texts = s.texts
		if texts == nil {
			texts = []pageText{} // kept, and none
		}
	}
	if err := checkModel(a, texts, s.defHead, s.g); err != nil {
		return nil, err
	}
	return a, nil
}

// again returns a pass that reads the document again knowing what this
// one learnt of it: the furniture and scheme of the whole document; record
// keeps the body's lines.
func (s *pass) again(record bool) *pass {
	t := newPass(s.pages, s.title, s.forced, s.counts)
	t.final, t.record, t.words.eager = true, record, true
	t.fur.counts, t.fur.final = s.fur.counts, true
	return t
}
