package impact

import (
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/annex-tools/annex/internal/sanitize"
	"github.com/annex-tools/annex/report"
)

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
func WriteXLSX(w io.Writer, r Report) error { return writeXLSX(w, r.Stream()) }

// writeXLSX writes the rows through excelize's stream writer, so that the
// workbook is not held in memory cell by cell.
func writeXLSX(w io.Writer, s Stream) (err error) {
	f := excelize.NewFile()
	defer f.Close()
	const sheet = "Impact"
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	head := impactHead(s.Head)
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: &excelize.Alignment{Vertical: "top"}})
	if err != nil {
		return err
	}
	wrap, err := f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	if err != nil {
		return err
	}
	fills := make(map[Status]int)
	for st, color := range statusFills {
		id, err := f.NewStyle(&excelize.Style{Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{color}}, Alignment: &excelize.Alignment{Vertical: "top"}})
		if err != nil {
			return err
		}
		fills[st] = id
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	statusCol := len(head) - len(impactColumns) // index of "Status"
	for j := range head {
		width := 14.0
		if j >= statusCol+3 { // Action, Change, Detail
			width = 48
		}
		if err := sw.SetColWidth(j+1, j+1, width); err != nil {
			return err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	line := 1
	put := func(rec []string, style func(j int) int) error {
		cells := make([]any, len(rec))
		for j, v := range rec {
			v = report.FitCell(sanitize.Cell(v))
			// A string value is stored as a string, never a formula.
			cells[j] = excelize.Cell{StyleID: style(j), Value: v}
		}
		cell, _ := excelize.CoordinatesToCellName(1, line)
		line++
		return sw.SetRow(cell, cells)
	}
	if err := put(head, func(int) int { return bold }); err != nil {
		return err
	}
	idCol := idColumnOf(s.Head)
	err = s.Each(func(row RowReport) error {
		for _, rec := range impactRecords(s.Head, idCol, row) {
			fill, ok := fills[Status(rec[statusCol])]
			err := put(rec, func(j int) int {
				if j == statusCol && ok {
					return fill
				}
				return wrap
			})
			if err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	if line > 2 && uniqueNames(head) {
		last, _ := excelize.CoordinatesToCellName(len(head), line-1)
		if err := sw.AddTable(&excelize.Table{Range: "A1:" + last, Name: "Impact", ShowRowStripes: boolPtr(false)}); err != nil {
			return fmt.Errorf("filter: %w", err)
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	_, err = f.WriteTo(w)
	return err
}

func boolPtr(b bool) *bool { return &b }

// uniqueNames reports whether the header cells are distinct and non-empty,
// as the column names of a table (which brings the filter) must be.
func uniqueNames(head []string) bool {
	seen := make(map[string]bool)
	for _, h := range head {
		k := strings.ToLower(strings.TrimSpace(h))
		if k == "" || seen[k] {
			return false
		}
		seen[k] = true
	}
	return true
}
