// Package parse reads a published annex revision into the canonical model.
//
// The input format is told by content, never by name: "%PDF-" starts a PDF
// (package parse/pdf), a zip archive holding xl/workbook.xml is a spreadsheet
// (package parse/xlsx), and a JSON object is a saved annex/1 model. File and
// Read fill in Meta.Source (name, format, SHA-256) whatever the format.
//
// Every error names the input: "annex-2024.pdf: encrypted PDF: …". Errors
// that callers branch on wrap the sentinels of this package or of the format
// packages (ErrUnsupportedFormat, ErrEmpty, pdf.ErrEncrypted, …).
package parse
