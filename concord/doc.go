// Package concord links a national control list to the annex it implements,
// when the two number their entries differently (the EU dual-use list holds
// MTCR 3.A.1 as 9A101), and works through that link: it proposes the
// concordance, reads it back after people reviewed it, compares the linked
// texts (harmonisation) and turns the annex's changes between two revisions
// into the national list's amendments.
//
// A Concordance is a list of Links, one per pair of linked nodes: an entry and
// each of its sub-paragraphs are linked separately, so a parent's link never
// implies its children's. One national entry implementing two annex entries is
// two links, and so is one annex entry split over two national entries. Each
// link has a status: proposed by Propose, confirmed or rejected by a reviewer.
// Confirmed links are kept by Propose, rejected ones never proposed again.
//
// Propose pairs entries by the words of their own text, weighted by rarity
// (the rare-word inverted index of package diff, so it never compares all
// pairs), with numbers compared as values whatever their writing (decimal
// commas, thousands spaces) and cross references left out of the words, then
// aligns the sub-paragraphs of linked parents in order, and finally adds the
// links of merged and split entries, whose text covers or is covered by one
// already linked. Each link carries a confidence between 0 and 1 and the
// reasons for it.
//
// The national list's way of writing numbers (Style) is read from its own
// text; Localise writes an annex text the national way, its cross references
// translated through the concordance. Harmonise and Amend build on it.
package concord
