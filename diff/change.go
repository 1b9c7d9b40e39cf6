package diff

import (
	"encoding/json"

	"github.com/annex-tools/annex/model"
)

// Schema is the value of the "schema" field of every annex-diff/1 document.
const Schema = "annex-diff/1"

// Kind says what happened to a node between two revisions.
type Kind string

// The kinds of change.
const (
	Added      Kind = "added"
	Removed    Kind = "removed"
	Modified   Kind = "modified"   // same id, own text, notes or title changed
	Renumbered Kind = "renumbered" // same entry under another id; Fields says if its content changed too
)

// Target says what kind of node changed.
type Target string

// The targets of a change.
const (
	TargetEntry      Target = "entry"
	TargetDefinition Target = "definition"
	TargetItem       Target = "item"
	TargetGroup      Target = "group"
)

// Fields that a change can touch.
const (
	FieldText  = "text"
	FieldNotes = "notes"
	FieldTitle = "title"
	FieldScope = "scope" // definitions only
)

// Op is one run of a word-level text diff.
type Op struct {
	Op   string `json:"op"`   // "=" unchanged, "-" deleted, "+" inserted
	Text string `json:"text"` // the words, with the spaces between them
}

// Ops of a text diff.
const (
	OpEqual  = "="
	OpDelete = "-"
	OpInsert = "+"
)

// Direction says how a changed threshold moves the control boundary.
const (
	Wider    = "wider"    // more goods are controlled than before
	Narrower = "narrower" // fewer goods are controlled than before
)

// Quantity is a quantity with a unit whose value changed.
type Quantity struct {
	Old       string `json:"old"`                 // as printed in the old text, e.g. "68 kN"
	New       string `json:"new"`                 // as printed in the new text, e.g. "90 kN"
	Direction string `json:"direction,omitempty"` // Wider, Narrower, or "" when the comparator is unclear
}

// Revision identifies one side of a comparison.
type Revision struct {
	DocID  string       `json:"doc_id"`
	Date   string       `json:"date"`
	Source model.Source `json:"source"`
}

// Summary counts the changes of a Result.
type Summary struct {
	Added      int `json:"added"`
	Removed    int `json:"removed"`
	Modified   int `json:"modified"`
	Renumbered int `json:"renumbered"`
	Editorial  int `json:"editorial"` // changes whose Editorial is true, of any kind
}

// Change is one difference between two revisions. It is a plain value:
// rendering belongs to package report.
type Change struct {
	Target Target `json:"target"`
	Kind   Kind   `json:"kind"`

	OldID  string `json:"old_id,omitempty"` // entries: the id in the old revision
	NewID  string `json:"new_id,omitempty"` // entries: the id in the new revision
	Number int    `json:"number,omitempty"` // items: the item number
	ID     string `json:"id,omitempty"`     // groups: "3.A"
	Term   string `json:"term,omitempty"`   // definitions: the term

	Item      int    `json:"item,omitempty"`       // the item the node belongs to (new side, else old)
	Category  string `json:"category,omitempty"`   // that item's category, "I" or "II"
	ItemTitle string `json:"item_title,omitempty"` // that item's title, for reports

	OldCategory string `json:"old_category,omitempty"` // when FieldCategory is among Fields: the category before…
	NewCategory string `json:"new_category,omitempty"` // …and after ("II" → "I")

	Fields    []string `json:"fields"`    // changed parts among FieldText, FieldNotes, FieldTitle, FieldScope, FieldCategory
	Editorial bool     `json:"editorial"` // every change is wording that does not move the control boundary

	OldText  string `json:"old_text,omitempty"`  // own text (or title, or definition) before
	NewText  string `json:"new_text,omitempty"`  // and after
	TextDiff []Op   `json:"text_diff,omitempty"` // word diff of OldText and NewText, when the text changed

	OldNotes  []model.Note `json:"old_notes,omitempty"`  // notes before, when they changed
	NewNotes  []model.Note `json:"new_notes,omitempty"`  // notes after
	NotesDiff []Op         `json:"notes_diff,omitempty"` // word diff of the notes, one note a line

	Quantities []Quantity `json:"quantities,omitempty"` // changed thresholds
	Affects    []string   `json:"affects,omitempty"`    // definitions: the entries that use the term in quotes
}

// MarshalJSON writes Fields as an array, never null.
func (c Change) MarshalJSON() ([]byte, error) {
	type plain Change
	p := plain(c)
	if p.Fields == nil {
		p.Fields = []string{}
	}
	return json.Marshal(p)
}

// Result is the structured difference between two revisions.
type Result struct {
	Schema  string   `json:"schema"` // always Schema
	Old     Revision `json:"old"`
	New     Revision `json:"new"`
	Summary Summary  `json:"summary"`
	Changes []Change `json:"changes"`
}

// MarshalJSON writes Changes as an array, never null.
func (r Result) MarshalJSON() ([]byte, error) {
	type plain Result
	p := plain(r)
	if p.Schema == "" {
		p.Schema = Schema
	}
	if p.Changes == nil {
		p.Changes = []Change{}
	}
	return json.Marshal(p)
}

// Summarize counts changes by kind.
func Summarize(changes []Change) Summary {
	var s Summary
	for _, c := range changes {
		switch c.Kind {
		case Added:
			s.Added++
		case Removed:
			s.Removed++
		case Modified:
			s.Modified++
		case Renumbered:
			s.Renumbered++
		}
		if c.Editorial {
			s.Editorial++
		}
	}
	return s
}

// Filter returns a copy of r holding only the changes keep accepts, with the
// summary recounted.
func (r Result) Filter(keep func(Change) bool) Result {
	out := r
	out.Changes = nil
	for _, c := range r.Changes {
		if keep(c) {
			out.Changes = append(out.Changes, c)
		}
	}
	out.Summary = Summarize(out.Changes)
	return out
}

// Only returns a copy of r holding only changes of the given kinds.
func (r Result) Only(kinds ...Kind) Result {
	return r.Filter(func(c Change) bool {
		for _, k := range kinds {
			if c.Kind == k {
				return true
			}
		}
		return false
	})
}

// Substantive returns a copy of r without its editorial changes.
func (r Result) Substantive() Result {
	return r.Filter(func(c Change) bool { return !c.Editorial })
}
