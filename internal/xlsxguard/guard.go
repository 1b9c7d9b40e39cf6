// Package xlsxguard checks a workbook before the spreadsheet library reads
// it, so that a crafted file ends with one line instead of exhausting memory
// or losing rows without a word.
//
// Two things excelize does not do on its own are done here. A shared string
// is copied for every cell that uses it, so one large string referenced by
// thousands of cells makes gigabytes out of a small file: the shared-string
// table is held to limits.SharedStringBytes and each of its strings to
// limits.EntryText. And the XML decoder of excelize's row reader stops at the
// first character XML forbids (a raw U+0001, or "&#1;") and reports nothing,
// so the rest of the sheet is dropped: such characters are removed from the
// sheets and the shared strings before excelize sees them.
package xlsxguard

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/annex-tools/annex/internal/limits"
)

// Result says what Prepare did.
type Result struct {
	Data    []byte // the workbook to open: data itself, or a cleaned copy
	Removed int    // characters XML forbids that were removed
}

// Prepare checks the workbook data (a zip archive) and returns it, or a copy
// without the characters XML forbids in its sheets and shared strings. A
// shared-string table or string beyond the limits is an error wrapping a
// *limits.Error. Data that is not a zip archive is returned as it is: the
// caller's own checks say what it is.
func Prepare(data []byte) (Result, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return Result{Data: data}, nil
	}
	sstMax, itemMax := limits.Get(limits.SharedStringBytes), limits.Get(limits.EntryText)
	dirty := map[string]bool{}
	for _, f := range zr.File {
		kind := partKind(f.Name)
		if kind == other {
			continue
		}
		if kind == sharedStrings && f.UncompressedSize64 > uint64(sstMax) {
			return Result{}, fmt.Errorf("shared strings: %w", limits.Exceeded(limits.SharedStringBytes))
		}
		rc, err := f.Open()
		if err != nil {
			return Result{Data: data}, nil // damaged: let the library say so
		}
		s := scanner{sst: kind == sharedStrings, itemMax: itemMax, sstMax: sstMax}
		err = s.run(rc, nil)
		rc.Close()
		if err != nil {
			return Result{}, err
		}
		if s.bad > 0 {
			dirty[f.Name] = true
		}
	}
	if len(dirty) == 0 {
		return Result{Data: data}, nil
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	removed := 0
	for _, f := range zr.File {
		if !dirty[f.Name] {
			if err := zw.Copy(f); err != nil {
				return Result{Data: data}, nil
			}
			continue
		}
		w, err := zw.CreateHeader(&zip.FileHeader{Name: f.Name, Method: zip.Deflate, Modified: f.Modified})
		if err != nil {
			return Result{}, err
		}
		rc, err := f.Open()
		if err != nil {
			return Result{Data: data}, nil
		}
		s := scanner{sst: partKind(f.Name) == sharedStrings, itemMax: itemMax, sstMax: sstMax}
		err = s.run(rc, w)
		rc.Close()
		if err != nil {
			return Result{}, err
		}
		removed += s.bad
	}
	if err := zw.Close(); err != nil {
		return Result{}, err
	}
	return Result{Data: out.Bytes(), Removed: removed}, nil
}

type kind int

const (
	other kind = iota
	sheet
	sharedStrings
)

func partKind(name string) kind {
	switch {
	case strings.EqualFold(name, "xl/sharedStrings.xml"):
		return sharedStrings
	case strings.HasPrefix(name, "xl/worksheets/") && strings.HasSuffix(name, ".xml"):
		return sheet
	}
	return other
}

// scanner reads one XML part, counting (and, given a writer, dropping) the
// characters XML 1.0 forbids: raw control bytes other than tab, line feed
// and carriage return, U+FFFE and U+FFFF, and character references to any
// of them. In the shared strings it measures each <si> item too.
type scanner struct {
	sst     bool
	itemMax int64
	sstMax  int64

	bad   int
	pos   int64 // bytes read
	start int64 // where the open <si> began, or -1
	open  bool
}

// run reads the part from r, writing it to w (when not nil) without the
// characters XML forbids.
func (s *scanner) run(r io.Reader, w io.Writer) error {
	buf := make([]byte, 64<<10)
	var out, pend []byte
	emit := func(b ...byte) {
		if w != nil {
			out = append(out, b...)
		}
	}
	flush := func() error {
		if w == nil || len(out) == 0 {
			return nil
		}
		_, err := w.Write(out)
		out = out[:0]
		return err
	}
	for {
		n, rerr := r.Read(buf)
		for i := 0; i < n; i++ {
			c := buf[i]
			s.pos++
			if s.sst {
				if s.pos > s.sstMax {
					return fmt.Errorf("shared strings: %w", limits.Exceeded(limits.SharedStringBytes))
				}
				if s.open && s.pos-s.start > s.itemMax {
					return fmt.Errorf("shared string: %w", limits.Exceeded(limits.EntryText))
				}
			}
			if len(pend) > 0 {
				pend = append(pend, c)
				st := s.pending(pend)
				switch st {
				case more:
					continue
				case keep:
					emit(pend...)
				case drop:
					s.bad++
				case keepButLast: // the last byte is not part of it: read it again
					emit(pend[:len(pend)-1]...)
					i--
					s.pos--
				}
				pend = pend[:0]
				continue
			}
			switch {
			case c == '&' || c == 0xEF || (c == '<' && s.sst):
				pend = append(pend, c)
			case c < 0x20 && c != '\t' && c != '\n' && c != '\r':
				s.bad++
			default:
				emit(c)
			}
		}
		if len(out) >= 32<<10 {
			if err := flush(); err != nil {
				return err
			}
		}
		if rerr == io.EOF {
			break
		}
		if rerr != nil {
			return nil // a damaged part: the library will say so
		}
	}
	emit(pend...)
	return flush()
}

// What to do with a pending sequence.
type verdict int

const (
	more        verdict = iota // not complete yet
	keep                       // complete and allowed
	drop                       // complete and forbidden
	keepButLast                // ended by a byte that is not part of it
)

// pending judges a partial sequence p: "&#…;", "<si>" or "</si>" (in the
// shared strings), or a UTF-8 sequence starting EF.
func (s *scanner) pending(p []byte) verdict {
	c := p[len(p)-1]
	switch p[0] {
	case 0xEF: // U+FFFE and U+FFFF are EF BF BE and EF BF BF
		switch {
		case len(p) == 2 && c == 0xBF:
			return more
		case len(p) == 2:
			return keepButLast
		case c == 0xBE || c == 0xBF:
			return drop
		}
		return keepButLast
	case '<':
		if c == '>' || c == ' ' {
			switch string(p[1 : len(p)-1]) {
			case "si":
				s.open, s.start = true, s.pos
			case "/si":
				s.open = false
			}
			return keep
		}
		if len(p) > 4 || !(c == '/' || c == 's' || c == 'i') {
			return keepButLast
		}
		return more
	}
	// '&': a character reference "&#N;" or "&#xH;", or an entity.
	if len(p) == 2 && c != '#' {
		return keepButLast
	}
	if c != ';' {
		if len(p) > 12 || !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' || c == 'x' || c == 'X' || c == '#') {
			return keepButLast
		}
		return more
	}
	num := string(p[2 : len(p)-1])
	base := 10
	if strings.HasPrefix(num, "x") || strings.HasPrefix(num, "X") {
		num, base = num[1:], 16
	}
	v, err := strconv.ParseUint(num, base, 32)
	if err != nil || allowed(rune(v)) {
		return keep
	}
	return drop
}

// allowed reports whether XML 1.0 allows the character r.
func allowed(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D ||
		r >= 0x20 && r <= 0xD7FF || r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF
}
