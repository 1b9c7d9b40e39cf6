package pdf

import (
	"cmp"
	"math"
	"slices"

	"github.com/annex-tools/annex/internal/textnorm"
)

// word is a run of glyphs without a gap, on one line, while the line is
// built; its text is in the builder's buffer.
type word struct {
	x0, x1 float64 // left and right edges
	raised bool    // set smaller and above the baseline: an exponent
	glued  bool    // no gap before it: joins the previous word without a space
}

// wordAt is what a line keeps of a word, all that the builder reads of it
// (restX): where it starts on the page and in the words' texts joined.
type wordAt struct {
	x0 float64 // left edge
	// off counts the bytes of the words before it as printed (exponents
	// in the digits drawn, not as superscripts), plus one for each space
	// between words.
	off int
}

// line is one printed line of a page.
type line struct {
	page int32 // 1-based
	bold bool  // most glyphs are bold
	// pageRef: the last word is a page number (digits, at most 4) set apart
	// from the one before it by more than 3 ems (isContentsLine).
	pageRef bool
	y       float64 // baseline
	x0, x1  float64 // left and right edges
	size    float64 // dominant font size
	words   []wordAt
	text    string // words joined with single spaces, exponents as superscripts
}

// Tuning, in ems of the line's font size.
const (
	wordGap      = 0.15 // a gap wider than this between glyphs separates words
	baselineTol  = 0.2  // glyphs whose baselines differ less share a line
	titleGap     = 2.0  // a heading's next line further down than this starts something new
	smallRatio   = 0.85 // a glyph this much smaller than the line may be an exponent
	raisedMin    = 0.12 // an exponent sits at least this far above the baseline…
	raisedMax    = 0.75 // …and at most this far
	loweredMax   = 0.4  // a subscript sits at most this far below
	overstrikeDx = 0.1  // a glyph drawn again within this distance is a duplicate (fake bold)
)

// cluster is a run of glyphs on one baseline (lineBuilder.build).
type cluster struct {
	lo, hi       int // order[lo:hi]
	y, size      float64
	x0, x1       float64
	into         int   // the cluster this one was merged into, or -1
	merged       []int // clusters merged into this one
	raised       bool  // merged above the baseline of its target
	dominantSize float64
}

// gkey is a glyph's sort key: baseline down the page, then left to right,
// then the order shown.
type gkey struct {
	y, x float64
	i    int
}

func (a gkey) before(b gkey) bool {
	if a.y != b.y {
		return a.y > b.y
	}
	if a.x != b.x {
		return a.x < b.x
	}
	return a.i < b.i
}

// lineBuilder groups a page's glyphs into lines (build), with buffers it
// reuses from page to page; the lines it returns share none of them.
type lineBuilder struct {
	keys, sorted []gkey
	cs           []cluster
	runs         [][2]int
	order        []int
	idx          []int
	raised       []bool
	ps           []wpair
	words        []word   // the line's words while it is built
	wtext        [][2]int // each of its words' text in text
	wat          []wordAt // the page's words, back to back
	spans        [][2]int // each line's words in wat
	text         []byte   // the page's line texts, back to back
	texts        [][2]int // each line's text in text
	// keep, when set, returns from a line's text the offsets in it where
	// text after a heading may start (appended to offs): the line keeps of
	// its words only those restX finds for them, and so answers it as it
	// would with every word. Unset, lines keep every word.
	keep     func(text string, offs []int) []int
	offs, at []int
	kept     []wordAt
}

type wpair struct {
	i      int
	raised bool
}

// sortGlyphs returns the indexes of the glyphs to place, in gkey order.
// Glyphs come mostly in runs already in that order (strings shown left to
// right, lines top to bottom): a natural merge sort merges these runs,
// comparing each glyph a few times only.
func (lb *lineBuilder) sortGlyphs(gs []glyph) []int {
	keys := lb.keys[:0]
	for i, g := range gs {
		if g.size > 0 && finite(g.x) && finite(g.y) {
			keys = append(keys, gkey{g.y, g.x, i})
		}
	}
	runs := lb.runs[:0]
	for k := range keys {
		if k == 0 || !keys[k-1].before(keys[k]) {
			runs = append(runs, [2]int{k, k + 1})
		} else {
			runs[len(runs)-1][1] = k + 1
		}
	}
	src, dst := keys, slices.Grow(lb.sorted[:0], len(keys))[:len(keys)]
	for len(runs) > 1 {
		merged := runs[:0]
		for r := 0; r < len(runs); r += 2 {
			if r+1 == len(runs) {
				a := runs[r]
				copy(dst[a[0]:a[1]], src[a[0]:a[1]])
				merged = append(merged, a)
				continue
			}
			a, b := runs[r], runs[r+1] // adjacent: a[1] == b[0]
			mergeKeys(dst[a[0]:b[1]], src[a[0]:a[1]], src[b[0]:b[1]])
			merged = append(merged, [2]int{a[0], b[1]})
		}
		runs = merged
		src, dst = dst, src
	}
	lb.keys, lb.sorted, lb.runs = src, dst, runs
	order := lb.order[:0]
	for _, k := range src {
		order = append(order, k.i)
	}
	lb.order = order
	return order
}

// mergeKeys merges the sorted a and b into out.
func mergeKeys(out, a, b []gkey) {
	i, j, k := 0, 0, 0
	for i < len(a) && j < len(b) {
		if b[j].before(a[i]) {
			out[k] = b[j]
			j++
		} else {
			out[k] = a[i]
			i++
		}
		k++
	}
	k += copy(out[k:], a[i:])
	copy(out[k:], b[j:])
}

// build groups a page's glyphs into lines, top to bottom.
func (lb *lineBuilder) build(page int, gs []glyph) []line {
	order := lb.sortGlyphs(gs)
	if len(order) == 0 {
		return nil
	}
	// Cluster by baseline: clusters are runs of order. The clusters'
	// memory is the builder's, page after page.
	cs := lb.cs[:0]
	defer func() { lb.cs = cs[:0] }()
	for k, i := range order {
		g := &gs[i]
		if n := len(cs); n > 0 {
			c := &cs[n-1]
			if math.Abs(c.y-g.y) <= baselineTol*max(min(c.size, g.size), 1) {
				c.hi = k + 1
				if !g.space && g.size > c.size {
					c.size = g.size
				}
				continue
			}
		}
		cs = append(cs, cluster{lo: k, hi: k + 1, y: g.y, size: g.size, into: -1})
	}
	for k := range cs {
		c := &cs[k]
		c.dominantSize = dominantSize(gs, order[c.lo:c.hi])
		// min and max, without their care for NaN and the sign of zero
		// in the loop: x is finite (sortGlyphs), x+w may be NaN, and max
		// would make the edge NaN; a zero's sign changes no comparison.
		x0, x1, nan := math.Inf(1), math.Inf(-1), false
		for _, i := range order[c.lo:c.hi] {
			g := &gs[i]
			if g.x < x0 {
				x0 = g.x
			}
			if e := g.x + g.w; e > x1 {
				x1 = e
			} else if e != e {
				nan = true
			}
		}
		if nan {
			x1 = math.NaN()
		}
		c.x0, c.x1 = x0, x1
	}
	// Merge clusters of small glyphs set above (exponents) or below
	// (subscripts) the baseline of a neighbouring line into that line.
	for k := range cs {
		for _, t := range [2]int{k + 1, k - 1} {
			if t < 0 || t >= len(cs) || cs[t].into >= 0 || cs[k].into >= 0 || len(cs[k].merged) > 0 {
				continue
			}
			small, base := &cs[k], &cs[t]
			if small.dominantSize >= smallRatio*base.dominantSize {
				continue
			}
			em := base.dominantSize
			dy := small.y - base.y
			if !(dy >= raisedMin*em && dy <= raisedMax*em) && !(dy < 0 && -dy <= loweredMax*em) {
				continue
			}
			if small.x0 < base.x0-em || small.x1 > base.x1+3*em {
				continue
			}
			small.into, small.raised = t, dy > 0
			base.merged = append(base.merged, k)
			break
		}
	}
	out := make([]line, 0, len(cs))
	lb.wat, lb.spans, lb.text, lb.texts = lb.wat[:0], lb.spans[:0], lb.text[:0], lb.texts[:0]
	idx, raised := lb.idx[:0], lb.raised[:0]
	for k := range cs {
		c := &cs[k]
		if c.into >= 0 {
			continue
		}
		idx = append(idx[:0], order[c.lo:c.hi]...)
		raised = raised[:0]
		for range idx {
			raised = append(raised, false)
		}
		for _, m := range c.merged {
			for _, i := range order[cs[m].lo:cs[m].hi] {
				idx = append(idx, i)
				raised = append(raised, cs[m].raised)
			}
		}
		if l, ok := lb.makeLine(page, c.y, c.dominantSize, gs, idx, raised); ok {
			out = append(out, l)
		}
	}
	lb.idx, lb.raised = idx, raised
	// One block of words and one string of text for the page's lines.
	text := string(lb.text)
	for k := range out {
		ts := lb.texts[k]
		out[k].text = text[ts[0]:ts[1]]
	}
	if lb.keep == nil {
		words := slices.Clone(lb.wat)
		for k := range out {
			sp := lb.spans[k]
			out[k].words = words[sp[0]:sp[1]:sp[1]]
		}
		return out
	}
	kept := lb.kept[:0]
	for k := range out {
		ws := lb.wat[lb.spans[k][0]:lb.spans[k][1]]
		lb.offs = lb.keep(out[k].text, lb.offs[:0])
		at := lb.at[:0]
		for _, off := range lb.offs {
			if j := slices.IndexFunc(ws, func(w wordAt) bool { return w.off >= off }); j >= 0 {
				at = append(at, j)
			}
		}
		slices.Sort(at)
		lb.spans[k][0] = len(kept)
		for _, j := range slices.Compact(at) {
			kept = append(kept, ws[j])
		}
		lb.spans[k][1] = len(kept)
		lb.at = at
	}
	lb.kept = kept
	words := slices.Clone(kept)
	for k := range out {
		if sp := lb.spans[k]; sp[0] < sp[1] {
			out[k].words = words[sp[0]:sp[1]:sp[1]]
		}
	}
	return out
}

func finite(f float64) bool { return !math.IsNaN(f) && !math.IsInf(f, 0) }

// fmax and fmin are max and min of two float64 with NaN as they have it (a
// NaN either side is the answer) but not their order of zeros (-0 < +0),
// which no comparison of the edges can see: a branch, where the builtins
// take a longer sequence that the line loop pays on every glyph.
func fmax(a, b float64) float64 {
	if a > b || a != a {
		return a
	}
	return b
}

func fmin(a, b float64) float64 {
	if a < b || a != a {
		return a
	}
	return b
}

// dominantSize returns the most frequent font size of the glyphs (the
// larger one on a tie), white space aside.
func dominantSize(gs []glyph, idx []int) float64 {
	type count struct {
		size float64
		n    int
	}
	var buf [8]count
	counts := buf[:0]
	best, bestN := 0.0, 0
	raw, s := math.NaN(), 0.0 // the last size and its rounding: glyphs come in runs of one size
	for _, i := range idx {
		if gs[i].space {
			continue
		}
		if gs[i].size != raw {
			raw = gs[i].size
			s = math.Round(raw*10) / 10
		}
		j := 0
		for j < len(counts) && counts[j].size != s {
			j++
		}
		if j == len(counts) {
			counts = append(counts, count{size: s})
		}
		counts[j].n++
		if n := counts[j].n; n > bestN || n == bestN && s > best {
			best, bestN = s, n
		}
	}
	if bestN == 0 && len(idx) > 0 {
		return gs[idx[0]].size
	}
	return best
}

// makeLine turns the glyphs of one baseline into words; raised[k] tells
// whether gs[idx[k]] is set as an exponent. The line's words and text are
// appended to the builder's page buffers (lb.words, lb.text), which build
// turns into the line's own once the page is done (its words as lb.wat);
// ok is false for a line
// without text, which appends nothing.
func (lb *lineBuilder) makeLine(page int, y, size float64, gs []glyph, idx []int, raised []bool) (l line, ok bool) {
	ps := lb.ps[:0]
	inOrder := true
	for k, i := range idx {
		ps = append(ps, wpair{i, raised[k]})
		if k > 0 && gs[i].x < gs[idx[k-1]].x {
			inOrder = false
		}
	}
	if !inOrder {
		slices.SortStableFunc(ps, func(a, b wpair) int { return cmp.Compare(gs[a.i].x, gs[b.i].x) })
	}
	lb.ps = ps
	l = line{page: int32(page), y: y, size: size, x0: math.Inf(1), x1: math.Inf(-1)}
	lb.words, lb.wtext = lb.words[:0], lb.wtext[:0]
	var (
		buf     = lb.text // the line's words, back to back, after the page's texts
		base    = len(buf)
		curW    word
		prevEnd = math.Inf(-1)
		prev    = -1
		inWord  bool
		gap     bool // a space precedes the next glyph
		nBold   int
		nGlyph  int
		start   int
	)
	em := max(size, 1)
	flush := func() {
		if inWord {
			lb.words = append(lb.words, curW)
			lb.wtext = append(lb.wtext, [2]int{start, len(buf)})
		}
		inWord = false
	}
	for _, p := range ps {
		g := &gs[p.i]
		if g.space {
			gap = true
			continue
		}
		if prev >= 0 && gs[prev].text == g.text && math.Abs(gs[prev].x-g.x) < overstrikeDx*em &&
			math.Abs(gs[prev].y-g.y) < overstrikeDx*em {
			continue // drawn twice to look bold
		}
		nGlyph++
		if g.bold {
			nBold++
		}
		wide := g.x-prevEnd > wordGap*em
		if inWord && (gap || wide || p.raised != curW.raised) {
			flush()
		}
		if !inWord {
			curW = word{x0: g.x, raised: p.raised, glued: len(lb.words) > 0 && !gap && !wide}
			start = len(buf)
			inWord = true
		}
		buf = append(buf, g.text...)
		curW.x1 = fmax(curW.x1, g.x+g.w)
		prevEnd = fmax(g.x+g.w, g.x)
		prev = p.i
		gap = false
		l.x0 = fmin(l.x0, g.x)
		l.x1 = fmax(l.x1, g.x+g.w)
	}
	flush()
	words := lb.words
	if len(words) == 0 {
		lb.text = buf[:base]
		return line{}, false
	}
	// The line's text: the words joined with single spaces (glued words
	// without), exponents as superscripts. When no exponent changes, the
	// words' texts are slices of it, in place in buf already but for the
	// spaces: rebuild it after the words (at the end of buf), then move it
	// down over them.
	wt := lb.wtext
	at := len(buf)
	w1 := len(lb.wat)
	off := 0
	for k, w := range words {
		t := buf[wt[k][0]:wt[k][1]]
		if k > 0 && !w.glued {
			buf = append(buf, ' ')
			off++
		}
		lb.wat = append(lb.wat, wordAt{x0: w.x0, off: off})
		off += len(t)
		if w.raised {
			if s, ok := textnorm.Superscript(string(t)); ok {
				buf = append(buf, s...)
				continue
			}
		}
		buf = append(buf, t...)
	}
	if n := len(words); n >= 2 {
		last := buf[wt[n-1][0]:wt[n-1][1]]
		digits := true
		for _, c := range last {
			digits = digits && c >= '0' && c <= '9'
		}
		l.pageRef = digits && len(last) <= 4 && words[n-1].x0-words[n-2].x1 > 3*math.Max(size, 4)
	}
	n := copy(buf[base:], buf[at:])
	buf = buf[:base+n]
	lb.text = buf
	lb.texts = append(lb.texts, [2]int{base, len(buf)})
	lb.spans = append(lb.spans, [2]int{w1, len(lb.wat)})
	l.bold = nGlyph > 0 && nBold*2 > nGlyph
	return l, true
}
