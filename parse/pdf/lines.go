package pdf

import (
	"cmp"
	"math"
	"slices"
	"strings"

	"github.com/annex-tools/annex/internal/textnorm"
)

// word is a run of glyphs without a gap, on one line.
type word struct {
	text   string
	x0, x1 float64 // left and right edges
	raised bool    // set smaller and above the baseline: an exponent
	glued  bool    // no gap before it: joins the previous word without a space
}

// line is one printed line of a page.
type line struct {
	page   int     // 1-based
	y      float64 // baseline
	x0, x1 float64 // left and right edges
	size   float64 // dominant font size
	bold   bool    // most glyphs are bold
	words  []word
	text   string // words joined with single spaces, exponents as superscripts
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

// buildLines groups a page's glyphs into lines, top to bottom.
func buildLines(page int, gs []glyph) []line {
	order := make([]int, 0, len(gs))
	for i, g := range gs {
		if g.size > 0 && finite(g.x) && finite(g.y) {
			order = append(order, i)
		}
	}
	if len(order) == 0 {
		return nil
	}
	slices.SortFunc(order, func(a, b int) int {
		if c := cmp.Compare(gs[b].y, gs[a].y); c != 0 {
			return c
		}
		if c := cmp.Compare(gs[a].x, gs[b].x); c != 0 {
			return c
		}
		return cmp.Compare(a, b)
	})
	// Cluster by baseline: clusters are runs of order.
	type cluster struct {
		lo, hi       int // order[lo:hi]
		y, size      float64
		x0, x1       float64
		into         int   // the cluster this one was merged into, or -1
		merged       []int // clusters merged into this one
		raised       bool  // merged above the baseline of its target
		dominantSize float64
	}
	var cs []cluster
	for k, i := range order {
		g := gs[i]
		if n := len(cs); n > 0 {
			c := &cs[n-1]
			if math.Abs(c.y-g.y) <= baselineTol*math.Max(math.Min(c.size, g.size), 1) {
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
		c.x0, c.x1 = math.Inf(1), math.Inf(-1)
		for _, i := range order[c.lo:c.hi] {
			c.x0 = math.Min(c.x0, gs[i].x)
			c.x1 = math.Max(c.x1, gs[i].x+gs[i].w)
		}
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
	var idx []int
	var raised []bool
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
		l := makeLine(page, c.y, c.dominantSize, gs, idx, raised)
		if l.text != "" {
			out = append(out, l)
		}
	}
	return out
}

func finite(f float64) bool { return !math.IsNaN(f) && !math.IsInf(f, 0) }

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
	for _, i := range idx {
		if gs[i].space {
			continue
		}
		s := math.Round(gs[i].size*10) / 10
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
// whether gs[idx[k]] is set as an exponent.
func makeLine(page int, y, size float64, gs []glyph, idx []int, raised []bool) line {
	type pair struct {
		i      int
		raised bool
	}
	ps := make([]pair, len(idx))
	for k, i := range idx {
		ps[k] = pair{i, raised[k]}
	}
	slices.SortStableFunc(ps, func(a, b pair) int { return cmp.Compare(gs[a.i].x, gs[b.i].x) })
	l := line{page: page, y: y, size: size, x0: math.Inf(1), x1: math.Inf(-1)}
	var (
		buf     []byte // the text of all words, back to back
		spans   [][2]int
		curW    word
		prevEnd = math.Inf(-1)
		prev    = -1
		inWord  bool
		gap     bool // a space precedes the next glyph
		nBold   int
		nGlyph  int
		start   int
	)
	em := math.Max(size, 1)
	flush := func() {
		if inWord {
			l.words = append(l.words, curW)
			spans = append(spans, [2]int{start, len(buf)})
		}
		inWord = false
	}
	for _, p := range ps {
		g := gs[p.i]
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
			curW = word{x0: g.x, raised: p.raised, glued: len(l.words) > 0 && !gap && !wide}
			start = len(buf)
			inWord = true
		}
		buf = append(buf, g.text...)
		curW.x1 = math.Max(curW.x1, g.x+g.w)
		prevEnd = math.Max(g.x+g.w, g.x)
		prev = p.i
		gap = false
		l.x0 = math.Min(l.x0, g.x)
		l.x1 = math.Max(l.x1, g.x+g.w)
	}
	flush()
	all := string(buf)
	for k := range l.words {
		l.words[k].text = all[spans[k][0]:spans[k][1]]
	}
	l.bold = nGlyph > 0 && nBold*2 > nGlyph
	l.text = lineText(l.words)
	return l
}

// lineText joins words with single spaces; exponents become superscript
// characters glued to what they raise.
func lineText(ws []word) string {
	var b strings.Builder
	for i, w := range ws {
		t := w.text
		if w.raised {
			if s, ok := textnorm.Superscript(t); ok {
				t = s
			}
		}
		if i > 0 && !w.glued {
			b.WriteByte(' ')
		}
		b.WriteString(t)
	}
	return b.String()
}
