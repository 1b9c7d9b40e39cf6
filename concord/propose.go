package concord

import (
	"fmt"
	"maps"
	"math"
	"sort"
	"strings"
	"unicode"

	"github.com/annex-tools/annex/internal/align"
	"github.com/annex-tools/annex/internal/textnorm"
	"github.com/annex-tools/annex/model"
)

// Thresholds of Propose, on the weighted word similarity (0 to 1).
const (
	simLink     = 0.55 // anywhere in the lists
	simChild    = 0.35 // sub-paragraphs of linked parents, in order
	covExtra    = 0.85 // a merged or split entry: the share of one text's words found in the other
	simExtra    = 0.40 // and the similarity it needs besides
	minDistinct = 3    // words an entry needs to be linked on its own, without its parent
	maxPosting  = 48   // words in more annex entries than this are not used as keys
	keysPerNode = 6    // the rarest words of an entry that serve as its keys
	parentBonus = 0.10 // the parents are linked to each other

	informativeShare = 0.03 // a word in at most this share of all entries is informative
	minInformative   = 2    // informative words two entries must share to be linked without their parents
)

type cnode struct {
	id       string
	text     string
	parent   int
	children []int
	base     map[int32]float64 // words and numbers → count
	toks     map[int32]float64 // base and the cross references that can be compared
	refs     []string          // ids cited in the text, trailing dots dropped
	weight   float64
	nums     []string
	keys     []int32
}

type cside struct {
	nodes []cnode
	byID  map[string]int
	tops  []int
}

func buildSide(a *model.Annex, st Style, dict map[string]int32) *cside {
	s := &cside{byID: make(map[string]int)}
	var add func(e *model.Entry, parent int) int
	add = func(e *model.Entry, parent int) int {
		i := len(s.nodes)
		s.nodes = append(s.nodes, cnode{id: e.ID, text: e.Text, parent: parent})
		s.nodes[i].base, s.nodes[i].nums = tokens(e.Text, st, dict)
		s.nodes[i].toks = s.nodes[i].base
		for _, sp := range refSpans(e.Text) {
			s.nodes[i].refs = append(s.nodes[i].refs, refID(e.Text[sp[0]:sp[1]]))
		}
		if _, dup := s.byID[e.ID]; !dup {
			s.byID[e.ID] = i
		}
		for k := range e.Children {
			c := add(&e.Children[k], i)
			s.nodes[i].children = append(s.nodes[i].children, c)
		}
		return i
	}
	for i := range a.Items {
		for j := range a.Items[i].Groups {
			g := &a.Items[i].Groups[j]
			for k := range g.Entries {
				s.tops = append(s.tops, add(&g.Entries[k], -1))
			}
		}
	}
	return s
}

// tokens splits a text into weighted words: folded, lower case, cross
// references left out, numbers as their values.
func tokens(text string, st Style, dict map[string]int32) (map[int32]float64, []string) {
	out := make(map[int32]float64)
	nums := values(text, st)
	t := textnorm.Fold(stripRefs(text))
	id := func(w string) int32 {
		k, ok := dict[w]
		if !ok {
			k = int32(len(dict))
			dict[w] = k
		}
		return k
	}
	for _, w := range strings.FieldsFunc(t, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		if w[0] >= '0' && w[0] <= '9' || w == "xx" || strings.Trim(w, "x") == "" {
			continue
		}
		out[id(strings.ToLower(w))]++
	}
	for _, v := range nums {
		out[id("#"+v)]++
	}
	return out, nums
}

type proposer struct {
	nat, ann    *cside
	informative float64 // the least weight of an informative word
	dict        map[string]int32
	weights     []float64
	ln, la      [][]int // national → annex links, annex → national links
	why         map[[2]int][]string
	conf        map[[2]int]float64
	rejected    map[[2]string]bool
}

// Options tune Propose.
type Options struct {
	Prior *Concordance // a reviewed concordance: its confirmed links are kept, its rejected ones never proposed
}

// Propose links the entries of a national list to those of an annex
// revision. See the package documentation for how.
func Propose(national, annex *model.Annex, opt Options) *Concordance {
	dict := make(map[string]int32)
	p := &proposer{
		dict:     dict,
		nat:      buildSide(national, DetectStyle(national), dict),
		ann:      buildSide(annex, DetectStyle(annex), dict),
		why:      make(map[[2]int][]string),
		conf:     make(map[[2]int]float64),
		rejected: make(map[[2]string]bool),
	}
	p.ln = make([][]int, len(p.nat.nodes))
	p.la = make([][]int, len(p.ann.nodes))
	p.weigh()

	var kept []Link
	if opt.Prior != nil {
		for _, l := range opt.Prior.Links {
			switch l.Status {
			case Rejected:
				p.rejected[[2]string{l.National, l.Annex}] = true
				kept = append(kept, l)
			case Confirmed:
				i, ok1 := p.nat.byID[l.National]
				j, ok2 := p.ann.byID[l.Annex]
				if ok1 && ok2 {
					p.link(i, j, 1, "confirmed by a reviewer")
				} else {
					kept = append(kept, l) // kept for the record, though an id is gone
				}
			}
		}
	}

	// Clear pairs first, then cross references through the links made,
	// then what is left, with the structure's help.
	p.global(true)
	p.alignAll()
	p.upward()
	p.withRefs()
	p.global(true)
	p.alignAll()
	p.upward()
	for round := 0; round < 4; round++ {
		before := p.count()
		p.withRefs()
		p.global(false)
		p.extras()
		p.alignAll()
		p.upward()
		if p.count() == before {
			break
		}
	}
	return p.result(national, annex, kept, opt.Prior)
}

// withRefs adds to every node's words the cross references that can be
// compared across the lists: an annex reference to an entry that has a link
// (a group reference stands for its top-level entries), and a national
// reference to a code that has one, as the annex ids it links to.
func (p *proposer) withRefs() {
	groupTops := make(map[string][]string)
	for _, j := range p.ann.tops {
		id := p.ann.nodes[j].id
		if k := strings.IndexByte(id, '.'); k >= 0 {
			if k2 := strings.IndexByte(id[k+1:], '.'); k2 >= 0 {
				g := id[:k+1+k2]
				groupTops[g] = append(groupTops[g], id)
			}
		}
	}
	tok := func(id string) int32 {
		w := "ref " + id
		k, ok := p.dict[w]
		if !ok {
			k = int32(len(p.dict))
			p.dict[w] = k
		}
		return k
	}
	for j := range p.ann.nodes {
		nd := &p.ann.nodes[j]
		nd.toks = maps.Clone(nd.base)
		for _, r := range nd.refs {
			ids := []string{r}
			if g, ok := groupTops[r]; ok {
				ids = g
			}
			for _, id := range ids {
				if k, ok := p.ann.byID[id]; ok && len(p.la[k]) > 0 {
					nd.toks[tok(id)]++
				}
			}
		}
	}
	for i := range p.nat.nodes {
		nd := &p.nat.nodes[i]
		nd.toks = maps.Clone(nd.base)
		for _, r := range nd.refs {
			if k, ok := p.nat.byID[r]; ok {
				for _, j := range p.ln[k] {
					nd.toks[tok(p.ann.nodes[j].id)]++
				}
			}
		}
	}
	p.weigh()
}

func (p *proposer) weigh() {
	df := make([]float64, len(p.dict))
	for _, s := range []*cside{p.nat, p.ann} {
		for i := range s.nodes {
			for t := range s.nodes[i].toks {
				df[t]++
			}
		}
	}
	total := float64(len(p.nat.nodes) + len(p.ann.nodes))
	p.weights = make([]float64, len(df))
	for i, d := range df {
		p.weights[i] = math.Log(1 + total/d)
	}
	// A word is informative when few entries use it: "mixers", not
	// "following" or "specially".
	p.informative = math.Log(1 + total/max(2, informativeShare*total))
	for _, s := range []*cside{p.nat, p.ann} {
		for i := range s.nodes {
			nd := &s.nodes[i]
			nd.weight = 0
			for t, c := range nd.toks {
				nd.weight += c * p.weights[t]
			}
			keys := make([]int32, 0, len(nd.toks))
			for t := range nd.toks {
				keys = append(keys, t)
			}
			sort.Slice(keys, func(a, b int) bool {
				if p.weights[keys[a]] != p.weights[keys[b]] {
					return p.weights[keys[a]] > p.weights[keys[b]]
				}
				return keys[a] < keys[b]
			})
			if len(keys) > keysPerNode {
				keys = keys[:keysPerNode]
			}
			nd.keys = keys
		}
	}
}

// common returns the weight of the words two nodes share.
func (p *proposer) common(i, j int) float64 {
	a, b := &p.nat.nodes[i], &p.ann.nodes[j]
	if len(a.toks) > len(b.toks) {
		a, b = b, a
	}
	c := 0.0
	for t, n := range a.toks {
		if m, ok := b.toks[t]; ok {
			c += math.Min(n, m) * p.weights[t]
		}
	}
	return c
}

// sim is the weighted Dice similarity of national node i and annex node j.
func (p *proposer) sim(i, j int) float64 {
	a, b := &p.nat.nodes[i], &p.ann.nodes[j]
	if a.weight+b.weight == 0 {
		if strings.EqualFold(a.text, b.text) {
			return 1
		}
		return 0
	}
	return 2 * p.common(i, j) / (a.weight + b.weight)
}

func (p *proposer) linked(i, j int) bool {
	for _, k := range p.ln[i] {
		if k == j {
			return true
		}
	}
	return false
}

func (p *proposer) link(i, j int, conf float64, reasons ...string) {
	if p.linked(i, j) || p.rejected[[2]string{p.nat.nodes[i].id, p.ann.nodes[j].id}] {
		return
	}
	p.ln[i] = append(p.ln[i], j)
	p.la[j] = append(p.la[j], i)
	k := [2]int{i, j}
	p.conf[k] = math.Round(math.Min(1, conf)*100) / 100
	p.why[k] = reasons
}

func (p *proposer) count() int {
	c := 0
	for _, l := range p.ln {
		c += len(l)
	}
	return c
}

func (p *proposer) parentsLinked(i, j int) bool {
	pi, pj := p.nat.nodes[i].parent, p.ann.nodes[j].parent
	return pi >= 0 && pj >= 0 && p.linked(pi, pj)
}

// score is the similarity with the structure's bonus.
func (p *proposer) score(i, j int) float64 {
	s := p.sim(i, j)
	if p.parentsLinked(i, j) {
		s += parentBonus
	}
	return s
}

// reasons explains a link.
func (p *proposer) reasons(i, j int) []string {
	a, b := &p.nat.nodes[i], &p.ann.nodes[j]
	out := []string{fmt.Sprintf("text alike after folding (%.2f)", p.sim(i, j))}
	if len(a.nums) > 0 && sameNumbers(a.nums, b.nums) {
		out = append(out, "same thresholds: "+strings.Join(a.nums, ", "))
	}
	if p.parentsLinked(i, j) {
		out = append(out, fmt.Sprintf("parents linked (%s = %s)", p.nat.nodes[a.parent].id, p.ann.nodes[b.parent].id))
	}
	refs := 0
	for t := range a.toks {
		if _, base := a.base[t]; !base {
			if _, ok := b.toks[t]; ok {
				refs++
			}
		}
	}
	if refs > 0 {
		out = append(out, fmt.Sprintf("cross references map through links (%d)", refs))
	}
	return out
}

func sameNumbers(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for k := range a {
		if a[k] != b[k] {
			return false
		}
	}
	return true
}

// candidates returns, for every unlinked national node with enough words,
// the unlinked annex nodes that share one of its rarest words, found through
// an inverted index: never all pairs.
func (p *proposer) candidates(fn func(i, j int)) {
	index := make(map[int32][]int)
	for j := range p.ann.nodes {
		nd := &p.ann.nodes[j]
		if len(nd.toks) < minDistinct {
			continue
		}
		for _, k := range nd.keys {
			index[k] = append(index[k], j)
		}
	}
	seen := make(map[int]bool)
	for i := range p.nat.nodes {
		nd := &p.nat.nodes[i]
		if len(nd.toks) < minDistinct {
			continue
		}
		clear(seen)
		for _, k := range nd.keys {
			post := index[k]
			if len(post) > maxPosting {
				continue
			}
			for _, j := range post {
				if !seen[j] {
					seen[j] = true
					fn(i, j)
				}
			}
		}
	}
}

// evidence reports whether two nodes share enough to be linked without the
// help of their parents: informative words (not only the boilerplate of
// "Software specially designed or modified for the use of …") or a citation
// that maps through the links made so far; and, when both cite entries that
// are linked, at least one of the same.
func (p *proposer) evidence(i, j int) bool {
	a, b := &p.nat.nodes[i], &p.ann.nodes[j]
	shared, refs, refsA, refsB := 0, 0, 0, len(b.toks)-len(b.base)
	for t := range a.toks {
		_, word := a.base[t]
		if !word {
			refsA++
		}
		if _, ok := b.toks[t]; !ok {
			continue
		}
		if !word {
			refs++
		} else if p.weights[t] >= p.informative {
			shared++
		}
	}
	if refsA > 0 && refsB > 0 && refs == 0 {
		return false // both cite linked entries, and not the same ones
	}
	return shared >= minInformative || refs > 0
}

// global links unlinked nodes anywhere, strongest pairs first, one to one.
// When strict, a pair is linked only when each side is clearly closer to
// the other than to its next candidate, so that look-alike entries (the
// software and technology entries that differ only in what they cite) wait
// until cross references and parents can tell them apart.
func (p *proposer) global(strict bool) {
	const margin = 0.08
	type cand struct {
		i, j int
		s    float64
	}
	var cands []cand
	second := func(m map[int][2]float64, k int, s float64) {
		b := m[k]
		switch {
		case s > b[0]:
			b[1], b[0] = b[0], s
		case s > b[1]:
			b[1] = s
		}
		m[k] = b
	}
	bestN := make(map[int][2]float64)
	bestA := make(map[int][2]float64)
	p.candidates(func(i, j int) {
		if len(p.ln[i]) > 0 || len(p.la[j]) > 0 {
			return
		}
		if !p.evidence(i, j) {
			return
		}
		s := p.score(i, j)
		second(bestN, i, s)
		second(bestA, j, s)
		if s >= simLink {
			cands = append(cands, cand{i, j, s})
		}
	})
	sort.Slice(cands, func(a, b int) bool {
		if cands[a].s != cands[b].s {
			return cands[a].s > cands[b].s
		}
		if cands[a].i != cands[b].i {
			return cands[a].i < cands[b].i
		}
		return cands[a].j < cands[b].j
	})
	for _, c := range cands {
		if len(p.ln[c.i]) > 0 || len(p.la[c.j]) > 0 {
			continue
		}
		if strict && (c.s < bestN[c.i][1]+margin || c.s < bestA[c.j][1]+margin) {
			continue
		}
		p.link(c.i, c.j, p.sim(c.i, c.j), p.reasons(c.i, c.j)...)
	}
}

// upward links unlinked parents whose sub-paragraphs are linked to the
// sub-paragraphs of one annex entry: "Equipment as follows:" says little,
// its list says the rest.
func (p *proposer) upward() {
	for i := len(p.nat.nodes) - 1; i >= 0; i-- { // children before parents
		nd := &p.nat.nodes[i]
		if len(p.ln[i]) > 0 || len(nd.children) == 0 {
			continue
		}
		votes := make(map[int]int)
		for _, c := range nd.children {
			for _, j := range p.ln[c] {
				if pj := p.ann.nodes[j].parent; pj >= 0 && len(p.la[pj]) == 0 {
					votes[pj]++
				}
			}
		}
		best, bj := 0, -1
		for _, j := range sortedKeys(votes) {
			if votes[j] > best {
				best, bj = votes[j], j
			}
		}
		if bj < 0 || 2*best < len(nd.children) || 2*best < len(p.ann.nodes[bj].children) {
			continue
		}
		r := append(p.reasons(i, bj), fmt.Sprintf("%d of its %d sub-paragraphs linked to those of %s", best, len(nd.children), p.ann.nodes[bj].id))
		p.link(i, bj, max(p.sim(i, bj), float64(best)/float64(len(nd.children))*0.9), r...)
	}
}

// alignAll aligns the sub-paragraphs of every linked pair, top down.
func (p *proposer) alignAll() {
	for i := range p.nat.nodes {
		for _, j := range p.ln[i] {
			p.align(p.nat.nodes[i].children, p.ann.nodes[j].children)
		}
	}
}

// align pairs the unlinked children of two linked parents in order,
// maximising the sum of their similarities.
func (p *proposer) align(ns, as []int) {
	var un, ua []int
	for _, i := range ns {
		if len(p.ln[i]) == 0 {
			un = append(un, i)
		}
	}
	for _, j := range as {
		if len(p.la[j]) == 0 {
			ua = append(ua, j)
		}
	}
	if len(un) == 0 || len(ua) == 0 || len(un)*len(ua) > 1<<16 {
		return
	}
	score := func(a, b int) float64 {
		s := p.sim(un[a], ua[b])
		if lastSeg(p.nat.nodes[un[a]].id) == lastSeg(p.ann.nodes[ua[b]].id) {
			s += 0.05 // keeps its place among its siblings
		}
		if s < simChild {
			return -1
		}
		return s
	}
	align.InOrder(len(un), len(ua), score, func(a, b int, s float64) {
		i, j := un[a], ua[b]
		r := append(p.reasons(i, j), "in order among the sub-paragraphs")
		p.link(i, j, math.Min(1, s+parentBonus), r...)
	})
}

func lastSeg(id string) string { return id[strings.LastIndexByte(id, '.')+1:] }

// extras adds the links of merged and split entries: an unlinked annex node
// whose words are nearly all in a linked national node (two annex entries
// merged into one national entry), and an unlinked national node whose words
// are nearly all in a linked annex node (an annex entry split over two
// national entries).
func (p *proposer) extras() {
	type best struct {
		k   int
		cov float64
	}
	merged := make(map[int]best) // annex node → national node
	split := make(map[int]best)  // national node → annex node
	p.candidates(func(i, j int) {
		linkedN, linkedA := len(p.ln[i]) > 0, len(p.la[j]) > 0
		if linkedN == linkedA || p.sim(i, j) < simExtra || !p.evidence(i, j) {
			return
		}
		if linkedN { // the annex node is alone
			if cov := p.common(i, j) / p.ann.nodes[j].weight; cov >= covExtra && cov > merged[j].cov {
				merged[j] = best{i, cov}
			}
		} else if cov := p.common(i, j) / p.nat.nodes[i].weight; cov >= covExtra && cov > split[i].cov {
			split[i] = best{j, cov}
		}
	})
	for _, j := range sortedKeys(merged) {
		b := merged[j]
		r := append(p.reasons(b.k, j), fmt.Sprintf("the national text covers the annex text (%.2f): entries merged", b.cov))
		p.link(b.k, j, p.sim(b.k, j)*b.cov, r...)
	}
	for _, i := range sortedKeys(split) {
		b := split[i]
		r := append(p.reasons(i, b.k), fmt.Sprintf("the annex text covers the national text (%.2f): entry split", b.cov))
		p.link(i, b.k, p.sim(i, b.k)*b.cov, r...)
	}
}

func sortedKeys[V any](m map[int]V) []int {
	ks := make([]int, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Ints(ks)
	return ks
}

func (p *proposer) result(national, annex *model.Annex, kept []Link, prior *Concordance) *Concordance {
	c := &Concordance{Schema: Schema, National: DocOf(national), Annex: DocOf(annex)}
	confirmed := make(map[[2]string]bool)
	if prior != nil {
		for _, l := range prior.Links {
			if l.Status == Confirmed {
				confirmed[[2]string{l.National, l.Annex}] = true
			}
		}
	}
	for i := range p.nat.nodes {
		for _, j := range p.ln[i] {
			a, b := &p.nat.nodes[i], &p.ann.nodes[j]
			st := Proposed
			if confirmed[[2]string{a.id, b.id}] {
				st = Confirmed
			}
			c.Links = append(c.Links, Link{National: a.id, Annex: b.id, Confidence: p.conf[[2]int{i, j}], Status: st,
				Reasons: p.why[[2]int{i, j}], NationalText: a.text, AnnexText: b.text})
		}
	}
	c.Links = append(c.Links, kept...)
	order(c.Links, positions(national), positions(annex))
	for i := range p.nat.nodes {
		if len(p.ln[i]) == 0 {
			c.NationalOnly = append(c.NationalOnly, p.nat.nodes[i].id)
		}
	}
	for j := range p.ann.nodes {
		if len(p.la[j]) == 0 {
			c.AnnexUnlinked = append(c.AnnexUnlinked, p.ann.nodes[j].id)
		}
	}
	c.normalise()
	return c
}

// normalise makes the lists empty rather than nil, for JSON.
func (c *Concordance) normalise() {
	if c.Schema == "" {
		c.Schema = Schema
	}
	if c.Links == nil {
		c.Links = []Link{}
	}
	for k := range c.Links {
		if c.Links[k].Reasons == nil {
			c.Links[k].Reasons = []string{}
		}
	}
	if c.NationalOnly == nil {
		c.NationalOnly = []string{}
	}
	if c.AnnexUnlinked == nil {
		c.AnnexUnlinked = []string{}
	}
}
