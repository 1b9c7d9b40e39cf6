package diff

import (
	"math"
	"regexp"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/annex-tools/annex/internal/align"
	"github.com/annex-tools/annex/internal/textnorm"
	"github.com/annex-tools/annex/model"
)

// Matching thresholds on the weighted word similarity (0 to 1) of two
// entries' own text and notes.
const (
	minUniqueTokens = 5    // an entry needs this many distinct words to be matched on its own, without its parent
	simNear         = 0.9  // siblings under matched parents, paired in any order when mutually best
	simSibling      = 0.5  // siblings under matched parents
	simSameID       = 0.25 // siblings under matched parents that also keep their place (last id segment)
	simSameIDLoose  = 0.5  // same id, parents not matched to each other
	simGlobal       = 0.75 // anywhere in the annex (moves between items and groups)
	sameIDBonus     = 0.05 // tie-break towards keeping the id
	maxDPCells      = 1 << 16
	maxPosting      = 64 // tokens in more unmatched entries than this are not used as global keys
	globalKeys      = 4  // the rarest words of an entry that serve as its global keys
)

// node is an entry with what matching needs.
type node struct {
	e        *model.Entry
	simText  string // text and notes as similarity reads them (see simForm)
	item     *model.Item
	group    string // group letter
	gkey     string // "3.A"
	parent   int    // index of the parent node, -1 at the top of a group
	children []int
	text     string // folded own text
	notes    string // folded notes, one a line
	toks     []tokCount
	weight   float64 // sum of the weights of toks
	distinct int     // number of distinct words
}

type tokCount struct {
	id int32
	n  int32
}

// side is one revision prepared for matching.
type side struct {
	a      *model.Annex
	nodes  []node
	groups map[string][]int // top-level nodes per group key
	byID   map[string]int
}

func newSide(a *model.Annex) *side {
	s := &side{a: a, groups: make(map[string][]int), byID: make(map[string]int)}
	var add func(e *model.Entry, it *model.Item, g string, parent int) int
	add = func(e *model.Entry, it *model.Item, g string, parent int) int {
		i := len(s.nodes)
		gk := model.GroupID(it.Number, g)
		s.nodes = append(s.nodes, node{
			e: e, item: it, group: g, gkey: gk, parent: parent,
			text:  fold(e.Text),
			notes: fold(renderNotes(e.Notes)),
		})
		s.nodes[i].simText = simForm(s.nodes[i].text+"\n"+s.nodes[i].notes, e.ID)
		if _, dup := s.byID[e.ID]; !dup {
			s.byID[e.ID] = i
		}
		for k := range e.Children {
			c := add(&e.Children[k], it, g, i)
			s.nodes[i].children = append(s.nodes[i].children, c)
		}
		return i
	}
	for i := range a.Items {
		it := &a.Items[i]
		for j := range it.Groups {
			g := &it.Groups[j]
			gk := model.GroupID(it.Number, g.Letter)
			for k := range g.Entries {
				s.groups[gk] = append(s.groups[gk], add(&g.Entries[k], it, g.Letter, -1))
			}
		}
	}
	return s
}

// renderNotes writes notes one a line: "Technical Note 1: …".
func renderNotes(notes []model.Note) string {
	var b strings.Builder
	for i, n := range notes {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(n.Kind)
		if n.Label != "" {
			b.WriteByte(' ')
			b.WriteString(n.Label)
		}
		b.WriteString(": ")
		b.WriteString(n.Text)
	}
	return b.String()
}

// simForm rewrites the cross references in folded text for similarity: a
// reference to the entry itself ("3.C.5. does not control …" in a note of
// 3.C.5) becomes one word that survives renumbering, any other the word
// "ref" and its group ("ref3xC"), so that a reference rewritten to follow a
// renumbering barely changes the similarity.
func simForm(s, self string) string {
	return replaceRefs(s, func(m string) string {
		id, err := model.ParseID(m)
		if err != nil {
			return m
		}
		if id.String() == self {
			return " refself "
		}
		return " ref" + id.Segs[0] + "x" + id.Group() + " "
	})
}

// matcher pairs the entries of two revisions.
type matcher struct {
	o, n    *side
	weights []float64 // per token id
	mo, mn  []int     // old → new and new → old, -1 when unmatched
	aligned []bool    // per new node: its children have been aligned
}

func newMatcher(o, n *side) *matcher {
	m := &matcher{o: o, n: n}
	dict := make(map[string]int32)
	canon := make(map[string]int32) // word as printed → id of its canonSpelling, memoised
	var df []int32
	var buf []int32
	for _, s := range []*side{o, n} {
		for i := range s.nodes {
			nd := &s.nodes[i]
			buf = buf[:0]
			eachWord(nd.simText, func(w string) {
				id, ok := canon[w]
				if !ok {
					c := canonSpelling(w)
					id, ok = dict[c]
					if !ok {
						id = int32(len(dict))
						dict[c] = id
						df = append(df, 0)
					}
					canon[w] = id
				}
				buf = append(buf, id)
			})
			slices.Sort(buf)
			nd.toks = nd.toks[:0]
			for k := 0; k < len(buf); {
				e := k + 1
				for e < len(buf) && buf[e] == buf[k] {
					e++
				}
				nd.toks = append(nd.toks, tokCount{buf[k], int32(e - k)})
				df[buf[k]]++
				k = e
			}
			nd.distinct = len(nd.toks)
		}
	}
	total := float64(len(o.nodes) + len(n.nodes))
	m.weights = make([]float64, len(df))
	for i, d := range df {
		m.weights[i] = math.Log(1 + total/float64(d))
	}
	for _, s := range []*side{o, n} {
		for i := range s.nodes {
			w := 0.0
			for _, t := range s.nodes[i].toks {
				w += float64(t.n) * m.weights[t.id]
			}
			s.nodes[i].weight = w
		}
	}
	m.mo = fill(len(o.nodes), -1)
	m.mn = fill(len(n.nodes), -1)
	m.aligned = make([]bool, len(n.nodes))
	return m
}

func fill(n, v int) []int {
	s := make([]int, n)
	for i := range s {
		s[i] = v
	}
	return s
}

// eachWord calls fn for every word of s (a run of letters, digits and marks,
// as tokenize splits them), without allocating.
func eachWord(s string, fn func(string)) {
	start := -1
	for i := 0; i < len(s); {
		c := s[i]
		var word bool
		n := 1
		if c < utf8.RuneSelf {
			word = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
		} else {
			var r rune
			r, n = utf8.DecodeRuneInString(s[i:])
			word = isWordRune(r)
		}
		switch {
		case word && start < 0:
			start = i
		case !word && start >= 0:
			fn(s[start:i])
			start = -1
		}
		i += n
	}
	if start >= 0 {
		fn(s[start:])
	}
}

// fold is textnorm.Fold with a shortcut for text that is already plain
// ASCII with single spaces, which Fold returns unchanged.
func fold(s string) string {
	prevSpace := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 || c > 0x7e || c == ' ' && prevSpace {
			return textnorm.Fold(s)
		}
		prevSpace = c == ' '
	}
	if prevSpace && s != "" {
		return textnorm.Fold(s)
	}
	return s
}

// mayHaveRef reports whether s may hold a cross reference: a digit, a dot,
// a letter A to E and a dot.
func mayHaveRef(s string) bool {
	for i := 0; i+3 < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' && s[i+1] == '.' && s[i+2] >= 'A' && s[i+2] <= 'E' && s[i+3] == '.' {
			return true
		}
	}
	return false
}

// sim returns the weighted Dice similarity of two entries' words.
func (m *matcher) sim(i, j int) float64 {
	a, b := &m.o.nodes[i], &m.n.nodes[j]
	if a.simText == b.simText {
		return 1
	}
	if a.weight+b.weight == 0 {
		return 0
	}
	common := 0.0
	x, y := a.toks, b.toks
	for len(x) > 0 && len(y) > 0 {
		switch {
		case x[0].id < y[0].id:
			x = x[1:]
		case x[0].id > y[0].id:
			y = y[1:]
		default:
			common += float64(min(x[0].n, y[0].n)) * m.weights[x[0].id]
			x, y = x[1:], y[1:]
		}
	}
	return 2 * common / (a.weight + b.weight)
}

func (m *matcher) pair(i, j int) {
	m.mo[i] = j
	m.mn[j] = i
}

// run matches the entries in phases:
//
//  1. entries whose text and notes occur exactly once on each side and are
//     long enough to be told apart (minUniqueTokens) are paired;
//  2. top down from the groups, the unmatched children of every matched
//     pair of parents are aligned in order, maximising their similarity;
//  3. entries that keep their id and most of their words are paired;
//  4. what is left is compared through an inverted index of each entry's
//     rarest words, so that moved entries are found without comparing all
//     pairs; then step 2 runs again under the new pairs.
func (m *matcher) run() {
	m.exactUnique()
	for round := 0; round < 4; round++ {
		before := m.count()
		m.alignAll()
		m.sameID()
		m.global()
		m.alignAll()
		if m.count() == before {
			break
		}
	}
}

func (m *matcher) count() int {
	c := 0
	for _, j := range m.mo {
		if j >= 0 {
			c++
		}
	}
	return c
}

func contentKey(nd *node) string { return nd.text + "\x00" + nd.notes }

func (m *matcher) exactUnique() {
	type slot struct{ o, n, no, nn int }
	keys := make(map[string]*slot)
	for i := range m.o.nodes {
		nd := &m.o.nodes[i]
		if nd.distinct < minUniqueTokens {
			continue
		}
		k := contentKey(nd)
		s := keys[k]
		if s == nil {
			s = &slot{}
			keys[k] = s
		}
		s.o = i
		s.no++
	}
	for j := range m.n.nodes {
		nd := &m.n.nodes[j]
		if nd.distinct < minUniqueTokens {
			continue
		}
		if s := keys[contentKey(nd)]; s != nil {
			s.n = j
			s.nn++
		}
	}
	for _, s := range keys {
		if s.no == 1 && s.nn == 1 {
			m.pair(s.o, s.n)
		}
	}
}

// alignAll aligns the children of every group and every matched pair, top
// down in new document order.
func (m *matcher) alignAll() {
	for i := range m.n.a.Items {
		it := &m.n.a.Items[i]
		for _, g := range it.Groups {
			gk := model.GroupID(it.Number, g.Letter)
			m.align(m.o.groups[gk], m.n.groups[gk])
		}
	}
	// Nodes are in preorder, so pairs made here are aligned in turn.
	for j := range m.n.nodes {
		if i := m.mn[j]; i >= 0 && !m.aligned[j] {
			m.aligned[j] = true
			m.align(m.o.nodes[i].children, m.n.nodes[j].children)
		}
	}
}

// align pairs the unmatched entries among os and ns (siblings under matched
// parents) in order, maximising the sum of their similarities, then pairs
// what is left out of order when it is clearly the same entry (swapped
// siblings).
func (m *matcher) align(os, ns []int) {
	var uo, un []int
	for _, i := range os {
		if m.mo[i] < 0 {
			uo = append(uo, i)
		}
	}
	for _, j := range ns {
		if m.mn[j] < 0 {
			un = append(un, j)
		}
	}
	if len(uo) == 0 || len(un) == 0 {
		return
	}
	// Mutual best pairs that are nearly the same entry, in any order: an
	// entry moved within its list, its self-references rewritten.
	if len(uo)*len(un) <= maxDPCells {
		bestO := make(map[int]int)
		for _, j := range un {
			best, bi := simNear, -1
			for _, i := range uo {
				if s := m.sim(i, j); s >= best && (bi < 0 || s > best) {
					best, bi = s, i
				}
			}
			if bi >= 0 {
				bestO[j] = bi
			}
		}
		for _, j := range un {
			i, ok := bestO[j]
			if !ok || m.mo[i] >= 0 {
				continue
			}
			mutual := true
			sj := m.sim(i, j)
			for _, j2 := range un {
				if j2 != j && m.mn[j2] < 0 && m.sim(i, j2) >= sj {
					mutual = false
					break
				}
			}
			if mutual {
				m.pair(i, j)
			}
		}
		uo, un = unmatched(uo, m.mo), unmatched(un, m.mn)
		if len(uo) == 0 || len(un) == 0 {
			return
		}
	}
	score := func(i, j int) float64 {
		s := m.sim(i, j)
		o, n := &m.o.nodes[i], &m.n.nodes[j]
		if o.text == n.text && o.text != "" && s < simSibling {
			s = simSibling // the same own text under the same parent: only the notes changed
		}
		// the same place under matched parents ("c" under 2.A.1 and under 2.A.2)
		same := lastSeg(o.e.ID) == lastSeg(n.e.ID)
		if s >= simSibling || same && s >= simSameID {
			if same {
				s += sameIDBonus
			}
			return s
		}
		return -1
	}
	if len(uo)*len(un) > maxDPCells {
		// Very long lists: pair greedily in order within a window.
		k := 0
		for _, j := range un {
			for w := k; w < len(uo) && w < k+32; w++ {
				if m.mo[uo[w]] < 0 && score(uo[w], j) >= 0 {
					m.pair(uo[w], j)
					k = w + 1
					break
				}
			}
		}
		return
	}
	// Order-preserving maximum-weight alignment.
	align.InOrder(len(uo), len(un), func(a, b int) float64 { return score(uo[a], un[b]) },
		func(a, b int, _ float64) { m.pair(uo[a], un[b]) })
	// Out of order: swapped siblings.
	for _, j := range un {
		if m.mn[j] >= 0 {
			continue
		}
		best, bi := simGlobal, -1
		for _, i := range uo {
			if m.mo[i] < 0 {
				if s := m.sim(i, j); s >= best {
					best, bi = s, i
				}
			}
		}
		if bi >= 0 {
			m.pair(bi, j)
		}
	}
}

func lastSeg(id string) string {
	return id[strings.LastIndexByte(id, '.')+1:]
}

func unmatched(xs, match []int) []int {
	out := xs[:0:0]
	for _, x := range xs {
		if match[x] < 0 {
			out = append(out, x)
		}
	}
	return out
}

// sameID pairs unmatched entries that keep their id and most of their words.
func (m *matcher) sameID() {
	for j := range m.n.nodes {
		if m.mn[j] >= 0 {
			continue
		}
		i, ok := m.o.byID[m.n.nodes[j].e.ID]
		if !ok || m.mo[i] >= 0 {
			continue
		}
		if m.sim(i, j) >= simSameIDLoose || vacated(m.o.nodes[i].e.Text) != vacated(m.n.nodes[j].e.Text) {
			m.pair(i, j)
		}
	}
}

// vacatedRE matches the whole text of an entry whose place is kept empty:
// "Not used;", "Not used.", "Deleted.", "Reserved".
var vacatedRE = regexp.MustCompile(`(?i)^\s*(?:not\s+used|deleted|reserved(?:\s+for\s+future\s+use)?)\s*[.;]?\s*$`)

// vacated reports whether an entry's text only says its place is kept
// empty. An entry vacated or filled in under the same id is the same entry,
// modified, however little of its wording is left.
func vacated(text string) bool { return vacatedRE.MatchString(text) }

// parentBonus prefers, among equally similar candidates, the one whose
// parent is (or is about to be) paired with the new entry's parent: the same
// short text under two parents, one moved and one deleted.
func (m *matcher) parentBonus(i, j int) float64 {
	pi, pj := m.o.nodes[i].parent, m.n.nodes[j].parent
	switch {
	case pi < 0 || pj < 0:
		return 0
	case m.mn[pj] == pi:
		return sameIDBonus * 2
	case m.mn[pj] < 0 && m.mo[pi] < 0 && m.sim(pi, pj) >= simGlobal:
		return sameIDBonus * 2
	}
	return 0
}

// global pairs what is left anywhere in the annex, through an inverted index
// of the rarest words of the unmatched old entries.
func (m *matcher) global() {
	keysOf := func(nd *node) []int32 {
		ts := append([]tokCount(nil), nd.toks...)
		sort.Slice(ts, func(a, b int) bool {
			wa, wb := m.weights[ts[a].id], m.weights[ts[b].id]
			if wa != wb {
				return wa > wb
			}
			return ts[a].id < ts[b].id
		})
		var out []int32
		for k := 0; k < len(ts) && k < globalKeys; k++ {
			out = append(out, ts[k].id)
		}
		return out
	}
	index := make(map[int32][]int)
	for i := range m.o.nodes {
		nd := &m.o.nodes[i]
		if m.mo[i] >= 0 || nd.distinct < minUniqueTokens {
			continue
		}
		for _, k := range keysOf(nd) {
			index[k] = append(index[k], i)
		}
	}
	if len(index) == 0 {
		return
	}
	type cand struct {
		i, j int
		s    float64
	}
	var cands []cand
	seen := make(map[int]bool)
	for j := range m.n.nodes {
		nd := &m.n.nodes[j]
		if m.mn[j] >= 0 || nd.distinct < minUniqueTokens {
			continue
		}
		clear(seen)
		for _, k := range keysOf(nd) {
			post := index[k]
			if len(post) > maxPosting {
				continue
			}
			for _, i := range post {
				if seen[i] {
					continue
				}
				seen[i] = true
				if s := m.sim(i, j); s >= simGlobal {
					cands = append(cands, cand{i, j, s + m.parentBonus(i, j)})
				}
			}
		}
	}
	sort.Slice(cands, func(a, b int) bool {
		if cands[a].s != cands[b].s {
			return cands[a].s > cands[b].s
		}
		if cands[a].j != cands[b].j {
			return cands[a].j < cands[b].j
		}
		return cands[a].i < cands[b].i
	})
	for _, c := range cands {
		if m.mo[c.i] < 0 && m.mn[c.j] < 0 {
			m.pair(c.i, c.j)
		}
	}
}
