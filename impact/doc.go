// Package impact tells what a new revision of an annex means for a register
// that points into it, and how a national list compares with the annex it
// implements.
//
// A register is a spreadsheet (XLSX or CSV) with one row per national entry,
// product or licence, and one column holding the annex entry ids that the row
// relies on ("3.A.5.a", "3.A.5.a.", "2.A.1.c; 3.A.5 and 4.C.2.b.6").
// ReadRegister reads it, guesses the id column from its header or its
// content, and splits every id cell into entry ids.
//
// Assess takes the old and new revisions and their structured difference
// (package diff) and annotates every row of the register, once per id: the
// entry was modified (substantively or editorially, with its word diff and
// changed thresholds), renumbered or moved (with the id to write), removed
// (with the new entry whose text is most like it, if any), affected by a change
// around it (the lead-in text or a note of an enclosing entry, a sub-entry, or
// a definition its wording relies on), unchanged, or not an entry of the old
// revision at all (a data problem in the register). Rows are kept in the
// register's order with all their original cells, so that the result is a
// complete worklist.
//
// Harmonise compares a national list, read either as an annex model or as a
// register with an id column and a text column, with a revision of the annex:
// national texts that differ from the annex text (editorial or substantive, as
// package diff classifies them), annex entries with no national counterpart,
// and national entries whose id the annex does not have.
//
// Reports are plain values; the Write functions render them as text,
// Markdown, CSV, XLSX or JSON (schema "annex-impact/1" and
// "annex-harmonise/1"). Cells taken from a register or a document never start
// a spreadsheet formula: CSV cells that would are prefixed with "'", and XLSX
// cells are stored as text. Control and bidi characters are shown as escapes
// (\x1b, \u202e) in every format but JSON, and Markdown escapes markup, so
// that a register cell such as ![b](http://…) stays text (internal/sanitize).
package impact
