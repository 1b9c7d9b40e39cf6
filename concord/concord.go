package concord

import (
	"sort"

	"github.com/annex-tools/annex/model"
)

// Schema is the value of the "schema" field of a concordance in JSON.
const Schema = "annex-concordance/1"

// The statuses of a link.
const (
	Proposed  = "proposed"  // made by Propose, not yet reviewed
	Confirmed = "confirmed" // accepted by a reviewer: kept as it is
	Rejected  = "rejected"  // refused by a reviewer: never proposed again
)

// Doc identifies one side of a concordance, as the old and new objects of
// annex-diff/1 do.
type Doc struct {
	DocID  string       `json:"doc_id"`
	Date   string       `json:"date"`
	Source model.Source `json:"source"`
}

// DocOf returns the Doc of a model.
func DocOf(a *model.Annex) Doc {
	return Doc{DocID: a.Meta.DocID, Date: a.Meta.Date, Source: a.Meta.Source}
}

// Link says that a national node implements an annex node.
type Link struct {
	National     string   `json:"national"`      // the national code, e.g. "9A101.a"
	Annex        string   `json:"annex"`         // the annex id, e.g. "3.A.1.a"
	Confidence   float64  `json:"confidence"`    // 0 to 1; 1 for links made by hand
	Status       string   `json:"status"`        // Proposed, Confirmed or Rejected
	Reasons      []string `json:"reasons"`       // short reasons, for reviewers
	NationalText string   `json:"national_text"` // the national entry's own text
	AnnexText    string   `json:"annex_text"`    // the annex entry's own text
}

// Concordance links a national list to an annex revision.
type Concordance struct {
	Schema        string   `json:"schema"`         // always Schema
	National      Doc      `json:"national"`       // the national list
	Annex         Doc      `json:"annex"`          // the annex revision
	Links         []Link   `json:"links"`          // in national document order
	NationalOnly  []string `json:"national_only"`  // national entries with no link: controls of the list's own or of another regime
	AnnexUnlinked []string `json:"annex_unlinked"` // annex entries with no link
}

// Active returns the links that hold: confirmed and proposed ones.
func (c *Concordance) Active() []Link {
	var out []Link
	for _, l := range c.Links {
		if l.Status != Rejected {
			out = append(out, l)
		}
	}
	return out
}

// Index maps both ways over the links that hold.
type Index struct {
	ToAnnex    map[string][]string // national code → annex ids, in link order
	ToNational map[string][]string // annex id → national codes, in link order
}

// NewIndex indexes the links that hold.
func (c *Concordance) NewIndex() Index {
	ix := Index{ToAnnex: make(map[string][]string), ToNational: make(map[string][]string)}
	for _, l := range c.Active() {
		ix.ToAnnex[l.National] = append(ix.ToAnnex[l.National], l.Annex)
		ix.ToNational[l.Annex] = append(ix.ToNational[l.Annex], l.National)
	}
	return ix
}

// order sorts links by the national document order, then the annex order.
func order(links []Link, natPos, annexPos map[string]int) {
	pos := func(m map[string]int, id string) int {
		if p, ok := m[id]; ok {
			return p
		}
		return len(m) // unknown ids last
	}
	sort.SliceStable(links, func(i, j int) bool {
		a, b := links[i], links[j]
		if pa, pb := pos(natPos, a.National), pos(natPos, b.National); pa != pb {
			return pa < pb
		}
		if pa, pb := pos(annexPos, a.Annex), pos(annexPos, b.Annex); pa != pb {
			return pa < pb
		}
		if a.National != b.National {
			return a.National < b.National
		}
		return a.Annex < b.Annex
	})
}

// positions maps each entry id of a to its place in document order.
func positions(a *model.Annex) map[string]int {
	m := make(map[string]int)
	a.Walk(func(n model.Node) bool {
		if _, dup := m[n.Entry.ID]; !dup {
			m[n.Entry.ID] = len(m)
		}
		return true
	})
	return m
}
