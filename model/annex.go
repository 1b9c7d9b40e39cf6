package model

import (
	"encoding/json"
	"strconv"
)

// Schema is the value of the "schema" field of every annex/1 document.
const Schema = "annex/1"

// Note kinds, as printed in the annex.
const (
	KindNote          = "Note"
	KindTechnicalNote = "Technical Note"
	KindNB            = "N.B."
)

// Annex is one published revision of an annex in canonical form.
type Annex struct {
	Schema      string       `json:"schema"`      // always Schema
	Meta        Meta         `json:"meta"`        // document identity and source
	Definitions []Definition `json:"definitions"` // in document order
	Items       []Item       `json:"items"`       // in number order
}

// Meta identifies a revision and the file it was read from.
type Meta struct {
	Regime string `json:"regime"` // "MTCR", "EU" (dual-use list), "EU-ML" (military list) or the list's own name
	DocID  string `json:"doc_id"` // as printed, e.g. "MTCR/TEM/2024/Annex"
	Date   string `json:"date"`   // ISO 8601 date, YYYY-MM-DD
	Title  string `json:"title"`  // "Equipment, Software and Technology Annex"
	Source Source `json:"source"` // the file parsed
}

// Source describes the file a model was parsed from.
type Source struct {
	Name   string `json:"name"`             // base name of the file, "-" for standard input
	Format string `json:"format"`           // "pdf", "xlsx" or "json"
	SHA256 string `json:"sha256,omitempty"` // hex digest of the file's bytes
	Pages  int    `json:"pages,omitempty"`  // page count for PDFs
}

// Definition is one defined term of the annex's definitions section.
type Definition struct {
	Term  string `json:"term"`  // without quotes, e.g. "Accuracy"
	Scope string `json:"scope"` // parenthesised scope printed after the term, e.g. "Items 2, 9 and 11", or ""
	Text  string `json:"text"`  // the definition, one line
}

// Item is one numbered item of the annex.
type Item struct {
	Number   int     `json:"number"`   // 1, 2, … (0 is a real category of the EU list, and is written)
	Category string  `json:"category"` // "I" or "II"
	Title    string  `json:"title"`    // upper case as printed
	Reserved bool    `json:"reserved"` // "RESERVED FOR FUTURE USE": no groups
	Groups   []Group `json:"groups"`   // A to E in order
}

// Group is one of the lettered groups A to E of an item.
type Group struct {
	Letter  string  `json:"letter"`  // "A" … "E"
	Title   string  `json:"title"`   // "EQUIPMENT, ASSEMBLIES AND COMPONENTS"
	Entries []Entry `json:"entries"` // empty when the group is printed as "None."
	// Notes printed under the group heading, before its first entry ("9B
	// includes test, inspection and production equipment…"). Omitted when
	// there are none, so that annex/1 documents without them are unchanged.
	Notes []Note `json:"notes,omitempty"`
}

// Entry is one numbered entry, with its own text, notes and sub-entries.
type Entry struct {
	ID       string  `json:"id"`       // without the trailing dot, e.g. "2.A.1.b.3"
	Text     string  `json:"text"`     // the entry's own text, one line
	Notes    []Note  `json:"notes"`    // in document order
	Children []Entry `json:"children"` // sub-entries in document order
}

// Note qualifies an entry.
type Note struct {
	Kind  string `json:"kind"`  // KindNote, KindTechnicalNote or KindNB
	Label string `json:"label"` // "" for a lone note, "1", "2"… under a "Notes:" heading
	Text  string `json:"text"`  // one line
}

// GroupID returns the id of group g of item n, e.g. "3.A".
func GroupID(n int, letter string) string {
	return strconv.Itoa(n) + "." + letter
}

// The JSON encoding always writes lists as arrays, never null, so that
// consumers can iterate without checks.

// MarshalJSON implements json.Marshaler.
func (a Annex) MarshalJSON() ([]byte, error) {
	type plain Annex
	p := plain(a)
	if p.Schema == "" {
		p.Schema = Schema
	}
	if p.Definitions == nil {
		p.Definitions = []Definition{}
	}
	if p.Items == nil {
		p.Items = []Item{}
	}
	return json.Marshal(p)
}

// MarshalJSON implements json.Marshaler.
func (it Item) MarshalJSON() ([]byte, error) {
	type plain Item
	p := plain(it)
	if p.Groups == nil {
		p.Groups = []Group{}
	}
	return json.Marshal(p)
}

// MarshalJSON implements json.Marshaler.
func (g Group) MarshalJSON() ([]byte, error) {
	type plain Group
	p := plain(g)
	if p.Entries == nil {
		p.Entries = []Entry{}
	}
	return json.Marshal(p)
}

// MarshalJSON implements json.Marshaler.
func (e Entry) MarshalJSON() ([]byte, error) {
	type plain Entry
	p := plain(e)
	if p.Notes == nil {
		p.Notes = []Note{}
	}
	if p.Children == nil {
		p.Children = []Entry{}
	}
	return json.Marshal(p)
}
