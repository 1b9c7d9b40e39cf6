package concord

import (
	"sort"
	"strings"

	"github.com/annex-tools/annex/model"
)

// Localiser writes annex texts the way a national list writes them: cross
// references translated into national codes through a concordance, numbers
// in the list's own style.
type Localiser struct {
	Style   Style               // the national list's number style
	toNat   map[string][]string // annex id → national codes, in national order
	tops    map[string][]string // annex group id ("1.A") → its top-level entry ids
	rename  map[string]string   // annex id as the text cites it → annex id the concordance knows
	natPos  map[string]int
	natTops map[string]bool // national codes of top-level entries
}

// NewLocaliser prepares the translation of texts of annex (the revision the
// concordance links to) into the national list's terms.
func NewLocaliser(c *Concordance, national, annex *model.Annex) *Localiser {
	l := &Localiser{Style: DetectStyle(national), toNat: make(map[string][]string), tops: make(map[string][]string),
		natPos: positions(national), natTops: make(map[string]bool)}
	for _, it := range national.Items {
		for _, g := range it.Groups {
			for _, e := range g.Entries {
				l.natTops[e.ID] = true
			}
		}
	}
	for _, lk := range c.Active() {
		l.toNat[lk.Annex] = append(l.toNat[lk.Annex], lk.National)
	}
	for _, codes := range l.toNat {
		l.sortCodes(codes)
	}
	l.setTops(annex)
	return l
}

func (l *Localiser) setTops(annex *model.Annex) {
	l.tops = make(map[string][]string)
	for _, it := range annex.Items {
		for _, g := range it.Groups {
			gid := model.GroupID(it.Number, g.Letter)
			for _, e := range g.Entries {
				l.tops[gid] = append(l.tops[gid], e.ID)
			}
		}
	}
}

// Following makes the localiser translate texts of a later revision: rename
// maps each of its ids to the id the concordance knows (its id in the
// revision the concordance links to), and later gives its groups.
func (l *Localiser) Following(later *model.Annex, rename map[string]string) {
	l.rename = rename
	l.setTops(later)
}

func (l *Localiser) sortCodes(codes []string) {
	sort.SliceStable(codes, func(i, j int) bool {
		pi, oki := l.natPos[codes[i]]
		pj, okj := l.natPos[codes[j]]
		if oki != okj {
			return oki
		}
		return pi < pj
	})
}

// codes returns the national codes that stand for an annex reference: the
// codes linked to the entry, or to the top-level entries of a group.
func (l *Localiser) codes(ref string) []string {
	known := func(id string) string {
		if l.rename != nil {
			if o, ok := l.rename[id]; ok {
				return o
			}
			return ""
		}
		return id
	}
	if tops, ok := l.tops[ref]; ok {
		var out []string
		seen := make(map[string]bool)
		for _, t := range tops {
			for _, c := range l.toNat[known(t)] {
				if !seen[c] && l.natTops[c] {
					seen[c] = true
					out = append(out, c)
				}
			}
		}
		l.sortCodes(out)
		return out
	}
	return l.toNat[known(ref)]
}

// Text returns s written the national way, and the references it could not
// translate (kept as the annex writes them).
func (l *Localiser) Text(s string) (string, []string) {
	var b strings.Builder
	var untranslated []string
	last := 0
	for _, sp := range refSpans(s) {
		b.WriteString(Convert(s[last:sp[0]], AnnexStyle, l.Style))
		ref := s[sp[0]:sp[1]]
		codes := l.codes(refID(ref))
		if len(codes) == 0 {
			untranslated = append(untranslated, refID(ref))
			b.WriteString(ref)
			last = sp[1]
			continue
		}
		b.WriteString(joinCodes(codes, conjunction(s, sp)))
		if strings.HasSuffix(ref, ".") {
			rest := s[sp[1]:]
			if strings.Contains(codes[len(codes)-1], ".") || rest == "" || len(rest) > 1 && rest[0] == ' ' && rest[1] >= 'A' && rest[1] <= 'Z' {
				b.WriteByte('.')
			}
		}
		last = sp[1]
	}
	b.WriteString(Convert(s[last:], AnnexStyle, l.Style))
	return b.String(), untranslated
}

// Notes localises notes.
func (l *Localiser) Notes(ns []model.Note) []model.Note {
	out := make([]model.Note, len(ns))
	for k, n := range ns {
		n.Text, _ = l.Text(n.Text)
		out[k] = n
	}
	return out
}
