// Package model defines the canonical form of an export-control list annex.
//
// An Annex is what every parser produces and every other package consumes: the
// document's metadata, its definitions, and its items. Each item (1 to 20 in the
// MTCR annex) is either reserved or split into groups A to E; each group holds
// entries such as 2.A.1, and each entry holds its own text, its notes and its
// children (2.A.1.a, 2.A.1.b.3, …). An entry's Text is its own wording only,
// never that of its children, so that a change to a sub-entry is never seen as a
// change to its parent.
//
// The JSON encoding of these types is the "annex/1" contract of
// docs/CONTRACTS.md: field names and meanings are promises to users' scripts.
//
// Numbering schemes are data: a Scheme value says how one family of lists
// writes and splits its ids, which items and group letters exist, what its
// headings look like and how it writes numbers (MTCR "3.A.5.a", EU
// "9A101.a.1", military list "ML10.a.1", prefixed "6-1.A.1"; see Schemes).
// IDs of every scheme are parsed into the same segments (item, group, levels)
// by ParseID and ordered naturally (2.A.9 before 2.A.10). Check runs the
// cheap structural checks every model read must pass; Validate checks a
// model for duplicate ids, numbering gaps, cross references to entries that
// do not exist and quoted terms that no definition defines.
//
// The package does no I/O and depends on the standard library only.
package model
