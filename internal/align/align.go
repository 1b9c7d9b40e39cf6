// Package align pairs two lists in order: the order-preserving
// maximum-weight alignment that the diff (siblings of two revisions) and the
// concordance (sub-paragraphs of a national and an annex entry) both use.
package align

// InOrder pairs items of two lists of lengths r and c without crossing
// (a1 < a2 implies b1 < b2), so that the sum of score(a, b) over the pairs
// is greatest. A negative score forbids the pair. pair is called once per
// pair chosen, from the ends of the lists backwards, with its score. Time
// and memory are O(r·c): callers bound the lists.
func InOrder(r, c int, score func(a, b int) float64, pair func(a, b int, s float64)) {
	if r == 0 || c == 0 {
		return
	}
	sc := make([]float64, r*c)
	for a := 0; a < r; a++ {
		for b := 0; b < c; b++ {
			sc[a*c+b] = score(a, b)
		}
	}
	f := make([]float64, (r+1)*(c+1))
	at := func(a, b int) *float64 { return &f[a*(c+1)+b] }
	for a := 1; a <= r; a++ {
		for b := 1; b <= c; b++ {
			best := max(*at(a-1, b), *at(a, b-1))
			if s := sc[(a-1)*c+b-1]; s >= 0 && *at(a-1, b-1)+s > best {
				best = *at(a-1, b-1) + s
			}
			*at(a, b) = best
		}
	}
	for a, b := r, c; a > 0 && b > 0; {
		s := sc[(a-1)*c+b-1]
		switch {
		case s >= 0 && *at(a, b) == *at(a-1, b-1)+s:
			pair(a-1, b-1, s)
			a--
			b--
		case *at(a, b) == *at(a-1, b):
			a--
		default:
			b--
		}
	}
}
