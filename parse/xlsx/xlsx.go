package xlsx

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/richardlehane/mscfb"
	"github.com/xuri/excelize/v2"

	"github.com/annex-tools/annex/internal/limits"
	"github.com/annex-tools/annex/internal/xlsxguard"
	"github.com/annex-tools/annex/model"
)

// Options tune spreadsheet parsing.
type Options struct {
	Sheet   string            // the sheet to read; default: the first that holds entries
	Columns map[string]string // column letters by role ("id", "text", "notes", "category")
	Scheme  *model.Scheme     // the numbering scheme; nil chooses it by content
}

// Parse reads a workbook from r. The result has no Meta.Source; the caller
// (parse.Read) knows the file.
func Parse(r io.Reader, opt Options) (a *model.Annex, err error) {
	defer func() {
		if p := recover(); p != nil {
			a, err = nil, fmt.Errorf("unreadable workbook (the spreadsheet library failed: %v)", p)
		}
	}()
	data, err := io.ReadAll(io.LimitReader(r, MaxUnzipSize+1))
	if err != nil {
		return nil, err
	}
	if len(data) > MaxUnzipSize {
		return nil, ErrTooLarge
	}
	if err := sniff(data); err != nil {
		return nil, err
	}
	cols, err := parseColumns(opt.Columns)
	if err != nil {
		return nil, err
	}
	// Characters XML forbids would end the sheet early without a word, and
	// one shared string may be used by every cell: check and clean first.
	prep, err := xlsxguard.Prepare(data)
	if err != nil {
		return nil, err
	}
	data = prep.Data
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{
		UnzipSizeLimit:    MaxUnzipSize,
		UnzipXMLSizeLimit: maxXMLInMemory,
	})
	if err != nil {
		return nil, openError(err)
	}
	defer f.Close()
	p := &parser{f: f, opt: opt, cols: cols, cells: limits.NewCounter(limits.Cells)}
	return p.parse()
}

// sniff refuses inputs excelize cannot read, with a message that says why:
// encrypted and legacy OLE files, binary workbooks, zip bombs.
func sniff(data []byte) error {
	switch {
	case bytes.HasPrefix(data, []byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")):
		return oleKind(data)
	case bytes.HasPrefix(data, []byte("PK")):
		zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			return fmt.Errorf("damaged workbook: %v", err)
		}
		var total uint64
		hasXML, hasBin := false, false
		for _, zf := range zr.File {
			total += zf.UncompressedSize64
			switch zf.Name {
			case "xl/workbook.xml":
				hasXML = true
			case "xl/workbook.bin":
				hasBin = true
			}
		}
		switch {
		case total > MaxUnzipSize:
			return ErrTooLarge
		case hasBin && !hasXML:
			return ErrBinaryFormat
		case !hasXML:
			return errors.New("zip archive without a workbook")
		}
		return nil
	}
	return fmt.Errorf("not a workbook: it starts with % x", data[:min(len(data), 8)])
}

// oleKind tells an encrypted .xlsx from a legacy .xls: both are OLE compound
// files, the first with EncryptionInfo and EncryptedPackage streams, the
// second with a Workbook (or Book) stream.
func oleKind(data []byte) error {
	r, err := mscfb.New(bytes.NewReader(data))
	if err != nil {
		return fmt.Errorf("damaged OLE compound file: %v", err)
	}
	var names []string
	for e, err := r.Next(); err == nil; e, err = r.Next() {
		names = append(names, e.Name)
		switch e.Name {
		case "EncryptionInfo", "EncryptedPackage":
			return ErrEncrypted
		}
	}
	for _, n := range names {
		if n == "Workbook" || n == "Book" {
			return ErrLegacyFormat
		}
	}
	return errors.New("OLE compound file without a workbook (a Word or other Office document?)")
}

// openError turns an excelize open error into one of ours.
func openError(err error) error {
	msg := err.Error()
	switch {
	case strings.Contains(msg, "unzip size exceeds"):
		return ErrTooLarge
	case errors.Is(err, excelize.ErrWorkbookPassword):
		return ErrEncrypted
	}
	return fmt.Errorf("unreadable workbook: %v", err)
}

// sheetRows streams the rows of a sheet, calling fn with the 1-based row
// number and the cell values. fn returns false to stop.
func (p *parser) sheetRows(sheet string, fn func(row int, cells []string) (bool, error)) error {
	rows, err := p.f.Rows(sheet)
	if err != nil {
		return &Error{Sheet: sheet, Err: err}
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		n++
		cells, err := rows.Columns()
		if err != nil {
			return &Error{Sheet: sheet, Cell: cellName(0, n), Err: err}
		}
		if err := p.checkCells(sheet, n, cells); err != nil {
			return err
		}
		more, err := fn(n, cells)
		if err != nil || !more {
			return err
		}
	}
	if err := rows.Error(); err != nil {
		return &Error{Sheet: sheet, Err: err}
	}
	return nil
}

// checkCells holds the cells read to the limits: their number in the
// workbook, and the length of each.
func (p *parser) checkCells(sheet string, row int, cells []string) error {
	if p.cells == nil {
		p.cells = limits.NewCounter(limits.Cells)
	}
	if err := p.cells.Add(int64(len(cells))); err != nil {
		return &Error{Sheet: sheet, Err: err}
	}
	max := limits.Int(limits.EntryText)
	for i, c := range cells {
		if len(c) > max {
			return &Error{Sheet: sheet, Cell: cellName(i, row), Err: limits.Exceeded(limits.EntryText)}
		}
	}
	return nil
}

// head returns up to headerScanRows rows from the top of a sheet.
func (p *parser) head(sheet string) ([][]string, error) {
	var out [][]string
	err := p.sheetRows(sheet, func(_ int, cells []string) (bool, error) {
		out = append(out, cells)
		return len(out) < headerScanRows, nil
	})
	return out, err
}

// cellName returns "C17" for 0-based column 2 and row 17.
func cellName(col, row int) string {
	s, err := excelize.CoordinatesToCellName(col+1, row)
	if err != nil {
		return fmt.Sprintf("R%dC%d", row, col+1)
	}
	return s
}

// hasFormulas reports whether any sheet of the workbook may hold a formula
// cell. Only then are empty cells asked for a formula text.
func (p *parser) hasFormulas() bool {
	if p.formulas != nil {
		return *p.formulas
	}
	found, parts := false, 0
	p.f.Pkg.Range(func(k, v any) bool {
		name, _ := k.(string)
		if !strings.HasPrefix(name, "xl/worksheets/") || !strings.HasSuffix(name, ".xml") {
			return true
		}
		parts++
		b, _ := v.([]byte)
		if bytes.Contains(b, []byte("<f>")) || bytes.Contains(b, []byte("<f ")) || bytes.Contains(b, []byte(":f>")) {
			found = true
			return false
		}
		return true
	})
	if !found && parts < len(p.f.GetSheetList()) {
		found = true // a sheet too large to keep in memory: cannot tell cheaply
	}
	p.formulas = &found
	return found
}
