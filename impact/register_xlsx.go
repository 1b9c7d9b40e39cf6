package impact

import (
	"bytes"
	"errors"
	"fmt"

	"github.com/xuri/excelize/v2"
)

// Limits on what a workbook may unpack to (DEPENDENCIES.md §3).
const (
	unzipSizeLimit    = 256 << 20
	unzipXMLSizeLimit = 16 << 20
)

// readXLSX reads the sheets of a workbook, streaming their rows; with sheet
// set, only that sheet.
func readXLSX(data []byte, sheet string, progress func(int)) (tabs []table, err error) {
	defer func() {
		if p := recover(); p != nil {
			tabs, err = nil, fmt.Errorf("unreadable workbook (the spreadsheet library failed: %v)", p)
		}
	}()
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{
		UnzipSizeLimit:    unzipSizeLimit,
		UnzipXMLSizeLimit: unzipXMLSizeLimit,
	})
	if err != nil {
		if errors.Is(err, excelize.ErrWorkbookPassword) {
			return nil, fmt.Errorf("%w: password-protected workbook; save an unprotected copy", ErrUnsupported)
		}
		return nil, fmt.Errorf("unreadable workbook: %w", err)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if sheet != "" {
		found := false
		for _, s := range sheets {
			if s == sheet {
				found = true
			}
		}
		if !found {
			return nil, fmt.Errorf("no sheet %q (sheets: %s)", sheet, quoteList(sheets))
		}
		sheets = []string{sheet}
	}
	total := 0
	for _, s := range sheets {
		t, err := readSheet(f, s, func(n int) {
			if progress != nil {
				progress(total + n)
			}
		})
		if err != nil {
			return nil, fmt.Errorf("sheet %q: %w", s, err)
		}
		total += len(t.rows)
		tabs = append(tabs, t)
	}
	if len(tabs) == 0 {
		return nil, ErrEmpty
	}
	return tabs, nil
}

func readSheet(f *excelize.File, sheet string, progress func(int)) (table, error) {
	t := table{format: "xlsx", sheet: sheet}
	rows, err := f.Rows(sheet)
	if err != nil {
		return t, err
	}
	defer rows.Close()
	for n := 1; rows.Next(); n++ {
		cols, err := rows.Columns()
		if err != nil {
			return t, fmt.Errorf("row %d: %w", n, err)
		}
		t.rows = append(t.rows, cols)
		t.nums = append(t.nums, n)
		if n%1000 == 0 {
			progress(n)
		}
	}
	if err := rows.Error(); err != nil {
		return t, err
	}
	return t, nil
}
