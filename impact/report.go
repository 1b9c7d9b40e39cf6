package impact

import (
	"encoding/json"

	"github.com/annex-tools/annex/diff"
)

// Schema is the value of the "schema" field of an impact report in JSON.
const Schema = "annex-impact/1"

// Status says what a new revision did to one entry a register row relies on.
type Status string

// The statuses of an annotation, from the most to the least urgent.
const (
	StatusNotInOld   Status = "not-in-old" // the id is not an entry of the old revision: a data problem in the register
	StatusUnreadable Status = "unreadable" // part of the id cell is not an entry id
	StatusRemoved    Status = "removed"    // the entry is gone
	StatusModified   Status = "modified"   // its own text or notes changed in substance, or its category changed
	StatusMoved      Status = "moved"      // the same entry now has an id in another item or group
	StatusRenumbered Status = "renumbered" // the same entry now has another id in its group
	StatusEditorial  Status = "editorial"  // its own wording changed without moving the control boundary
	StatusContext    Status = "context"    // the entry is unchanged but something it relies on changed
	StatusUnchanged  Status = "unchanged"  // nothing it relies on changed
	StatusNoID       Status = "no-id"      // the row names no entry
)

// Statuses lists every status in order of urgency.
var Statuses = []Status{
	StatusNotInOld, StatusUnreadable, StatusRemoved, StatusModified, StatusMoved,
	StatusRenumbered, StatusEditorial, StatusContext, StatusUnchanged, StatusNoID,
}

// Kinds of Cause.
const (
	CauseLeadIn     = "lead-in"    // the text of an enclosing entry changed
	CauseNote       = "note"       // a note of an enclosing entry changed
	CauseSubEntry   = "sub-entry"  // a sub-entry was added, removed or changed
	CauseDefinition = "definition" // a definition the wording relies on changed
)

// Annotation says what happened to one entry id of a register row and what
// to do about it.
type Annotation struct {
	ID          string          `json:"id"`                     // the id as read from the register, without the trailing dot
	Status      Status          `json:"status"`                 // what happened
	NewID       string          `json:"new_id,omitempty"`       // the id of the same entry in the new revision
	Category    string          `json:"category,omitempty"`     // the category of its item: in the new revision, else the old
	OldCategory string          `json:"old_category,omitempty"` // when the category changed (moved to an item of another category, or its item's category changed): before…
	NewCategory string          `json:"new_category,omitempty"` // …and after
	Action      string          `json:"action"`                 // what to do, in a few words
	TextDiff    []diff.Op       `json:"text_diff,omitempty"`    // word diff of the entry's own text
	NotesDiff   []diff.Op       `json:"notes_diff,omitempty"`   // word diff of its notes, one note a line
	Quantities  []diff.Quantity `json:"quantities,omitempty"`   // changed thresholds, wider or narrower
	Detail      string          `json:"detail,omitempty"`       // why, in a sentence or two
	Similar     *Similar        `json:"similar,omitempty"`      // removed entries: the new entry most like it
	Causes      []Cause         `json:"causes,omitempty"`       // changes around the entry that it relies on
}

// Similar is the new entry whose text is most like a removed entry's.
type Similar struct {
	ID         string  `json:"id"`         // its id in the new revision
	Similarity float64 `json:"similarity"` // word similarity, 0 to 1
	Text       string  `json:"text"`       // its text
}

// Cause is a change around an entry that the entry relies on.
type Cause struct {
	Kind      string    `json:"kind"`                // CauseLeadIn, CauseNote, CauseSubEntry or CauseDefinition
	ID        string    `json:"id,omitempty"`        // the entry that changed (old id, or new id when added)
	Term      string    `json:"term,omitempty"`      // definitions: the term
	Via       string    `json:"via,omitempty"`       // definitions: the term used in the entry whose definition uses Term
	Change    diff.Kind `json:"change"`              // what happened to it
	Editorial bool      `json:"editorial"`           // whether that change was editorial
	TextDiff  []diff.Op `json:"text_diff,omitempty"` // its word diff, when its text changed
}

// RowReport is one register row with its annotations.
type RowReport struct {
	Row         int          `json:"row"`         // row number in the register file, from 1
	Cells       []string     `json:"cells"`       // the row's cells as read
	Annotations []Annotation `json:"annotations"` // one per id, then one per unreadable part
}

// RegisterInfo describes the register a report annotates.
type RegisterInfo struct {
	Name     string   `json:"name"`            // file name
	Sheet    string   `json:"sheet,omitempty"` // xlsx: the sheet read
	Header   []string `json:"header"`          // the header cells (column letters when there is no header row)
	IDColumn string   `json:"id_column"`       // the header of the id column
}

// Report is the impact of a new revision on a register.
type Report struct {
	Schema   string         `json:"schema"`   // always Schema
	Old      diff.Revision  `json:"old"`      // the revision the register follows
	New      diff.Revision  `json:"new"`      // the revision it is checked against
	Register RegisterInfo   `json:"register"` // the register
	Summary  map[Status]int `json:"summary"`  // annotations by status
	Rows     []RowReport    `json:"rows"`     // every row, in register order

	RowCount     int            `json:"row_count"`      // rows of the register annotated
	RowsByStatus map[Status]int `json:"rows_by_status"` // rows by the most urgent status of their annotations
}

// MarshalJSON writes lists as arrays, never null.
func (r Report) MarshalJSON() ([]byte, error) {
	type plain Report
	p := plain(r)
	if p.Schema == "" {
		p.Schema = Schema
	}
	if p.Rows == nil {
		p.Rows = []RowReport{}
	}
	if p.Summary == nil {
		p.Summary = map[Status]int{}
	}
	if p.RowsByStatus == nil {
		p.RowsByStatus = map[Status]int{}
	}
	if p.Register.Header == nil {
		p.Register.Header = []string{}
	}
	return json.Marshal(p)
}

// MarshalJSON writes lists as arrays, never null.
func (r RowReport) MarshalJSON() ([]byte, error) {
	type plain RowReport
	p := plain(r)
	if p.Cells == nil {
		p.Cells = []string{}
	}
	if p.Annotations == nil {
		p.Annotations = []Annotation{}
	}
	return json.Marshal(p)
}

// Worst returns the most urgent status among a row's annotations.
func (r RowReport) Worst() Status {
	best := len(Statuses)
	for _, a := range r.Annotations {
		for i, s := range Statuses {
			if s == a.Status && i < best {
				best = i
			}
		}
	}
	if best == len(Statuses) {
		return StatusNoID
	}
	return Statuses[best]
}
