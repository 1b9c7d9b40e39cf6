package xlsx

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/annex-tools/annex/internal/limits"
	"github.com/annex-tools/annex/internal/textnorm"
	"github.com/annex-tools/annex/model"
	"github.com/annex-tools/annex/parse/internal/grammar"
)

type parser struct {
	f        *excelize.File
	opt      Options
	cols     map[string]int  // user overrides, 0-based
	formulas *bool           // cached hasFormulas
	cells    *limits.Counter // cells read, against limits.Cells

	sheet string         // the entries sheet
	roles map[string]int // column of each role in the entries sheet

	items    map[int]*itemB
	entries  map[string]*nodeB
	category string // from a "CATEGORY II" row
	last     any    // *itemB, *groupB or *nodeB of the row above, for continuation rows

	// Rows that may be a footer below the table ("Source: …" in the number
	// column, or text after a blank row): held back, and applied (or their
	// error returned) only if a numbered row follows them.
	blank   bool           // a blank row since the last numbered row
	pending []func() error // held-back rows, in order
}

type itemB struct {
	number   int
	category string
	title    []string
	groups   map[string]*groupB
	cell     string // where the item row is; "" when implied by its entries
	firstCat string // the first category given on a row of the item
}

type groupB struct {
	letter  string
	title   []string
	notes   []string // notes printed under the heading (EU lists)
	entries []*nodeB
	cell    string
}

type nodeB struct {
	id    string
	text  []string
	notes []string
	kids  []*nodeB
	cell  string
}

func (p *parser) parse() (*model.Annex, error) {
	sheets := p.f.GetSheetList()
	if len(sheets) == 0 {
		return nil, fmt.Errorf("%w: the workbook has no sheets", ErrNoSheet)
	}
	candidates := sheets
	if p.opt.Sheet != "" {
		s, ok := findSheet(sheets, p.opt.Sheet)
		if !ok {
			return nil, fmt.Errorf("%w %q; the workbook has %s", ErrNoSheet, p.opt.Sheet, quoteAll(sheets))
		}
		candidates = []string{s}
	}

	// Find the entries sheet and its header.
	var (
		firstHead [][]string
		headerRow = -1
	)
	for _, s := range candidates {
		rows, err := p.head(s)
		if err != nil {
			return nil, err
		}
		if firstHead == nil {
			firstHead = rows
		}
		if i, roles := findHeader(rows, entrySynonyms, roleID, roleText); i >= 0 {
			p.sheet, headerRow, p.roles = s, i, roles
			break
		}
	}
	_, userID := p.cols[roleID]
	_, userText := p.cols[roleText]
	if p.sheet == "" && !(userID && userText) {
		// Header words unknown: find the roles from the content.
		for _, s := range candidates {
			rows, err := p.head(s)
			if err != nil {
				return nil, err
			}
			i, roles, ok, err := p.inferColumns(rows)
			if err != nil {
				return nil, &Error{Sheet: s, Err: err}
			}
			if ok {
				p.sheet, headerRow, p.roles = s, i, roles
				break
			}
		}
	}
	if p.sheet == "" {
		_, hasID := p.cols[roleID]
		_, hasText := p.cols[roleText]
		if !hasID || !hasText {
			return nil, &Error{Sheet: candidates[0], Err: fmt.Errorf(
				"%w in the first %d rows (saw %s); use --columns id=B,text=D,notes=E",
				ErrNoHeader, headerScanRows, describeList(headerLike(firstHead), 12))}
		}
		p.sheet, p.roles = candidates[0], map[string]int{}
	}
	for role, col := range p.cols {
		p.roles[role] = col
	}

	a := &model.Annex{Schema: model.Schema}
	if err := p.readEntries(headerRow, &a.Meta); err != nil {
		return nil, err
	}
	a.Items = p.build()
	defs, err := p.readDefinitions(sheets)
	if err != nil {
		return nil, err
	}
	a.Definitions = defs
	return a, nil
}

// findHeader returns the index of the first row among rows that names the
// required roles, and the column of every role it names.
func findHeader(rows [][]string, synonyms map[string]string, required ...string) (int, map[string]int) {
	for i, row := range rows {
		roles := matchHeader(row, synonyms)
		ok := true
		for _, r := range required {
			if _, has := roles[r]; !has {
				ok = false
			}
		}
		if ok {
			return i, roles
		}
	}
	return -1, nil
}

func findSheet(sheets []string, name string) (string, bool) {
	for _, s := range sheets {
		if s == name {
			return s, true
		}
	}
	for _, s := range sheets {
		if strings.EqualFold(s, name) {
			return s, true
		}
	}
	return "", false
}

func quoteAll(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = strconv.Quote(s)
	}
	return strings.Join(q, ", ")
}

// readEntries reads the entries sheet. headerRow is the 0-based index of the
// header row, or -1 when the columns were given and no header was found; then
// the rows above the first numbered row are title rows.
func (p *parser) readEntries(headerRow int, meta *model.Meta) error {
	p.items = make(map[int]*itemB)
	p.entries = make(map[string]*nodeB)
	var title [][]string
	started := false
	return p.sheetRows(p.sheet, func(row int, cells []string) (bool, error) {
		if !started {
			if headerRow >= 0 && row-1 < headerRow {
				title = append(title, cells)
				return true, nil
			}
			if headerRow >= 0 && row-1 == headerRow {
				started = true
				p.readMeta(title, meta)
				return true, nil
			}
			// No header: the data starts at the first row with a number.
			if _, ok := p.classify(strings.TrimSpace(p.value(cells, roleID, row))); !ok {
				title = append(title, cells)
				return true, nil
			}
			started = true
			p.readMeta(title, meta)
		}
		return true, p.row(row, cells)
	})
}

// value returns the text of the cell of a role in a row: its value, or its
// formula text when it holds a formula without a cached value.
func (p *parser) value(cells []string, role string, row int) string {
	col, ok := p.roles[role]
	if !ok {
		return ""
	}
	if col >= len(cells) {
		return "" // no such cell in the row, formula or not
	}
	if cells[col] != "" {
		return cells[col]
	}
	if role != roleCategory && p.hasFormulas() {
		if fx, err := p.f.GetCellFormula(p.sheet, cellName(col, row)); err == nil && fx != "" {
			return "=" + fx
		}
	}
	return ""
}

// rowKind is what the number cell of a row says the row is.
type rowKind struct {
	item     int      // item number, for item rows
	isItem   bool     // an item row (item 0 is a category of the EU list)
	id       model.ID // group or entry id
	category string   // for "CATEGORY II" rows
	title    string   // an item title given in the number cell ("ITEM 3 PROPULSION")
}

var itemNumberRE = regexp.MustCompile(`^(?i:item\s*)?([0-9]{1,3})\.?$`)

// classify tells what a number cell holds.
func (p *parser) classify(v string) (rowKind, bool) {
	v = textnorm.Clean(v)
	if v == "" {
		return rowKind{}, false
	}
	if m := itemNumberRE.FindStringSubmatch(v); m != nil {
		n, _ := strconv.Atoi(m[1])
		return rowKind{item: n, isItem: true}, true
	}
	if id, err := model.ParseID(v); err == nil {
		return rowKind{id: id}, true
	}
	for _, s := range model.Schemes {
		// "ITEM 3 …", "Category 9: AEROSPACE AND PROPULSION"
		if n, title, ok := grammar.For(s).ItemHead(v); ok && s.ItemPrefix == "" {
			return rowKind{item: n, title: title, isItem: true}, true
		}
	}
	if c, ok := grammar.CategoryHead(v); ok {
		return rowKind{category: c}, true
	}
	return rowKind{}, false
}

// row reads one row below the header. A row whose number cell holds no
// entry number, and a row of text after a blank row, may be a footer below
// the table: such rows are held back and take effect (a continuation, or an
// error naming the cell) only when a numbered row follows; at the end of the
// sheet they are left out.
func (p *parser) row(row int, cells []string) error {
	idv := strings.TrimSpace(p.value(cells, roleID, row))
	text := p.value(cells, roleText, row)
	notes := p.value(cells, roleNotes, row)
	cat := normCategory(p.value(cells, roleCategory, row))
	idCell := cellName(p.roles[roleID], row)

	if idv == "" {
		clean := textnorm.Clean(text)
		if clean == "" && strings.TrimSpace(notes) == "" {
			p.blank = true
			return nil // blank row, or a row with a category only
		}
		// The number may be printed in the text column.
		if c, ok := grammar.CategoryHead(clean); ok {
			p.category = c
			return nil
		}
		if n, title, ok := grammar.ItemHead(clean); ok {
			return p.numbered(func() error { return p.itemRow(n, title, cat, idCell) })
		}
		if id, rest, ok := grammar.EntryHead(clean); ok {
			pid, _ := model.ParseID(id)
			return p.numbered(func() error { return p.entryRow(pid, rest, notes, cat, idCell) })
		}
		if p.blank || len(p.pending) > 0 {
			p.pending = append(p.pending, func() error { p.continuation(text, notes); return nil })
			return nil
		}
		p.continuation(text, notes)
		return nil
	}

	k, ok := p.classify(idv)
	if !ok {
		// "2.A.1. Text" in one column.
		if id, rest, ok := grammar.EntryHead(textnorm.Clean(idv)); ok && textnorm.Clean(text) == "" {
			pid, _ := model.ParseID(id)
			return p.numbered(func() error { return p.entryRow(pid, rest, notes, cat, idCell) })
		}
		err := &Error{Sheet: p.sheet, Cell: idCell, Err: fmt.Errorf("%s is %w", grammar.Describe(idv), model.ErrBadID)}
		if !isProse(idv) || (len(p.entries) == 0 && len(p.items) == 0) {
			return err // a damaged number, or nothing read yet: not a footer
		}
		p.pending = append(p.pending, func() error { return err })
		return nil
	}
	return p.numbered(func() error { return p.numberRow(k, text, notes, cat, idCell) })
}

// isProse reports whether a number cell holds words ("Source: MTCR
// Secretariat") rather than a damaged number ("x.y", "1.Z.1."): only words
// may be a footer.
func isProse(v string) bool {
	r, _ := utf8.DecodeRuneInString(v)
	return unicode.IsLetter(r) && strings.ContainsRune(strings.TrimSpace(v), ' ')
}

// numbered applies the rows held back, then the numbered row read.
func (p *parser) numbered(read func() error) error {
	for _, f := range p.pending {
		if err := f(); err != nil {
			return err
		}
	}
	p.pending, p.blank = nil, false
	return read()
}

// numberRow reads a row whose number cell classify understood.
func (p *parser) numberRow(k rowKind, text, notes, cat, idCell string) error {
	switch {
	case k.category != "":
		p.category = k.category
		return nil
	case k.isItem:
		if textnorm.Clean(text) == "" {
			text = k.title
		}
		return p.itemRow(k.item, text, cat, idCell)
	case len(k.id.Segs) == 2:
		return p.groupRow(k.id, text, notes, cat, idCell)
	}
	return p.entryRow(k.id, text, notes, cat, idCell)
}

func (p *parser) item(n int, cat string) *itemB {
	it := p.items[n]
	if it == nil {
		it = &itemB{number: n, groups: make(map[string]*groupB)}
		p.items[n] = it
	}
	if it.firstCat == "" {
		it.firstCat = cat
	}
	return it
}

func (p *parser) group(n int, letter, cat string) *groupB {
	it := p.item(n, cat)
	g := it.groups[letter]
	if g == nil {
		g = &groupB{letter: letter}
		it.groups[letter] = g
	}
	return g
}

func (p *parser) itemRow(n int, title, cat, cell string) error {
	it := p.item(n, cat)
	if it.cell != "" {
		return &Error{Sheet: p.sheet, Cell: cell, Err: fmt.Errorf("item %d again (first at %s)", n, it.cell)}
	}
	it.cell = cell
	it.category = cat
	if it.category == "" {
		it.category = p.category
	}
	it.title = []string{title}
	p.last = it
	return nil
}

func (p *parser) groupRow(id model.ID, title, notes, cat, cell string) error {
	g := p.group(id.Item(), id.Group(), cat)
	if g.cell != "" {
		return &Error{Sheet: p.sheet, Cell: cell, Err: fmt.Errorf("group %s again (first at %s)", id, g.cell)}
	}
	g.cell = cell
	if it := p.items[id.Item()]; id.Group() == "" && it != nil && len(it.title) == 0 {
		// A list without product groups ("ML10"): the row is the item's
		// heading.
		it.title = []string{title}
		p.last = it
		g.notes = append(g.notes, notes)
		return nil
	}
	if !grammar.IsNone(title) {
		g.title = []string{title}
	}
	g.notes = append(g.notes, notes)
	p.last = g
	return nil
}

func (p *parser) entryRow(id model.ID, text, notes, cat, cell string) error {
	key := id.String()
	if prev := p.entries[key]; prev != nil {
		return &Error{Sheet: p.sheet, Cell: cell, Err: fmt.Errorf("entry %s again (first at %s)", key, prev.cell)}
	}
	n := &nodeB{id: key, text: []string{text}, notes: []string{notes}, cell: cell}
	if id.Depth() == 1 {
		g := p.group(id.Item(), id.Group(), cat)
		g.entries = append(g.entries, n)
	} else {
		parent := p.entries[id.Parent().String()]
		if parent == nil {
			return &Error{Sheet: p.sheet, Cell: cell, Err: fmt.Errorf("entry %s comes before its parent %s", key, id.Parent())}
		}
		p.item(id.Item(), cat)
		parent.kids = append(parent.kids, n)
	}
	p.entries[key] = n
	p.last = n
	return nil
}

// continuation adds a row without a number to the row above it: more text
// and notes of an entry, or more of an item or group title. A group's "None."
// is dropped; rows above the first numbered row are ignored.
func (p *parser) continuation(text, notes string) {
	switch l := p.last.(type) {
	case *nodeB:
		l.text = append(l.text, text)
		l.notes = append(l.notes, notes)
	case *groupB:
		if !grammar.IsNone(text) {
			l.title = append(l.title, text)
		}
		l.notes = append(l.notes, notes)
	case *itemB:
		l.title = append(l.title, text)
	}
}

// build turns what was read into model items: items by number, groups by
// letter, entries in sheet order.
func (p *parser) build() []model.Item {
	nums := make([]int, 0, len(p.items))
	for n := range p.items {
		nums = append(nums, n)
	}
	sort.Ints(nums)
	out := make([]model.Item, 0, len(nums))
	for _, n := range nums {
		b := p.items[n]
		it := model.Item{Number: n, Category: b.category, Title: joinText(b.title)}
		if it.Category == "" {
			it.Category = b.firstCat
		}
		it.Reserved = grammar.IsReservedTitle(it.Title)
		letters := make([]string, 0, len(b.groups))
		for l := range b.groups {
			letters = append(letters, l)
		}
		sort.Strings(letters)
		for _, l := range letters {
			g := b.groups[l]
			mg := model.Group{Letter: l, Title: joinText(g.title), Entries: []model.Entry{}}
			mg.Notes = SplitNotes(strings.Join(g.notes, "\n"))
			for _, e := range g.entries {
				mg.Entries = append(mg.Entries, buildEntry(e))
			}
			it.Groups = append(it.Groups, mg)
		}
		if it.Groups == nil {
			it.Groups = []model.Group{}
		}
		out = append(out, it)
	}
	return out
}

func buildEntry(n *nodeB) model.Entry {
	e := model.Entry{
		ID:       n.id,
		Text:     joinText(n.text),
		Notes:    SplitNotes(strings.Join(n.notes, "\n")),
		Children: make([]model.Entry, 0, len(n.kids)),
	}
	if e.Notes == nil {
		e.Notes = []model.Note{}
	}
	for _, k := range n.kids {
		e.Children = append(e.Children, buildEntry(k))
	}
	return e
}

func joinText(parts []string) string {
	return textnorm.Clean(strings.Join(parts, " "))
}

// normCategory returns a category as a Roman numeral where it is one:
// "II", "2", "Cat. II" and "Category 2" all give "II".
func normCategory(v string) string {
	v = textnorm.Clean(v)
	if v == "" {
		return ""
	}
	if c, ok := grammar.CategoryHead(v); ok {
		return c
	}
	w := strings.TrimSpace(strings.TrimPrefix(strings.TrimPrefix(strings.ToLower(v), "cat."), "cat"))
	if c, ok := grammar.CategoryHead("Category " + strings.ToUpper(w)); ok {
		return c
	}
	return v
}
