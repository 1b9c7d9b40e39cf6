package model

import (
	"errors"
	"fmt"
	"time"
)

// ErrStructure is wrapped by the errors Check returns.
var ErrStructure = errors.New("not a well-formed annex")

// StructureError is the error Check returns: one line saying what is wrong.
// It wraps ErrStructure.
type StructureError struct{ Msg string }

func (e *StructureError) Error() string { return e.Msg }

// Unwrap returns ErrStructure.
func (e *StructureError) Unwrap() error { return ErrStructure }

// Check runs the cheap structural checks that every model read must pass,
// whether parsed from a document, decoded from JSON or loaded from a store:
// item numbers and group letters in the scheme's range, each once; a real
// date; entry ids that follow the scheme's grammar, lie in their group and
// extend their parent's id; no id used twice. It returns the first problem
// found. The scheme is s, or the model's own (Of) when s is nil.
//
// Check does not judge cross references, numbering gaps or defined terms:
// that is Validate's work, run on demand.
func Check(a *Annex, s *Scheme) error {
	if s == nil {
		s = Of(a)
	}
	fail := func(format string, args ...any) error {
		return &StructureError{Msg: fmt.Sprintf(format, args...)}
	}
	if d := a.Meta.Date; d != "" {
		if t, err := time.Parse("2006-01-02", d); err != nil || t.Format("2006-01-02") != d {
			return fail("meta.date %q is not a date (want YYYY-MM-DD)", clip(d))
		}
	}
	items := make(map[int]bool, len(a.Items))
	seen := make(map[string]bool)
	for _, it := range a.Items {
		if !s.ValidItem(it.Number) {
			return fail("item %d is not an item of the %s (%d to %d)", it.Number, s.Label, s.MinItem, s.MaxItem)
		}
		if items[it.Number] {
			return fail("item %d appears more than once", it.Number)
		}
		items[it.Number] = true
		letters := make(map[string]bool, len(it.Groups))
		for _, g := range it.Groups {
			if !s.ValidLetter(g.Letter) {
				if s.Letters == "" {
					return fail("item %d: group letter %q in a list without groups (want \"\")", it.Number, clip(g.Letter))
				}
				return fail("item %d: group letter %q is not one of %s", it.Number, clip(g.Letter), s.Letters)
			}
			if letters[g.Letter] {
				return fail("group %s appears more than once", s.GroupID(it.Number, g.Letter))
			}
			letters[g.Letter] = true
			gid := ID{Segs: []string{itoa(it.Number), g.Letter}, Scheme: s}
			if err := checkEntries(s, gid, g.Entries, seen, fail); err != nil {
				return err
			}
		}
	}
	return nil
}

// checkEntries checks the ids of entries printed under parent, and theirs
// below, without recursion deeper than the model's own nesting.
func checkEntries(s *Scheme, parent ID, es []Entry, seen map[string]bool, fail func(string, ...any) error) error {
	for i := range es {
		e := &es[i]
		id, err := s.ParseID(e.ID)
		if err != nil {
			return fail("%q: not an entry number of the %s (such as %s)", clip(e.ID), s.Label, s.Example)
		}
		if e.ID != id.String() {
			return fail("%q: entry number not written as %s", clip(e.ID), id)
		}
		p := id.Parent()
		if parent.Prefix == "" {
			p.Prefix = "" // a group id carries no list number
		}
		if len(p.Segs) == 0 || p.Compare(parent) != 0 {
			return fail("%s: printed under %s but numbered as if under %s", e.ID, parent, id.Parent())
		}
		if seen[e.ID] {
			return fail("%s: entry number used more than once", e.ID)
		}
		seen[e.ID] = true
		if err := checkEntries(s, id, e.Children, seen, fail); err != nil {
			return err
		}
	}
	return nil
}

func itoa(n int) string { return fmt.Sprint(n) }

// clip cuts a value quoted in an error to 40 bytes.
func clip(s string) string {
	if len(s) > 40 {
		return s[:40] + "…"
	}
	return s
}
