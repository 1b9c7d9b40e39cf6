package site

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"slices"
	"strings"

	"github.com/annex-tools/annex/diff"
)

// Atom feeds (RFC 4287). Ids are tag: URIs (RFC 4151) built from the
// documents' ids and dates, so they stay the same whatever the site is
// rebuilt from; updated times are the documents' own dates.

const atomNS = "http://www.w3.org/2005/Atom"

type atomFeed struct {
	XMLName xml.Name    `xml:"feed"`
	NS      string      `xml:"xmlns,attr"`
	ID      string      `xml:"id"`
	Title   string      `xml:"title"`
	Updated string      `xml:"updated"`
	Author  atomPerson  `xml:"author"`
	Links   []atomLink  `xml:"link"`
	Gen     string      `xml:"generator"`
	Entries []atomEntry `xml:"entry"`
}

type atomPerson struct {
	Name string `xml:"name"`
}

type atomLink struct {
	Rel  string `xml:"rel,attr,omitempty"`
	Type string `xml:"type,attr,omitempty"`
	Href string `xml:"href,attr"`
}

type atomEntry struct {
	ID      string     `xml:"id"`
	Title   string     `xml:"title"`
	Updated string     `xml:"updated"`
	Links   []atomLink `xml:"link"`
	Summary atomText   `xml:"summary"`
}

type atomText struct {
	Type string `xml:"type,attr,omitempty"`
	Text string `xml:",chardata"`
}

// tag returns a tag: URI for the date and the specific part, which is
// escaped so that any document id makes a valid URI.
func (b *builder) tag(date, specific string) string {
	if date == "" {
		date = "2000-01-01"
	}
	return "tag:" + b.tagAuth + "," + date + ":" + tagEscape(specific)
}

func tagEscape(s string) string {
	var out strings.Builder
	for _, c := range []byte(s) {
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9', strings.IndexByte("-._~!$&'()*+,;=:@/", c) >= 0:
			out.WriteByte(c)
		default:
			fmt.Fprintf(&out, "%%%02X", c)
		}
	}
	return out.String()
}

func atomDate(date string) string { return date + "T00:00:00Z" }

// revTag is the id of a revision: its document id, and its label when
// another revision of the store has the same document id and date.
func (b *builder) revTag(i int, suffix string) string {
	r := b.revs[i]
	spec := r.DocID
	if spec == "" {
		spec = r.Label
	}
	for j, o := range b.revs {
		if j != i && o.DocID == r.DocID && o.Date == r.Date {
			spec += "/" + r.Label
			break
		}
	}
	return b.tag(r.Date, spec+suffix)
}

func countsText(s diff.Summary) string {
	return fmt.Sprintf("%d added, %d removed, %d modified, %d renumbered (%d editorial)", s.Added, s.Removed, s.Modified, s.Renumbered, s.Editorial)
}

func (b *builder) writeFeed(path string, f atomFeed) error {
	f.NS = atomNS
	f.Gen = "annex"
	f.Author = atomPerson{Name: b.author()}
	f.Links = append([]atomLink{{Rel: "self", Type: "application/atom+xml", Href: b.link(path, path)}}, f.Links...)
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	enc.Indent("", "  ")
	if err := enc.Encode(f); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	buf.WriteString("\n")
	b.put(path, buf.Bytes())
	return nil
}

func (b *builder) author() string {
	if r := b.models[len(b.models)-1].Meta.Regime; r != "" {
		return r
	}
	return "annex"
}

// feedID is the id of the site's feeds: the first document's id.
func (b *builder) feedID(suffix string) string {
	return b.revTag(0, "/feed"+suffix)
}

func (b *builder) renderFeeds() error {
	last := len(b.revs) - 1
	f := atomFeed{
		ID:      b.feedID(""),
		Title:   b.title + ": revisions",
		Updated: atomDate(b.revs[last].Date),
		Links:   []atomLink{{Rel: "alternate", Type: "text/html", Href: b.link("feed.atom", "index.html")}},
	}
	for i := last; i >= 0; i-- {
		r := b.revs[i]
		e := atomEntry{
			ID:      b.revTag(i, ""),
			Title:   revName(r),
			Updated: atomDate(r.Date),
			Links:   []atomLink{{Rel: "alternate", Type: "text/html", Href: b.link("feed.atom", revPage(r.Label))}},
			Summary: atomText{Type: "text", Text: fmt.Sprintf("Revision %s: %d entries. The first revision of the site.", r.Label, r.Entries)},
		}
		if i > 0 {
			s := diff.Summarize(b.pairs[i-1].Changes)
			e.Summary.Text = fmt.Sprintf("Revision %s: %d entries. Since %s: %s.", r.Label, r.Entries, b.revs[i-1].Label, countsText(s))
			e.Links = append(e.Links, atomLink{Rel: "related", Type: "text/html", Href: b.link("feed.atom", pairPage(pairName(i-1, b.revs)))})
		}
		f.Entries = append(f.Entries, e)
	}
	if err := b.writeFeed("feed.atom", f); err != nil {
		return err
	}
	// One feed per item: an entry for every revision that changed it.
	for _, n := range b.itemNumbers() {
		path := itemFeed(n)
		spec := fmt.Sprintf("/item-%d", n)
		f := atomFeed{
			ID:      b.feedID(spec),
			Title:   fmt.Sprintf("%s: item %d", b.title, n),
			Updated: atomDate(b.revs[0].Date),
			// The index, not the latest revision: an import that leaves
			// the item alone leaves its feed alone.
			Links: []atomLink{{Rel: "alternate", Type: "text/html", Href: b.link(path, "index.html")}},
		}
		for i := last; i >= 1; i-- {
			var mine []diff.Change
			for _, c := range b.pairs[i-1].Changes {
				if changeItem(c) == n {
					mine = append(mine, c)
				}
			}
			if len(mine) == 0 {
				continue
			}
			r := b.revs[i]
			if len(f.Entries) == 0 {
				f.Updated = atomDate(r.Date)
			}
			f.Entries = append(f.Entries, atomEntry{
				ID:      b.revTag(i, spec),
				Title:   fmt.Sprintf("Item %d in %s", n, revName(r)),
				Updated: atomDate(r.Date),
				Links:   []atomLink{{Rel: "alternate", Type: "text/html", Href: b.link(path, pairPage(pairName(i-1, b.revs))) + fmt.Sprintf("#item-%d", n)}},
				Summary: atomText{Type: "text", Text: fmt.Sprintf("Since %s: %s.", b.revs[i-1].Label, countsText(diff.Summarize(mine)))},
			})
		}
		if err := b.writeFeed(path, f); err != nil {
			return err
		}
	}
	return nil
}

// changeItem is the item a change belongs to, 0 when none.
func changeItem(c diff.Change) int {
	switch {
	case c.Item > 0:
		return c.Item
	case c.Target == diff.TargetItem:
		return c.Number
	}
	return 0
}

// itemNumbers lists the item numbers of every revision, in order.
func (b *builder) itemNumbers() []int {
	var out []int
	for _, a := range b.models {
		for _, it := range a.Items {
			if !slices.Contains(out, it.Number) {
				out = append(out, it.Number)
			}
		}
	}
	slices.Sort(out)
	return out
}
