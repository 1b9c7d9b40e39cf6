package impact

import (
	"encoding/json"
	"io"
)

// WriteJSON writes a report (Report or HarmoniseReport) as indented JSON
// with a final newline.
func WriteJSON(w io.Writer, r any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(r)
}
