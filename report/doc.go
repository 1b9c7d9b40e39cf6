// Package report renders a structured diff (annex-diff/1, a diff.Result) for
// people and for other programs.
//
// Each output format lives in its own file and is a writer over an io.Writer:
// "text" is the terminal summary of `annex diff` (word diff marked like
// `git diff --word-diff`, the marks also coloured when Options.Color is set), "json" is the
// indented annex-diff/1 document, "md" is a changelog ready to publish, "html"
// is one self-contained page (inline CSS and script, a Content-Security-Policy
// that allows nothing else, filters that work without script), "xlsx" is a
// change register for compliance teams, and "csv" is the same register as
// RFC 4180 text. Write dispatches on the format name; Formats lists them.
//
// Changelog renders several consecutive diffs as one document (md and html).
// A single diff is a changelog of one: both share the same page model, built
// by grouping the changes of each diff by item in annex order, substantive
// changes first, renumberings without other change compacted, editorial
// changes collapsed, and definitions last with the entries they affect.
//
// Document text is never trusted. Every format shows control and
// bidirectional formatting characters (ESC, BEL, NUL, U+202E…) as visible
// escapes (\x1b, \u202e) through the one sanitiser of internal/sanitize, so
// that an entry cannot send escape sequences or reorder a line. HTML escapes
// all text (html/template); Markdown escapes the characters that would start
// markup or raw HTML; spreadsheet and CSV cells that could start a formula are
// kept inert (XLSX stores every string as text, CSV prefixes such cells with
// an apostrophe). Cells longer than a spreadsheet allows are cut with a
// visible marker, never silently.
//
// The package holds no mutable state: every call builds what it needs.
package report
