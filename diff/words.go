package diff

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sergi/go-diff/diffmatchpatch"
)

// WordDiff returns the word-level difference of old and new as runs of Op:
// joining the OpEqual and OpDelete runs gives old, joining the OpEqual and
// OpInsert runs gives new (after invalid UTF-8 is replaced by U+FFFD).
//
// The texts are split into tokens (words, runs of white space, single
// punctuation characters); each distinct token is mapped to one private-use
// rune, the rune strings are diffed with diffmatchpatch without a time limit
// (so the result is minimal and the same on every machine), and the runes are
// mapped back. A run of white space between two changes is folded into them so
// that a rewording reads as one deletion and one insertion. Within a change the
// deletion comes before the insertion. Equal texts give one OpEqual run (none
// when both are empty).
func WordDiff(old, new string) (ops []Op) {
	old = strings.ToValidUTF8(old, "\uFFFD")
	new = strings.ToValidUTF8(new, "\uFFFD")
	if old == new {
		if old == "" {
			return nil
		}
		return []Op{{Op: OpEqual, Text: old}}
	}
	defer func() {
		// diffmatchpatch has panicked on unusual input before; a diff of the
		// whole texts is always correct, if coarse.
		if recover() != nil {
			ops = wholeDiff(old, new)
		}
	}()
	ta, tb := tokenize(old), tokenize(new)
	enc := newTokenCoder()
	ra, oka := enc.encode(ta)
	rb, okb := enc.encode(tb)
	if !oka || !okb {
		return wholeDiff(old, new)
	}
	var rd runeDiffer
	diffs := rd.diff(ra, rb, anchorDepth)
	var raw []Op
	for _, d := range diffs {
		var op string
		switch d.Type {
		case diffmatchpatch.DiffEqual:
			op = OpEqual
		case diffmatchpatch.DiffDelete:
			op = OpDelete
		case diffmatchpatch.DiffInsert:
			op = OpInsert
		}
		var b strings.Builder
		for _, r := range d.Text {
			b.WriteString(enc.decode(r))
		}
		raw = append(raw, Op{Op: op, Text: b.String()})
	}
	return tidy(raw)
}

// Long texts. diffmatchpatch (Myers) takes time proportional to the product
// of the lengths in the worst case: two unrelated texts of 40 KB took over a
// second, 0.5 MB several minutes. A piece of at most maxDiffTokens tokens
// (both sides together, after their common start and end) goes to
// diffmatchpatch whole, as every real entry does, so that its result is the
// same as before. A longer one is cut at anchors, the tokens that occur
// exactly once on each side, kept in the order of both sides (a longest
// increasing subsequence, as in patience diff); the pieces between anchors are
// diffed in turn, and a piece still too long, or cut too often already, is
// diffed window by window, the k-th maxDiffTokens/2 tokens of one side against
// the k-th of the other. The work is then at most maxDiffTokens times the
// number of tokens, and the result always joins back to both texts.
const (
	maxDiffTokens = 4000 // tokens of both sides handed to diffmatchpatch at once
	anchorDepth   = 2    // times a piece is cut at anchors before windows are used
)

// runeDiffer diffs rune strings in bounded work.
type runeDiffer struct {
	work int // the sum of (len(a)+len(b))² over the pieces handed to diffmatchpatch, a bound on its work
}

// diff returns the difference of a and b as diffmatchpatch runs.
func (d *runeDiffer) diff(a, b []rune, depth int) []diffmatchpatch.Diff {
	p := 0
	for p < len(a) && p < len(b) && a[p] == b[p] {
		p++
	}
	s := 0
	for s < len(a)-p && s < len(b)-p && a[len(a)-1-s] == b[len(b)-1-s] {
		s++
	}
	if mid := len(a) + len(b) - 2*p - 2*s; mid <= maxDiffTokens {
		d.work += mid * mid
		dmp := diffmatchpatch.New()
		dmp.DiffTimeout = 0
		return dmp.DiffMainRunes(a, b, false)
	}
	var out []diffmatchpatch.Diff
	if p > 0 {
		out = append(out, diffmatchpatch.Diff{Type: diffmatchpatch.DiffEqual, Text: string(a[:p])})
	}
	ma, mb := a[p:len(a)-s], b[p:len(b)-s]
	if anchors := uniqueAnchors(ma, mb); depth > 0 && len(anchors) > 0 {
		i, j := 0, 0
		for _, an := range anchors {
			out = append(out, d.diff(ma[i:an[0]], mb[j:an[1]], depth-1)...)
			out = append(out, diffmatchpatch.Diff{Type: diffmatchpatch.DiffEqual, Text: string(ma[an[0]])})
			i, j = an[0]+1, an[1]+1
		}
		out = append(out, d.diff(ma[i:], mb[j:], depth-1)...)
	} else {
		const w = maxDiffTokens / 2
		for k := 0; k < len(ma) || k < len(mb); k += w {
			out = append(out, d.diff(ma[min(k, len(ma)):min(k+w, len(ma))], mb[min(k, len(mb)):min(k+w, len(mb))], 0)...)
		}
	}
	if s > 0 {
		out = append(out, diffmatchpatch.Diff{Type: diffmatchpatch.DiffEqual, Text: string(a[len(a)-s:])})
	}
	return mergeRuns(out)
}

// uniqueAnchors returns the positions (in a, in b) of the runes that occur
// exactly once in a and once in b, the longest list of them in the order of
// both.
func uniqueAnchors(a, b []rune) [][2]int {
	type seen struct{ na, nb, ia, ib int }
	var counts []seen
	index := make(map[rune]int, len(a)/4)
	for i, r := range a {
		k, ok := index[r]
		if !ok {
			k = len(counts)
			index[r] = k
			counts = append(counts, seen{})
		}
		counts[k].na++
		counts[k].ia = i
	}
	for j, r := range b {
		if k, ok := index[r]; ok {
			counts[k].nb++
			counts[k].ib = j
		}
	}
	var cand [][2]int // in the order of a
	for _, r := range a {
		if c := counts[index[r]]; c.na == 1 && c.nb == 1 {
			cand = append(cand, [2]int{c.ia, c.ib})
		}
	}
	// Longest increasing subsequence of the b positions (patience sorting).
	var tops []int // tops[k]: index in cand of the smallest end of a run of length k+1
	prev := make([]int, len(cand))
	for k, c := range cand {
		lo, hi := 0, len(tops)
		for lo < hi {
			m := (lo + hi) / 2
			if cand[tops[m]][1] < c[1] {
				lo = m + 1
			} else {
				hi = m
			}
		}
		prev[k] = -1
		if lo > 0 {
			prev[k] = tops[lo-1]
		}
		if lo == len(tops) {
			tops = append(tops, k)
		} else {
			tops[lo] = k
		}
	}
	if len(tops) == 0 {
		return nil
	}
	out := make([][2]int, len(tops))
	for k, at := len(tops)-1, tops[len(tops)-1]; k >= 0; k, at = k-1, prev[at] {
		out[k] = cand[at]
	}
	return out
}

// mergeRuns joins neighbouring runs of the same type, in linear time.
func mergeRuns(in []diffmatchpatch.Diff) []diffmatchpatch.Diff {
	var out []diffmatchpatch.Diff
	for i := 0; i < len(in); {
		j := i + 1
		for j < len(in) && in[j].Type == in[i].Type {
			j++
		}
		if j == i+1 {
			if in[i].Text != "" {
				out = append(out, in[i])
			}
		} else {
			var b strings.Builder
			for _, r := range in[i:j] {
				b.WriteString(r.Text)
			}
			out = append(out, diffmatchpatch.Diff{Type: in[i].Type, Text: b.String()})
		}
		i = j
	}
	return out
}

// wholeDiff is the coarsest correct diff: delete all, insert all.
func wholeDiff(old, new string) []Op {
	var out []Op
	if old != "" {
		out = append(out, Op{Op: OpDelete, Text: old})
	}
	if new != "" {
		out = append(out, Op{Op: OpInsert, Text: new})
	}
	return out
}

// tidy folds white-space-only equal runs that sit between two changes into
// the changes, then merges neighbouring runs so that every change is one
// deletion followed by one insertion.
func tidy(raw []Op) []Op {
	// Absorb short white-space equalities between changes.
	var ab []Op
	for i, o := range raw {
		if o.Op == OpEqual && i > 0 && i < len(raw)-1 && raw[i-1].Op != OpEqual && raw[i+1].Op != OpEqual && isSpace(o.Text) {
			ab = append(ab, Op{Op: OpDelete, Text: o.Text}, Op{Op: OpInsert, Text: o.Text})
			continue
		}
		ab = append(ab, o)
	}
	// Merge: within each stretch of changes, all deletions then all insertions.
	var out []Op
	var del, ins strings.Builder
	flush := func() {
		if del.Len() > 0 {
			out = append(out, Op{Op: OpDelete, Text: del.String()})
		}
		if ins.Len() > 0 {
			out = append(out, Op{Op: OpInsert, Text: ins.String()})
		}
		del.Reset()
		ins.Reset()
	}
	for _, o := range ab {
		switch o.Op {
		case OpDelete:
			del.WriteString(o.Text)
		case OpInsert:
			ins.WriteString(o.Text)
		default:
			flush()
			if o.Text == "" {
				continue
			}
			if n := len(out); n > 0 && out[n-1].Op == OpEqual {
				out[n-1].Text += o.Text
			} else {
				out = append(out, o)
			}
		}
	}
	flush()
	return out
}

func isSpace(s string) bool {
	for _, r := range s {
		if !unicode.IsSpace(r) {
			return false
		}
	}
	return s != ""
}

// tokenize splits s into words (runs of letters, digits and marks), runs of
// white space, and single other characters. A comma between digits is part
// of the number ("0,15", "1,000"), so that a changed number reads as one
// word whichever way the list writes decimals. Joining the tokens gives s.
func tokenize(s string) []string {
	var out []string
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		j := i + n
		switch {
		case isWordRune(r):
			for j < len(s) {
				r2, n2 := utf8.DecodeRuneInString(s[j:])
				if r2 == ',' && j+1 < len(s) && isDigit(s[j-1]) && isDigit(s[j+1]) {
					j++
					continue
				}
				if !isWordRune(r2) {
					break
				}
				j += n2
			}
		case unicode.IsSpace(r):
			for j < len(s) {
				r2, n2 := utf8.DecodeRuneInString(s[j:])
				if !unicode.IsSpace(r2) {
					break
				}
				j += n2
			}
		}
		out = append(out, s[i:j])
		i = j
	}
	return out
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.IsMark(r)
}

// tokenCoder maps tokens to private-use runes and back.
type tokenCoder struct {
	code  map[string]rune
	token []string
}

func newTokenCoder() *tokenCoder { return &tokenCoder{code: make(map[string]rune)} }

// The private-use areas: the BMP one, then planes 15 and 16.
var privateRanges = [][2]rune{{0xE000, 0xF8FF}, {0xF0000, 0xFFFFD}, {0x100000, 0x10FFFD}}

func (c *tokenCoder) runeFor(n int) (rune, bool) {
	for _, pr := range privateRanges {
		size := int(pr[1]-pr[0]) + 1
		if n < size {
			return pr[0] + rune(n), true
		}
		n -= size
	}
	return 0, false
}

// encode returns the runes of tokens, and false when there are more distinct
// tokens than private-use runes.
func (c *tokenCoder) encode(tokens []string) ([]rune, bool) {
	out := make([]rune, len(tokens))
	for i, t := range tokens {
		r, ok := c.code[t]
		if !ok {
			r, ok = c.runeFor(len(c.token))
			if !ok {
				return nil, false
			}
			c.code[t] = r
			c.token = append(c.token, t)
		}
		out[i] = r
	}
	return out, true
}

func (c *tokenCoder) decode(r rune) string {
	n := 0
	for _, pr := range privateRanges {
		if r >= pr[0] && r <= pr[1] {
			n += int(r - pr[0])
			if n < len(c.token) {
				return c.token[n]
			}
			return ""
		}
		n += int(pr[1]-pr[0]) + 1
	}
	return ""
}

// DiffText1 returns the old text of a word diff: its OpEqual and OpDelete runs.
func DiffText1(ops []Op) string { return joinOps(ops, OpDelete) }

// DiffText2 returns the new text of a word diff: its OpEqual and OpInsert runs.
func DiffText2(ops []Op) string { return joinOps(ops, OpInsert) }

func joinOps(ops []Op, keep string) string {
	var b strings.Builder
	for _, o := range ops {
		if o.Op == OpEqual || o.Op == keep {
			b.WriteString(o.Text)
		}
	}
	return b.String()
}
