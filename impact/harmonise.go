package impact

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strings"

	"github.com/annex-tools/annex/diff"
	"github.com/annex-tools/annex/internal/textnorm"
	"github.com/annex-tools/annex/model"
)

// HarmoniseSchema is the value of the "schema" field of a harmonisation
// report in JSON.
const HarmoniseSchema = "annex-harmonise/1"

// Kinds of Finding.
const (
	FindingDiffers    = "differs"      // the national text is not the annex text
	FindingRenumbered = "renumbered"   // the national entry is an annex entry under another id
	FindingMissing    = "missing"      // an annex entry has no national counterpart
	FindingNotInAnnex = "not-in-annex" // a national entry's id is not an entry of the annex
	FindingNoText     = "no-text"      // a register row has an id but no text to compare

	// Verdicts on the pairs of a concordance (see package concord).
	FindingSame         = "same"          // the national text is the annex text, in the national list's terms
	FindingEditorial    = "editorial"     // they differ in wording only
	FindingSubstantive  = "substantive"   // they differ in what they control
	FindingNationalOnly = "national-only" // a national entry without annex counterpart
)

// Finding is one difference between a national list and the annex.
type Finding struct {
	Kind       string      `json:"kind"`                  // FindingDiffers, FindingRenumbered, FindingMissing, FindingNotInAnnex or FindingNoText
	Target     diff.Target `json:"target"`                // entry or definition
	ID         string      `json:"id,omitempty"`          // the annex id (entries)
	NationalID string      `json:"national_id,omitempty"` // the id in the national list, when it differs from ID or there is no annex entry
	AnnexID    string      `json:"annex_id,omitempty"`    // through a concordance: the annex id (ID holds it too)
	Term       string      `json:"term,omitempty"`        // definitions: the term
	Row        int         `json:"row,omitempty"`         // registers: the row number
	Fields     []string    `json:"fields,omitempty"`      // the parts that differ: text, notes
	Editorial  bool        `json:"editorial"`             // the texts differ only editorially (as package diff classifies it)
	National   string      `json:"national,omitempty"`    // the national text
	Annex      string      `json:"annex,omitempty"`       // the annex text
	// Through a concordance the texts are also named as CONTRACTS.md names
	// them: the national text, and the annex text in the national list's terms.
	NationalText string          `json:"national_text,omitempty"`
	AnnexText    string          `json:"annex_text,omitempty"`
	TextDiff     []diff.Op       `json:"text_diff,omitempty"`  // word diff from the national text to the annex text
	NotesDiff    []diff.Op       `json:"notes_diff,omitempty"` // word diff of the notes
	Quantities   []diff.Quantity `json:"quantities,omitempty"` // thresholds that differ (old = national, new = annex)
	Matches      []string        `json:"matches,omitempty"`    // earlier revisions whose text the national text equals
	Detail       string          `json:"detail,omitempty"`     // more, for people
}

// HarmoniseReport compares a national list with a revision of the annex.
type HarmoniseReport struct {
	Schema   string         `json:"schema"`   // always HarmoniseSchema
	National NationalInfo   `json:"national"` // the national list
	Against  diff.Revision  `json:"against"`  // the annex revision
	Summary  map[string]int `json:"summary"`  // findings by kind, and "same" for entries that agree
	Findings []Finding      `json:"findings"` // in annex order: differing entries, then missing ones, then unknown ids
}

// NationalInfo describes the national list of a HarmoniseReport.
type NationalInfo struct {
	Name       string `json:"name"`                  // file name
	Kind       string `json:"kind"`                  // "annex" (read as a model) or "register"
	DocID      string `json:"doc_id,omitempty"`      // models: its document id
	IDColumn   string `json:"id_column,omitempty"`   // registers: the id column's header
	TextColumn string `json:"text_column,omitempty"` // registers: the text column's header
}

// MarshalJSON writes lists as arrays, never null.
func (r HarmoniseReport) MarshalJSON() ([]byte, error) {
	type plain HarmoniseReport
	p := plain(r)
	if p.Schema == "" {
		p.Schema = HarmoniseSchema
	}
	if p.Findings == nil {
		p.Findings = []Finding{}
	}
	if p.Summary == nil {
		p.Summary = map[string]int{}
	}
	return json.Marshal(p)
}

// Earlier is an earlier revision of the annex, against which outdated
// national texts are matched.
type Earlier struct {
	Label string       // its name, e.g. a store label
	Annex *model.Annex // its model
}

// HarmoniseOptions tune Harmonise and HarmoniseRegister.
type HarmoniseOptions struct {
	Earlier []Earlier // earlier revisions, oldest first: say which one each differing text equals
}

// Harmonise compares a national list read as an annex model with the annex
// revision against, entry by entry. Entries are matched as package diff
// matches them, so a national entry that follows an older numbering is
// reported as renumbered rather than as one missing and one unknown entry.
func Harmonise(national, against *model.Annex, opt HarmoniseOptions) HarmoniseReport {
	d := diff.Compare(national, against)
	rep := HarmoniseReport{
		Schema:   HarmoniseSchema,
		National: NationalInfo{Name: national.Meta.Source.Name, Kind: "annex", DocID: national.Meta.DocID},
		Against:  diff.Revision{DocID: against.Meta.DocID, Date: against.Meta.Date, Source: against.Meta.Source},
		Summary:  make(map[string]int),
	}
	if rep.National.Name == "" {
		rep.National.Name = name(national)
	}
	earlier := indexEarlier(opt.Earlier)
	natIdx := national.Index()
	var missing, unknown []Finding
	differing := 0
	for _, c := range d.Changes {
		switch c.Target {
		case diff.TargetEntry:
		case diff.TargetDefinition:
			rep.Findings = append(rep.Findings, definitionFinding(c))
			continue
		default:
			continue // item and group titles: not part of what a national list implements
		}
		switch c.Kind {
		case diff.Added:
			missing = append(missing, Finding{Kind: FindingMissing, Target: diff.TargetEntry, ID: c.NewID, Annex: c.NewText})
		case diff.Removed:
			unknown = append(unknown, Finding{Kind: FindingNotInAnnex, Target: diff.TargetEntry, NationalID: c.OldID, National: c.OldText,
				Detail: fmt.Sprintf("%s is not an entry of %s", c.OldID, name(against))})
		case diff.Modified, diff.Renumbered:
			f := Finding{Kind: FindingDiffers, Target: diff.TargetEntry, ID: c.NewID, Fields: c.Fields, Editorial: c.Editorial,
				National: c.OldText, Annex: c.NewText, TextDiff: c.TextDiff, NotesDiff: c.NotesDiff, Quantities: c.Quantities}
			if c.Kind == diff.Renumbered {
				f.Kind = FindingRenumbered
				f.NationalID = c.OldID
				f.Detail = fmt.Sprintf("the national %s is %s of %s", c.OldID, c.NewID, name(against))
			}
			if len(c.Fields) > 0 {
				differing++
				if n, ok := natIdx[c.OldID]; ok {
					f.Matches = earlier.matching(c.OldID, n.Entry)
				}
			}
			rep.Findings = append(rep.Findings, f)
		}
	}
	rep.Findings = append(rep.Findings, missing...)
	rep.Findings = append(rep.Findings, unknown...)
	for _, f := range rep.Findings {
		rep.Summary[f.Kind]++
	}
	// Entries that agree: every annex entry matched without a content change.
	rep.Summary["same"] = max(0, national.CountEntries()-len(unknown)-differing)
	return rep
}

func definitionFinding(c diff.Change) Finding {
	f := Finding{Target: diff.TargetDefinition, Term: c.Term, Fields: c.Fields, Editorial: c.Editorial,
		National: c.OldText, Annex: c.NewText, TextDiff: c.TextDiff}
	switch c.Kind {
	case diff.Added:
		f.Kind = FindingMissing
	case diff.Removed:
		f.Kind = FindingNotInAnnex
	default:
		f.Kind = FindingDiffers
	}
	return f
}

// leadingIDRE matches an entry number at the start of a national text.
var leadingIDRE = regexp.MustCompile(`^\s*[1-9][0-9]?\.[A-E]\.(?:[0-9a-z]{1,4}\.?)*\s+`)

// HarmoniseRegister compares a national list read as a register (an id
// column and a text column; see ReadRegisterOptions with WantText) with the
// annex revision against. Rows are matched by id; the texts of a row naming
// one entry are compared with package diff, which says whether they differ
// editorially or in substance. An annex entry counts as covered when it, an
// enclosing entry or a sub-entry has a row.
func HarmoniseRegister(reg *Register, against *model.Annex, opt HarmoniseOptions) HarmoniseReport {
	rep := HarmoniseReport{
		Schema: HarmoniseSchema,
		National: NationalInfo{Name: reg.Name, Kind: "register", IDColumn: reg.IDHeader(),
			TextColumn: headerOf(reg, reg.TextColumn)},
		Against: diff.Revision{DocID: against.Meta.DocID, Date: against.Meta.Date, Source: against.Meta.Source},
		Summary: make(map[string]int),
	}
	earlier := indexEarlier(opt.Earlier)
	idx := against.Index()
	covered := make(map[string]bool)
	var unknown []Finding
	for _, row := range reg.Rows {
		text := textnorm.Clean(reg.Text(row))
		for _, b := range row.Bad {
			unknown = append(unknown, Finding{Kind: FindingNotInAnnex, Target: diff.TargetEntry, NationalID: b, Row: row.Number, National: text,
				Detail: fmt.Sprintf("row %d: %q is not an annex entry number", row.Number, b)})
		}
		for _, id := range row.IDs {
			n, ok := idx[id]
			if !ok {
				unknown = append(unknown, Finding{Kind: FindingNotInAnnex, Target: diff.TargetEntry, NationalID: id, Row: row.Number, National: text,
					Detail: fmt.Sprintf("row %d: %s is not an entry of %s", row.Number, id, name(against))})
				continue
			}
			covered[id] = true
			switch {
			case len(row.IDs) > 1:
				rep.Summary["not-compared"]++ // one text for several entries: nothing to compare it with
			case text == "":
				rep.Findings = append(rep.Findings, Finding{Kind: FindingNoText, Target: diff.TargetEntry, ID: id, Row: row.Number, Annex: n.Entry.Text,
					Detail: fmt.Sprintf("row %d has no text in column %q", row.Number, headerOf(reg, reg.TextColumn))})
			default:
				if f, differs := compareText(id, strings.TrimSpace(leadingIDRE.ReplaceAllString(text, "")), n.Entry); differs {
					f.Row = row.Number
					f.Matches = earlier.matching(id, &model.Entry{ID: id, Text: f.National})
					rep.Findings = append(rep.Findings, f)
				} else {
					rep.Summary["same"]++
				}
			}
		}
	}
	// Missing: annex entries that no row covers, directly or through an
	// enclosing entry or a sub-entry.
	var missing []Finding
	against.Walk(func(n model.Node) bool {
		id := n.Entry.ID
		if covered[id] {
			return true
		}
		for p := parentID(id); p != ""; p = parentID(p) {
			if covered[p] {
				return true
			}
		}
		for c := range covered {
			if strings.HasPrefix(c, id+".") {
				return true
			}
		}
		missing = append(missing, Finding{Kind: FindingMissing, Target: diff.TargetEntry, ID: id, Annex: n.Entry.Text})
		return true
	})
	rep.Findings = append(rep.Findings, missing...)
	rep.Findings = append(rep.Findings, unknown...)
	for _, f := range rep.Findings {
		rep.Summary[f.Kind]++
	}
	return rep
}

// compareText compares a national text with the annex entry e, through
// package diff on two one-entry models so that the editorial classification
// is diff's own.
func compareText(id, national string, e *model.Entry) (Finding, bool) {
	d := diff.Compare(oneEntry(id, national), oneEntry(id, e.Text))
	f := Finding{Kind: FindingDiffers, Target: diff.TargetEntry, ID: id, National: national, Annex: e.Text}
	for _, c := range d.Changes {
		if c.Target != diff.TargetEntry {
			continue
		}
		if c.Kind == diff.Modified || c.Kind == diff.Renumbered {
			f.Fields, f.Editorial, f.TextDiff, f.Quantities = c.Fields, c.Editorial, c.TextDiff, c.Quantities
			return f, len(c.Fields) > 0
		}
		// Matched as removed and added: the texts have little in common.
		f.Fields = []string{diff.FieldText}
		f.TextDiff = diff.WordDiff(national, e.Text)
		sch := model.MTCR
		if p, err := model.ParseID(id); err == nil {
			sch = p.Numbering()
		}
		f.Quantities = diff.QuantitiesIn(national, e.Text, sch)
		return f, true
	}
	return f, false
}

// oneEntry is a model holding one entry with the given id and text.
func oneEntry(id, text string) *model.Annex {
	p, err := model.ParseID(id)
	if err != nil {
		return &model.Annex{}
	}
	return &model.Annex{Items: []model.Item{{Number: p.Item(), Groups: []model.Group{{
		Letter: p.Group(), Entries: []model.Entry{{ID: id, Text: text}},
	}}}}}
}

func headerOf(reg *Register, col int) string {
	if col < 0 || col >= len(reg.Header) {
		return ""
	}
	return reg.Header[col]
}

// earlierIndex finds the earlier revisions whose entry equals a national one.
type earlierIndex []struct {
	label string
	idx   map[string]model.Node
}

func indexEarlier(es []Earlier) earlierIndex {
	var out earlierIndex
	for _, e := range es {
		if e.Annex == nil {
			continue
		}
		out = append(out, struct {
			label string
			idx   map[string]model.Node
		}{e.Label, e.Annex.Index()})
	}
	return out
}

// matching returns the labels of the earlier revisions in which entry id has
// the text of e (compared after folding typography and white space).
func (ix earlierIndex) matching(id string, e *model.Entry) []string {
	want := textnorm.Fold(e.Text)
	var out []string
	for _, r := range ix {
		if n, ok := r.idx[id]; ok && textnorm.Fold(n.Entry.Text) == want {
			out = append(out, r.label)
		}
	}
	return out
}
