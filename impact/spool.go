package impact

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
)

// A spool keeps the rows of a slow source (a workbook, whose XML is decoded
// again on every read) in a temporary file as they are read the first time,
// so that the second pass over a register reads them back at the speed of a
// file rather than decoding the workbook twice. Each row is its number and
// its cells, as unsigned varints and length-prefixed strings: exact, whatever
// the cells hold.
type spool struct {
	f    *os.File
	w    *bufio.Writer
	fmt  string
	name string
	buf  []byte
}

func newSpool(src source) (*spool, error) {
	f, err := os.CreateTemp("", "annex-register-*.rows")
	if err != nil {
		return nil, fmt.Errorf("temporary file for the register's rows: %w", err)
	}
	return &spool{f: f, w: bufio.NewWriterSize(f, 64<<10), fmt: src.format(), name: src.sheet()}, nil
}

func (s *spool) add(num int, cells []string) error {
	b := binary.AppendUvarint(s.buf[:0], uint64(num))
	b = binary.AppendUvarint(b, uint64(len(cells)))
	for _, c := range cells {
		b = binary.AppendUvarint(b, uint64(len(c)))
		b = append(b, c...)
	}
	s.buf = b
	_, err := s.w.Write(b)
	return err
}

// done ends the writing; the spool is then a source.
func (s *spool) done() error { return s.w.Flush() }

func (s *spool) format() string { return s.fmt }
func (s *spool) sheet() string  { return s.name }

func (s *spool) close() error {
	if s.f == nil {
		return nil
	}
	s.f.Close()
	err := os.Remove(s.f.Name())
	s.f = nil
	return err
}

func (s *spool) rows(fn func(num int, cells []string) error) error {
	if s.f == nil {
		return errors.New("register closed")
	}
	r := bufio.NewReaderSize(io.NewSectionReader(s.f, 0, 1<<62), 64<<10)
	for {
		num, err := binary.ReadUvarint(r)
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		n, err := binary.ReadUvarint(r)
		if err != nil {
			return err
		}
		cells := make([]string, 0, min(n, 1<<16))
		for i := uint64(0); i < n; i++ {
			l, err := binary.ReadUvarint(r)
			if err != nil {
				return err
			}
			b := make([]byte, l)
			if _, err := io.ReadFull(r, b); err != nil {
				return err
			}
			cells = append(cells, string(b))
		}
		if err := fn(int(num), cells); err != nil {
			return err
		}
	}
}
