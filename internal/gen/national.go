package gen

import (
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/annex-tools/annex/model"
)

// National is a national control list derived from an annex, in the manner
// of the EU dual-use list, with the true link table between the two and the
// differences planted in it.
type National struct {
	List         *model.Annex        // the national list: EU-style codes ("9A101.a.1"), decimal commas, thousands spaces
	Links        [][2]string         // every true link: national code, annex id
	Codes        map[string][]string // annex id → national codes that implement it
	NationalOnly []string            // national codes of the list's own, with no annex counterpart
	Missing      []string            // annex ids the national list leaves out (every node of each left-out entry)
	Lagging      []string            // national codes whose text is still that of the older revision
	OwnWording   []string            // national codes worded differently on purpose (substantive)
	Split        [2]string           // the national codes of one annex entry split over two entries
	Merged       string              // the national code of two annex entries merged into one
	Style        func(string) string // writes an annex text's numbers the national way
}

// categoryOf places an MTCR item in a category of the national list, as the
// EU list spreads them over its ten categories.
var categoryOf = map[int]int{1: 9, 2: 9, 3: 9, 4: 1, 6: 1, 9: 7, 10: 7, 11: 5, 12: 9, 13: 4, 14: 3, 15: 9, 16: 4, 17: 1, 18: 6, 19: 9, 20: 9}

var nationalGroupTitles = map[string]string{
	"A": "SYSTEMS, EQUIPMENT AND COMPONENTS", "B": "TEST, INSPECTION AND PRODUCTION EQUIPMENT",
	"C": "MATERIALS", "D": "SOFTWARE", "E": "TECHNOLOGY",
}

// nationalOwn are controls of the list's own (of another regime), placed
// ahead of the annex's entries in their groups.
var nationalOwn = []struct {
	cat         int
	group, text string
}{
	{9, "A", "Aero gas turbine engines incorporating any of the technologies controlled by 9E003, other than those certified for civil aircraft."},
	{7, "A", "Underwater sonar navigation systems using Doppler velocity or correlation velocity logs integrated with a heading source."},
	{1, "C", "Fluorinated silicone fluids having a viscosity of less than 5 000 mm2/s at 298 K and a flash point above 470 K."},
}

// NationalOptions choose what the derived list plants.
type NationalOptions struct {
	Older *model.Annex // when set, one entry keeps its text of this older revision
}

// NationalList derives a national list from annex (see National). The
// choice of planted differences depends on the annex only, so the same annex
// gives the same list.
func NationalList(annex *model.Annex, opt NationalOptions) National {
	d := &deriver{annex: annex, out: National{Codes: make(map[string][]string)}, seq: make(map[string]int)}
	d.plan(opt.Older)
	d.build(opt.Older)
	d.out.Style = nationalNumbers
	return d.out
}

type deriver struct {
	annex   *model.Annex
	out     National
	seq     map[string]int // next code number per category and group ("9A")
	missing map[string]bool
	split   string // annex id of the split entry
	merge   [2]string
	lagging string
	own     string
	code    map[string]string // top-level annex id → national code (first one for a split)
}

func topLevel(a *model.Annex) []model.Node {
	var out []model.Node
	a.Walk(func(n model.Node) bool {
		if n.Parent == nil {
			out = append(out, n)
		}
		return true
	})
	return out
}

// plan chooses the entries that carry the planted differences.
func (d *deriver) plan(older *model.Annex) {
	d.missing = make(map[string]bool)
	tops := topLevel(d.annex)
	var leavesInRow [][2]string
	for k := 1; k < len(tops); k++ {
		a, b := tops[k-1], tops[k]
		if a.Group == b.Group && len(a.Entry.Children) == 0 && len(b.Entry.Children) == 0 && len(strings.Fields(a.Entry.Text)) >= 6 && len(strings.Fields(b.Entry.Text)) >= 6 {
			leavesInRow = append(leavesInRow, [2]string{a.Entry.ID, b.Entry.ID})
		}
	}
	if len(leavesInRow) > 0 {
		d.merge = leavesInRow[len(leavesInRow)/2]
	}
	for _, n := range tops {
		if len(n.Entry.Children) >= 4 && d.split == "" && n.Entry.ID != d.merge[0] && n.Entry.ID != d.merge[1] {
			d.split = n.Entry.ID
		}
	}
	// Two entries left out: the last top-level entries of two groups.
	var left []string
	for k := len(tops) - 1; k > 0 && len(left) < 2; k -= 7 {
		id := tops[k].Entry.ID
		if id != d.split && id != d.merge[0] && id != d.merge[1] {
			left = append(left, id)
		}
	}
	for _, id := range left {
		n := d.annex.Find(id)
		var mark func(e *model.Entry)
		mark = func(e *model.Entry) {
			d.missing[e.ID] = true
			d.out.Missing = append(d.out.Missing, e.ID)
			for k := range e.Children {
				mark(&e.Children[k])
			}
		}
		mark(n)
	}
	busy := func(id string) bool {
		for _, x := range []string{d.split, d.merge[0], d.merge[1]} {
			if x != "" && (id == x || strings.HasPrefix(id, x+".")) {
				return true
			}
		}
		return d.missing[id]
	}
	if older != nil {
		oi := older.Index()
		d.annex.Walk(func(n model.Node) bool {
			o, ok := oi[n.Entry.ID]
			if d.lagging == "" && ok && !busy(n.Entry.ID) && o.Entry.Text != n.Entry.Text && sameWords(o.Entry.Text, n.Entry.Text) &&
				strings.Join(digitsRE.FindAllString(o.Entry.Text, -1), " ") != strings.Join(digitsRE.FindAllString(n.Entry.Text, -1), " ") {
				d.lagging = n.Entry.ID
			}
			return true
		})
	}
	k := 0
	d.annex.Walk(func(n model.Node) bool {
		if !busy(n.Entry.ID) && n.Entry.ID != d.lagging && len(strings.Fields(n.Entry.Text)) >= 10 && len(n.Entry.Children) == 0 {
			k++
			if k == 5 {
				d.own = n.Entry.ID
				return false
			}
		}
		return true
	})
}

var digitsRE = regexp.MustCompile(`[0-9][0-9.,]*`)

// sameWords reports whether two texts are the same entry in two revisions:
// nearly the same words apart from the numbers.
func sameWords(a, b string) bool {
	wa := strings.Fields(digitsRE.ReplaceAllString(a, ""))
	wb := strings.Fields(digitsRE.ReplaceAllString(b, ""))
	in := make(map[string]bool)
	for _, w := range wa {
		in[w] = true
	}
	common := 0
	for _, w := range wb {
		if in[w] {
			common++
		}
	}
	return 10*common >= 9*max(len(wa), len(wb))
}

func (d *deriver) nextCode(cat int, group string, first int) string {
	key := fmt.Sprintf("%d%s", cat, group)
	if d.seq[key] < first {
		d.seq[key] = first
	}
	c := fmt.Sprintf("%s%03d", key, d.seq[key])
	d.seq[key]++
	return c
}

// build writes the national list.
func (d *deriver) build(older *model.Annex) {
	// Codes first, so that cross references can be translated.
	d.code = make(map[string]string)
	var split2 string
	for _, n := range topLevel(d.annex) {
		id := n.Entry.ID
		if d.missing[id] || id == d.merge[1] {
			continue
		}
		cat := categoryOf[n.Item.Number]
		if cat == 0 {
			cat = n.Item.Number % 10
		}
		d.code[id] = d.nextCode(cat, n.Group.Letter, 101)
		if id == d.split {
			split2 = d.nextCode(cat, n.Group.Letter, 101)
		}
	}
	if d.merge[1] != "" {
		d.code[d.merge[1]] = d.code[d.merge[0]]
	}
	half := 0
	if d.split != "" {
		half = (len(d.annex.Find(d.split).Children) + 1) / 2
		d.out.Split = [2]string{d.code[d.split], split2}
	}
	// The national id of every annex node.
	natID := func(annexID string) []string {
		top := annexID
		for p, err := model.ParseID(annexID); err == nil && p.Depth() > 1; p = p.Parent() {
			top = p.Parent().String()
		}
		code, ok := d.code[top]
		if !ok || d.missing[annexID] {
			return nil
		}
		rest := strings.TrimPrefix(annexID, top)
		if top == d.split && rest != "" {
			segs := strings.Split(strings.TrimPrefix(rest, "."), ".")
			k := model.Ordinal(segs[0])
			if k > half {
				segs[0] = model.Marker(2, k-half)
				return []string{split2 + "." + strings.Join(segs, ".")}
			}
		}
		if annexID == d.split {
			return []string{code, split2}
		}
		return []string{code + rest}
	}
	d.annex.Walk(func(n model.Node) bool {
		for _, c := range natID(n.Entry.ID) {
			d.out.Codes[n.Entry.ID] = append(d.out.Codes[n.Entry.ID], c)
			d.out.Links = append(d.out.Links, [2]string{c, n.Entry.ID})
		}
		return true
	})

	// Entries.
	type placed struct {
		cat   int
		group string
		e     model.Entry
	}
	var entries []placed
	var olderIdx map[string]model.Node
	if older != nil {
		olderIdx = older.Index()
	}
	var conv func(e *model.Entry, code string) model.Entry
	conv = func(e *model.Entry, code string) model.Entry {
		text := e.Text
		if e.ID == d.lagging && olderIdx != nil {
			text = olderIdx[e.ID].Entry.Text
			d.out.Lagging = append(d.out.Lagging, code)
		}
		text = d.translate(text)
		if e.ID == d.own {
			text = strings.TrimRight(text, ".;:") + ", as defined by the national authority" + text[len(strings.TrimRight(text, ".;:")):]
			d.out.OwnWording = append(d.out.OwnWording, code)
		}
		out := model.Entry{ID: code, Text: text}
		for _, nt := range e.Notes {
			nt.Text = d.translate(nt.Text)
			out.Notes = append(out.Notes, nt)
		}
		for k := range e.Children {
			c := &e.Children[k]
			ids := natID(c.ID)
			if len(ids) == 0 {
				continue
			}
			out.Children = append(out.Children, conv(c, ids[0]))
		}
		return out
	}
	for _, n := range topLevel(d.annex) {
		id := n.Entry.ID
		code, ok := d.code[id]
		if !ok || id == d.merge[1] {
			continue
		}
		cat := int(code[0] - '0')
		e := conv(n.Entry, code)
		switch id {
		case d.split:
			full := e
			e.Children = full.Children[:half]
			second := model.Entry{ID: split2, Text: full.Text, Children: full.Children[half:]}
			entries = append(entries, placed{cat, n.Group.Letter, e}, placed{cat, n.Group.Letter, second})
			continue
		case d.merge[0]:
			b := d.annex.Find(d.merge[1])
			bt := d.translate(b.Text)
			e.Text = strings.TrimRight(e.Text, ".;") + "; and " + strings.ToLower(bt[:1]) + bt[1:]
			for _, nt := range b.Notes {
				nt.Text = d.translate(nt.Text)
				e.Notes = append(e.Notes, nt)
			}
			d.out.Merged = code
		}
		entries = append(entries, placed{cat, n.Group.Letter, e})
	}
	for _, o := range nationalOwn {
		code := d.nextCode(o.cat, o.group, 1)
		entries = append(entries, placed{o.cat, o.group, model.Entry{ID: code, Text: o.text}})
		d.out.NationalOnly = append(d.out.NationalOnly, code)
	}

	// Categories and groups, in order.
	list := &model.Annex{Schema: model.Schema, Meta: model.Meta{Regime: "EU", DocID: "NAT/" + d.annex.Meta.Date, Date: d.annex.Meta.Date,
		Title: "National control list", Source: model.Source{Name: "national.json", Format: "json"}},
		Definitions: append([]model.Definition(nil), d.annex.Definitions...)}
	sort.SliceStable(entries, func(i, j int) bool {
		if entries[i].cat != entries[j].cat {
			return entries[i].cat < entries[j].cat
		}
		return entries[i].e.ID < entries[j].e.ID
	})
	for _, p := range entries {
		if len(list.Items) == 0 || list.Items[len(list.Items)-1].Number != p.cat {
			list.Items = append(list.Items, model.Item{Number: p.cat, Title: fmt.Sprintf("CATEGORY %d", p.cat)})
		}
		it := &list.Items[len(list.Items)-1]
		if g := it.Group(p.group); g == nil {
			it.Groups = append(it.Groups, model.Group{Letter: p.group, Title: nationalGroupTitles[p.group]})
			sort.SliceStable(it.Groups, func(i, j int) bool { return it.Groups[i].Letter < it.Groups[j].Letter })
		}
		g := it.Group(p.group)
		g.Entries = append(g.Entries, p.e)
	}
	d.out.List = list
}

// annexRefRE finds the annex's cross references: "2.A.1.c.2." or "1.A.".
var annexRefRE = regexp.MustCompile(`\b[1-9][0-9]?\.[A-E]\.(?:[0-9a-z]{1,3}\.)*(?:[0-9a-z]{1,3}\b)?`)

func (d *deriver) translate(s string) string { return Translate(s, d.annex, d.out.Codes) }

// Translate writes a text of annex as a national list derived from it does:
// cross references as the national codes that codes gives for each annex id
// (a group reference as the codes of its top-level entries), joined with the
// word that joins them in the annex text, and numbers with decimal commas
// and thousands spaces.
func Translate(s string, annex *model.Annex, codes map[string][]string) string {
	tops := topLevel(annex)
	var b strings.Builder
	last := 0
	for _, m := range annexRefRE.FindAllStringIndex(s, -1) {
		b.WriteString(nationalNumbers(s[last:m[0]]))
		ref := s[m[0]:m[1]]
		id := strings.TrimSuffix(ref, ".")
		var found []string
		seen := make(map[string]bool)
		if p, err := model.ParseID(id); err == nil && p.Depth() == 0 {
			for _, n := range tops {
				if strings.HasPrefix(n.Entry.ID, id+".") {
					for _, c := range codes[n.Entry.ID] {
						if !seen[c] && !strings.Contains(c, ".") {
							seen[c] = true
							found = append(found, c)
						}
					}
				}
			}
		} else {
			found = codes[id]
		}
		if len(found) == 0 {
			b.WriteString(ref)
			last = m[1]
			continue
		}
		conj := "or"
		after, before := strings.Fields(s[m[1]:]), strings.Fields(s[:m[0]])
		switch {
		case len(after) > 0 && (after[0] == "and" || after[0] == "to"):
			conj = after[0]
		case len(before) > 0 && (before[len(before)-1] == "and" || before[len(before)-1] == "to"):
			conj = before[len(before)-1]
		}
		joined := found[0]
		if len(found) > 1 {
			joined = strings.Join(found[:len(found)-1], ", ") + " " + conj + " " + found[len(found)-1]
		}
		b.WriteString(joined)
		if strings.HasSuffix(ref, ".") {
			rest := s[m[1]:]
			if strings.Contains(found[len(found)-1], ".") || rest == "" || len(rest) > 1 && rest[0] == ' ' && rest[1] >= 'A' && rest[1] <= 'Z' {
				b.WriteString(".")
			}
		}
		last = m[1]
	}
	b.WriteString(nationalNumbers(s[last:]))
	return b.String()
}

// numberRE finds numbers written the annex's way: "8,890", "0.15", "1,073.5".
var numberRE = regexp.MustCompile(`\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+\.\d+`)

// nationalNumbers writes the numbers of an annex text with a decimal comma
// and a space between thousands: "8,890 N" → "8 890 N", "0.15 kg" → "0,15 kg".
func nationalNumbers(s string) string {
	locs := numberRE.FindAllStringIndex(s, -1)
	if len(locs) == 0 {
		return s
	}
	var b strings.Builder
	last := 0
	for _, m := range locs {
		if m[0] > 0 && (isLetter(s[m[0]-1]) || s[m[0]-1] == '.' || s[m[0]-1] == ',') {
			continue
		}
		b.WriteString(s[last:m[0]])
		n := s[m[0]:m[1]]
		n = strings.ReplaceAll(n, ",", " ")
		n = strings.Replace(n, ".", ",", 1)
		b.WriteString(n)
		last = m[1]
	}
	b.WriteString(s[last:])
	return b.String()
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
