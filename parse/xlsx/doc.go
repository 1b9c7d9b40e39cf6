// Package xlsx parses an annex kept as a spreadsheet into the canonical model.
//
// The layout is found, not assumed. Parse looks for a header row in the first
// rows of each sheet (title rows and merged cells above it are fine) and maps
// its columns by their names: the entry number ("Entry", "Item", "Control
// No.", "Number", "ID"), the text ("Description", "Text", "Control text"), the
// notes ("Notes", "Remarks") and the category ("Category", "Cat."), in any
// order, case and punctuation ignored. Options.Columns overrides the mapping
// when the headers cannot be guessed, Options.Sheet the sheet.
//
// Below the header every row is an item ("3", "3." or "ITEM 3" with the
// title in the text column), a group ("3.A." with its title) or an entry
// ("3.A.1.b." with its text). Nesting follows from the numbers: 2.A.1.b is a
// child of 2.A.1. Trailing dots are optional. A row without a number continues
// the entry above it. Multi-line cells are joined; a notes cell is split into
// notes by its headings ("Note:", "Technical Notes: 1. … 2. …", "N.B.:"). The
// document id and date come from the title rows above the header, and the
// definitions from a sheet whose header names a term and a definition.
//
// Cells are read as text and never evaluated: a formula gives its cached
// value, or its formula text when the file holds no value.
//
// Errors carry the sheet and cell ("Annex!A17: \"x.y\" is not an entry
// number") as an *Error; the conditions a caller may act on wrap the sentinel
// errors ErrEncrypted, ErrLegacyFormat, ErrTooLarge, ErrNoHeader and
// ErrNoSheet. Parse never panics: a panic inside the spreadsheet library is
// turned into an error.
package xlsx
