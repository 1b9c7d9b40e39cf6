package export

import (
	"bufio"
	"bytes"
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
//
// The items are written one at a time: json.Encoder holds the whole
// document twice (compact, then indented) before it writes a byte, 70 MB
// for a 4,500-page annex. The rest of the document is encoded with no
// items, and the items are put in place of its empty list.
func JSON(w io.Writer, a *model.Annex) error {
	n := a.Normalized()
	items := n.Items
	n.Items = []model.Item{}
	var head bytes.Buffer
	enc := json.NewEncoder(&head)
	enc.SetIndent("", "  ")
	if err := enc.Encode(plainAnnex(n)); err != nil {
		return err
	}
	skel := head.Bytes()
	const empty = `"items": []` // no value has an unescaped quote: this is the field
	at := bytes.LastIndex(skel, []byte(empty))
	if len(items) == 0 || at < 0 {
		_, err := w.Write(skel)
		return err
	}
	bw := bufio.NewWriter(w)
	bw.Write(skel[:at+len(empty)-1]) // up to and with the "["
	for k := range items {
		if k > 0 {
			bw.WriteByte(',')
		}
		bw.WriteString("\n    ")
		b, err := json.MarshalIndent(items[k], "    ", "  ")
		if err != nil {
			return err
		}
		bw.Write(b)
	}
	bw.WriteString("\n  ]")
	bw.Write(skel[at+len(empty):])
	return bw.Flush()
}
