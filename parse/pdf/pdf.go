package pdf

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	lpdf "github.com/ledongthuc/pdf"

	"github.com/annex-tools/annex/model"
)

// Options tune PDF parsing.
type Options struct {
	Progress func(done, total int) // called after each page when set
	Scheme   *model.Scheme         // the numbering scheme; nil chooses it by content
}

// maxPages bounds the page count read from a file's page tree: a damaged
// count must not make Parse loop for long.
const maxPages = 20000

// Parse reads the PDF of size bytes from r and returns the annex it prints.
// Meta.Source.Pages is set; the caller fills in the source's name, format
// and digest. Errors wrap ErrCorrupt, ErrEncrypted, ErrNoTextLayer or
// ErrNotAnnex.
func Parse(r io.ReaderAt, size int64, opt Options) (a *model.Annex, err error) {
	defer func() {
		if x := recover(); x != nil {
			a, err = nil, fmt.Errorf("%w: %s", ErrCorrupt, libMessage(fmt.Sprint(x)))
		}
	}()
	doc, err := Extract(r, size, opt.Progress)
	if err != nil {
		return nil, err
	}
	return build(doc, opt.Scheme)
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
func Extract(r io.ReaderAt, size int64, progress func(done, total int)) (doc *Document, err error) {
	defer func() {
		if x := recover(); x != nil {
			doc, err = nil, fmt.Errorf("%w: %s", ErrCorrupt, libMessage(fmt.Sprint(x)))
		}
	}()
	rd, err := open(r, size)
	if err != nil {
		return nil, err
	}
	pages := pageList(rd)
	n := len(pages)
	if n == 0 {
		return nil, fmt.Errorf("%w: no pages", ErrCorrupt)
	}
	doc = &Document{Title: infoTitle(rd)}
	w := &walker{fonts: &fontCache{}}
	glyphs := 0
	for i := 1; i <= n; i++ {
		lines, ng, err := readPage(pages[i-1], w, i)
		if err != nil {
			return nil, fmt.Errorf("page %d: %w", i, err)
		}
		glyphs += ng
		doc.Pages = append(doc.Pages, Page{Number: i, lines: lines})
		if progress != nil {
			progress(i, n)
		}
	}
	if glyphs == 0 {
		return nil, ErrNoTextLayer
	}
	return doc, nil
}

func readPage(p lpdf.Page, w *walker, i int) (lines []line, glyphs int, err error) {
	defer func() {
		if x := recover(); x != nil {
			lines, err = nil, fmt.Errorf("%w: %s", ErrCorrupt, libMessage(fmt.Sprint(x)))
		}
	}()
	gs := w.page(p)
	for _, g := range gs {
		if !g.space {
			glyphs++
		}
	}
	return buildLines(i, gs), glyphs, nil
}

// pageList returns the leaves of the page tree in order. It walks the
// tree once (the library's Page(i) walks it from the root for every page)
// and stops at maxPages leaves or a depth that only a cycle reaches.
func pageList(rd *lpdf.Reader) []lpdf.Page {
	var out []lpdf.Page
	visits := 0
	var walk func(v lpdf.Value, depth int)
	walk = func(v lpdf.Value, depth int) {
		visits++
		if depth > 64 || len(out) >= maxPages || visits > 2*maxPages {
			return
		}
		kids := v.Key("Kids")
		if v.Key("Type").Name() == "Page" || (kids.Kind() != lpdf.Array && v.Key("Contents").Kind() != lpdf.Null) {
			out = append(out, lpdf.Page{V: v})
			return
		}
		for i := 0; i < kids.Len() && len(out) < maxPages; i++ {
			walk(kids.Index(i), depth+1)
		}
	}
	walk(rd.Trailer().Key("Root").Key("Pages"), 0)
	return out
}

// open opens the PDF, tolerating what readers commonly accept and the
// library does not: junk before the header and a PDF 2.0 header.
func open(r io.ReaderAt, size int64) (*lpdf.Reader, error) {
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
	rd, err := lpdf.NewReader(headerFix{r}, size)
	if err != nil {
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
