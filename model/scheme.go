package model

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// SegKind is the kind of one segment of an entry id below the group.
type SegKind int

// The segment kinds.
const (
	SegNumber  SegKind = iota // 1 to 9999 without a leading zero: "1", "12", "1000"
	SegLetters                // "a" to "z", then "aa" to "zz"
	SegCode                   // exactly three digits, leading zeros kept: "001", "101"
)

// Scheme is the numbering of one family of control lists, as data: how its
// ids are written and split, which items and groups exist, what its headings
// look like and how it writes numbers. Every package asks the scheme rather
// than assuming the MTCR numbering; a new national list is a new value in
// the Schemes table.
//
// Every id is split into the same segments whatever the scheme: the item
// number, the group letter ("" where the list has no product groups) and one
// segment per level below the group. "3.A.5.a" (MTCR), "9A101.a.1" (EU),
// "ML10.a.1" (military list, {"10", "", "a", "1"}) and "6-1.A.1" (prefixed)
// are all ID values.
type Scheme struct {
	Name   string // the --scheme value: "mtcr", "eu", "ml", "prefixed"
	Regime string // the meta.regime a document of this scheme gets by default ("" when its own name)
	Label  string // a human name, for messages: "MTCR annex"

	// Ids.
	MinItem, MaxItem int       // the item numbers that exist
	ItemDigits       int       // digits of an item number: 1 for exactly one, 0 for 1 or 2 without a leading zero
	Letters          string    // group letters in order; "" when each item is one group with an empty letter
	Levels           []SegKind // kinds of the levels below the group; past the end the last two alternate
	ItemPrefix       string    // written before the item number: "ML"
	ListPrefix       bool      // a list number and "-" come first: "6-1.A.1"
	GroupSep         string    // between item number and group letter: "." or ""
	EntrySep         string    // between the group (or item) and the first level: "." or ""
	Example          string    // an entry id, for messages: "4.C.2.b.6"
	DoubledLetters   bool      // after "z" come "aa", "bb", "cc" (EU, Wassenaar); else "aa", "ab"

	// Numbers in running text.
	DecimalComma   bool // "0,15 kg" is fifteen hundredths
	ThousandsSpace bool // "8 890 N" is one number

	// Printed layout.
	CapsTitles bool           // item and group titles are set in capitals ("AEROSPACE AND PROPULSION")
	TitleCase  bool           // …or in title case ("9A Systems, Equipment and Components")
	BareNotes  bool           // note headings may go without a colon: "Note ML1. does not apply to:"
	ItemHead   *regexp.Regexp // an item heading; group 1 the number, group 2 the title (may be empty)
	GroupHead  *regexp.Regexp // a group heading; groups: item number, letter, title (nil: no group headings)
	// EntryHead matches an entry number at the start of a line; group 1 is
	// the id (a trailing dot allowed), the text starts after it. Where ids
	// end in a dot, the text may follow with no space ("1.A.5.Servo"): a
	// capital or three letters after the dot, which no marker has.
	EntryHead    *regexp.Regexp
	CategoryHead *regexp.Regexp // a heading above items ("CATEGORY II"); group 1 the category (nil: none)
	DocID        *regexp.Regexp // the document id on the cover
	Ref          *regexp.Regexp // a cross reference in running text
}

// The schemes annex reads.
var (
	// MTCR is the MTCR/Wassenaar annex numbering: "Item 3", "3.A.5.a".
	MTCR = &Scheme{
		Name: "mtcr", Regime: "MTCR", Label: "MTCR annex",
		MinItem: 1, MaxItem: 99, Letters: "ABCDE",
		Levels:   []SegKind{SegNumber, SegLetters},
		GroupSep: ".", EntrySep: ".", Example: "4.C.2.b.6", CapsTitles: true,
		ItemHead:     regexp.MustCompile(`^(?i:item)\s+([1-9][0-9]?)\b\s*[:.–-]?\s*(.*)$`),
		GroupHead:    regexp.MustCompile(`^([1-9][0-9]?)\.([A-E])\.?(?:\s+(.*))?$`),
		EntryHead:    regexp.MustCompile(`^([1-9][0-9]?\.[A-E]\.(?:[0-9]{1,4}\.)(?:[a-z]{1,2}\.[0-9]{1,4}\.|[a-z]{1,2}\.)*)(?:\s+|$|[A-Z]|[a-z]{3})`),
		CategoryHead: regexp.MustCompile(`^(?i:category)\s+(I{1,3}|IV|[1-4])\s*$`),
		DocID:        regexp.MustCompile(`\b[A-Z][A-Z0-9]{1,9}(?:/[A-Za-z0-9.-]+){2,5}\b`),
		Ref:          regexp.MustCompile(`\b[1-9][0-9]?\.[A-E]\.(?:[0-9a-z]{1,4}\.)*(?:[0-9a-z]{1,4}\b)?`),
	}
	// EU is the EU dual-use list and the national lists built on it:
	// "Category 9", groups "9A" to "9E", entries "9A101", "9A101.a.1".
	EU = &Scheme{
		Name: "eu", Regime: "EU", Label: "EU dual-use list",
		MinItem: 0, MaxItem: 9, ItemDigits: 1, Letters: "ABCDE",
		Levels:   []SegKind{SegCode, SegLetters, SegNumber},
		GroupSep: "", EntrySep: "", Example: "9A101.a.1", DoubledLetters: true, CapsTitles: true, TitleCase: true,
		DecimalComma: true, ThousandsSpace: true,
		ItemHead:  regexp.MustCompile(`^(?i:category)\s+([0-9])\b\s*[:.–—-]?\s*(.*)$`),
		GroupHead: regexp.MustCompile(`^([0-9])([A-E])(?:\s+(.*))?$`),
		EntryHead: regexp.MustCompile(`^([0-9][A-E][0-9]{3}(?:\.[0-9a-z]{1,4})*\.?)(?:\s+|$)`),
		DocID:     regexp.MustCompile(`\b0?[0-9]{4}[A-Z][0-9]{4}(?:-[0-9]{8})?\b`),
		Ref:       regexp.MustCompile(`\b[0-9][A-E][0-9]{3}(?:\.[0-9a-z]{1,4})*\b`),
	}
	// ML is the EU Common Military List: "ML1" to "ML22", "ML10.a.1". Each
	// item is one group with an empty letter.
	ML = &Scheme{
		Name: "ml", Regime: "EU-ML", Label: "military list",
		MinItem: 1, MaxItem: 99, Letters: "",
		Levels:     []SegKind{SegLetters, SegNumber},
		ItemPrefix: "ML", EntrySep: ".", Example: "ML10.a.1", DoubledLetters: true, BareNotes: true,
		DecimalComma: true, ThousandsSpace: true,
		ItemHead:  regexp.MustCompile(`^ML([1-9][0-9]?)\.?(?:\s+(.*))?$`),
		EntryHead: regexp.MustCompile(`^(ML[1-9][0-9]?(?:\.[0-9a-z]{1,4})+\.?)(?:\s+|$)`),
		DocID:     regexp.MustCompile(`\b[0-9]{4}/C\s?[0-9]{1,4}/[0-9]{2}\b`),
		Ref:       regexp.MustCompile(`\bML[1-9][0-9]?(?:\.[0-9a-z]{1,4})*\b`),
	}
	// Prefixed is the MTCR numbering behind a national list number, as
	// Canada prints it: "6-1.A.1".
	Prefixed = &Scheme{
		Name: "prefixed", Label: "prefixed MTCR ids",
		MinItem: 1, MaxItem: 99, Letters: "ABCDE",
		Levels:     []SegKind{SegNumber, SegLetters},
		ListPrefix: true, GroupSep: ".", EntrySep: ".", Example: "6-4.C.2.b.6", CapsTitles: true,
		ItemHead:     regexp.MustCompile(`^(?i:item)\s+(?:[1-9][0-9]?-)?([1-9][0-9]?)\b\s*[:.–-]?\s*(.*)$`),
		GroupHead:    regexp.MustCompile(`^(?:[1-9][0-9]?-)?([1-9][0-9]?)\.([A-E])\.?(?:\s+(.*))?$`),
		EntryHead:    regexp.MustCompile(`^([1-9][0-9]?-[1-9][0-9]?\.[A-E]\.(?:[0-9]{1,4}\.)(?:[a-z]{1,2}\.[0-9]{1,4}\.|[a-z]{1,2}\.)*)(?:\s+|$|[A-Z]|[a-z]{3})`),
		CategoryHead: regexp.MustCompile(`^(?i:category)\s+(I{1,3}|IV|[1-4])\s*$`),
		DocID:        regexp.MustCompile(`\b[A-Z][A-Z0-9]{1,9}(?:/[A-Za-z0-9.-]+){2,5}\b`),
		Ref:          regexp.MustCompile(`\b[1-9][0-9]?-[1-9][0-9]?\.[A-E]\.(?:[0-9a-z]{1,4}\.)*(?:[0-9a-z]{1,4}\b)?`),
	}
)

// Schemes lists every scheme, in the order auto-detection tries them.
var Schemes = []*Scheme{MTCR, EU, ML, Prefixed}

// SchemeNames returns the --scheme values, "auto" first.
func SchemeNames() []string {
	out := []string{"auto"}
	for _, s := range Schemes {
		out = append(out, s.Name)
	}
	return out
}

// SchemeByName returns the scheme called name ("mtcr", "eu", …), or nil
// for "auto", "" and unknown names; ok is false only for unknown names.
func SchemeByName(name string) (s *Scheme, ok bool) {
	switch name {
	case "", "auto":
		return nil, true
	}
	for _, s := range Schemes {
		if s.Name == name {
			return s, true
		}
	}
	return nil, false
}

// schemeOfID tells which scheme an id is written in from its shape alone;
// the shapes of the schemes do not overlap. It returns MTCR for anything
// else, so that errors read as before.
func schemeOfID(t string) *Scheme {
	digits := 0
	for digits < len(t) && t[digits] >= '0' && t[digits] <= '9' {
		digits++
	}
	switch {
	case strings.HasPrefix(t, "ML"):
		return ML
	case digits > 0 && digits < len(t) && t[digits] == '-':
		return Prefixed
	case digits == 1 && len(t) > 1 && t[1] >= 'A' && t[1] <= 'Z':
		return EU
	}
	return MTCR
}

// Of returns the scheme of a model: prefixed when its first entry id is
// (a national list that prints the MTCR numbering behind its own number
// carries the MTCR's list, and its cover may well name the MTCR), else the
// one its regime names, else the one its first entry id is written in, else
// MTCR.
func Of(a *Annex) *Scheme {
	if a == nil {
		return MTCR
	}
	first := firstIDScheme(a)
	if first == Prefixed {
		return Prefixed
	}
	for _, s := range Schemes {
		if s.Regime != "" && s.Regime == a.Meta.Regime {
			return s
		}
	}
	if first != nil {
		return first
	}
	return MTCR
}

// firstIDScheme returns the scheme the model's first entry id is written
// in (ML for a group without a letter), or nil without entries.
func firstIDScheme(a *Annex) *Scheme {
	for _, it := range a.Items {
		for _, g := range it.Groups {
			if g.Letter == "" {
				return ML
			}
			for _, e := range g.Entries {
				return schemeOfID(strings.TrimSpace(e.ID))
			}
		}
	}
	return nil
}

// Scheme returns the numbering scheme of the model (see Of).
func (a *Annex) Scheme() *Scheme { return Of(a) }

// level returns the kind of segment at depth d below the group (d = 1 for
// the first level).
func (s *Scheme) level(d int) SegKind {
	n := len(s.Levels)
	if d <= n {
		return s.Levels[d-1]
	}
	return s.Levels[n-2+(d-n-1)%2]
}

// Level returns the kind of segment at depth d below the group (d = 1 for
// the first level: "1" in "2.A.1", "101" in "9A101", "a" in "ML10.a").
func (s *Scheme) Level(d int) SegKind {
	if d < 1 {
		d = 1
	}
	return s.level(d)
}

// HasGroups reports whether the list has lettered product groups.
func (s *Scheme) HasGroups() bool { return s.Letters != "" }

// ValidItem reports whether n is an item number of the scheme.
func (s *Scheme) ValidItem(n int) bool { return n >= s.MinItem && n <= s.MaxItem }

// ValidLetter reports whether letter is a group letter of the scheme.
func (s *Scheme) ValidLetter(letter string) bool {
	if s.Letters == "" {
		return letter == ""
	}
	return len(letter) == 1 && strings.Contains(s.Letters, letter)
}

// ParseID parses an id written in this scheme ("9A101.a.1", "9A101.a.1."
// with its trailing dot, or a group id such as "9A"). Errors wrap ErrBadID.
func (s *Scheme) ParseID(in string) (ID, error) {
	t := strings.TrimSuffix(strings.TrimSpace(in), ".")
	bad := func(why string, args ...any) (ID, error) {
		if why == "" {
			return ID{}, fmt.Errorf("%q: %w", in, ErrBadID)
		}
		return ID{}, fmt.Errorf("%q: %w (%s)", in, ErrBadID, fmt.Sprintf(why, args...))
	}
	if t == "" {
		return bad("")
	}
	id := ID{Scheme: s}
	if s.ListPrefix {
		i := strings.IndexByte(t, '-')
		if i <= 0 || !isNumber(t[:i]) || len(t[:i]) > 2 {
			return bad("no list number before %q", "-")
		}
		id.Prefix, t = t[:i], t[i+1:]
	}
	if !strings.HasPrefix(t, s.ItemPrefix) {
		return bad("")
	}
	t = t[len(s.ItemPrefix):]
	// The item number.
	n := 0
	for n < len(t) && t[n] >= '0' && t[n] <= '9' {
		n++
	}
	item := t[:n]
	switch {
	case n == 0:
		return bad("")
	case s.ItemDigits > 0 && n != s.ItemDigits, s.ItemDigits == 0 && (n > 2 || item[0] == '0'):
		return bad("segment 1 is %q", item)
	}
	if v, _ := strconv.Atoi(item); !s.ValidItem(v) {
		return bad("item %s is not between %d and %d", item, s.MinItem, s.MaxItem)
	}
	t = t[n:]
	// One allocation for the segments: ids are parsed for every entry of
	// every model read, checked and compared.
	id.Segs = make([]string, 0, strings.Count(t, ".")+4)
	id.Segs = append(id.Segs, item)
	// The group letter.
	if s.Letters != "" {
		if !strings.HasPrefix(t, s.GroupSep) {
			return bad("")
		}
		t = t[len(s.GroupSep):]
		if t == "" || !s.ValidLetter(t[:1]) {
			seg, _, _ := strings.Cut(t, ".")
			return bad("segment 2 is %q", seg)
		}
		id.Segs = append(id.Segs, t[:1])
		t = t[1:]
	} else {
		id.Segs = append(id.Segs, "")
	}
	if t == "" {
		if s.Letters == "" && s.ItemPrefix == "" {
			return bad("")
		}
		return id, nil
	}
	// The levels below.
	if !strings.HasPrefix(t, s.EntrySep) {
		return bad("")
	}
	t = t[len(s.EntrySep):]
	d := 0
	for seg := range strings.SplitSeq(t, ".") {
		d++
		if !validSegKind(s.level(d), seg) {
			return bad("segment %d is %q", len(id.Segs)+1, seg)
		}
		id.Segs = append(id.Segs, seg)
	}
	if s.Letters == "" && s.ItemPrefix == "" && len(id.Segs) < 3 {
		return bad("")
	}
	return id, nil
}

func isNumber(s string) bool {
	if s == "" || s[0] == '0' {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func validSegKind(k SegKind, seg string) bool {
	switch k {
	case SegNumber:
		return len(seg) <= 4 && isNumber(seg)
	case SegCode:
		if len(seg) != 3 {
			return false
		}
		for i := 0; i < 3; i++ {
			if seg[i] < '0' || seg[i] > '9' {
				return false
			}
		}
		return true
	}
	if seg == "" || len(seg) > 2 {
		return false
	}
	for i := 0; i < len(seg); i++ {
		if seg[i] < 'a' || seg[i] > 'z' {
			return false
		}
	}
	return true
}

// format writes segs (item, group, levels) the way the scheme prints them.
func (s *Scheme) format(prefix string, segs []string) string {
	if len(segs) == 0 {
		return ""
	}
	var b strings.Builder
	if s.ListPrefix && prefix != "" {
		b.WriteString(prefix)
		b.WriteByte('-')
	}
	b.WriteString(s.ItemPrefix)
	b.WriteString(segs[0])
	if len(segs) > 1 && s.Letters != "" {
		b.WriteString(s.GroupSep)
		b.WriteString(segs[1])
	}
	for i, seg := range segs[min(2, len(segs)):] {
		if i == 0 {
			b.WriteString(s.EntrySep)
		} else {
			b.WriteByte('.')
		}
		b.WriteString(seg)
	}
	return b.String()
}

// GroupID returns the id of group letter of item n as the scheme writes it:
// "3.A" (MTCR), "9A" (EU), "ML10" (military list).
func (s *Scheme) GroupID(n int, letter string) string {
	return s.format("", []string{strconv.Itoa(n), letter})
}

// ItemID returns how the scheme names item n in running text: "Item 3",
// "Category 9", "ML10".
func (s *Scheme) ItemID(n int) string {
	switch {
	case s.ItemPrefix != "":
		return s.ItemPrefix + strconv.Itoa(n)
	case s == EU:
		return "Category " + strconv.Itoa(n)
	}
	return "Item " + strconv.Itoa(n)
}

// Marker returns the segment that marks position n (from 1) at depth d
// below the group: "3", "c" or "003" by the kind of that level.
func (s *Scheme) Marker(depth, n int) string {
	switch s.Level(depth) {
	case SegNumber:
		return strconv.Itoa(n)
	case SegCode:
		return fmt.Sprintf("%03d", n)
	}
	if s.DoubledLetters && n > 0 {
		return strings.Repeat(string(rune('a'+(n-1)%26)), (n-1)/26+1)
	}
	out := ""
	for n > 0 {
		n--
		out = string(rune('a'+n%26)) + out
		n /= 26
	}
	return out
}

// Ordinal returns the position a segment marks among its siblings: 1 for
// "1", "a" or "001", 26 for "z", 27 for "aa", then 28 for "bb" where the
// scheme doubles letters ("ab" otherwise). It returns 0 for anything else.
func (s *Scheme) Ordinal(seg string) int {
	if s.DoubledLetters && len(seg) > 1 && strings.Count(seg, seg[:1]) == len(seg) && seg[0] >= 'a' && seg[0] <= 'z' {
		return (len(seg)-1)*26 + int(seg[0]-'a'+1)
	}
	return Ordinal(seg)
}

// Next returns the segment after seg at the same level: "b" after "a",
// "aa" after "z", "bb" or "ab" after "aa", "3" after "2", "102" after "101".
func (s *Scheme) Next(seg string, depth int) string {
	return s.Marker(depth, s.Ordinal(seg)+1)
}

// Consecutive reports whether the siblings at depth d are numbered without
// gaps: sub-paragraphs are, EU control codes ("9A012", "9A101") are not.
func (s *Scheme) Consecutive(depth int) bool { return s.Level(depth) != SegCode }

// References returns the ids of this scheme cited in text, in order of
// appearance, without their trailing dots, each once. Ids of another list
// (an EU code in the military list) are not found.
func (s *Scheme) References(text string) []string {
	var out []string
	seen := make(map[string]bool)
	for _, m := range s.Ref.FindAllString(text, -1) {
		id, err := s.ParseID(m)
		for err != nil && strings.Contains(m, ".") {
			// "2.A.1.b.3.xyz": drop what does not parse.
			m = m[:strings.LastIndex(strings.TrimSuffix(m, "."), ".")+1]
			id, err = s.ParseID(m)
		}
		if err != nil {
			continue
		}
		t := id.String()
		if !seen[t] {
			seen[t] = true
			out = append(out, t)
		}
	}
	return out
}

// LooseID reads an id as registers write it: "9A101.a.1", "9A101 a 1",
// "9A101a1", "9a101.A.1", "ML10a1". It returns the id as the scheme writes
// it.
func (s *Scheme) LooseID(in string) (ID, bool) {
	t := strings.TrimSpace(in)
	if id, err := s.ParseID(t); err == nil {
		return id, true
	}
	// Split into runs of digits and of letters, dropping separators.
	var runs []string
	cur, kind := "", 0 // 1 digits, 2 letters
	flush := func() {
		if cur != "" {
			runs = append(runs, cur)
		}
		cur, kind = "", 0
	}
	for i := 0; i < len(t); i++ {
		c := t[i]
		k := 0
		switch {
		case c >= '0' && c <= '9':
			k = 1
		case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
			k = 2
		case c == ' ' || c == '.' || c == '-' || c == '\t':
			flush()
			continue
		default:
			return ID{}, false
		}
		if k != kind {
			flush()
		}
		cur += string(c)
		kind = k
	}
	flush()
	if len(runs) < 2 || len(runs) > 16 {
		return ID{}, false
	}
	segs := runs
	prefix := ""
	if s.ListPrefix {
		prefix, segs = segs[0], segs[1:]
	}
	if s.ItemPrefix != "" {
		if !strings.EqualFold(segs[0], s.ItemPrefix) {
			return ID{}, false
		}
		segs = append([]string{segs[1], ""}, segs[2:]...)
	} else if len(segs) > 1 {
		segs[1] = strings.ToUpper(segs[1])
	}
	for i := 2; i < len(segs); i++ {
		segs[i] = strings.ToLower(segs[i])
	}
	id, err := s.ParseID(s.format(prefix, segs))
	return id, err == nil
}
