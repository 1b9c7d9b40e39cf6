// Package export writes an annex model for people and programs: as a
// spreadsheet (XLSX) in the layout package parse/xlsx reads back, or as
// indented annex/1 JSON.
//
// The spreadsheet has a title row (title, document id, date), a header row
// (Entry, Category, Description, Notes) and one row per item, group and
// entry, entry numbers printed with their trailing dot; a second sheet,
// Definitions, lists term, scope and definition. Notes are written in the
// printed grammar ("Note: …", "Technical Notes:" followed by "1. …" lines,
// "N.B.: …"), checked to split back into the same notes. Every cell holds
// text, never a formula, whatever the text starts with.
package export
