package export

import (
	"encoding/json"
	"io"

	"github.com/annex-tools/annex/model"
)

// plainAnnex is model.Annex without its MarshalJSON method: JSON encodes it
// in one pass, without the copy and the second scan that a method's output
// costs.
type plainAnnex model.Annex

// JSON writes a as annex/1 JSON, indented by two spaces, with a trailing
// newline. The bytes are those of json.Marshal(a) indented: every list an
// array, and <, > and & escaped as \u003c, \u003e and \u0026 as
// model.Annex.MarshalJSON has always written them.
func JSON(w io.Writer, a *model.Annex) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(plainAnnex(a.Normalized()))
}
