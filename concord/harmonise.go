package concord

import (
	"fmt"
	"strings"

	"github.com/annex-tools/annex/diff"
	"github.com/annex-tools/annex/impact"
	"github.com/annex-tools/annex/internal/textnorm"
	"github.com/annex-tools/annex/model"
)

// Earlier is an earlier annex revision, against which lagging national
// texts are matched.
type Earlier = impact.Earlier

// Harmonise compares a national list with an annex revision through a
// concordance: for every link, the national text against the annex text
// written in the national list's terms (cross references translated, numbers
// in its style), with a verdict of same, editorial or substantive, the
// thresholds that differ stated from the national side (wider: the national
// list controls more), and the earlier revisions an outdated text matches;
// then the annex entries without a national counterpart (missing) and the
// national entries without an annex one (national-only).
func Harmonise(national, against *model.Annex, c *Concordance, earlier []Earlier) impact.HarmoniseReport {
	rep := impact.HarmoniseReport{
		Schema:   impact.HarmoniseSchema,
		National: impact.NationalInfo{Name: national.Meta.Source.Name, Kind: "annex", DocID: national.Meta.DocID},
		Against:  diff.Revision{DocID: against.Meta.DocID, Date: against.Meta.Date, Source: against.Meta.Source},
		Summary:  make(map[string]int),
	}
	loc := NewLocaliser(c, national, against)
	ix := c.NewIndex()
	annexIdx := against.Index()
	natStyle := loc.Style
	var earlierLoc []struct {
		label string
		idx   map[string]model.Node
	}
	for _, e := range earlier {
		if e.Annex != nil {
			earlierLoc = append(earlierLoc, struct {
				label string
				idx   map[string]model.Node
			}{e.Label, e.Annex.Index()})
		}
	}
	var missing []impact.Finding
	national.Walk(func(n model.Node) bool {
		code := n.Entry.ID
		ids := ix.ToAnnex[code]
		if len(ids) == 0 {
			rep.Findings = append(rep.Findings, impact.Finding{Kind: impact.FindingNationalOnly, Target: diff.TargetEntry,
				NationalID: code, National: n.Entry.Text, NationalText: n.Entry.Text,
				Detail: fmt.Sprintf("%s has no counterpart in %s", code, name(against))})
			return true
		}
		merged := len(ids) > 1
		for _, id := range ids {
			a, ok := annexIdx[id]
			if !ok {
				rep.Findings = append(rep.Findings, impact.Finding{Kind: impact.FindingNotInAnnex, Target: diff.TargetEntry,
					NationalID: code, AnnexID: id, National: n.Entry.Text, NationalText: n.Entry.Text,
					Detail: fmt.Sprintf("the concordance links %s to %s, which is not an entry of %s", code, id, name(against))})
				continue
			}
			want, untranslated := loc.Text(a.Entry.Text)
			f := compare(code, id, n.Entry.Text, want, merged, natStyle)
			if len(untranslated) > 0 {
				f.Detail = strings.TrimSpace(f.Detail + " references without a national code: " + strings.Join(untranslated, ", "))
			}
			if f.Kind != impact.FindingSame {
				for _, e := range earlierLoc {
					if o, ok := e.idx[id]; ok {
						old, _ := loc.Text(o.Entry.Text)
						if textnorm.Fold(old) == textnorm.Fold(n.Entry.Text) {
							f.Matches = append(f.Matches, e.label)
						}
					}
				}
			}
			rep.Findings = append(rep.Findings, f)
		}
		return true
	})
	against.Walk(func(n model.Node) bool {
		if len(ix.ToNational[n.Entry.ID]) == 0 {
			missing = append(missing, impact.Finding{Kind: impact.FindingMissing, Target: diff.TargetEntry, ID: n.Entry.ID,
				AnnexID: n.Entry.ID, Annex: n.Entry.Text, AnnexText: n.Entry.Text,
				Detail: fmt.Sprintf("%s has no national counterpart", n.Entry.ID)})
		}
		return true
	})
	rep.Findings = append(rep.Findings, missing...)
	for _, f := range rep.Findings {
		rep.Summary[f.Kind]++
	}
	return rep
}

func name(a *model.Annex) string {
	if a.Meta.DocID != "" {
		return a.Meta.DocID
	}
	return a.Meta.Source.Name
}

// compare judges one linked pair. Both texts are in the national list's
// terms; a merged national entry (linked to several annex entries) is the
// same when it holds the annex text whole.
func compare(code, id, national, annexText string, merged bool, natStyle Style) impact.Finding {
	f := impact.Finding{Kind: impact.FindingSame, Target: diff.TargetEntry, ID: id, AnnexID: id, NationalID: code,
		National: national, Annex: annexText, NationalText: national, AnnexText: annexText}
	fn, fa := textnorm.Fold(national), textnorm.Fold(annexText)
	if fn == fa {
		return f
	}
	if merged {
		core := strings.TrimRight(fa, ".;:, ")
		if core != "" && strings.Contains(strings.ToLower(fn), strings.ToLower(core)) {
			f.Detail = "the national entry merges this annex entry with others and holds its text whole"
			return f
		}
	}
	numbers := model.MTCR // how both texts write numbers: the national list's way
	if natStyle.DecimalComma {
		numbers = model.EU
	}
	if textnorm.Fold(canonicalNumbers(national, numbers)) == textnorm.Fold(canonicalNumbers(annexText, numbers)) {
		f.Kind, f.Editorial, f.Fields = impact.FindingEditorial, true, []string{diff.FieldText}
		f.TextDiff = diff.WordDiff(national, annexText)
		f.Detail = "the numbers are written differently and are equal as quantities"
		return f
	}
	f.Kind = impact.FindingSubstantive
	f.Fields = []string{diff.FieldText}
	f.TextDiff = diff.WordDiff(national, annexText)
	f.Editorial = diff.EditorialText(annexText, national)
	if f.Editorial {
		f.Kind = impact.FindingEditorial
	}
	// Thresholds from the national side: old is the annex, new the national
	// list, so "wider" says that the national list controls more.
	f.Quantities = compareQuantities(annexText, national, numbers)
	if len(f.Quantities) > 0 {
		f.Kind, f.Editorial = impact.FindingSubstantive, false
	}
	if merged {
		f.Detail = "the national entry merges this annex entry with others"
	}
	return f
}
