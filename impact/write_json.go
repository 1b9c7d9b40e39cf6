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
	// Each row is written as the indenting encoder would write it, from
	// parts: the cells, and the annotations, each indented once.
	cache := make(map[string][]byte)
	var tmp bytes.Buffer
	indent := func(v any, prefix string) ([]byte, error) {
		c, err := json.Marshal(v)
		if err != nil {
			return nil, err
		}
		tmp.Reset()
		if err := json.Indent(&tmp, c, prefix, "  "); err != nil {
			return nil, err
		}
		return bytes.Clone(tmp.Bytes()), nil
	}
	n := 0
	err := s.Each(func(rr RowReport) error {
		if n > 0 {
			bw.WriteByte(',')
		}
		n++
		cells := rr.Cells
		if cells == nil {
			cells = []string{}
		}
		cj, err := indent(cells, "      ")
		if err != nil {
			return err
		}
		fmt.Fprintf(bw, "\n    {\n      \"row\": %d,\n      \"cells\": %s,\n      \"annotations\": [", rr.Row, cj)
		for i, a := range rr.Annotations {
			if i > 0 {
				bw.WriteByte(',')
			}
			key := ""
			if s.sharedIDs && a.Status != StatusUnreadable && a.Status != StatusNoID {
				key = a.ID + "\x00" + a.Detail
			}
			aj, ok := cache[key]
			if !ok || key == "" {
				if aj, err = indent(a, "        "); err != nil {
					return err
				}
				if key != "" {
					cache[key] = aj
				}
			}
			bw.WriteString("\n        ")
			bw.Write(aj)
		}
		if len(rr.Annotations) > 0 {
			bw.WriteString("\n      ")
		}
		_, err = bw.WriteString("]\n    }")
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
