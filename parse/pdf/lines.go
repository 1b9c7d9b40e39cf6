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
	smallRatio   = 0.85 // a glyph this much smaller than the line may be an exponent
	raisedMin    = 0.12 // an exponent sits at least this far above the baseline…
	raisedMax    = 0.75 // …and at most this far
	loweredMax   = 0.4  // a subscript sits at most this far below
	overstrikeDx = 0.1  // a glyph drawn again within this distance is a duplicate (fake bold)
)

// buildLines groups a page's glyphs into lines, top to bottom.
func buildLines(page int, gs []glyph) []line {
	if len(gs) == 0 {
		return nil
	}
	order := make([]int, len(gs))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		if c := cmp.Compare(gs[b].y, gs[a].y); c != 0 {
			return c
		}
		return cmp.Compare(gs[a].x, gs[b].x)
	})
	// Cluster by baseline.
	type cluster struct {
		y, size float64
		idx     []int
	}
	var cs []cluster
	for _, i := range order {
		g := gs[i]
		if g.size <= 0 || math.IsNaN(g.y) || math.IsInf(g.y, 0) || math.IsNaN(g.x) || math.IsInf(g.x, 0) {
			continue
		}
		if n := len(cs); n > 0 {
			c := &cs[n-1]
			if math.Abs(c.y-g.y) <= baselineTol*math.Max(math.Min(c.size, g.size), 1) {
				c.idx = append(c.idx, i)
				if !g.space && g.size > c.size {
					c.size = g.size
				}
				continue
			}
		}
		cs = append(cs, cluster{y: g.y, size: g.size, idx: []int{i}})
	}
	// Dominant size and extent of each cluster.
	type info struct {
		size, x0, x1 float64
		merged       bool
	}
	infos := make([]info, len(cs))
	for k, c := range cs {
		infos[k] = info{size: dominantSize(gs, c.idx), x0: math.Inf(1), x1: math.Inf(-1)}
		for _, i := range c.idx {
			infos[k].x0 = math.Min(infos[k].x0, gs[i].x)
			infos[k].x1 = math.Max(infos[k].x1, gs[i].x+gs[i].w)
		}
	}
	// Merge clusters of small glyphs set above (exponents) or below
	// (subscripts) the baseline of a neighbouring line into that line.
	raised := make([]bool, len(gs))
	for k := range cs {
		for _, t := range []int{k + 1, k - 1} {
			if t < 0 || t >= len(cs) || infos[t].merged || infos[k].merged {
				continue
			}
			small, base := infos[k], infos[t]
			if small.size >= smallRatio*base.size {
				continue
			}
			dy := cs[k].y - cs[t].y
			if !(dy >= raisedMin*base.size && dy <= raisedMax*base.size) &&
				!(dy < 0 && -dy <= loweredMax*base.size) {
				continue
			}
			if small.x0 < base.x0-base.size || small.x1 > base.x1+3*base.size {
				continue
			}
			for _, i := range cs[k].idx {
				raised[i] = dy > 0
			}
			cs[t].idx = append(cs[t].idx, cs[k].idx...)
			infos[k].merged = true
			break
		}
	}
	var out []line
	for k, c := range cs {
		if infos[k].merged {
			continue
		}
		l := makeLine(page, c.y, infos[k].size, gs, c.idx, raised)
		if l.text != "" {
			out = append(out, l)
		}
	}
	return out
}

func dominantSize(gs []glyph, idx []int) float64 {
	count := map[float64]int{}
	best, bestN := 0.0, 0
	for _, i := range idx {
		if gs[i].space {
			continue
		}
		s := math.Round(gs[i].size*10) / 10
		count[s]++
		if n := count[s]; n > bestN || n == bestN && s > best {
			best, bestN = s, n
		}
	}
	if bestN == 0 && len(idx) > 0 {
		return gs[idx[0]].size
	}
	return best
}

// makeLine turns the glyphs of one baseline into words.
func makeLine(page int, y, size float64, gs []glyph, idx []int, raised []bool) line {
	slices.SortStableFunc(idx, func(a, b int) int { return cmp.Compare(gs[a].x, gs[b].x) })
	l := line{page: page, y: y, size: size, x0: math.Inf(1), x1: math.Inf(-1)}
	var (
		cur     strings.Builder
		curW    word
		prevEnd = math.Inf(-1)
		prev    = -1
		inWord  bool
		gap     bool // a space or gap precedes the next glyph
		nBold   int
		nGlyph  int
	)
	flush := func() {
		if inWord {
			curW.text = cur.String()
			l.words = append(l.words, curW)
		}
		cur.Reset()
		inWord = false
	}
	for _, i := range idx {
		g := gs[i]
		if g.space {
			gap = true
			continue
		}
		if prev >= 0 && gs[prev].text == g.text && math.Abs(gs[prev].x-g.x) < overstrikeDx*size &&
			math.Abs(gs[prev].y-g.y) < overstrikeDx*size {
			continue // drawn twice to look bold
		}
		nGlyph++
		if g.bold {
			nBold++
		}
		isRaised := raised[i]
		em := math.Max(size, 1)
		wide := g.x-prevEnd > wordGap*em
		if inWord && (gap || wide || isRaised != curW.raised) {
			flush()
		}
		if !inWord {
			curW = word{x0: g.x, raised: isRaised, glued: len(l.words) > 0 && !gap && !wide}
			inWord = true
		}
		cur.WriteString(g.text)
		curW.x1 = math.Max(curW.x1, g.x+g.w)
		prevEnd = math.Max(g.x+g.w, g.x)
		prev = i
		gap = false
		l.x0 = math.Min(l.x0, g.x)
		l.x1 = math.Max(l.x1, g.x+g.w)
	}
	flush()
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
