package pdf

import "github.com/annex-tools/annex/model"

// build turns the lines of a document into the annex model: a pass over
// its pages that knows the whole document (nothing guessed).
// The numbering scheme is s, or the one the document's lines read in best
// when s is nil.
func build(doc *Document, s *model.Scheme) (*model.Annex, error) {
	st := newPass(len(doc.Pages), doc.Title, s, headCounts(doc.Pages))
	st.final, st.record, st.fur.final, st.words.eager = true, true, true, true
	for _, p := range doc.Pages {
		st.fur.count(p.lines)
	}
	for _, p := range doc.Pages {
		st.page(p)
	}
	return st.end()
}

// headCounts counts, per scheme of model.Schemes, the lines that read as
// its entry or item headings, as the sieve counts them while pages are read.
func headCounts(pages []Page) []int {
	sv := newSieve(nil)
	var offs []int
	for _, p := range pages {
		for _, l := range p.lines {
			offs = sv.line(l.text, offs[:0])
		}
	}
	return sv.counts
}
