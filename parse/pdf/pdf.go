package pdf

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync/atomic"
	"unicode/utf8"

	lpdf "github.com/ledongthuc/pdf"

	"github.com/annex-tools/annex/internal/limits"
	"github.com/annex-tools/annex/model"
)

// Options tune PDF parsing.
type Options struct {
	Progress func(done, total int) // called after each page when set
	Scheme   *model.Scheme         // the numbering scheme; nil chooses it by content
}

// Parse reads the PDF of size bytes from r and returns the annex it prints.
// Meta.Source.Pages is set; the caller fills in the source's name, format
// and digest. Errors wrap ErrCorrupt, ErrEncrypted, ErrNoTextLayer,
// ErrNotAnnex or ErrInconsistent, or are a *limits.Error (wrapping limits.ErrExceeded) for a
// file past one of the limits Extract enforces.
func Parse(r io.ReaderAt, size int64, opt Options) (a *model.Annex, err error) {
	defer func() {
		if x := recover(); x != nil {
			a, err = nil, recovered(x)
		}
	}()
	st, err := parse(r, size, opt, nil)
	for pass := 1; ; pass++ {
		if err == nil {
			a, err = st.end()
		}
		// Read again, knowing the document (see pass), keeping the body's
		// lines when a page is to be named. A pass that knows the document
		// guesses nothing: three passes at most.
		need := errors.Is(err, errNeedTexts)
		if pass == 3 || !need && !errors.Is(err, errGuessed) {
			return a, err
		}
		st, err = parse(r, size, opt, st.again(need))
	}
}

// parses counts the passes over documents Parse makes, for tests.
var parses atomic.Int64

// parse reads the pages of the PDF into st, or into a new pass when st
// is nil, and returns it.
func parse(r io.ReaderAt, size int64, opt Options, st *pass) (*pass, error) {
	parses.Add(1)
	w := newWalker()
	sv := newSieve(opt.Scheme)
	w.lines.keep = sv.line
	err := extract(r, size, opt.Progress, w, func(title string, pages int) func(Page) {
		if st == nil {
			st = newPass(pages, title, opt.Scheme, sv.counts)
		}
		return st.page
	})
	return st, err
}

// Document is the text of a PDF as positioned lines, page by page.
type Document struct {
	Pages []Page // in page order
	Title string // the document information dictionary's title, if any
}

// Page is the text of one page.
type Page struct {
	Number int    // 1-based
	lines  []line // top to bottom
}

// Lines returns the page's lines of text, top to bottom, words separated
// by single spaces and exponents as superscript characters.
func (p Page) Lines() []string {
	out := make([]string, len(p.lines))
	for i, l := range p.lines {
		out[i] = l.text
	}
	return out
}

// Extract reads the text of every page of the PDF of size bytes from r as
// lines. It is the first half of Parse, exported for tools that need the
// text of a PDF without the annex structure; progress, when set, is called
// after each page.
//
// Every input is read within the limits of package internal/limits: bytes
// of input, objects, pages, glyphs per page and per document, form
// XObjects drawn and bytes inflated, all counted per document. Past one,
// the error is that limit's *limits.Error.
func Extract(r io.ReaderAt, size int64, progress func(done, total int)) (doc *Document, err error) {
	return extractDoc(r, size, progress, newWalker())
}

// extractDoc is Extract with the walker (and so the budgets) given.
func extractDoc(r io.ReaderAt, size int64, progress func(done, total int), w *walker) (doc *Document, err error) {
	doc = &Document{}
	err = extract(r, size, progress, w, func(title string, pages int) func(Page) {
		doc.Title = title
		doc.Pages = make([]Page, 0, pages)
		return func(p Page) { doc.Pages = append(doc.Pages, p) }
	})
	if err != nil {
		return nil, err
	}
	return doc, nil
}

// extract reads the pages with the walker w (and so its budgets) and gives
// them in order to the function that start returns, once it is told the
// document's title and number of pages.
func extract(r io.ReaderAt, size int64, progress func(done, total int), w *walker, start func(title string, pages int) func(Page)) (err error) {
	defer func() {
		if x := recover(); x != nil {
			err = recovered(x)
		}
	}()
	if size > limits.Get(limits.InputBytes) {
		return limits.Exceeded(limits.InputBytes)
	}
	rd, err := open(r, size, w.inflated)
	if err != nil {
		return err
	}
	pages, err := pageList(rd)
	if err != nil {
		return err
	}
	n := len(pages)
	if n == 0 {
		return fmt.Errorf("%w: no pages", ErrCorrupt)
	}
	sink := start(infoTitle(rd), n)
	glyphs := 0
	for i := 1; i <= n; i++ {
		lines, ng, err := readPage(pages[i-1], w, i)
		if err != nil {
			return fmt.Errorf("page %d: %w", i, err)
		}
		pages[i-1] = lpdf.Page{} // read
		glyphs += ng
		sink(Page{Number: i, lines: lines})
		if progress != nil {
			progress(i, n)
		}
	}
	if glyphs == 0 {
		return ErrNoTextLayer
	}
	return nil
}

func readPage(p lpdf.Page, w *walker, i int) (lines []line, glyphs int, err error) {
	defer func() {
		if x := recover(); x != nil {
			lines, err = nil, recovered(x)
		}
	}()
	gs := w.page(p)
	for _, g := range gs {
		if !g.space {
			glyphs++
		}
	}
	return w.lines.build(i, gs), glyphs, nil
}

// recovered turns a panic of the PDF library or of the walker into the
// error Parse returns: a limit's error as it is, an error already wrapping
// ErrCorrupt as it is, anything else as ErrCorrupt with the library's
// reason.
func recovered(x any) error {
	if e, ok := x.(error); ok {
		if err := limitError(e); err != nil {
			return err
		}
		if errors.Is(e, ErrCorrupt) {
			return e
		}
	}
	return fmt.Errorf("%w: %s", ErrCorrupt, libMessage(fmt.Sprint(x)))
}

// limitError returns the *limits.Error that err reports, or nil.
func limitError(err error) error {
	var le *limits.Error
	switch {
	case errors.As(err, &le):
		return le
	case errors.Is(err, lpdf.ErrTooManyObjects):
		return limits.Exceeded(limits.Objects)
	}
	return nil
}

// ref identifies an indirect object.
type ref struct {
	id  uint32
	gen uint16
}

// refOf returns the object v was read from; ok is false for direct values.
func refOf(v lpdf.Value) (r ref, ok bool) {
	id, gen, ok := v.Ref()
	return ref{id, gen}, ok
}

func (r ref) String() string { return fmt.Sprintf("%d %d R", r.id, r.gen) }

// maxTreeDepth bounds the depth of the page tree and of /Parent chains.
const maxTreeDepth = 64

// pageList returns the leaves of the page tree in order. It walks the
// tree once (the library's Page(i) walks it from the root for every page).
// An object met twice (a node that is its own descendant, a page listed
// twice) is an error, as is a tree deeper than maxTreeDepth; past the
// Pages limit the error is that limit's.
func pageList(rd *lpdf.Reader) ([]lpdf.Page, error) {
	var out []lpdf.Page
	seen := map[ref]bool{}
	max := limits.Int(limits.Pages)
	var walk func(v lpdf.Value, depth int) error
	walk = func(v lpdf.Value, depth int) error {
		if r, ok := refOf(v); ok {
			if seen[r] {
				return fmt.Errorf("%w: the page tree loops (object %s is in it twice)", ErrCorrupt, r)
			}
			seen[r] = true
		}
		if depth > maxTreeDepth {
			return fmt.Errorf("%w: the page tree is more than %d levels deep", ErrCorrupt, maxTreeDepth)
		}
		kids := v.Key("Kids")
		if v.Key("Type").Name() == "Page" || (kids.Kind() != lpdf.Array && v.Key("Contents").Kind() != lpdf.Null) {
			if len(out) >= max {
				return limits.Exceeded(limits.Pages)
			}
			out = append(out, lpdf.Page{V: v})
			return nil
		}
		for i := 0; i < kids.Len(); i++ {
			if err := walk(kids.Index(i), depth+1); err != nil {
				return err
			}
		}
		return nil
	}
	if err := walk(rd.Trailer().Key("Root").Key("Pages"), 0); err != nil {
		return nil, err
	}
	return out, nil
}

// inherited returns the page attribute key, from the page or the nearest
// ancestor that has it (PDF 32000-1, 7.7.3.4). A /Parent chain that comes
// back to an object already on it is an error.
func inherited(page lpdf.Value, key string) (lpdf.Value, error) {
	seen := map[ref]bool{}
	for v, depth := page, 0; !v.IsNull(); v, depth = v.Key("Parent"), depth+1 {
		if r, ok := refOf(v); ok {
			if seen[r] {
				return lpdf.Value{}, fmt.Errorf("%w: the /Parent chain of a page loops at object %s", ErrCorrupt, r)
			}
			seen[r] = true
		}
		if depth > maxTreeDepth {
			return lpdf.Value{}, fmt.Errorf("%w: the /Parent chain of a page is more than %d levels long", ErrCorrupt, maxTreeDepth)
		}
		if x := v.Key(key); !x.IsNull() {
			return x, nil
		}
	}
	return lpdf.Value{}, nil
}

// open opens the PDF, tolerating what readers commonly accept and the
// library does not: junk before the header and a PDF 2.0 header.
//
// inflated counts the bytes of every stream the library decodes.
func open(r io.ReaderAt, size int64, inflated *limits.Counter) (*lpdf.Reader, error) {
	head := make([]byte, 1024)
	n, _ := r.ReadAt(head, 0)
	head = head[:n]
	start := bytes.Index(head, []byte("%PDF-"))
	if start < 0 {
		return nil, fmt.Errorf("%w: no PDF header", ErrCorrupt)
	}
	if start > 0 {
		r = io.NewSectionReader(r, int64(start), size-int64(start))
		size -= int64(start)
	}
	rd, err := lpdf.NewReaderLimits(headerFix{r}, size, nil, lpdf.Limits{
		MaxObjects: limits.Get(limits.Objects),
		Charge:     inflated.Add,
	})
	if err != nil {
		if lerr := limitError(err); lerr != nil {
			return nil, lerr
		}
		msg := libMessage(err.Error())
		switch {
		case errors.Is(err, lpdf.ErrInvalidPassword):
			return nil, fmt.Errorf("%w: a password is required", ErrEncrypted)
		case strings.Contains(msg, "encrypt"):
			return nil, fmt.Errorf("%w: unsupported encryption: %s", ErrEncrypted, msg)
		case strings.Contains(msg, "%%EOF"):
			return nil, fmt.Errorf("%w: missing %%%%EOF (truncated?)", ErrCorrupt)
		}
		return nil, fmt.Errorf("%w: %s", ErrCorrupt, msg)
	}
	return rd, nil
}

// libMessage shortens an error message of the PDF library to its reason:
// one line of printable text, at most 100 characters.
func libMessage(s string) string {
	s = oneLine(s)
	for _, p := range []string{"not a PDF file: ", "malformed PDF file: ", "malformed PDF: ", "unsupported PDF: ", "encrypted PDF: "} {
		s = strings.TrimPrefix(s, p)
	}
	s = strings.Map(func(r rune) rune {
		if r < ' ' || r == 0x7f || r == utf8.RuneError || (r >= 0x80 && r < 0xa0) {
			return '?'
		}
		return r
	}, strings.ToValidUTF8(s, "?"))
	if r := []rune(s); len(r) > 100 {
		s = string(r[:100]) + "…"
	}
	return s
}

// headerFix presents the first line of the file as "%PDF-1.7", which the
// library requires; the version number changes nothing the parser reads.
type headerFix struct{ r io.ReaderAt }

func (h headerFix) ReadAt(p []byte, off int64) (int, error) {
	n, err := h.r.ReadAt(p, off)
	const fixed = "%PDF-1.7"
	for i := 0; i < n; i++ {
		pos := off + int64(i)
		if pos >= int64(len(fixed)) {
			break
		}
		p[i] = fixed[pos]
	}
	if off <= 8 && off+int64(n) > 8 && p[8-off] != '\r' && p[8-off] != '\n' {
		p[8-off] = '\n' // "%PDF-1.7 %âãÏÓ" on one line
	}
	return n, err
}

func infoTitle(rd *lpdf.Reader) (title string) {
	defer func() {
		if recover() != nil {
			title = ""
		}
	}()
	return strings.TrimSpace(rd.Trailer().Key("Info").Key("Title").Text())
}

// oneLine keeps the first line of a message, for one-line errors.
func oneLine(s string) string {
	if i := strings.IndexAny(s, "\r\n"); i >= 0 {
		s = s[:i]
	}
	return strings.TrimSpace(s)
}
