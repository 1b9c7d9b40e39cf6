// Package annex embeds the sample revisions that `annex demo` compares, so
// that a fresh build can show a real job without any file at hand.
//
// The samples are two revisions of an MTCR-style annex (Items 1 to 10 with
// definitions) laid out and exported to PDF by an office suite; the wording is
// synthetic, the structure and kinds of change follow real revisions. The
// library itself lives in the packages model, parse, diff and report.
package annex

import _ "embed"

// Sample2023 and Sample2024 are two revisions of the sample annex, as PDFs.
var (
	//go:embed testdata/sample-2023.pdf
	Sample2023 []byte
	//go:embed testdata/sample-2024.pdf
	Sample2024 []byte
)
