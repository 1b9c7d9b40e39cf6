package model

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
)

// Problem kinds reported by Validate.
const (
	ProblemDuplicate     = "duplicate-id"
	ProblemGap           = "numbering-gap"
	ProblemMisplaced     = "misplaced-id"
	ProblemDanglingRef   = "dangling-reference"
	ProblemUndefinedTerm = "undefined-term"
)

// Problem is one finding of Validate.
type Problem struct {
	ID   string `json:"id"`   // the entry (or "2.A" group, or "definitions") the problem is in
	Kind string `json:"kind"` // one of the Problem* constants
	Msg  string `json:"msg"`  // what is wrong, one line
}

func (p Problem) String() string { return p.ID + ": " + p.Msg }

// Validate checks a model and returns its problems in document order:
// duplicate ids, ids that do not follow from their parent, numbering gaps
// among siblings, cross references to entries that do not exist, and
// double-quoted terms used in entries that no definition defines.
//
// Cross references into an item the document does not contain at all are not
// reported: published annexes and national excerpts refer to items printed
// elsewhere (19.A.1 in an excerpt of Items 1 to 10).
func Validate(a *Annex) []Problem {
	var out []Problem
	add := func(id, kind, format string, args ...any) {
		out = append(out, Problem{ID: id, Kind: kind, Msg: fmt.Sprintf(format, args...)})
	}
	s := Of(a)
	seen := make(map[string]bool)
	for _, it := range a.Items {
		for _, g := range it.Groups {
			gid := s.GroupID(it.Number, g.Letter)
			checkSiblings(s, gid, g.Entries, add)
		}
	}
	a.Walk(func(n Node) bool {
		if seen[n.Entry.ID] {
			add(n.Entry.ID, ProblemDuplicate, "entry number used more than once")
		}
		seen[n.Entry.ID] = true
		checkSiblings(s, n.Entry.ID, n.Entry.Children, add)
		return true
	})

	idx := a.Index()
	for _, n := range a.Nodes() {
		e := n.Entry
		texts := []string{e.Text}
		for _, note := range e.Notes {
			texts = append(texts, note.Text)
		}
		reported := make(map[string]bool)
		for _, t := range texts {
			for _, ref := range s.References(t) {
				if reported[ref] || refExists(a, s, idx, ref) {
					continue
				}
				reported[ref] = true
				add(e.ID, ProblemDanglingRef, "refers to %s, which this annex does not contain", ref)
			}
			for _, term := range QuotedTerms(t) {
				if reported["\x00"+strings.ToLower(term)] || a.defines(term) {
					continue
				}
				reported["\x00"+strings.ToLower(term)] = true
				add(e.ID, ProblemUndefinedTerm, "uses %q, which no definition defines", term)
			}
		}
	}
	return out
}

// checkSiblings reports children whose ids do not extend parent, and gaps in
// their numbering where the scheme numbers that level consecutively.
func checkSiblings(s *Scheme, parent string, children []Entry, add func(id, kind, format string, args ...any)) {
	pid, err := s.ParseID(parent)
	if err != nil {
		return
	}
	want := 1
	for _, c := range children {
		cid, err := s.ParseID(c.ID)
		if err != nil {
			add(c.ID, ProblemMisplaced, "%v", err)
			continue
		}
		if cid.Parent().String() != pid.String() {
			add(c.ID, ProblemMisplaced, "printed under %s but numbered as if under %s", parent, cid.Parent())
			continue
		}
		got := s.Ordinal(cid.Last())
		if got > want && s.Consecutive(cid.Depth()) {
			missing := s.Marker(cid.Depth(), want)
			if got > want+1 {
				missing += " to " + s.Marker(cid.Depth(), got-1)
			}
			add(c.ID, ProblemGap, "numbering gap: %s missing before it", sibling(cid, missing))
		} else if got < want {
			add(c.ID, ProblemGap, "out of order: follows %s", sibling(cid, s.Marker(cid.Depth(), want-1)))
		}
		want = got + 1
	}
}

// sibling writes the id of a sibling of id whose last segment is last.
func sibling(id ID, last string) string {
	segs := append(append([]string(nil), id.Segs[:len(id.Segs)-1]...), last)
	return ID{Segs: segs, Scheme: id.Scheme, Prefix: id.Prefix}.String()
}

func refExists(a *Annex, s *Scheme, idx map[string]Node, ref string) bool {
	id, err := s.ParseID(ref)
	if err != nil {
		return true
	}
	it := a.Item(id.Item())
	if it == nil {
		return true // item not in this document: cannot judge
	}
	if len(id.Segs) == 2 {
		return it.Group(id.Group()) != nil
	}
	_, ok := idx[id.String()]
	return ok
}

// References returns the MTCR entry and group numbers cited in text, such
// as "2.A.1.c.2." or "1.A.", in order of appearance, without their trailing
// dots, each once. Scheme.References does it for any scheme.
func References(text string) []string { return MTCR.References(text) }

// quotedRE finds double-quoted phrases, straight or typographic.
var quotedRE = regexp.MustCompile(`["“”]([^"“”]{1,80})["“”]`)

// QuotedTerms returns the phrases in double quotes in text, which the annex
// uses to mark defined terms, in order of appearance.
func QuotedTerms(text string) []string {
	var out []string
	for _, m := range quotedRE.FindAllStringSubmatch(text, -1) {
		out = append(out, strings.TrimSpace(m[1]))
	}
	return out
}

// DefinitionFor returns the definition that a quoted use of term refers to:
// the same words without regard to case, or their plural ("guidance sets" for
// "Guidance set"). It returns nil when none does.
func (a *Annex) DefinitionFor(term string) *Definition {
	for i := range a.Definitions {
		if TermMatches(term, a.Definitions[i].Term) {
			return &a.Definitions[i]
		}
	}
	return nil
}

// TermMatches reports whether used, a quoted phrase in an entry, names the
// defined term: the same words without regard to case, or a plural of it
// or (for terms defined in the plural, "Missiles") its singular. A term
// printed with a qualifier or a short form in brackets ("Source code (or
// source language)", "Unmanned Aerial Vehicle ("UAV")") is named by its
// words without the brackets, and by the quoted short form.
func TermMatches(used, term string) bool { return termMatches(used, term, false) }

// termMatches is TermMatches; loose also takes the singular of a term
// defined in the plural ("missile" for "Missiles"), which is enough to say
// that a use is defined, not that a change to one concerns the other.
func termMatches(used, term string, loose bool) bool {
	u := strings.ToLower(strings.TrimSpace(used))
	if u == "" {
		return false
	}
	for _, t := range termForms(term) {
		if formMatches(u, t) || loose && strings.HasSuffix(t, "s") && len(u) > 2 && (u+"s" == t || u+"es" == t) {
			return true
		}
	}
	return false
}

// defines reports whether some definition defines the quoted use term,
// loosely (see termMatches).
func (a *Annex) defines(term string) bool {
	for i := range a.Definitions {
		if termMatches(term, a.Definitions[i].Term, true) {
			return true
		}
	}
	return false
}

// termForms returns the lower-case names a defined term goes by.
func termForms(term string) []string {
	t := strings.ToLower(strings.TrimSpace(term))
	if t == "" {
		return nil
	}
	forms := []string{t}
	if i := strings.IndexByte(t, '('); i > 0 && strings.HasSuffix(t, ")") {
		forms = append(forms, strings.TrimSpace(t[:i]))
		for _, q := range QuotedTerms(t[i:]) {
			forms = append(forms, strings.ToLower(q))
		}
	}
	return forms
}

func formMatches(u, t string) bool {
	switch u {
	case t, t + "s", t + "es":
		return true
	}
	return strings.HasSuffix(t, "y") && u == t[:len(t)-1]+"ies"
}

// UsesTerm reports whether text uses the defined term in quotes.
func UsesTerm(text, term string) bool {
	for _, q := range QuotedTerms(text) {
		if TermMatches(q, term) {
			return true
		}
	}
	return false
}

// SortProblems orders problems by entry number, then kind and message, and
// drops exact duplicates.
func SortProblems(ps []Problem) []Problem {
	sort.SliceStable(ps, func(i, j int) bool {
		if c := CompareIDs(ps[i].ID, ps[j].ID); c != 0 {
			return c < 0
		}
		if ps[i].Kind != ps[j].Kind {
			return ps[i].Kind < ps[j].Kind
		}
		return ps[i].Msg < ps[j].Msg
	})
	out := ps[:0]
	for i, p := range ps {
		if i == 0 || p != ps[i-1] {
			out = append(out, p)
		}
	}
	return out
}
