// Package pdf parses a published annex revision from a PDF.
//
// Parsing has two halves. Extract walks each page's content stream with its
// own interpreter over the low-level API of github.com/ledongthuc/pdf
// (objects, streams, fonts): it tracks the text and transformation matrices,
// reads per-font widths (simple /Widths and CID /W), decodes codes through
// the font's ToUnicode map or encoding, and returns the page's glyphs grouped
// into lines of words. Small glyphs set above a line's baseline are exponents
// and become superscript characters ("10⁶", "N⁻¹").
//
// build then reads the lines in order as a state machine. Running headers,
// footers and page numbers are dropped by repetition and pattern wherever
// they sit at the top or bottom of a page; tables of contents by their dot
// leaders. Section headings switch between the parts that are skipped
// (cover, introduction, terminology, units) and those that are read:
// definitions (a quoted term, an optional parenthesised scope, indented
// text) and items (CATEGORY, ITEM n, groups "2.A.", entries "2.A.1.").
// Nesting never depends on absolute positions: a sub-entry marker ("a.",
// "1.") is a child of the open entry at whose text indent it is printed and
// must be the kind and sequence that entry's children take; a note belongs
// to the entry at whose text indent it is printed; numbered lines after a
// "Notes:" heading are notes, not sub-entries.
//
// Parse does both halves page by page (pass.go): a page's lines go to the
// builder once readAhead (64) more pages are read, and each item goes into
// the model, its nodes and page texts let go, when the next item starts. A
// parse holds the file, the model, a few pages and one item's nodes,
// whatever the length of the document. Three things depend on the whole
// document: the running headers and footers (text printed at the top or
// bottom of 40% of the pages), the numbering scheme (the one whose headings
// start the most lines) and, for line-break hyphenation, the words printed
// elsewhere. The first two are guessed from the pages read so far and
// checked once the last page is read; the words are counted from the first
// line that breaks a word, the lines before it held uncounted (up to 1 MB).
// A wrong guess, or a word break after more lines than that, reads the
// document again knowing the answers (never a document of at most 64
// pages): the answer is always that of build over the whole document.
//
// Tables of contents are told apart from the body by structure, not by page
// numbers (frontmatter.go): a list of item headings with nothing between
// them that the body prints again. Parse never returns a model the JSON
// reader would refuse (model.Check, model.Consistency): item numbering that starts again after
// items with content (the annex twice in one file), an entry number used
// twice, or a definitions heading without definitions fail with
// ErrInconsistent, naming the page.
//
// Every error wraps one of the sentinels ErrCorrupt, ErrEncrypted,
// ErrNoTextLayer, ErrNotAnnex or ErrInconsistent, or is the *limits.Error of a limit of
// package internal/limits (pages, glyphs, forms drawn, bytes inflated,
// objects, input bytes); panics from the PDF library are recovered per
// page and at the package boundary. Structures that lead back to
// themselves (page tree, /Parent chains, forms, and in the patched library
// in third_party/pdf the xref /Prev chain and object streams) are errors.
package pdf
