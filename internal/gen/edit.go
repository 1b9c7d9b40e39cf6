package gen

import (
	"fmt"
	"math/rand/v2"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/annex-tools/annex/diff"
	"github.com/annex-tools/annex/internal/textnorm"
	"github.com/annex-tools/annex/model"
)

// Edited is an edited copy of an annex with the changes a diff must find.
type Edited struct {
	Annex   *model.Annex  // the edited copy; the input is not modified
	Changes []diff.Change // the expected changes: target, kind, ids, term, fields, editorial, and quantities for changed thresholds
	Log     []string      // the edits applied, one a line, for test messages
}

// Edit applies between one and six random edits to a copy of a; see EditN.
func Edit(rng *rand.Rand, a *model.Annex) Edited {
	return EditN(rng, a, 1+rng.IntN(6))
}

// EditN applies n random edits to a copy of a and returns the copy with the
// exact changes they make. Edits never make a change ambiguous: no list both
// gains and loses entries in one call, each entry gets at most one content
// edit, and only entries with a distinctive text are moved.
func EditN(rng *rand.Rand, a *model.Annex, n int) Edited {
	ed := newEditor(rng, a)
	for tries := 0; len(ed.log) < n && tries < 20*n+20; tries++ {
		ed.once()
	}
	return ed.result()
}

type gNote struct {
	kind, label, text string // text holds reference placeholders
}

type gEntry struct {
	uid         int
	oldID       string // "" for an inserted entry
	text        string // with reference placeholders
	notes       []gNote
	children    []*gEntry
	edited      bool // a content edit was applied
	substantive bool // … one that moves the control boundary
	quantities  []diff.Quantity
	content     string // folded old text and notes, to judge uniqueness
}

type gList struct {
	entries *[]*gEntry
	depth   int
	item    int
	group   string
	owner   *gEntry // nil for a group
}

type editor struct {
	rng     *rand.Rand
	old     *model.Annex
	groups  []*gList
	byUID   map[int]*gEntry
	alive   map[int]bool
	grown   map[*[]*gEntry]bool
	shrunk  map[*[]*gEntry]bool
	common  map[string]int // folded content → count in the old annex
	defs    []model.Definition
	defEd   map[int]bool
	log     []string
	phr     *phraser
	nextUID int
}

// refRE finds cross references in running text, as package model does.
var refRE = regexp.MustCompile(`\b[1-9][0-9]?\.[A-E]\.(?:[0-9a-z]{1,3}\.)*(?:[0-9a-z]{1,3}\b)?`)

var placeRE = regexp.MustCompile("\x01([0-9]+)\x02")

func newEditor(rng *rand.Rand, a *model.Annex) *editor {
	ed := &editor{
		rng: rng, old: a, byUID: make(map[int]*gEntry), alive: make(map[int]bool),
		grown: make(map[*[]*gEntry]bool), shrunk: make(map[*[]*gEntry]bool),
		common: make(map[string]int), defEd: make(map[int]bool),
		phr: &phraser{rng: rng, used: make(map[string]bool)},
	}
	uidOf := make(map[string]int)
	a.Walk(func(n model.Node) bool {
		if _, dup := uidOf[n.Entry.ID]; !dup {
			uidOf[n.Entry.ID] = len(uidOf)
		}
		return true
	})
	ed.nextUID = len(uidOf)
	template := func(s string) string {
		return refRE.ReplaceAllStringFunc(s, func(m string) string {
			id, err := model.ParseID(m)
			if err != nil {
				return m
			}
			u, ok := uidOf[id.String()]
			if !ok {
				return m
			}
			out := "\x01" + strconv.Itoa(u) + "\x02"
			if strings.HasSuffix(m, ".") {
				out += "."
			}
			return out
		})
	}
	var conv func(e *model.Entry) *gEntry
	conv = func(e *model.Entry) *gEntry {
		g := &gEntry{uid: uidOf[e.ID], oldID: e.ID, text: template(e.Text)}
		var ns []string
		for _, n := range e.Notes {
			g.notes = append(g.notes, gNote{n.Kind, n.Label, template(n.Text)})
			ns = append(ns, n.Kind+n.Label+": "+n.Text)
		}
		g.content = textnorm.Fold(e.Text) + "\x00" + textnorm.Fold(strings.Join(ns, "\n"))
		ed.common[g.content]++
		if _, dup := ed.byUID[g.uid]; dup {
			g.uid = ed.nextUID // a duplicate id: its own identity
			ed.nextUID++
		}
		ed.byUID[g.uid] = g
		ed.alive[g.uid] = true
		for k := range e.Children {
			g.children = append(g.children, conv(&e.Children[k]))
		}
		return g
	}
	for _, it := range a.Items {
		for _, grp := range it.Groups {
			l := &gList{entries: new([]*gEntry), depth: 1, item: it.Number, group: grp.Letter}
			for k := range grp.Entries {
				*l.entries = append(*l.entries, conv(&grp.Entries[k]))
			}
			ed.groups = append(ed.groups, l)
		}
	}
	ed.defs = append([]model.Definition(nil), a.Definitions...)
	return ed
}

// lists returns every list of entries: the groups and every live entry's
// children, in document order.
func (ed *editor) lists() []*gList {
	var out []*gList
	var walk func(l *gList)
	walk = func(l *gList) {
		out = append(out, l)
		for _, e := range *l.entries {
			walk(&gList{entries: &e.children, depth: l.depth + 1, item: l.item, group: l.group, owner: e})
		}
	}
	for _, g := range ed.groups {
		walk(g)
	}
	return out
}

// entries returns every live entry with the list it is in and its index.
func (ed *editor) entries() []struct {
	e *gEntry
	l *gList
	i int
} {
	var out []struct {
		e *gEntry
		l *gList
		i int
	}
	for _, l := range ed.lists() {
		for i, e := range *l.entries {
			out = append(out, struct {
				e *gEntry
				l *gList
				i int
			}{e, l, i})
		}
	}
	return out
}

func (ed *editor) once() {
	switch ed.rng.IntN(12) {
	case 0, 1:
		ed.insert()
	case 2:
		ed.delete()
	case 3:
		ed.move(false)
	case 4:
		ed.move(true)
	case 5, 6:
		ed.reword()
	case 7:
		ed.threshold()
	case 8:
		ed.editorial()
	case 9:
		ed.note()
	case 10:
		ed.definition()
	case 11:
		ed.insert()
	}
}

// insert adds a fresh entry in the middle (or at the end) of a list.
func (ed *editor) insert() {
	ls := ed.lists()
	l := ls[ed.rng.IntN(len(ls))]
	if ed.shrunk[l.entries] || l.depth > 4 {
		return
	}
	pos := len(*l.entries)
	if pos > 0 {
		pos = ed.rng.IntN(pos + 1)
	}
	ed.phr.ids = nil
	e := &gEntry{uid: ed.nextUID, text: ed.phr.entryText(l.item, l.depth, false, pos == len(*l.entries))}
	ed.nextUID++
	ed.byUID[e.uid] = e
	ed.alive[e.uid] = true
	s := *l.entries
	s = append(s[:pos], append([]*gEntry{e}, s[pos:]...)...)
	*l.entries = s
	ed.grown[l.entries] = true
	ed.log = append(ed.log, fmt.Sprintf("insert %q at %d of %s", e.text, pos, ed.listName(l)))
}

func (ed *editor) listName(l *gList) string {
	if l.owner != nil {
		return "children of uid " + strconv.Itoa(l.owner.uid) + " (old " + l.owner.oldID + ")"
	}
	return model.GroupID(l.item, l.group)
}

// delete removes an entry with its sub-entries.
func (ed *editor) delete() {
	es := ed.entries()
	if len(es) == 0 {
		return
	}
	x := es[ed.rng.IntN(len(es))]
	if ed.grown[x.l.entries] || x.e.oldID == "" {
		return
	}
	s := *x.l.entries
	*x.l.entries = append(s[:x.i:x.i], s[x.i+1:]...)
	ed.shrunk[x.l.entries] = true
	ed.kill(x.e)
	ed.log = append(ed.log, "delete "+x.e.oldID)
}

func (ed *editor) kill(e *gEntry) {
	ed.alive[e.uid] = false
	for _, c := range e.children {
		ed.kill(c)
	}
}

// distinctive reports whether an entry's text can be told apart from every
// other: at least five distinct words, and its content unique.
func (ed *editor) distinctive(e *gEntry) bool {
	if e.oldID == "" || ed.common[e.content] != 1 {
		return false
	}
	words := make(map[string]bool)
	for _, w := range strings.FieldsFunc(strings.ToLower(e.text), func(r rune) bool { return !unicode.IsLetter(r) }) {
		words[w] = true
	}
	return len(words) >= 8
}

// move takes an entry to another group (across items too) or, within, to
// another place in its own list.
func (ed *editor) move(within bool) {
	es := ed.entries()
	if len(es) == 0 {
		return
	}
	x := es[ed.rng.IntN(len(es))]
	if !ed.distinctive(x.e) || ed.grown[x.l.entries] {
		return
	}
	if within {
		n := len(*x.l.entries)
		if n < 3 || ed.shrunk[x.l.entries] {
			return
		}
		to := ed.rng.IntN(n - 1)
		if to >= x.i {
			to++
		}
		s := append([]*gEntry(nil), *x.l.entries...)
		s = append(s[:x.i], s[x.i+1:]...)
		s = append(s[:to], append([]*gEntry{x.e}, s[to:]...)...)
		*x.l.entries = s
		ed.grown[x.l.entries], ed.shrunk[x.l.entries] = true, true
		ed.log = append(ed.log, fmt.Sprintf("move %s to place %d of its list", x.e.oldID, to))
		return
	}
	var targets []*gList
	for _, g := range ed.groups {
		if g.entries != x.l.entries && !ed.shrunk[g.entries] {
			targets = append(targets, g)
		}
	}
	if len(targets) == 0 {
		return
	}
	t := targets[ed.rng.IntN(len(targets))]
	s := *x.l.entries
	*x.l.entries = append(s[:x.i:x.i], s[x.i+1:]...)
	ed.shrunk[x.l.entries] = true
	pos := ed.rng.IntN(len(*t.entries) + 1)
	ts := *t.entries
	*t.entries = append(ts[:pos:pos], append([]*gEntry{x.e}, ts[pos:]...)...)
	ed.grown[t.entries] = true
	ed.log = append(ed.log, fmt.Sprintf("move %s to place %d of %s", x.e.oldID, pos, ed.listName(t)))
}

// contentTarget picks a live entry without a content edit yet.
func (ed *editor) contentTarget() *gEntry {
	es := ed.entries()
	if len(es) == 0 {
		return nil
	}
	e := es[ed.rng.IntN(len(es))].e
	if e.edited || e.oldID == "" {
		return nil
	}
	return e
}

// wordSpans returns the byte spans of the plain words of a template: letters
// only, outside quotes and reference placeholders.
func wordSpans(s string) [][2]int {
	var out [][2]int
	inDouble, inSingle := false, false
	for i := 0; i < len(s); {
		r := rune(s[i])
		switch {
		case r == '"':
			inDouble = !inDouble
			i++
		case r == '\'' && (i == 0 || !unicode.IsLetter(rune(s[i-1]))):
			inSingle = !inSingle
			i++
		case r == '\x01':
			j := strings.IndexByte(s[i:], '\x02')
			if j < 0 {
				return out
			}
			i += j + 1
		case r < 0x80 && unicode.IsLetter(r):
			j := i
			for j < len(s) && s[j] < 0x80 && (unicode.IsLetter(rune(s[j])) || s[j] == '-') {
				j++
			}
			// whole words only: not glued to digits or other letters
			okL := i == 0 || !(unicode.IsDigit(rune(s[i-1])) || s[i-1] >= 0x80)
			okR := j == len(s) || !(unicode.IsDigit(rune(s[j])) || s[j] >= 0x80 || s[j] == '\'')
			if !inDouble && !inSingle && okL && okR && !strings.Contains(s[i:j], "-") {
				out = append(out, [2]int{i, j})
			}
			i = j
		default:
			i++
		}
	}
	return out
}

// reword replaces one or two words of an entry's text.
func (ed *editor) reword() {
	e := ed.contentTarget()
	if e == nil {
		return
	}
	spans := wordSpans(e.text)
	var cands [][2]int
	for _, sp := range spans {
		w := e.text[sp[0]:sp[1]]
		if len(w) >= 4 && strings.ToLower(w) == w {
			cands = append(cands, sp)
		}
	}
	if len(spans) < 8 || len(cands) == 0 {
		return
	}
	n := 1 + ed.rng.IntN(min(2, len(cands)))
	text := e.text
	// replace from the end so spans stay valid
	picked := ed.rng.Perm(len(cands))[:n]
	sort.Sort(sort.Reverse(sort.IntSlice(picked)))
	for _, k := range picked {
		sp := cands[k]
		old := text[sp[0]:sp[1]]
		w := ed.phr.pick(replacements)
		if w == old || diff.SpellingVariants(w, old) {
			return
		}
		text = text[:sp[0]] + w + text[sp[1]:]
	}
	e.text = text
	e.edited, e.substantive = true, true
	ed.log = append(ed.log, "reword "+e.oldID+": "+text)
}

// threshold changes the number of one quantity of an entry's text.
func (ed *editor) threshold() {
	e := ed.contentTarget()
	if e == nil {
		return
	}
	ms := diff.Measures(e.text)
	if len(ms) == 0 {
		return
	}
	m := ms[ed.rng.IntN(len(ms))]
	for _, o := range ms {
		if o.Start != m.Start && o.Unit == m.Unit && o.Value == m.Value {
			return // the same quantity twice: which one changed is ambiguous
		}
	}
	if strings.ContainsAny(m.Text, "×^") {
		return
	}
	num := m.Text
	if i := strings.IndexByte(num, ' '); i >= 0 {
		num = num[:i]
	}
	plain := strings.ReplaceAll(num, ",", "")
	dec := 0
	if i := strings.IndexByte(plain, '.'); i >= 0 {
		dec = len(plain) - i - 1
	}
	v, err := strconv.ParseFloat(plain, 64)
	if err != nil || v == 0 {
		return
	}
	factors := []float64{0.5, 0.8, 1.25, 1.5, 2}
	nv := v * factors[ed.rng.IntN(len(factors))]
	nnum := strconv.FormatFloat(nv, 'f', dec, 64)
	if p, _ := strconv.ParseFloat(nnum, 64); p == v {
		return
	}
	nv, _ = strconv.ParseFloat(nnum, 64)
	newText := nnum + m.Text[len(num):]
	e.text = e.text[:m.Start] + newText + e.text[m.Start+len(m.Text):]
	q := diff.Quantity{Old: m.Text, New: newText}
	switch {
	case m.Bound == diff.Lower && nv < v, m.Bound == diff.Upper && nv > v:
		q.Direction = diff.Wider
	case m.Bound != diff.Unbounded:
		q.Direction = diff.Narrower
	}
	e.quantities = []diff.Quantity{q}
	e.edited, e.substantive = true, true
	ed.log = append(ed.log, fmt.Sprintf("threshold %s: %s → %s", e.oldID, m.Text, newText))
}

// spellingPairs are variants that package diff treats as one word.
var spellingPairs = map[string]string{
	"programme": "program", "centre": "center", "litres": "liters", "metres": "meters",
	"modelling": "modeling", "colour": "color", "fibre": "fiber", "behaviour": "behavior",
	"ruggedised": "ruggedized", "oxidiser": "oxidizer", "analogue": "analog", "armoured": "armored",
}

// editorial makes a change that does not move the control boundary: a
// spelling variant, the letter case of a word, or the list punctuation.
func (ed *editor) editorial() {
	e := ed.contentTarget()
	if e == nil {
		return
	}
	text := e.text
	spans := wordSpans(text)
	switch ed.rng.IntN(3) {
	case 0:
		for _, sp := range spans {
			w := strings.ToLower(text[sp[0]:sp[1]])
			for from, to := range spellingPairs {
				if w == from && text[sp[0]:sp[1]] == w {
					text = text[:sp[0]] + to + text[sp[1]:]
					break
				}
			}
			if text != e.text {
				break
			}
		}
	case 1:
		if len(spans) > 2 {
			sp := spans[1+ed.rng.IntN(len(spans)-1)]
			w := text[sp[0]:sp[1]]
			if len(w) >= 4 {
				r := rune(w[0])
				if unicode.IsUpper(r) {
					w = string(unicode.ToLower(r)) + w[1:]
				} else {
					w = string(unicode.ToUpper(r)) + w[1:]
				}
				text = text[:sp[0]] + w + text[sp[1]:]
			}
		}
	case 2:
		switch {
		case strings.HasSuffix(text, "; or"), strings.HasSuffix(text, "; and"):
			text = text[:strings.LastIndexByte(text, ';')+1]
		case strings.HasSuffix(text, ";"):
			text += ed.phr.pick([]string{" or", " and"})
		case strings.HasSuffix(text, "\x02.") || strings.HasSuffix(text, ".A.") || strings.HasSuffix(text, ".B."):
			text += ";" // "specified in 1.A." → "specified in 1.A.;"
		case strings.HasSuffix(text, "."):
			text = strings.TrimSuffix(text, ".") + ";"
		}
	}
	if text == e.text {
		return
	}
	e.text = text
	e.edited = true
	ed.log = append(ed.log, "editorial "+e.oldID+": "+text)
}

// note adds a note to an entry or rewords one of its notes.
func (ed *editor) note() {
	e := ed.contentTarget()
	if e == nil {
		return
	}
	if len(e.notes) > 0 && ed.rng.IntN(2) == 0 {
		k := ed.rng.IntN(len(e.notes))
		spans := wordSpans(e.notes[k].text)
		var cands [][2]int
		for _, sp := range spans {
			if w := e.notes[k].text[sp[0]:sp[1]]; len(w) >= 4 && strings.ToLower(w) == w {
				cands = append(cands, sp)
			}
		}
		if len(cands) == 0 {
			return
		}
		sp := cands[ed.rng.IntN(len(cands))]
		w := ed.phr.pick(replacements)
		if w == e.notes[k].text[sp[0]:sp[1]] {
			return
		}
		e.notes = append([]gNote(nil), e.notes...)
		e.notes[k].text = e.notes[k].text[:sp[0]] + w + e.notes[k].text[sp[1]:]
		ed.log = append(ed.log, "reword note of "+e.oldID)
	} else {
		self := "\x01" + strconv.Itoa(e.uid) + "\x02"
		n := gNote{kind: model.KindNote, text: self + ". does not control " + strings.ToLower(ed.phr.subject()) + " designed for civil use."}
		if len(e.notes) > 0 {
			return // keep labels simple: only lone notes are added
		}
		e.notes = []gNote{n}
		ed.log = append(ed.log, "add note to "+e.oldID)
	}
	e.edited, e.substantive = true, true
}

// definition rewords a definition.
func (ed *editor) definition() {
	if len(ed.defs) == 0 {
		return
	}
	k := ed.rng.IntN(len(ed.defs))
	if ed.defEd[k] {
		return
	}
	d := ed.defs[k]
	spans := wordSpans(d.Text)
	var cands [][2]int
	for _, sp := range spans {
		if w := d.Text[sp[0]:sp[1]]; len(w) >= 4 && strings.ToLower(w) == w {
			cands = append(cands, sp)
		}
	}
	if len(cands) == 0 {
		return
	}
	sp := cands[ed.rng.IntN(len(cands))]
	w := ed.phr.pick(replacements)
	if w == d.Text[sp[0]:sp[1]] || diff.SpellingVariants(w, d.Text[sp[0]:sp[1]]) {
		return
	}
	d.Text = d.Text[:sp[0]] + w + d.Text[sp[1]:]
	ed.defs[k] = d
	ed.defEd[k] = true
	ed.log = append(ed.log, "reword definition "+d.Term)
}

// result renders the edited annex and the expected changes.
func (ed *editor) result() Edited {
	newID := make(map[int]string)
	var number func(l []*gEntry, pid string, depth int)
	number = func(l []*gEntry, pid string, depth int) {
		for i, e := range l {
			id := pid + "." + model.Marker(depth, i+1)
			newID[e.uid] = id
			number(e.children, id, depth+1)
		}
	}
	for _, g := range ed.groups {
		number(*g.entries, model.GroupID(g.item, g.group), 1)
	}
	render := func(s string) string {
		return placeRE.ReplaceAllStringFunc(s, func(m string) string {
			u, _ := strconv.Atoi(m[1 : len(m)-1])
			if id, ok := newID[u]; ok && ed.alive[u] {
				return id
			}
			return ed.byUID[u].oldID
		})
	}
	var build func(e *gEntry) model.Entry
	build = func(e *gEntry) model.Entry {
		me := model.Entry{ID: newID[e.uid], Text: render(e.text), Notes: []model.Note{}, Children: []model.Entry{}}
		for _, n := range e.notes {
			me.Notes = append(me.Notes, model.Note{Kind: n.kind, Label: n.label, Text: render(n.text)})
		}
		for _, c := range e.children {
			me.Children = append(me.Children, build(c))
		}
		return me
	}
	out := &model.Annex{Schema: ed.old.Schema, Meta: ed.old.Meta, Definitions: ed.defs}
	out.Meta.DocID += " (edited)"
	gi := 0
	for _, it := range ed.old.Items {
		nit := it
		nit.Groups = nil
		for _, grp := range it.Groups {
			ng := grp
			ng.Entries = []model.Entry{}
			for _, e := range *ed.groups[gi].entries {
				ng.Entries = append(ng.Entries, build(e))
			}
			gi++
			nit.Groups = append(nit.Groups, ng)
		}
		if nit.Groups == nil {
			nit.Groups = []model.Group{}
		}
		out.Items = append(out.Items, nit)
	}

	// Expected changes, from the identities.
	oldNodes := make(map[int]model.Node)
	var changes []diff.Change
	newIdx := out.Index()
	itemOf := func(n model.Node) (int, string) { return n.Item.Number, n.Item.Category }
	oldIdx := ed.old.Index()
	for uid, e := range ed.byUID {
		if e.oldID != "" {
			oldNodes[uid] = oldIdx[e.oldID]
		}
	}
	uids := make([]int, 0, len(ed.byUID))
	for u := range ed.byUID {
		uids = append(uids, u)
	}
	sort.Ints(uids)
	for _, u := range uids {
		e := ed.byUID[u]
		switch {
		case e.oldID == "" && ed.alive[u]:
			c := diff.Change{Target: diff.TargetEntry, Kind: diff.Added, NewID: newID[u]}
			c.Item, c.Category = itemOf(newIdx[newID[u]])
			changes = append(changes, c)
		case e.oldID != "" && !ed.alive[u]:
			c := diff.Change{Target: diff.TargetEntry, Kind: diff.Removed, OldID: e.oldID}
			c.Item, c.Category = itemOf(oldNodes[u])
			changes = append(changes, c)
		case e.oldID != "":
			on, nn := oldNodes[u], newIdx[newID[u]]
			c := diff.Change{Target: diff.TargetEntry, OldID: e.oldID, NewID: newID[u]}
			c.Item, c.Category = itemOf(nn)
			if textnorm.Fold(on.Entry.Text) != textnorm.Fold(nn.Entry.Text) {
				c.Fields = append(c.Fields, diff.FieldText)
				c.Quantities = e.quantities
			}
			if !sameNotes(on.Entry.Notes, nn.Entry.Notes) {
				c.Fields = append(c.Fields, diff.FieldNotes)
			}
			c.Editorial = len(c.Fields) > 0 && !e.substantive
			if on.Item.Number != nn.Item.Number && on.Item.Category != nn.Item.Category {
				c.Fields = append(c.Fields, diff.FieldCategory)
				c.OldCategory, c.NewCategory = on.Item.Category, nn.Item.Category
				c.Editorial = false
			}
			switch {
			case c.OldID != c.NewID:
				c.Kind = diff.Renumbered
				if c.Fields == nil {
					c.Fields = []string{}
				}
			case len(c.Fields) > 0:
				c.Kind = diff.Modified
			default:
				continue
			}
			changes = append(changes, c)
		}
	}
	for k := range ed.defs {
		if ed.defEd[k] {
			changes = append(changes, diff.Change{Target: diff.TargetDefinition, Kind: diff.Modified, Term: ed.defs[k].Term, Fields: []string{diff.FieldText}})
		}
	}
	return Edited{Annex: out, Changes: changes, Log: ed.log}
}

func sameNotes(a, b []model.Note) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].Kind != b[i].Kind || a[i].Label != b[i].Label || textnorm.Fold(a[i].Text) != textnorm.Fold(b[i].Text) {
			return false
		}
	}
	return true
}
