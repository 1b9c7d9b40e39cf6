package impact

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// readCSV reads a CSV register: UTF-8 (with or without a byte order mark),
// UTF-16 with a byte order mark, or else Windows-1252 as older spreadsheet
// programs write it. The delimiter is a comma, a semicolon or a tab, whichever
// the first line has most of outside quotes.
func readCSV(data []byte, progress func(int)) (table, error) {
	t := table{format: "csv"}
	switch {
	case bytes.HasPrefix(data, []byte("\xff\xfe")), bytes.HasPrefix(data, []byte("\xfe\xff")):
		dec, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewDecoder().Bytes(data)
		if err != nil {
			return t, fmt.Errorf("%w: bad UTF-16 text: %v", ErrUnsupported, err)
		}
		data = dec
	case bytes.HasPrefix(data, []byte("\xef\xbb\xbf")):
		data = data[3:]
	}
	if bytes.IndexByte(data, 0) >= 0 {
		return t, fmt.Errorf("%w: binary data, not text", ErrUnsupported)
	}
	if !utf8.Valid(data) {
		dec, err := charmap.Windows1252.NewDecoder().Bytes(data)
		if err != nil {
			return t, fmt.Errorf("%w: text in an unknown encoding", ErrUnsupported)
		}
		data = dec
	}
	r := csv.NewReader(bytes.NewReader(data))
	r.Comma = sniffDelimiter(data)
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	for n := 1; ; n++ {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return t, fmt.Errorf("line %d, column %d: %w", pe.Line, pe.Column, pe.Err)
			}
			return t, err
		}
		t.rows = append(t.rows, rec)
		t.nums = append(t.nums, n)
		if progress != nil && n%1000 == 0 {
			progress(n)
		}
	}
	return t, nil
}

// sniffDelimiter picks ',', ';' or tab: the one the first line has most of
// outside quotes (',' on a tie).
func sniffDelimiter(data []byte) rune {
	counts := map[byte]int{}
	quoted := false
	for i := 0; i < len(data) && i < 64<<10; i++ {
		c := data[i]
		if c == '"' {
			quoted = !quoted
			continue
		}
		if quoted {
			continue
		}
		if c == '\n' {
			if counts[','] > 0 || counts[';'] > 0 || counts['\t'] > 0 {
				break
			}
			continue // a blank or one-cell first line: look at the next
		}
		counts[c]++
	}
	best, n := byte(','), counts[',']
	for _, c := range []byte{';', '\t'} {
		if counts[c] > n {
			best, n = c, counts[c]
		}
	}
	return rune(best)
}
