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
