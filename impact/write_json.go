package impact

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
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

// writeJSONStream writes a streamed report as WriteJSON writes a Report,
// one row at a time. When the stream's annotations are shared by id (an
// Assessor's), each is encoded once.
func writeJSONStream(w io.Writer, s Stream) error {
	var head bytes.Buffer
	if err := WriteJSON(&head, s.Head); err != nil {
		return err
	}
	const marker = "\n  \"rows\": []"
	before, after, ok := bytes.Cut(head.Bytes(), []byte(marker))
	if !ok {
		return errors.New("no rows in the report")
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	bw.Write(before)
	bw.WriteString("\n  \"rows\": [")
	cache := make(map[string][]byte)
	var compact, out bytes.Buffer
	n := 0
	err := s.Each(func(rr RowReport) error {
		if n > 0 {
			bw.WriteByte(',')
		}
		n++
		bw.WriteString("\n    ")
		// The compact form RowReport.MarshalJSON gives, built from parts.
		compact.Reset()
		cells := rr.Cells
		if cells == nil {
			cells = []string{}
		}
		cj, err := json.Marshal(cells)
		if err != nil {
			return err
		}
		fmt.Fprintf(&compact, `{"row":%d,"cells":%s,"annotations":[`, rr.Row, cj)
		for i, a := range rr.Annotations {
			if i > 0 {
				compact.WriteByte(',')
			}
			key := ""
			if s.sharedIDs && a.Status != StatusUnreadable && a.Status != StatusNoID {
				key = a.ID + "\x00" + a.Detail
			}
			aj, ok := cache[key]
			if !ok || key == "" {
				if aj, err = json.Marshal(a); err != nil {
					return err
				}
				if key != "" {
					cache[key] = aj
				}
			}
			compact.Write(aj)
		}
		compact.WriteString("]}")
		out.Reset()
		if err := json.Indent(&out, compact.Bytes(), "    ", "  "); err != nil {
			return err
		}
		_, err = bw.Write(out.Bytes())
		return err
	})
	if err != nil {
		return err
	}
	if n > 0 {
		bw.WriteString("\n  ")
	}
	bw.WriteString("]")
	bw.Write(after)
	return bw.Flush()
}
