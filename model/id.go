package model

import (
	"errors"
	"strconv"
	"strings"
)

// ID is an entry number split into its segments: "2.A.1.b.3" is
// {"2", "A", "1", "b", "3"}. The first segment is the item number, the second
// the group letter ("" in lists without product groups); one segment follows
// per level below the group, of the kinds the Scheme gives ("9A101.a.1" is
// {"9", "A", "101", "a", "1"}, "ML10.a.1" is {"10", "", "a", "1"}).
type ID struct {
	Segs   []string
	Scheme *Scheme // the numbering it is written in; nil means MTCR
	Prefix string  // the list number of the prefixed scheme: "6" in "6-1.A.1"
}

// ErrBadID is wrapped by the errors ParseID returns.
var ErrBadID = errors.New("not an entry number")

// ParseID parses an entry number of any scheme annex reads: "2.A.1.b.3" or
// "2.A.1.b.3." (the trailing dot is optional), "9A101.a.1", "ML10.a.1",
// "6-1.A.1". A group id such as "2.A" or "9A" is accepted too. The scheme is
// told by the id's shape; use Scheme.ParseID to accept one scheme only.
func ParseID(s string) (ID, error) {
	return schemeOfID(strings.TrimSpace(s)).ParseID(s)
}

func (id ID) scheme() *Scheme {
	if id.Scheme == nil {
		return MTCR
	}
	return id.Scheme
}

// Numbering returns the scheme the id is written in (MTCR for the zero
// Scheme field).
func (id ID) Numbering() *Scheme { return id.scheme() }

// GroupID returns the id of the group the id lies in, as its scheme writes
// it: "3.A" for "3.A.5.a", "9A" for "9A101.a.1", "ML10" for "ML10.a.1".
func (id ID) GroupID() string {
	if len(id.Segs) < 2 {
		return ""
	}
	return id.scheme().format(id.Prefix, id.Segs[:2])
}

// String returns the id without a trailing dot.
func (id ID) String() string { return id.scheme().format(id.Prefix, id.Segs) }

// Depth is the number of levels below the group: 1 for "2.A.1", 2 for "2.A.1.b".
func (id ID) Depth() int { return len(id.Segs) - 2 }

// Item returns the item number, or 0 for the zero ID.
func (id ID) Item() int {
	if len(id.Segs) == 0 {
		return 0
	}
	n, _ := strconv.Atoi(id.Segs[0])
	return n
}

// Group returns the group letter, or "" for the zero ID.
func (id ID) Group() string {
	if len(id.Segs) < 2 {
		return ""
	}
	return id.Segs[1]
}

// Last returns the last segment ("3" for "2.A.1.b.3").
func (id ID) Last() string {
	if len(id.Segs) == 0 {
		return ""
	}
	return id.Segs[len(id.Segs)-1]
}

// Parent returns the id one level up; the parent of a top-level entry such as
// "2.A.1" is the group "2.A".
func (id ID) Parent() ID {
	if len(id.Segs) <= 2 {
		return ID{}
	}
	return ID{Segs: id.Segs[:len(id.Segs)-1], Scheme: id.Scheme, Prefix: id.Prefix}
}

// Compare orders ids naturally, segment by segment: numbers by value, letters
// alphabetically, a prefix before its extensions. Ids of different schemes
// or list numbers order by those first. It returns -1, 0 or +1.
func (id ID) Compare(o ID) int {
	if a, b := id.scheme(), o.scheme(); a != b {
		return compareSchemes(a, b)
	}
	if id.Prefix != o.Prefix {
		return compareSeg(id.Prefix, o.Prefix)
	}
	for i := 0; i < len(id.Segs) && i < len(o.Segs); i++ {
		if c := compareSeg(id.Segs[i], o.Segs[i]); c != 0 {
			return c
		}
	}
	switch {
	case len(id.Segs) < len(o.Segs):
		return -1
	case len(id.Segs) > len(o.Segs):
		return 1
	}
	return 0
}

func compareSeg(a, b string) int {
	an, aerr := strconv.Atoi(a)
	bn, berr := strconv.Atoi(b)
	if aerr == nil && berr == nil {
		switch {
		case an < bn:
			return -1
		case an > bn:
			return 1
		}
		return 0
	}
	if len(a) != len(b) { // "z" before "aa"
		if len(a) < len(b) {
			return -1
		}
		return 1
	}
	return strings.Compare(a, b)
}

// CompareIDs orders two id strings naturally. Strings that are not ids sort
// after those that are, in byte order.
func CompareIDs(a, b string) int {
	ia, ea := ParseID(a)
	ib, eb := ParseID(b)
	switch {
	case ea == nil && eb == nil:
		return ia.Compare(ib)
	case ea == nil:
		return -1
	case eb == nil:
		return 1
	}
	return strings.Compare(a, b)
}

func compareSchemes(a, b *Scheme) int {
	for _, s := range Schemes {
		switch s {
		case a:
			return -1
		case b:
			return 1
		}
	}
	return 0
}

// Ordinal returns the position a segment marks in its list: 1 for "1" or "a",
// 26 for "z", 27 for "aa". It returns 0 for anything else.
func Ordinal(seg string) int {
	if n, err := strconv.Atoi(seg); err == nil {
		return n
	}
	n := 0
	for _, r := range seg {
		if r < 'a' || r > 'z' {
			return 0
		}
		n = n*26 + int(r-'a'+1)
	}
	return n
}

// Marker returns the segment that marks position n at depth d below the group
// (d = 1 for "2.A.1") in the MTCR numbering: digits at odd depths, letters at
// even ones. Scheme.Marker does it for any scheme.
func Marker(depth, n int) string { return MTCR.Marker(depth, n) }
