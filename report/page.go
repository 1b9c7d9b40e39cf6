package report

import (
	"slices"
	"strconv"

	"github.com/annex-tools/annex/diff"
	"github.com/annex-tools/annex/model"
)

// page is what the Markdown and HTML changelogs render: one section per
// diff, newest first. A single diff is a page with one section.
type page struct {
	Title    string
	Sections []*section
	Multi    bool // more than one section: a changelog
}

// section is one diff, its changes grouped for reading.
type section struct {
	Anchor  string // of the section heading
	Old     diff.Revision
	New     diff.Revision
	Counts  counts
	Items   []*itemBlock  // in annex order, changes of unknown item last
	Defs    []*changeView // definition changes in result order
	DefNums counts        // counts of the definition changes
	Empty   bool          // no change at all
	Moves   []string      // category changes, for the summary (categoryMoves)
}

// itemBlock holds the changes of one item.
type itemBlock struct {
	Number     int    // 0 when the item is unknown
	Category   string // "I", "II" or ""
	Title      string // the item's title, "" when unknown
	sch        *model.Scheme
	Anchor     string
	Counts     counts
	Main       []*changeView // substantive changes shown in full
	Renumbered []*changeView // substantive renumberings without other change, shown compactly
	Editorial  []*changeView // editorial changes, collapsed
}

// Name is "Item 3" ("Category 9", "ML10" in other schemes) or "Other
// changes".
func (b *itemBlock) Name() string {
	if b.Number == 0 || b.sch == nil {
		return "Other changes"
	}
	return b.sch.ItemID(b.Number)
}

// FullName is "Item 3: PROPULSION COMPONENTS AND EQUIPMENT" when the title
// is known, else Name.
func (b *itemBlock) FullName() string {
	if b.Title == "" {
		return b.Name()
	}
	return b.Name() + ": " + b.Title
}

// changeView is a change with what a page needs to link it.
type changeView struct {
	diff.Change
	Anchor   string
	Label    string
	Affects  []ref // definitions: the entries that use the term
	UsesDefs []ref // entries: changed definitions whose term the entry uses

	History []Link // entries: the history pages of its ids, when Options.EntryURL is set
}

// ref is a link to another part of the page; Anchor is "" when the target
// has no change of its own in this diff.
type ref struct {
	Text   string
	Anchor string
}

// buildPage groups results (oldest first) into a page, newest first.
func buildPage(results []diff.Result, opt Options) *page {
	p := &page{Title: opt.Title, Multi: len(results) > 1}
	if p.Title == "" {
		p.Title = defaultTitle(results)
	}
	ids := anchors{}
	for i := len(results) - 1; i >= 0; i-- {
		prefix := ""
		if p.Multi {
			prefix = "d" + strconv.Itoa(i+1) + "-"
		}
		s := buildSection(results[i], prefix, ids)
		if opt.EntryURL != nil {
			linkHistory(s, opt.EntryURL)
		}
		p.Sections = append(p.Sections, s)
	}
	return p
}

func buildSection(r diff.Result, prefix string, ids anchors) *section {
	s := &section{
		Anchor: ids.make(prefix, "diff"),
		Old:    r.Old,
		New:    r.New,
		Counts: countAll(r.Changes),
		Empty:  len(r.Changes) == 0,
		Moves:  categoryMoves(r.Changes),
	}
	sch := schemeOf(r.Changes)
	blocks := map[int]*itemBlock{}
	byID := map[string]*changeView{}    // entry id, new side first, to its change
	byOldID := map[string]*changeView{} // and old side
	var entries []diff.Change
	for _, c := range r.Changes {
		if c.Target == diff.TargetDefinition {
			s.DefNums.add(c)
			s.Defs = append(s.Defs, &changeView{Change: c, Label: heading(c), Anchor: ids.make(prefix, "def-", c.Term)})
			continue
		}
		entries = append(entries, c)
	}
	slices.SortStableFunc(entries, func(a, b diff.Change) int {
		ia, ib := itemOf(a), itemOf(b)
		if (ia == 0) != (ib == 0) {
			if ia == 0 {
				return 1
			}
			return -1
		}
		if ia != ib {
			return ia - ib
		}
		return annexOrder(a, b)
	})
	for _, c := range entries {
		n := itemOf(c)
		b := blocks[n]
		if b == nil {
			b = &itemBlock{Number: n, sch: sch, Anchor: ids.make(prefix, "item-", strconv.Itoa(n))}
			blocks[n] = b
			s.Items = append(s.Items, b)
		}
		if b.Category == "" {
			b.Category = c.Category
		}
		if b.Title == "" {
			b.Title = c.ItemTitle
		}
		b.Counts.add(c)
		v := &changeView{Change: c, Label: headingIn(sch, c)}
		switch c.Target {
		case diff.TargetItem:
			v.Anchor = ids.make(prefix, "item-", strconv.Itoa(c.Number), "-title")
		case diff.TargetGroup:
			v.Anchor = ids.make(prefix, "group-", c.ID)
		default:
			if c.Kind == diff.Removed {
				v.Anchor = ids.make(prefix, "old-", c.OldID)
			} else {
				v.Anchor = ids.make(prefix, "e-", c.NewID)
			}
			if c.NewID != "" && byID[c.NewID] == nil {
				byID[c.NewID] = v
			}
			if c.OldID != "" && byOldID[c.OldID] == nil {
				byOldID[c.OldID] = v
			}
		}
		switch {
		case c.Editorial:
			b.Editorial = append(b.Editorial, v)
		case pureRenumber(c):
			b.Renumbered = append(b.Renumbered, v)
		default:
			b.Main = append(b.Main, v)
		}
	}
	// Link each definition to the entries that use it, and back.
	for _, d := range s.Defs {
		for _, id := range d.Change.Affects {
			v := byID[id]
			if v == nil {
				v = byOldID[id]
			}
			rf := ref{Text: id}
			if v != nil {
				rf.Anchor = v.Anchor
				v.UsesDefs = append(v.UsesDefs, ref{Text: d.Term, Anchor: d.Anchor})
			}
			d.Affects = append(d.Affects, rf)
		}
	}
	return s
}

// heading names a change in a page heading: the entry ids, "Item 6 title",
// "Group 3.A title", or the quoted term of a definition.
func heading(c diff.Change) string { return headingIn(model.MTCR, c) }

// headingIn is heading with items named as scheme sch names them.
func headingIn(sch *model.Scheme, c diff.Change) string {
	switch c.Target {
	case diff.TargetDefinition:
		return "“" + c.Term + "”"
	case diff.TargetItem:
		if !titleChanged(c) {
			return sch.ItemID(c.Number)
		}
		return sch.ItemID(c.Number) + " title"
	case diff.TargetGroup:
		return "Group " + c.ID + " title"
	}
	return label(c)
}

// linkHistory links every entry change of s to the history pages of its ids.
func linkHistory(s *section, url func(string) string) {
	for _, b := range s.Items {
		for _, list := range [][]*changeView{b.Main, b.Renumbered, b.Editorial} {
			for _, v := range list {
				if v.Target != diff.TargetEntry {
					continue
				}
				for _, id := range []string{v.OldID, v.NewID} {
					if id != "" && (len(v.History) == 0 || v.History[0].Text != id) {
						v.History = append(v.History, Link{Text: id, URL: url(id)})
					}
				}
			}
		}
	}
}

// ChangeAnchor returns the fragment that the HTML report of a single diff
// gives the change c of an entry ("e-2.A.1", "old-3.C.5" for a removed
// entry), so that other pages can link to it; "" for other targets.
func ChangeAnchor(c diff.Change) string {
	if c.Target != diff.TargetEntry {
		return ""
	}
	if c.Kind == diff.Removed {
		return anchors{}.make("old-", c.OldID)
	}
	return anchors{}.make("e-", c.NewID)
}

// CategoryMove says "Category II → I" when the change moves an entry or an
// item to another category, else "".
func (v *changeView) CategoryMove() string {
	if s := categoryMove(v.Change); s != "" {
		return "C" + s[1:]
	}
	return ""
}

// OtherFields are the changed fields without the category, which
// CategoryMove spells out.
func (v *changeView) OtherFields() []string { return otherFields(v.Change) }
