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
// consumers can iterate without checks. Annex alone has a MarshalJSON method:
// it copies the tree once with every nil list made empty and hands the copy
// to encoding/json as plain structs, so the encoding is one pass, linear in
// the size and the depth of the tree. (A MarshalJSON method on Entry would be
// called at every level and its output compacted again by every level above
// it: a model nested 3,000 deep took minutes.) Item, Group and Entry have no
// method of their own; encode them through Normalized.

// MarshalJSON implements json.Marshaler: the schema defaults to Schema and
// every list, at every level, is written as an array.
func (a Annex) MarshalJSON() ([]byte, error) {
	type plain Annex // the same fields, without this method
	return json.Marshal(plain(a.Normalized()))
}

// Normalized returns a copy of a whose Schema is Schema when empty and whose
// lists, at every level, are empty rather than nil. The copy shares strings,
// and shares the lists too when none of them is nil (what every parser
// builds), so that it costs one walk of the tree; a is not modified.
func (a Annex) Normalized() Annex {
	if a.Schema == "" {
		a.Schema = Schema
	}
	if a.Definitions != nil && a.Items != nil && !hasNilList(a.Items) {
		return a
	}
	a.Definitions = orEmpty(a.Definitions)
	items := make([]Item, len(a.Items))
	for i := range a.Items {
		items[i] = a.Items[i].Normalized()
	}
	a.Items = items
	return a
}

// hasNilList reports whether a list below items is nil.
func hasNilList(items []Item) bool {
	var stack [][]Entry
	for _, it := range items {
		if it.Groups == nil {
			return true
		}
		for _, g := range it.Groups {
			if g.Entries == nil {
				return true
			}
			stack = append(stack, g.Entries)
		}
	}
	for len(stack) > 0 {
		list := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for _, e := range list {
			if e.Notes == nil || e.Children == nil {
				return true
			}
			if len(e.Children) > 0 {
				stack = append(stack, e.Children)
			}
		}
	}
	return false
}

// Normalized returns a copy of it whose lists, at every level, are empty
// rather than nil.
func (it Item) Normalized() Item {
	groups := make([]Group, len(it.Groups))
	for i := range it.Groups {
		groups[i] = it.Groups[i].Normalized()
	}
	it.Groups = groups
	return it
}

// Normalized returns a copy of g whose lists, at every level, are empty
// rather than nil.
func (g Group) Normalized() Group {
	g.Entries = normalizedEntries(g.Entries)
	if len(g.Notes) == 0 {
		g.Notes = nil // omitted in JSON: none and an empty list are the same
	}
	return g
}

// Normalized returns a copy of e whose lists, at every level, are empty
// rather than nil.
func (e Entry) Normalized() Entry {
	e.Notes = orEmpty(e.Notes)
	e.Children = normalizedEntries(e.Children)
	return e
}

// normalizedEntries copies a list of entries with Normalized. It walks the
// tree with an explicit stack of pending lists rather than by recursion, so
// that a tree nested thousands deep needs no deep Go stack either.
func normalizedEntries(in []Entry) []Entry {
	out := make([]Entry, len(in))
	copy(out, in)
	type pending struct{ list []Entry }
	stack := []pending{{out}}
	for len(stack) > 0 {
		list := stack[len(stack)-1].list
		stack = stack[:len(stack)-1]
		for i := range list {
			e := &list[i]
			e.Notes = orEmpty(e.Notes)
			kids := make([]Entry, len(e.Children))
			copy(kids, e.Children)
			e.Children = kids
			if len(kids) > 0 {
				stack = append(stack, pending{kids})
			}
		}
	}
	return out
}

// orEmpty returns s, or an empty slice when s is nil.
func orEmpty[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
