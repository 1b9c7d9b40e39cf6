package report

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/annex-tools/annex/diff"
)

// writeJSON writes r as an indented annex-diff/1 document. Characters such
// as < and & are written as they are: the output is data, not HTML.
func writeJSON(w io.Writer, r diff.Result) error {
	if r.Schema == "" {
		r.Schema = diff.Schema
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(r); err != nil {
		return fmt.Errorf("write json report: %w", err)
	}
	return nil
}

// ChangelogSchema is the value of the "schema" field of a changelog in JSON.
const ChangelogSchema = "annex-changelog/1"

// writeJSONChangelog writes results as one annex-changelog/1 document: the
// annex-diff/1 documents in date order, oldest first.
func writeJSONChangelog(w io.Writer, results []diff.Result) error {
	diffs := make([]diff.Result, len(results))
	for i, r := range results {
		if r.Schema == "" {
			r.Schema = diff.Schema
		}
		diffs[i] = r
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	err := enc.Encode(struct {
		Schema string        `json:"schema"`
		Diffs  []diff.Result `json:"diffs"`
	}{ChangelogSchema, diffs})
	if err != nil {
		return fmt.Errorf("write json changelog: %w", err)
	}
	return nil
}
