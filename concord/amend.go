package concord

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/annex-tools/annex/diff"
	"github.com/annex-tools/annex/internal/textnorm"
	"github.com/annex-tools/annex/model"
	"github.com/annex-tools/annex/report"
)

// AmendmentSchema is the value of the "schema" field of an amendment draft.
const AmendmentSchema = "annex-amendment/1"

// Actions of an Amendment.
const (
	ActionAmend  = "amend"  // the national entry's wording must change
	ActionDelete = "delete" // the national entry implements only annex entries that were removed
	ActionAdd    = "add"    // an annex entry was added: the national list needs one
)

// Amendment is one entry of the national list's worklist.
type Amendment struct {
	National      string          `json:"national"`                 // the national code; for add, the suggested code or ""
	Action        string          `json:"action"`                   // ActionAmend, ActionDelete or ActionAdd
	AnnexOld      []string        `json:"annex_old"`                // the annex ids it implemented in the old revision
	AnnexNew      []string        `json:"annex_new"`                // the annex ids it implements in the new one
	Editorial     bool            `json:"editorial"`                // every annex change behind it is editorial
	Reason        string          `json:"reason"`                   // the annex change, for people
	TextDiff      []diff.Op       `json:"text_diff"`                // the annex's word diff, old to new
	CurrentText   string          `json:"current_text,omitempty"`   // the national text now
	ProposedText  string          `json:"proposed_text"`            // the proposed national wording, "" where it needs a person (merged entries, deletions)
	ProposedNotes *[]model.Note   `json:"proposed_notes,omitempty"` // the proposed notes, when they change (empty: the notes go)
	Quantities    []diff.Quantity `json:"quantities,omitempty"`     // the annex's changed thresholds
	Untranslated  []string        `json:"untranslated,omitempty"`   // references of the new annex text without a national code
}

// Relink says that a national entry keeps its code and wording but now
// implements an annex entry under a new id.
type Relink struct {
	National string `json:"national"`
	OldAnnex string `json:"old_annex"`
	NewAnnex string `json:"new_annex"`
}

// Draft is the amendment draft of a national list for the annex's changes
// between two revisions.
type Draft struct {
	Schema     string      `json:"schema"` // always AmendmentSchema
	National   Doc         `json:"national"`
	Old        Doc         `json:"old"`
	New        Doc         `json:"new"`
	Regime     string      `json:"regime"` // the annex's regime, for the published table
	Amendments []Amendment `json:"amendments"`
	Relink     []Relink    `json:"relink"`
}

// Amend turns the annex's changes from old to new into the national list's
// amendments, through c, a concordance between national and old. A national
// entry whose annex counterpart was only renumbered keeps its code and
// wording and is listed under Relink, unless its translated text changes.
// Proposed wordings are the new annex texts written the national way.
func Amend(national, old, new *model.Annex, c *Concordance) Draft {
	d := diff.Compare(old, new)
	dr := Draft{Schema: AmendmentSchema, National: DocOf(national), Old: DocOf(old), New: DocOf(new), Regime: old.Meta.Regime}
	ix := c.NewIndex()
	natIdx := national.Index()
	newIdx := new.Index()
	locOld := NewLocaliser(c, national, old)
	loc := NewLocaliser(c, national, old)
	// The ids of the new revision as the concordance knows them.
	rename := make(map[string]string)
	removed := make(map[string]bool)
	changeOf := make(map[string]diff.Change)
	new.Walk(func(n model.Node) bool { rename[n.Entry.ID] = n.Entry.ID; return true })
	var adds []Amendment
	for _, ch := range d.Changes {
		if ch.Target != diff.TargetEntry {
			continue
		}
		switch ch.Kind {
		case diff.Added:
			delete(rename, ch.NewID)
		case diff.Removed:
			removed[ch.OldID] = true
		case diff.Renumbered:
			rename[ch.NewID] = ch.OldID
			changeOf[ch.NewID] = ch
		case diff.Modified:
			changeOf[ch.NewID] = ch
		}
	}
	loc.Following(new, rename)

	byCode := make(map[string]*Amendment)
	var order []string
	amendment := func(code string) *Amendment {
		if a, ok := byCode[code]; ok {
			return a
		}
		a := &Amendment{National: code, Action: ActionAmend, AnnexOld: ix.ToAnnex[code], Editorial: true}
		if n, ok := natIdx[code]; ok {
			a.CurrentText = n.Entry.Text
		}
		byCode[code] = a
		order = append(order, code)
		return a
	}
	for _, ch := range d.Changes {
		if ch.Target != diff.TargetEntry {
			continue
		}
		switch ch.Kind {
		case diff.Added:
			adds = append(adds, Amendment{National: suggestCode(ch.NewID, rename, ix, natIdx), Action: ActionAdd,
				AnnexNew: []string{ch.NewID}, Editorial: false, Reason: fmt.Sprintf("%s added to the annex", ch.NewID),
				ProposedText: firstOf(loc.Text(newIdx[ch.NewID].Entry.Text)), ProposedNotes: notesPtr(loc.Notes(newIdx[ch.NewID].Entry.Notes)),
				TextDiff: []diff.Op{{Op: diff.OpInsert, Text: newIdx[ch.NewID].Entry.Text}}})
		case diff.Removed:
			for _, code := range ix.ToNational[ch.OldID] {
				a := amendment(code)
				a.Editorial = false
				a.Reason = join(a.Reason, fmt.Sprintf("%s removed from the annex", ch.OldID))
				all := true
				for _, id := range ix.ToAnnex[code] {
					all = all && removed[id]
				}
				if all {
					a.Action = ActionDelete
				}
			}
		}
	}
	// Every entry that stays: amend where its wording in national terms
	// changes (its own text, or what its cross references now stand for),
	// relink where only its annex id does.
	oldIdx := old.Index()
	new.Walk(func(n model.Node) bool {
		nid := n.Entry.ID
		oid, ok := rename[nid]
		if !ok {
			return true
		}
		o, ok := oldIdx[oid]
		if !ok {
			return true
		}
		oldText, _ := locOld.Text(o.Entry.Text)
		newText, untranslated := loc.Text(n.Entry.Text)
		oldNotes, newNotes := locOld.Notes(o.Entry.Notes), loc.Notes(n.Entry.Notes)
		sameText := textnorm.Fold(oldText) == textnorm.Fold(newText)
		sameNotes := notesEqual(oldNotes, newNotes)
		for _, code := range ix.ToNational[oid] {
			if _, ok := natIdx[code]; !ok {
				continue
			}
			if sameText && sameNotes {
				if nid != oid {
					dr.Relink = append(dr.Relink, Relink{National: code, OldAnnex: oid, NewAnnex: nid})
				}
				continue
			}
			a := amendment(code)
			ch, changed := changeOf[nid]
			switch {
			case changed && len(ch.Fields) > 0:
				a.Editorial = a.Editorial && ch.Editorial
				a.TextDiff = append(a.TextDiff, ch.TextDiff...)
				a.Quantities = append(a.Quantities, ch.Quantities...)
				what := "changed"
				if ch.Kind == diff.Renumbered {
					what = "renumbered from " + oid + ", " + what
				}
				a.Reason = join(a.Reason, fmt.Sprintf("%s %s %s", nid, strings.Join(ch.Fields, " and "), what))
			default:
				a.Editorial = false
				a.TextDiff = append(a.TextDiff, diff.WordDiff(oldText, newText)...)
				a.Reason = join(a.Reason, fmt.Sprintf("what the cross references of %s stand for changed", nid))
			}
			if len(ix.ToAnnex[code]) > 1 {
				a.Reason = join(a.Reason, "the national entry merges "+strings.Join(ix.ToAnnex[code], ", ")+": word it by hand")
				continue
			}
			a.ProposedText, a.Untranslated = newText, untranslated
			if !sameNotes {
				a.ProposedNotes = notesPtr(newNotes)
			}
		}
		return true
	})
	for _, code := range order {
		a := byCode[code]
		for _, id := range a.AnnexOld {
			if removed[id] {
				continue
			}
			for nid, oid := range rename {
				if oid == id {
					a.AnnexNew = append(a.AnnexNew, nid)
				}
			}
		}
		sort.Strings(a.AnnexNew)
		if a.Action == ActionDelete {
			a.ProposedText = ""
		}
		dr.Amendments = append(dr.Amendments, *a)
	}
	dr.Amendments = append(dr.Amendments, adds...)
	dr.normalise()
	return dr
}

func notesPtr(ns []model.Note) *[]model.Note {
	if ns == nil {
		ns = []model.Note{}
	}
	return &ns
}

func firstOf(s string, _ []string) string { return s }

func join(a, b string) string {
	if a == "" {
		return b
	}
	return a + "; " + b
}

func notesEqual(a, b []model.Note) bool {
	if len(a) != len(b) {
		return false
	}
	for k := range a {
		if a[k].Kind != b[k].Kind || a[k].Label != b[k].Label || textnorm.Fold(a[k].Text) != textnorm.Fold(b[k].Text) {
			return false
		}
	}
	return true
}

// suggestCode proposes a national code for an added annex entry: the next
// free sub-paragraph under the national entry that implements its parent, or
// "" when the parent has none (a new top-level code is the regulator's call).
func suggestCode(newID string, rename map[string]string, ix Index, natIdx map[string]model.Node) string {
	p, err := model.ParseID(newID)
	if err != nil || p.Depth() <= 1 {
		return ""
	}
	parent := rename[p.Parent().String()]
	codes := ix.ToNational[parent]
	if len(codes) == 0 {
		return ""
	}
	n, ok := natIdx[codes[len(codes)-1]]
	if !ok {
		return ""
	}
	used := make(map[string]bool)
	for _, c := range n.Entry.Children {
		used[lastSeg(c.ID)] = true
	}
	depth := p.Depth()
	for k := 1; ; k++ {
		m := model.Marker(depth, k)
		if !used[m] {
			return n.Entry.ID + "." + m
		}
	}
}

func (d *Draft) normalise() {
	if d.Schema == "" {
		d.Schema = AmendmentSchema
	}
	if d.Amendments == nil {
		d.Amendments = []Amendment{}
	}
	if d.Relink == nil {
		d.Relink = []Relink{}
	}
	for k := range d.Amendments {
		a := &d.Amendments[k]
		if a.AnnexOld == nil {
			a.AnnexOld = []string{}
		}
		if a.AnnexNew == nil {
			a.AnnexNew = []string{}
		}
		if a.TextDiff == nil {
			a.TextDiff = []diff.Op{}
		}
	}
}

// DraftFormats lists the formats WriteDraft writes.
var DraftFormats = []string{"json", "csv", "xlsx", "md", "html", "text"}

// WriteDraft writes an amendment draft in format; with published, the table
// national lists publish with each update (entry, regime, comment) instead
// of the worklist.
func WriteDraft(w io.Writer, format string, d Draft, published bool) error {
	d.normalise()
	if published {
		t := d.PublishedTable()
		if format == "json" {
			rows := make([]map[string]string, 0, len(t.Rows))
			for _, r := range t.Rows {
				rows = append(rows, map[string]string{"entry": r[0], "regime": r[1], "comment": r[2]})
			}
			return writeJSON(w, map[string]any{"schema": "annex-amendment-table/1", "national": d.National, "old": d.Old, "new": d.New, "rows": rows})
		}
		return WriteTable(w, format, t)
	}
	if format == "json" {
		return writeJSON(w, d)
	}
	return WriteTable(w, format, d.Table())
}

func writeJSON(w io.Writer, v any) error {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	_, err = w.Write(append(b, '\n'))
	return err
}

// Table is the worklist as a table.
func (d Draft) Table() Table {
	t := Table{Title: "Amendments", Columns: []string{"national", "action", "annex_old", "annex_new", "editorial", "reason", "current_text", "proposed_text", "annex_change"}}
	for _, a := range d.Amendments {
		ed := "no"
		if a.Editorial {
			ed = "yes"
		}
		t.Rows = append(t.Rows, []string{a.National, a.Action, strings.Join(a.AnnexOld, ", "), strings.Join(a.AnnexNew, ", "), ed, a.Reason, a.CurrentText, a.ProposedText, report.WordDiffText(a.TextDiff)})
	}
	for _, r := range d.Relink {
		t.Rows = append(t.Rows, []string{r.National, "relink", r.OldAnnex, r.NewAnnex, "yes", fmt.Sprintf("%s renumbered %s in the annex; wording unchanged", r.OldAnnex, r.NewAnnex), "", "", ""})
	}
	return t
}

// PublishedTable is the table of changes a national list publishes with an
// update: entry, regime, comment.
func (d Draft) PublishedTable() Table {
	t := Table{Title: "Changes", Columns: []string{"entry", "regime", "comment"}}
	regime := d.Regime
	if regime == "" {
		regime = "MTCR"
	}
	for _, a := range d.Amendments {
		var comment string
		switch a.Action {
		case ActionAdd:
			comment = "New entry, implementing " + strings.Join(a.AnnexNew, ", ")
		case ActionDelete:
			comment = "Deleted, " + strings.Join(a.AnnexOld, ", ") + " removed"
		default:
			comment = "Amended"
			if a.Editorial {
				comment = "Editorial amendment"
			}
			if len(a.Quantities) > 0 {
				var qs []string
				for _, q := range a.Quantities {
					qs = append(qs, q.Old+" → "+q.New)
				}
				comment += " (" + strings.Join(qs, "; ") + ")"
			}
		}
		t.Rows = append(t.Rows, []string{a.National, regime, comment})
	}
	return t
}
