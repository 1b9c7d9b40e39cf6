// Package diff computes the structured difference between two revisions of
// an annex: the annex-diff/1 document of CONTRACTS.md §2.
//
// Compare matches the entries of the old and new model so that an entry
// keeps its identity when it is renumbered (a sub-entry inserted before it,
// or the entry moved to another group or item). Matching runs in phases,
// cheapest and surest first, and never compares all pairs of entries:
//
//  1. entries whose folded text and notes occur exactly once on each side,
//     with at least five distinct words, are paired;
//  2. top down from the groups (which are paired by item number and letter),
//     the unmatched children of every matched pair are aligned in order by a
//     small dynamic programme that maximises their word similarity (weighted
//     Dice over words, rare words weighing more), with a slight preference
//     for keeping the id; short identical texts ("Specially designed
//     components therefor") are thereby paired under their own parents and in
//     their own order;
//  3. entries that keep their id and most of their words are paired;
//  4. what is left is looked up in an inverted index of each unmatched old
//     entry's rarest words (moves across groups and items), and step 2 runs
//     again under the new pairs.
//
// A matched pair whose ids differ is "renumbered", with Fields saying whether
// its own text or notes changed too; one with the same id and changed text or
// notes is "modified"; what is left is "added" or "removed". A parent is
// never modified because of a child. A pair whose items are of different
// categories (20.A.2 of Category II renumbered to 2.A.2 of Category I) has
// FieldCategory in Fields and OldCategory/NewCategory set, and is never
// editorial; an item whose own category changed is one item change with
// Fields ["category"], its entries none. Texts are compared after
// textnorm.Fold, so that layout (quotes, dashes, superscripts, spacing)
// never makes a change.
//
// Each change says whether it is editorial, by the rules of CONTRACTS.md:
// see editorial.go for the spelling-variant table and rules. WordDiff gives
// the word-level text_diff of a change, and Quantities the thresholds whose
// value changed, with the direction in which the control moved when the
// comparator is clear.
//
// Changes are listed in annex order of their new id (a removed entry at the
// place of its old id, before the entry that takes its number), an item's
// or group's own change before its entries, then the definitions in the new
// document's order.
package diff
