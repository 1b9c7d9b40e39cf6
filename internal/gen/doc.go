// Package gen generates realistic annexes and realistic edits to them, with
// the exact changes each edit makes, for the tests and benchmarks of the
// diff engine and the store.
//
// Annex builds a synthetic annex of any size from a seed: items with groups A
// to E, nested entries with alternating markers, notes, definitions, and
// phrases with thresholds, cross references and quoted defined terms. Edit
// applies random edits of the kinds real revisions make (an entry inserted
// mid-list renumbering the siblings after it, an entry deleted, an entry moved
// to another group or item or within its list, a few words reworded, a
// threshold changed, a spelling, letter case or list punctuation changed, a
// note added or changed, a definition reworded) and returns the edited copy
// with the annex-diff/1 changes that a correct diff must report. Edit keeps
// the identity of every entry, so the expected changes follow from the edits,
// not from a diff. Cross references to renumbered entries are rewritten, as a
// publisher would, which are editorial changes.
package gen
