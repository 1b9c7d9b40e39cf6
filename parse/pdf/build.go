package pdf

import (
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/annex-tools/annex/internal/textnorm"
	"github.com/annex-tools/annex/model"
	"github.com/annex-tools/annex/parse/internal/grammar"
)

// Indentation tolerance, in ems of the line's font size: two left edges
// closer than this are the same indent.
const indentTol = 0.6

// bestScheme returns the scheme whose item, group and entry headings start
// the most lines (counts, per model.Schemes); MTCR on a tie.
func bestScheme(counts []int) *model.Scheme {
	best, bestN := model.MTCR, 0
	for i, s := range model.Schemes {
		if n := counts[i]; n > bestN {
			best, bestN = s, n
		}
	}
	return best
}

// readMeta finds the document id, date and title on the first pages;
// title is the document information dictionary's.
func readMeta(pages []Page, title string, g heads, m *model.Meta) {
	var first []string
	for _, p := range pages {
		for _, l := range p.lines {
			first = append(first, l.text)
		}
	}
	text := strings.Join(first, "\n")
	if id, ok := g.FindDocID(text); ok {
		m.DocID = id
		m.Regime = grammar.Regime(id)
	}
	if g.Scheme != model.MTCR && g.Scheme.Regime != "" {
		m.Regime = g.Scheme.Regime
	}
	// The date printed on the cover, before the table of contents.
	for _, l := range first {
		if d, ok := grammar.FindDate(l); ok {
			m.Date = d
			break
		}
	}
	for i := 0; m.Date == "" && i+1 < len(first); i++ {
		// A date wrapped over two lines ("adopted 17 February" / "2020").
		if d, ok := grammar.FindDate(first[i] + " " + first[i+1]); ok {
			m.Date = d
		}
	}
	// The title: the cover line that names the annex, set in capitals or not.
	for _, l := range first {
		t := strings.TrimSpace(l)
		if isLeader(t) || (m.DocID != "" && strings.Contains(t, m.DocID)) || !strings.Contains(strings.ToUpper(t), "ANNEX") {
			continue
		}
		if len(t) > 100 || strings.HasSuffix(t, ".") || strings.HasSuffix(t, ":") {
			continue // a sentence about the annex, not its title
		}
		if isCaps(t) {
			m.Title = titleCase(t)
		} else {
			m.Title = textnorm.Clean(t)
		}
		break
	}
	// The document information title spells it better when it agrees, and is
	// the fallback when the cover names none, unless it is only a document id
	// or a file name ("Microsoft Word - annex.docx").
	info := textnorm.Clean(title)
	switch {
	case info == "":
	case m.Title != "" && strings.EqualFold(textnorm.Fold(info), textnorm.Fold(m.Title)):
		m.Title = info
	case m.Title == "" && info != m.DocID && !looksLikeFileName(info):
		m.Title = info
	}
}

// looksLikeFileName reports whether a document information title is a file
// name some producers put there rather than a title.
func looksLikeFileName(s string) bool {
	l := strings.ToLower(s)
	for _, ext := range []string{".doc", ".docx", ".odt", ".pdf", ".rtf", ".txt", ".htm", ".html"} {
		if strings.HasSuffix(l, ext) {
			return true
		}
	}
	if _, ok := grammar.FindDocID(s); ok && !strings.Contains(s, " ") {
		return true
	}
	return strings.HasPrefix(l, "microsoft word - ")
}

var smallWords = map[string]bool{"a": true, "an": true, "and": true, "as": true, "at": true, "by": true,
	"for": true, "in": true, "of": true, "on": true, "or": true, "the": true, "to": true, "with": true}

// titleCase turns "EQUIPMENT, SOFTWARE AND TECHNOLOGY ANNEX" into
// "Equipment, Software and Technology Annex".
func titleCase(s string) string {
	fields := strings.Fields(textnorm.Clean(s))
	for i, f := range fields {
		lower := strings.ToLower(f)
		if i > 0 && smallWords[lower] {
			fields[i] = lower
			continue
		}
		r := []rune(lower)
		r[0] = unicode.ToUpper(r[0])
		fields[i] = string(r)
	}
	return strings.Join(fields, " ")
}

type mode int

const (
	modeSkip mode = iota // cover, contents, introduction, terminology, units
	modeDefinitions
	modeItems
)

// entryNode is an entry being built.
type entryNode struct {
	id        string
	depth     int     // number of id segments: 3 for "2.A.1"
	numX      float64 // left edge of its number or marker
	textX     float64 // left edge of its text
	textKnown bool
	lines     []string
	notes     []*noteNode
	kids      []*entryNode
}

type noteNode struct {
	kind, label string
	lines       []string
}

type itemNode struct {
	number   int
	category string
	title    []string
	groups   []*groupNode
}

type groupNode struct {
	root    *entryNode // lists without product groups: the item heading, as the parent of the entries
	letter  string
	title   []string
	notes   []*noteNode // printed under the heading, before the first entry
	entries []*entryNode
	done    []model.Entry // the entries before those, written (writeEntries)
}

type defNode struct {
	term, scope string
	lines       []string
}

// noteList is an open "Notes:" or "Technical Notes:" heading whose
// numbered notes follow.
type noteList struct {
	kind  string
	x     float64 // left edge of the heading
	next  int     // the label expected next
	owner *[]*noteNode
}

// builder is the state machine that reads body lines in order.
type builder struct {
	g     heads
	vocab vocabulary
	mode  mode

	defs  []*defNode
	termX float64 // left edge of the first term, NaN before
	def   *defNode

	category  string
	lastItem  int // the number of the last item read, -1 before
	items     []*itemNode
	item      *itemNode
	group     *groupNode
	stack     []*entryNode // open entries, outermost first
	notes     *noteList
	note      *noteNode  // the single note being read, nil when none
	noteX     float64    // the left edge of its heading
	noteList  bool       // a list inside it has started
	title     *[]string  // an item or group title that may continue
	titleAt   line       // the last line of that title, or its heading
	target    *[]string  // where continuation lines go
	forced    bool       // the next line is text for target whatever it looks like
	pending   *entryNode // an entry whose text starts on the next line
	unplaced  int        // lines of the items part that belong to nothing (see drop)
	firstLost pageText   // the first of them

	out     *model.Annex // the model, its items written as the next one starts
	grouped bool         // an item written had groups
	later   [][]string   // the lines of the texts that wait for the vocabulary (laterMark)
}

func (b *builder) line(l line) {
	t := strings.TrimSpace(l.text)
	if t == "" {
		return
	}
	if b.mode == modeItems {
		b.itemLine(l, t)
		return
	}
	if n, title, ok := b.g.ItemHead(t); ok && b.titleFits(title) && n > b.lastItem {
		b.mode = modeItems
		b.itemLine(l, t)
		return
	}
	if _, ok := b.g.CategoryHead(t); ok {
		b.mode = modeItems
		b.itemLine(l, t)
		return
	}
	if isHeading(t) {
		b.def = nil
		if strings.Contains(strings.ToUpper(t), "DEFINITION") {
			b.mode = modeDefinitions
			b.termX = math.NaN()
		} else {
			b.mode = modeSkip
		}
		return
	}
	if b.mode == modeDefinitions {
		b.defLine(l, t)
	}
}

// titleFits reports whether an item heading's title is set as the scheme
// sets them: in capitals where it does.
func (b *builder) titleFits(title string) bool {
	return titleFits(b.g, title)
}

// titleFits reports whether an item title is set as the scheme sets them:
// in capitals (or title case) where it does so, anyhow where it does not.
func titleFits(g heads, title string) bool {
	return title == "" || !g.Scheme.CapsTitles || isCaps(title) || g.Scheme.TitleCase && g.IsTitle(title)
}

func (b *builder) tol(l line) float64 {
	return indentTol * math.Max(l.size, 4)
}

// defLine reads a line of the definitions section.
func (b *builder) defLine(l line, t string) {
	atTerms := math.IsNaN(b.termX) || l.x0 <= b.termX+b.tol(l)
	scope, body, scopeFirst := b.scopeFirst(t)
	if !scopeFirst {
		body = t
	}
	if term, qual, rest, ok := parseTerm(body); ok && (atTerms || rest == "" && qual == "" || scopeFirst) {
		if scopeFirst {
			// "ML10 "Unmanned aerial vehicle" ("UAV")": the brackets
			// after the term qualify it.
			if qual != "" {
				term += " (" + qual + ")"
			}
			qual = scope
		}
		if math.IsNaN(b.termX) {
			b.termX = l.x0
		}
		b.def = &defNode{term: term, scope: qual}
		if rest != "" {
			b.def.lines = append(b.def.lines, rest)
		}
		b.defs = append(b.defs, b.def)
		return
	}
	if b.def != nil {
		b.def.lines = append(b.def.lines, t)
	}
}

// scopeFirst splits a definition line that prints its scope before the
// term, as the military list does ("ML8, 10, 14 "Aircraft""), into the scope
// and the rest.
func (b *builder) scopeFirst(t string) (scope, rest string, ok bool) {
	p := b.g.Scheme.ItemPrefix
	if p == "" || !strings.HasPrefix(t, p) {
		return "", "", false
	}
	i := len(p)
	for i < len(t) && (t[i] >= '0' && t[i] <= '9' || t[i] == ',' || t[i] == ' ' || strings.HasPrefix(t[i:], p)) {
		if strings.HasPrefix(t[i:], p) {
			i += len(p)
			continue
		}
		i++
	}
	scope, rest = strings.TrimSpace(t[:i]), strings.TrimSpace(t[i:])
	if r, _ := firstRune(rest); !strings.ContainsRune("\"“”„", r) || !strings.ContainsAny(scope, "0123456789") {
		return "", "", false
	}
	return strings.TrimRight(scope, ", "), rest, true
}

// parseTerm splits a definition's first line: a quoted term, an optional
// parenthesised scope, and any text after them.
func parseTerm(t string) (term, scope, rest string, ok bool) {
	open, size := firstRune(t)
	var closers string
	switch open {
	case '"', '“', '”', '„':
		closers = "\"“”"
	case '\'', '‘', '’':
		closers = "'‘’"
	default:
		return "", "", "", false
	}
	body := t[size:]
	end := -1
	for i, r := range body {
		if strings.ContainsRune(closers, r) {
			next, _ := firstRune(body[i+len(string(r)):])
			if closers[0] == '\'' && unicode.IsLetter(next) {
				continue // an apostrophe
			}
			end = i
			break
		}
	}
	if end <= 0 {
		return "", "", "", false
	}
	term = strings.TrimSpace(body[:end])
	_, csize := firstRune(body[end:])
	rest = strings.TrimSpace(body[end+csize:])
	// Parenthesised groups follow: the last is the scope ("(Items 2, 9)",
	// "(1 6 7 9)"), any before it qualify the term ("Source code" (or
	// source language) (6 7 9)).
	for strings.HasPrefix(rest, "(") {
		j := closingParen(rest)
		if j < 0 {
			break
		}
		if scope != "" {
			term += " (" + scope + ")"
		}
		scope = strings.TrimSpace(rest[1:j])
		rest = strings.TrimSpace(rest[j+1:])
	}
	if scope != "" {
		rest = strings.TrimSpace(strings.TrimPrefix(rest, ","))
	}
	if r, _ := firstRune(rest); rest != "" && scope == "" && (unicode.IsLower(r) || strings.ContainsRune(",;.:", r)) {
		return "", "", "", false // running text that opens with a quoted term
	}
	return term, scope, rest, true
}

// closingParen returns the index of the parenthesis that closes the one s
// starts with, or -1.
func closingParen(s string) int {
	depth := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return i
			}
		}
	}
	return -1
}

func firstRune(s string) (rune, int) {
	if s == "" {
		return 0, 0
	}
	return utf8.DecodeRuneInString(s)
}

// itemLine reads a line of the items part.
func (b *builder) itemLine(l line, t string) {
	if b.forced {
		b.forced = false
		b.continuation(l, t)
		return
	}
	if c, ok := b.g.CategoryHead(t); ok {
		b.category = c
		b.closeGroup()
		b.title = nil
		return
	}
	// Each heading is read once: the grammar's regular expressions are
	// most of the cost of a line.
	n, title, isItem := b.g.ItemHead(t)
	if isItem && b.titleFits(title) && b.item != nil && n <= b.item.number && b.onlyHeadings() {
		// What looked like items were the entries of a contents list:
		// the items start again here.
		b.items, b.item, b.group = nil, nil, nil
		b.out.Items, b.later = b.out.Items[:0], nil
	}
	if isItem && b.titleFits(title) && (b.item == nil || n > b.item.number) && b.atItemColumn(l) {
		b.writeItems() // nothing reads the items before this one any more
		b.item = &itemNode{number: n, category: b.category}
		b.lastItem = n
		b.items = append(b.items, b.item)
		b.group = nil
		b.closeGroup()
		if !b.g.Scheme.HasGroups() {
			b.itemGroup(l, n, title)
			return
		}
		if title != "" {
			b.item.title = append(b.item.title, title)
		}
		b.title, b.titleAt = &b.item.title, l
		return
	}
	if isItem && b.item != nil && n <= b.item.number && b.g.Scheme.CapsTitles && title != "" && titleFits(b.g, title) {
		return // a running header repeating the heading ("CATEGORY 9 – AEROSPACE AND PROPULSION")
	}
	if b.item == nil {
		b.drop(l) // between a category heading and the first item
		return
	}
	gn, letter, gtitle, isGroup := b.g.GroupHead(t)
	id, rest, isEntry := b.g.EntryHead(t)
	if b.title != nil {
		if isCaps(t) && !isGroup && !isEntry && !grammar.IsNone(t) && b.titleContinues(l) {
			*b.title = append(*b.title, t)
			b.titleAt = l
			return
		}
		b.title = nil
	}
	if !isGroup && !isEntry && isHeading(t) && !b.alignedWithEntries(l) {
		// A heading of its own after the items ("ANNEX HANDBOOK", an
		// appendix): the annex body ends here, unless an item follows.
		b.closeGroup()
		b.item, b.group = nil, nil
		b.mode = modeSkip
		if strings.Contains(strings.ToUpper(t), "DEFINITION") {
			b.mode = modeDefinitions // definitions printed after the items
			b.termX = math.NaN()
		}
		return
	}
	atNumbers := len(b.stack) == 0 || l.x0 < b.stack[0].textX-b.tol(l)
	if isGroup && atNumbers {
		if gn == b.item.number && (b.group == nil || letter > b.group.letter) {
			b.closeGroup()
			b.group = &groupNode{letter: letter}
			if gtitle != "" {
				b.group.title = append(b.group.title, gtitle)
			}
			b.item.groups = append(b.item.groups, b.group)
			b.title, b.titleAt = &b.group.title, l
			return
		}
	}
	if b.group == nil {
		b.drop(l)
		return
	}
	if grammar.IsNone(t) && len(b.group.done)+len(b.group.entries) == 0 {
		return
	}
	if isEntry && atNumbers && b.inGroup(id) {
		b.entryHead(l, id, rest)
		return
	}
	if b.inNoteList(l, t) {
		b.continuation(l, t)
		return
	}
	if kind, plural, label, rest, ok := b.g.NoteHead(t); ok {
		owner := &b.group.notes
		if len(b.stack) > 0 {
			owner = &b.ownerAt(l).notes
		}
		b.noteHead(l, owner, kind, plural, label, rest)
		return
	}
	if b.notes != nil {
		if label, rest, ok := grammar.NumberedNote(t); ok && label == strconv.Itoa(b.notes.next) &&
			l.x0 >= b.notes.x-b.tol(l) {
			b.notes.next++
			n := &noteNode{kind: b.notes.kind, label: label}
			if rest != "" {
				n.lines = append(n.lines, rest)
			}
			*b.notes.owner = append(*b.notes.owner, n)
			b.target = &n.lines
			return
		}
	}
	if marker, rest, ok := grammar.Marker(t); ok && b.subEntry(l, t, marker, rest) {
		return
	}
	b.continuation(l, t)
}

// atItemColumn reports whether an item heading of a list without product
// groups is printed where item headings are: left of the text of the item
// being read (a wrapped line that starts with "ML4." is not a heading).
func (b *builder) atItemColumn(l line) bool {
	if b.g.Scheme.HasGroups() || b.group == nil || b.group.root == nil {
		return true
	}
	return l.x0 < b.group.root.textX-b.tol(l)
}

// itemGroup opens the one group of item n of a list without product
// groups. Its heading is read as the parent of the item's entries: its text
// is the item's title, its notes the group's notes, its sub-paragraphs
// ("a.", "b.") the entries.
func (b *builder) itemGroup(l line, n int, title string) {
	b.group = &groupNode{}
	b.item.groups = append(b.item.groups, b.group)
	id := b.g.Scheme.GroupID(n, "")
	root := &entryNode{id: id, depth: 2, numX: l.x0}
	b.group.root = root
	b.stack = append(b.stack[:0], root)
	b.open(l, root, title)
}

// titleContinues reports whether l may continue the title read so far: it
// follows on the next line, not after the wider gap that sets a new heading
// apart. A title carried over to the next page continues.
func (b *builder) titleContinues(l line) bool {
	prev := b.titleAt
	if l.page != prev.page {
		return true
	}
	return prev.y-l.y <= titleGap*math.Max(math.Max(l.size, prev.size), 4)
}

// alignedWithEntries reports whether a line starts where the open entries'
// numbers, markers, texts or notes do, as a continuation of their text would.
func (b *builder) alignedWithEntries(l line) bool {
	tol := b.tol(l)
	near := func(x float64) bool { return math.Abs(l.x0-x) <= tol }
	for _, e := range b.stack {
		if near(e.numX) || (e.textKnown && near(e.textX)) {
			return true
		}
	}
	return b.notes != nil && l.x0 >= b.notes.x-tol
}

// onlyHeadings reports whether no item read so far has a group.
func (b *builder) onlyHeadings() bool {
	if b.grouped {
		return false
	}
	for _, it := range b.items {
		if len(it.groups) > 0 {
			return false
		}
	}
	return true
}

func (b *builder) closeGroup() {
	b.stack = b.stack[:0]
	b.notes = nil
	b.target = nil
	b.pending = nil
	b.forced = false
}

// continuation appends a line to the text being read.
func (b *builder) continuation(l line, t string) {
	if b.pending != nil {
		b.pending.textX = l.x0
		b.pending.textKnown = true
		b.pending = nil
	}
	if b.target == nil && b.notes != nil && b.notes.next == 1 {
		// Words under a "Notes:" heading before its first number: a note
		// of the same kind without a label, ahead of the numbered ones.
		n := &noteNode{kind: b.notes.kind}
		*b.notes.owner = append(*b.notes.owner, n)
		b.target = &n.lines
	}
	if b.target != nil {
		*b.target = append(*b.target, t)
	} else {
		b.drop(l)
	}
}

// inNoteList reports whether l continues a list printed inside a note: the
// note's text so far ends in a colon ("does not apply to:") and l is printed
// to the right of the note's heading, marker, nested note and all.
func (b *builder) inNoteList(l line, t string) bool {
	if b.note == nil || b.target != &b.note.lines || len(b.note.lines) == 0 {
		return false
	}
	if l.x0 <= b.noteX+b.tol(l) {
		return false
	}
	if b.noteList {
		return true
	}
	last := strings.TrimSpace(b.note.lines[len(b.note.lines)-1])
	if _, _, ok := grammar.Marker(t); ok && strings.HasSuffix(last, ":") {
		b.noteList = true
		return true
	}
	return false
}

// inGroup reports whether id is an entry of the group being read.
func (b *builder) inGroup(id string) bool {
	pid, err := b.g.Scheme.ParseID(id)
	return err == nil && pid.Depth() > 0 && pid.Item() == b.item.number && pid.Group() == b.group.letter
}

// entryHead opens an entry printed with its full number.
func (b *builder) entryHead(l line, id, rest string) {
	pid, _ := b.g.Scheme.ParseID(id)
	e := &entryNode{id: id, depth: len(pid.Segs), numX: l.x0} // id is new (grammar.EntryHead)
	b.notes = nil
	// Place it under the open entry its number extends, else at the top.
	for len(b.stack) > 0 && !strings.HasPrefix(id, b.stack[len(b.stack)-1].id+".") {
		b.stack = b.stack[:len(b.stack)-1]
	}
	if n := len(b.stack); n > 0 {
		b.stack[n-1].kids = append(b.stack[n-1].kids, e)
	} else {
		b.writeEntries(b.group)
		b.group.entries = append(b.group.entries, e)
	}
	b.stack = append(b.stack, e)
	b.open(l, e, rest)
}

// open makes e the entry being read, its text starting with rest.
func (b *builder) open(l line, e *entryNode, rest string) {
	b.target = &e.lines
	b.pending = nil
	b.forced = false
	if rest == "" {
		b.pending = e
		b.forced = true
		return
	}
	e.lines = append(e.lines, rest)
	e.textX, e.textKnown = restX(l, len(l.text)-len(rest)), true
}

// restX returns the left edge of the first word that starts at or after
// byte offset off of the line's text. Where off falls inside the line's
// first word (an entry number glued to its text, "1.A.5.Servo"), the edge
// is estimated between the line's left edge and the next word's (or the
// line's right edge), in proportion to the bytes before off.
func restX(l line, off int) float64 {
	x, o := l.x1, len(l.text)
	for _, w := range l.words {
		if w.off >= off {
			x, o = w.x0, w.off
			break
		}
	}
	if off > 0 && off < len(l.text) && !strings.Contains(l.text[:off], " ") && o > off {
		return l.x0 + (x-l.x0)*float64(off)/float64(o)
	}
	return x
}

// noteHead opens a note, or a list of numbered notes, in owner: the notes
// of the entry at whose text indent it is printed, or of the group.
func (b *builder) noteHead(l line, owner *[]*noteNode, kind string, plural bool, label, rest string) {
	b.notes = nil
	b.pending = nil
	if plural {
		b.notes = &noteList{kind: kind, x: l.x0, next: 1, owner: owner}
		b.target = nil
		if rest != "" {
			if label, r, ok := grammar.NumberedNote(rest); ok && label == "1" {
				n := &noteNode{kind: kind, label: label, lines: []string{r}}
				*owner = append(*owner, n)
				b.notes.next = 2
				b.target = &n.lines
			} else {
				n := &noteNode{kind: kind, lines: []string{rest}}
				*owner = append(*owner, n)
				b.target = &n.lines
			}
		}
		return
	}
	n := &noteNode{kind: kind, label: label}
	*owner = append(*owner, n)
	b.target = &n.lines
	b.note, b.noteX, b.noteList = n, l.x0, false
	if rest == "" {
		b.forced = true
		return
	}
	n.lines = append(n.lines, rest)
}

// ownerAt returns the open entry at whose text indent l is printed, and
// closes the entries below it.
func (b *builder) ownerAt(l line) *entryNode {
	tol := b.tol(l)
	at := -1
	for i := len(b.stack) - 1; i >= 0; i-- {
		if b.stack[i].textKnown && math.Abs(b.stack[i].textX-l.x0) <= tol {
			at = i
			break
		}
	}
	if at < 0 {
		for i := len(b.stack) - 1; i >= 0; i-- {
			if b.stack[i].textKnown && b.stack[i].textX <= l.x0+tol {
				at = i
				break
			}
		}
	}
	if at < 0 {
		at = 0
	}
	b.stack = b.stack[:at+1]
	return b.stack[at]
}

// subEntry opens a sub-entry ("a.", "1.") when the marker is printed at the
// text indent of an open entry, is of the kind that entry's children take
// (letters under odd levels, digits under even ones) and follows its last
// child. Layouts that indent markers otherwise are read by relative indent:
// a marker level with an open entry's marker is its sibling, one to the
// right of it its child, with the same kind and sequence checks. It
// reports whether it opened a sub-entry.
func (b *builder) subEntry(l line, t, marker, rest string) bool {
	tol := b.tol(l)
	parent := -1
	for i := len(b.stack) - 1; i >= 0; i-- {
		p := b.stack[i]
		if p.textKnown && math.Abs(p.textX-l.x0) <= tol && b.markerFits(p, marker) {
			parent = i
			break
		}
	}
	if parent < 0 {
		for i := len(b.stack) - 1; i >= 0; i-- {
			e := b.stack[i]
			if math.Abs(e.numX-l.x0) <= tol {
				if i > 0 && b.markerFits(b.stack[i-1], marker) {
					parent = i - 1
				}
				break
			}
			if e.numX < l.x0-tol {
				if b.markerFits(e, marker) {
					parent = i
				}
				break
			}
		}
	}
	if parent < 0 {
		// A marker whose list indent slipped to the left ("3." printed
		// under the "b." of its parent): it belongs where its sequence
		// continues, if it stands left of that entry's children and text,
		// so that it cannot be a wrapped line of theirs.
		for i := len(b.stack) - 1; i >= 0 && parent < 0; i-- {
			// Level with the markers of the entry's earlier children.
			p := b.stack[i]
			for _, k := range p.kids {
				if math.Abs(k.numX-l.x0) <= tol && b.markerFits(p, marker) {
					parent = i
					break
				}
			}
		}
		for i := len(b.stack) - 1; i >= 0 && parent < 0; i-- {
			p := b.stack[i]
			if l.x0 >= p.numX+tol && len(p.kids) == 0 {
				break // text of an entry further right: not a slipped marker
			}
			if len(p.kids) > 0 && b.markerFits(p, marker) && l.x0 < p.kids[0].numX-tol &&
				(!p.textKnown || l.x0 < p.textX-tol) {
				parent = i
				break
			}
		}
	}
	if parent < 0 {
		return false
	}
	p := b.stack[parent]
	e := &entryNode{id: p.id + "." + marker, depth: p.depth + 1, numX: l.x0}
	p.kids = append(p.kids, e)
	b.stack = append(b.stack[:parent+1], e)
	b.notes = nil
	b.open(l, e, rest)
	return true
}

// markerFits reports whether marker is the next child of p: of the kind the
// scheme numbers p's children with, and following its last child.
func (b *builder) markerFits(p *entryNode, marker string) bool {
	kind := b.g.Scheme.Level(p.depth - 1) // p.depth counts item and group
	isLetter := marker[0] >= 'a' && marker[0] <= 'z'
	if (kind == model.SegLetters) != isLetter || kind == model.SegCode {
		return false
	}
	want := b.g.Scheme.Marker(p.depth-1, 1)
	if n := len(p.kids); n > 0 {
		last := p.kids[n-1].id[strings.LastIndexByte(p.kids[n-1].id, '.')+1:]
		want = b.g.Scheme.Next(last, p.depth-1)
	}
	return marker == want
}

// finish writes what is left of the model: the definitions, the items
// not written yet, and the texts that waited for the document's vocabulary
// (b.vocab, known now).
func (b *builder) finish(a *model.Annex) {
	for _, d := range b.defs {
		a.Definitions = append(a.Definitions, model.Definition{
			Term: own(textnorm.Clean(d.term)), Scope: own(textnorm.Clean(d.scope)), Text: joinLines(d.lines, b.vocab),
		})
	}
	b.item, b.group, b.stack, b.notes, b.note, b.title, b.target, b.pending = nil, nil, nil, nil, nil, nil, nil, nil
	b.writeItems()
	if len(b.later) > 0 {
		for i := range a.Items {
			it := &a.Items[i]
			if b.resolve(&it.Title) {
				it.Reserved = len(it.Groups) == 0 && grammar.IsReservedTitle(it.Title)
			}
			for j := range it.Groups {
				g := &it.Groups[j]
				b.resolve(&g.Title)
				b.resolveNotes(g.Notes)
				b.resolveEntries(g.Entries)
			}
		}
	}
	b.later = nil
}

// A text of the model that waits for the document's vocabulary (its lines
// break a word with a hyphen, which the joined text keeps or not depending
// on the words printed elsewhere, joinLines) is written as laterMark and a
// number, its place in builder.later, until finish writes it. No text of
// the model starts with a NUL (textnorm.Clean removes it).
const laterMark = "\x00"

// resolve writes the text *s when it waits for the vocabulary, and reports
// whether it did.
func (b *builder) resolve(s *string) bool {
	if !strings.HasPrefix(*s, laterMark) {
		return false
	}
	i, _ := strconv.Atoi((*s)[len(laterMark):])
	*s = joinLines(b.later[i], b.vocab)
	b.later[i] = nil
	return true
}

func (b *builder) resolveNotes(ns []model.Note) {
	for i := range ns {
		b.resolve(&ns[i].Text)
	}
}

func (b *builder) resolveEntries(es []model.Entry) {
	for i := range es {
		b.resolve(&es[i].Text)
		b.resolveNotes(es[i].Notes)
		b.resolveEntries(es[i].Children)
	}
}

// writeItems writes the items read so far into the model (b.out) and lets
// their nodes go, with the page texts they hold: nothing reads them after.
func (b *builder) writeItems() {
	for i, it := range b.items {
		b.items[i] = nil
		if len(it.groups) > 0 {
			b.grouped = true
		}
		item := model.Item{Number: it.number, Category: own(it.category)}
		titleFrom := it.title
		for _, g := range it.groups {
			if g.root != nil {
				// The heading of a list without groups: the item's title,
				// its notes the group's, its children the entries.
				titleFrom = g.root.lines
				g.notes, g.entries = g.root.notes, g.root.kids
			}
		}
		b.text(&item.Title, titleFrom)
		item.Reserved = len(it.groups) == 0 && grammar.IsReservedTitle(item.Title)
		item.Groups = make([]model.Group, len(it.groups))
		for j, g := range it.groups {
			it.groups[j] = nil
			group := &item.Groups[j]
			group.Letter = own(g.letter)
			b.text(&group.Title, g.title)
			if len(g.notes) > 0 {
				group.Notes = b.modelNotes(g.notes)
			}
			b.writeEntries(g)
			group.Entries = make([]model.Entry, len(g.done))
			copy(group.Entries, g.done) // to its length
		}
		b.out.Items = append(b.out.Items, item)
	}
	b.items = b.items[:0]
}

// writeEntries writes the group's entries read so far into the model
// (g.done) and lets their nodes go: called as a new entry starts at the top
// of the group, nothing reads those before it after.
func (b *builder) writeEntries(g *groupNode) {
	for i, e := range g.entries {
		g.entries[i] = nil
		g.done = append(g.done, model.Entry{})
		b.entry(&g.done[len(g.done)-1], e)
	}
	g.entries = g.entries[:0]
}

// text writes the text of lines to dst, or its mark when it waits for the
// vocabulary (laterMark).
func (b *builder) text(dst *string, lines []string) {
	if needsVocabulary(lines) {
		*dst = laterMark + strconv.Itoa(len(b.later))
		b.later = append(b.later, cloneLines(lines))
		return
	}
	*dst = joinLines(lines, nil)
}

// entry writes the model of e to out. Lists are made to their length: the
// model is most of the memory a parse ends with.
func (b *builder) entry(out *model.Entry, e *entryNode) {
	out.ID = e.id
	b.text(&out.Text, e.lines)
	out.Notes = b.modelNotes(e.notes)
	out.Children = make([]model.Entry, len(e.kids))
	for i, k := range e.kids {
		b.entry(&out.Children[i], k)
	}
}

// modelNotes returns the model of notes, a list of their length.
func (b *builder) modelNotes(ns []*noteNode) []model.Note {
	out := make([]model.Note, len(ns))
	for i, n := range ns {
		out[i] = model.Note{Kind: own(n.kind), Label: own(n.label)}
		b.text(&out[i].Text, n.lines)
	}
	return out
}

// own returns s in memory of its own. The builder's words are cut from the
// text of their page, which one short string of the model (a group's
// letter, a note's label) would otherwise keep whole.
func own(s string) string {
	if len(s) == 1 && s[0] < utf8.RuneSelf {
		return oneByte[s[0] : s[0]+1] // no allocation for "A", "1"
	}
	return strings.Clone(s)
}

// oneByte holds every one-byte string.
var oneByte = func() string {
	b := make([]byte, utf8.RuneSelf)
	for i := range b {
		b[i] = byte(i)
	}
	return string(b)
}()
