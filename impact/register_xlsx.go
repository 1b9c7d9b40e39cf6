package impact

import (
	"bytes"
	"errors"
	"fmt"
	"sync"

	"github.com/xuri/excelize/v2"

	"github.com/annex-tools/annex/internal/limits"
	"github.com/annex-tools/annex/internal/xlsxguard"
)

// unzipXMLSizeLimit is the largest part of a workbook held in memory; larger
// sheets are spilled to temporary files by excelize (DEPENDENCIES.md §3).
const unzipXMLSizeLimit = 16 << 20

// openXLSX opens a workbook and returns one source per sheet (only the sheet
// named, when sheet is set). The sources share the open workbook; it is
// closed with the last of them.
func openXLSX(data []byte, sheet string) (srcs []source, err error) {
	defer func() {
		if p := recover(); p != nil {
			srcs, err = nil, fmt.Errorf("unreadable workbook (the spreadsheet library failed: %v)", p)
		}
	}()
	prep, err := xlsxguard.Prepare(data)
	if err != nil {
		return nil, err
	}
	f, err := excelize.OpenReader(bytes.NewReader(prep.Data), excelize.Options{
		UnzipSizeLimit:    limits.Get(limits.RegisterBytes),
		UnzipXMLSizeLimit: unzipXMLSizeLimit,
	})
	if err != nil {
		if errors.Is(err, excelize.ErrWorkbookPassword) {
			return nil, fmt.Errorf("%w: password-protected workbook; save an unprotected copy", ErrUnsupported)
		}
		return nil, fmt.Errorf("unreadable workbook: %w", err)
	}
	sheets := f.GetSheetList()
	if sheet != "" {
		found := false
		for _, s := range sheets {
			if s == sheet {
				found = true
			}
		}
		if !found {
			f.Close()
			return nil, fmt.Errorf("no sheet %q (sheets: %s)", sheet, quoteList(sheets))
		}
		sheets = []string{sheet}
	}
	if len(sheets) == 0 {
		f.Close()
		return nil, ErrEmpty
	}
	book := &workbook{f: f, users: len(sheets)}
	for _, s := range sheets {
		srcs = append(srcs, &xlsxSource{book: book, name: s})
	}
	return srcs, nil
}

// workbook is an open workbook shared by the sources of its sheets.
type workbook struct {
	f     *excelize.File
	mu    sync.Mutex
	users int
}

// xlsxSource streams the rows of one sheet with excelize's row reader.
type xlsxSource struct {
	book   *workbook
	name   string
	closed bool
}

func (s *xlsxSource) format() string { return "xlsx" }
func (s *xlsxSource) sheet() string  { return s.name }

func (s *xlsxSource) close() error {
	b := s.book
	b.mu.Lock()
	defer b.mu.Unlock()
	if s.closed {
		return nil
	}
	s.closed = true
	b.users--
	if b.users == 0 {
		return b.f.Close()
	}
	return nil
}

func (s *xlsxSource) rows(fn func(num int, cells []string) error) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("unreadable workbook (the spreadsheet library failed: %v)", p)
		}
	}()
	if s.closed {
		return errors.New("workbook closed")
	}
	rows, err := s.book.f.Rows(s.name)
	if err != nil {
		return fmt.Errorf("sheet %q: %w", s.name, err)
	}
	defer rows.Close()
	cells := limits.NewCounter(limits.Cells)
	maxCell := limits.Int(limits.EntryText)
	for n := 1; rows.Next(); n++ {
		cols, err := rows.Columns()
		if err != nil {
			return fmt.Errorf("sheet %q: row %d: %w", s.name, n, err)
		}
		if err := cells.Add(int64(len(cols))); err != nil {
			return fmt.Errorf("sheet %q: %w", s.name, err)
		}
		for _, c := range cols {
			if len(c) > maxCell {
				return fmt.Errorf("sheet %q: row %d: %w", s.name, n, limits.Exceeded(limits.EntryText))
			}
		}
		if err := fn(n, cols); err != nil {
			return err
		}
	}
	if err := rows.Error(); err != nil {
		return fmt.Errorf("sheet %q: %w", s.name, err)
	}
	return nil
}
