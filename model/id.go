package model

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// ID is an entry number split into its segments: "2.A.1.b.3" is
// {"2", "A", "1", "b", "3"}. The first segment is the item number, the second
// the group letter; below the group, levels alternate digits and lower-case
// letters, starting with digits.
type ID struct {
	Segs []string
}

// ErrBadID is wrapped by the errors ParseID returns.
var ErrBadID = errors.New("not an entry number")

// ParseID parses an entry number such as "2.A.1.b.3" or "2.A.1.b.3." (the
// trailing dot is optional). A group id such as "2.A" is accepted too.
func ParseID(s string) (ID, error) {
	t := strings.TrimSpace(s)
	t = strings.TrimSuffix(t, ".")
	if t == "" {
		return ID{}, fmt.Errorf("%q: %w", s, ErrBadID)
	}
	segs := strings.Split(t, ".")
	if len(segs) < 2 {
		return ID{}, fmt.Errorf("%q: %w", s, ErrBadID)
	}
	for i, seg := range segs {
		if !validSeg(i, seg) {
			return ID{}, fmt.Errorf("%q: %w (segment %d is %q)", s, ErrBadID, i+1, seg)
		}
	}
	return ID{Segs: segs}, nil
}

func validSeg(i int, seg string) bool {
	switch {
	case seg == "":
		return false
	case i == 1:
		return len(seg) == 1 && seg[0] >= 'A' && seg[0] <= 'E'
	case i%2 == 0: // item number and odd levels below the group: digits
		if len(seg) > 3 {
			return false
		}
		for _, r := range seg {
			if r < '0' || r > '9' {
				return false
			}
		}
		return seg[0] != '0'
	default: // letters
		if len(seg) > 2 {
			return false
		}
		for _, r := range seg {
			if r < 'a' || r > 'z' {
				return false
			}
		}
		return true
	}
}

// String returns the id without a trailing dot.
func (id ID) String() string { return strings.Join(id.Segs, ".") }

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
	return ID{Segs: id.Segs[:len(id.Segs)-1]}
}

// Compare orders ids naturally, segment by segment: numbers by value, letters
// alphabetically, a prefix before its extensions. It returns -1, 0 or +1.
func (id ID) Compare(o ID) int {
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
// (d = 1 for "2.A.1"): digits at odd depths, letters at even ones.
func Marker(depth, n int) string {
	if depth%2 == 1 {
		return strconv.Itoa(n)
	}
	s := ""
	for n > 0 {
		n--
		s = string(rune('a'+n%26)) + s
		n /= 26
	}
	return s
}
