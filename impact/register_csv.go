package impact

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"

	"github.com/annex-tools/annex/internal/limits"
)

// csvSource streams a CSV register: UTF-8 (with or without a byte order
// mark), UTF-16 with a byte order mark, or Windows-1252 as older spreadsheet
// programs write it (a cell that is not valid UTF-8 is read as such). The
// delimiter is a comma, a semicolon or a tab, whichever the first line has
// most of outside quotes.
type csvSource struct {
	open func() (io.ReadCloser, error)
}

func (s *csvSource) format() string { return "csv" }
func (s *csvSource) sheet() string  { return "" }
func (s *csvSource) close() error   { return nil }

func (s *csvSource) rows(fn func(num int, cells []string) error) error {
	rc, err := s.open()
	if err != nil {
		return err
	}
	defer rc.Close()
	in := &guard{r: rc, max: limits.Get(limits.RegisterBytes), line: 16 * limits.Get(limits.EntryText)}
	br := bufio.NewReaderSize(in, 64<<10)
	bom, _ := br.Peek(3)
	var text io.Reader = br
	switch {
	case bytes.HasPrefix(bom, []byte("\xff\xfe")), bytes.HasPrefix(bom, []byte("\xfe\xff")):
		text = transform.NewReader(br, unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewDecoder())
	case bytes.HasPrefix(bom, []byte("\xef\xbb\xbf")):
		br.Discard(3)
	}
	tr := bufio.NewReaderSize(noNUL{text}, 64<<10)
	first, err := tr.Peek(64 << 10)
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, bufio.ErrBufferFull) {
		return err
	}
	r := csv.NewReader(tr)
	r.Comma = sniffDelimiter(first)
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	r.ReuseRecord = true
	maxCell := limits.Int(limits.EntryText)
	for n := 1; ; n++ {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return fmt.Errorf("line %d, column %d: %w", pe.Line, pe.Column, pe.Err)
			}
			return err
		}
		cells := make([]string, len(rec))
		for i, c := range rec {
			if len(c) > maxCell {
				return fmt.Errorf("line %d: %w", n, limits.Exceeded(limits.EntryText))
			}
			if !utf8.ValidString(c) {
				if d, err := charmap.Windows1252.NewDecoder().String(c); err == nil {
					c = d
				}
			}
			cells[i] = c
		}
		if err := fn(n, cells); err != nil {
			return err
		}
	}
}

var errBinary = fmt.Errorf("%w: binary data, not text", ErrUnsupported)

// noNUL reads text and stops at a NUL character: binary data, not text.
type noNUL struct{ r io.Reader }

func (t noNUL) Read(p []byte) (int, error) {
	n, err := t.r.Read(p)
	if bytes.IndexByte(p[:n], 0) >= 0 {
		return 0, errBinary
	}
	return n, err
}

// guard reads a register's bytes and stops beyond the register bytes
// limit, or on a line longer than line bytes.
type guard struct {
	r     io.Reader
	max   int64
	line  int64
	total int64
	cur   int64 // bytes since the last line break
}

func (g *guard) Read(p []byte) (int, error) {
	n, err := g.r.Read(p)
	g.total += int64(n)
	if g.total > g.max {
		return 0, limits.Exceeded(limits.RegisterBytes)
	}
	if i := bytes.LastIndexByte(p[:n], '\n'); i >= 0 {
		g.cur = int64(n - i - 1)
	} else {
		g.cur += int64(n)
	}
	if g.cur > g.line {
		return 0, fmt.Errorf("a line of more than %d bytes: %w", g.line, limits.Exceeded(limits.EntryText))
	}
	return n, err
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
