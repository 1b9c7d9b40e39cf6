package pdf

import (
	"regexp"
	"regexp/syntax"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/annex-tools/annex/model"
	"github.com/annex-tools/annex/parse/internal/grammar"
)

// heads is the grammar of a scheme with a cheap test in front of the
// regular expressions of its headings: a line whose first character cannot
// start a match is no heading, without running the expression (whose
// backtracker clears state in proportion to the line's length). The
// answers are the grammar's, always.
type heads struct {
	grammar.Grammar
	item, group, entry, category firstRunes
}

var headsCache sync.Map // *model.Scheme → heads

// headsOf returns the heads of scheme s (MTCR when s is nil).
func headsOf(s *model.Scheme) heads {
	g := grammar.For(s)
	if h, ok := headsCache.Load(g.Scheme); ok {
		return h.(heads)
	}
	h := heads{
		Grammar:  g,
		item:     firstRunesOf(g.Scheme.ItemHead),
		group:    firstRunesOf(g.Scheme.GroupHead),
		entry:    firstRunesOf(g.Scheme.EntryHead),
		category: firstRunesOf(g.Scheme.CategoryHead),
	}
	headsCache.Store(g.Scheme, h)
	return h
}

// ItemHead is grammar.Grammar.ItemHead.
func (h heads) ItemHead(line string) (number int, title string, ok bool) {
	if !h.item.may(strings.TrimSpace(line)) {
		return 0, "", false
	}
	return h.Grammar.ItemHead(line)
}

// GroupHead is grammar.Grammar.GroupHead.
func (h heads) GroupHead(line string) (item int, letter, title string, ok bool) {
	if !h.group.may(strings.TrimSpace(line)) {
		return 0, "", "", false
	}
	return h.Grammar.GroupHead(line)
}

// EntryHead is grammar.Grammar.EntryHead.
func (h heads) EntryHead(line string) (id, rest string, ok bool) {
	if !h.entry.may(line) {
		return "", "", false
	}
	return h.Grammar.EntryHead(line)
}

// CategoryHead is grammar.Grammar.CategoryHead.
func (h heads) CategoryHead(line string) (string, bool) {
	if !h.category.may(strings.TrimSpace(line)) {
		return "", false
	}
	return h.Grammar.CategoryHead(line)
}

// firstRunes is what the first character of a text must be for a regular
// expression anchored at the start of the text to match it.
type firstRunes struct {
	any   bool          // anything may: not anchored, may match empty, or not worked out
	insts []syntax.Inst // the instructions that may consume the first character
}

// firstRunesOf works out firstRunes of re from its compiled program. Only
// a program whose every path asserts the start of the text (^ without the
// m flag) before it consumes a character, and that cannot match the empty
// text, gets a test; any other (nil included) gets any.
func firstRunesOf(re *regexp.Regexp) firstRunes {
	if re == nil {
		return firstRunes{any: true}
	}
	rx, err := syntax.Parse(re.String(), syntax.Perl)
	if err != nil {
		return firstRunes{any: true}
	}
	prog, err := syntax.Compile(rx.Simplify())
	if err != nil {
		return firstRunes{any: true}
	}
	var f firstRunes
	type state struct {
		pc       uint32
		anchored bool
	}
	seen := map[state]bool{}
	var walk func(pc uint32, anchored bool)
	walk = func(pc uint32, anchored bool) {
		if f.any || seen[state{pc, anchored}] {
			return
		}
		seen[state{pc, anchored}] = true
		in := prog.Inst[pc]
		switch in.Op {
		case syntax.InstAlt, syntax.InstAltMatch:
			walk(in.Out, anchored)
			walk(in.Arg, anchored)
		case syntax.InstCapture, syntax.InstNop:
			walk(in.Out, anchored)
		case syntax.InstEmptyWidth:
			switch syntax.EmptyOp(in.Arg) {
			case syntax.EmptyBeginText, syntax.EmptyBeginText | syntax.EmptyBeginLine:
				walk(in.Out, true)
			default:
				f.any = true // a condition this test does not follow
			}
		case syntax.InstFail:
		case syntax.InstRune, syntax.InstRune1, syntax.InstRuneAny, syntax.InstRuneAnyNotNL:
			if !anchored {
				f.any = true
				return
			}
			f.insts = append(f.insts, in)
		default: // InstMatch: the empty text matches; anything else unknown
			f.any = true
		}
	}
	walk(uint32(prog.Start), false)
	return f
}

// may reports whether a match of the expression may start s.
func (f firstRunes) may(s string) bool {
	if f.any {
		return true
	}
	if s == "" {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s)
	for i := range f.insts {
		in := &f.insts[i]
		switch in.Op {
		case syntax.InstRuneAny:
			return true
		case syntax.InstRuneAnyNotNL:
			if r != '\n' {
				return true
			}
		case syntax.InstRune1:
			if r == in.Rune[0] {
				return true
			}
		default: // InstRune
			if in.MatchRune(r) {
				return true
			}
		}
	}
	return false
}

// sieve reads each line as the pages are read: it counts the lines that
// read as entry or item headings of each scheme (which bestScheme chooses
// by), and tells which lines keep their words: those that may open an
// entry, an item of a list without groups or a sub-entry with text after
// its number in some scheme (the builder then reads where that text starts,
// restX). The words are most of the memory of a document's lines.
type sieve struct {
	hs     []heads // model.Schemes, then a forced scheme that is none of them
	counts []int   // per model.Schemes
}

// newSieve returns the sieve of the schemes, forced too when not nil.
func newSieve(forced *model.Scheme) *sieve {
	sv := &sieve{counts: make([]int, len(model.Schemes))}
	for _, s := range model.Schemes {
		sv.hs = append(sv.hs, headsOf(s))
	}
	if forced != nil && !slices.Contains(model.Schemes, forced) {
		sv.hs = append(sv.hs, headsOf(forced))
	}
	return sv
}

// line counts the line of the given text, and appends to offs the offsets
// in it at which the builder may look for a word (restX): where the text
// after an entry number, an item heading or a sub-entry marker starts, as
// the builder works them out (open), in every scheme.
func (sv *sieve) line(text string, offs []int) []int {
	t := strings.TrimSpace(text)
	for i, h := range sv.hs {
		_, rest, entry := h.EntryHead(t)
		if entry {
			offs = append(offs, len(text)-len(rest))
		}
		_, title, item := h.ItemHead(t)
		if item {
			offs = append(offs, len(text)-len(title))
		}
		if i < len(sv.counts) && (entry || item && title != "" && titleFits(h, title)) {
			sv.counts[i]++
		}
	}
	if _, rest, ok := grammar.Marker(t); ok {
		offs = append(offs, len(text)-len(rest))
	}
	return offs
}
