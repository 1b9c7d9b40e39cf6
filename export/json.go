package export

import (
	"encoding/json"
	"io"

	"github.com/annex-tools/annex/model"
)

// JSON writes a as annex/1 JSON, indented by two spaces, with a trailing
// newline.
func JSON(w io.Writer, a *model.Annex) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(a)
}
