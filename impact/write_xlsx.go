package impact

import (
	"fmt"
	"io"

	"github.com/xuri/excelize/v2"

	"github.com/annex-tools/annex/internal/sanitize"
)

// maxCellChars is the most characters an XLSX cell holds; longer text is cut
// with a marker rather than silently.
const maxCellChars = 32767

// statusFills colours the Status cell.
var statusFills = map[Status]string{
	StatusNotInOld: "F4B6B6", StatusUnreadable: "F4B6B6", StatusRemoved: "F4B6B6",
	StatusModified: "F9D9A6", StatusMoved: "FCE9A6", StatusRenumbered: "FCE9A6",
	StatusEditorial: "DDEBF7", StatusContext: "E2EFDA",
}

// WriteXLSX writes an impact report as a workbook: one sheet, the
// register's columns then the annotation's, one line per annotation, with a
// frozen header, a filter and coloured statuses. Every value is stored as
// text, so no cell from the register or the annex can become a formula.
func WriteXLSX(w io.Writer, r Report) (err error) {
	f := excelize.NewFile()
	defer f.Close()
	const sheet = "Impact"
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	rows := impactTable(r)
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: &excelize.Alignment{Vertical: "top"}})
	if err != nil {
		return err
	}
	wrap, err := f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	if err != nil {
		return err
	}
	fills := make(map[Status]int)
	for s, color := range statusFills {
		id, err := f.NewStyle(&excelize.Style{Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{color}}, Alignment: &excelize.Alignment{Vertical: "top"}})
		if err != nil {
			return err
		}
		fills[s] = id
	}
	statusCol := len(rows[0]) - len(impactColumns) + 1 // index of "Status"
	for i, rec := range rows {
		for j, v := range rec {
			cell, _ := excelize.CoordinatesToCellName(j+1, i+1)
			v = sanitize.Cell(v)
			if len([]rune(v)) > maxCellChars {
				v = string([]rune(v)[:maxCellChars-20]) + " … [cut: too long]"
			}
			// SetCellStr stores a string, never a formula, whatever it starts with.
			if err := f.SetCellStr(sheet, cell, v); err != nil {
				return err
			}
		}
		style := wrap
		if i == 0 {
			style = bold
		}
		first, _ := excelize.CoordinatesToCellName(1, i+1)
		last, _ := excelize.CoordinatesToCellName(len(rec), i+1)
		if err := f.SetCellStyle(sheet, first, last, style); err != nil {
			return err
		}
		if i > 0 {
			if id, ok := fills[Status(rec[statusCol])]; ok {
				cell, _ := excelize.CoordinatesToCellName(statusCol+1, i+1)
				if err := f.SetCellStyle(sheet, cell, cell, id); err != nil {
					return err
				}
			}
		}
	}
	last, _ := excelize.CoordinatesToCellName(len(rows[0]), max(len(rows), 2))
	if err := f.AutoFilter(sheet, "A1:"+last, nil); err != nil {
		return fmt.Errorf("filter: %w", err)
	}
	if err := f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	for j := range rows[0] {
		col, _ := excelize.ColumnNumberToName(j + 1)
		width := 14.0
		if j >= statusCol+2 { // Action, Change, Detail
			width = 48
		}
		if err := f.SetColWidth(sheet, col, col, width); err != nil {
			return err
		}
	}
	_, err = f.WriteTo(w)
	return err
}
