package impact

import (
	"fmt"
	"io"
	"maps"
	"slices"

	"github.com/xuri/excelize/v2"

	"github.com/annex-tools/annex/internal/sanitize"
	"github.com/annex-tools/annex/report"
)

// findingFills colours the Finding cell of a harmonisation workbook.
var findingFills = map[string]string{
	FindingNotInAnnex: "F4B6B6", FindingNoText: "F4B6B6", FindingDiffers: "F9D9A6",
	FindingRenumbered: "FCE9A6", FindingMissing: "DDEBF7",
}

// WriteHarmoniseXLSX writes a harmonisation report as a workbook: one
// sheet, one line per finding, the columns of the CSV format, with a frozen
// header, a filter and coloured findings. Every value is stored as text, so
// no national or annex text can become a formula.
func WriteHarmoniseXLSX(w io.Writer, r HarmoniseReport) error {
	rows := harmoniseTable(r)
	return writeTableXLSX(w, "Harmonisation", rows, slices.Index(rows[0], "Finding"), findingFills, slices.Index(rows[0], "National text"))
}

// writeTableXLSX writes rows (a header, then records) as a workbook of one
// sheet: the header bold, frozen and filtered, the statusCol cell of each
// record coloured by fills, the columns from wideFrom on wide and wrapped.
// Every value is stored as a string, never a formula, and cut with a marker
// when longer than a cell holds.
func writeTableXLSX(w io.Writer, sheet string, rows [][]string, statusCol int, fills map[string]string, wideFrom int) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: &excelize.Alignment{Vertical: "top"}})
	if err != nil {
		return err
	}
	wrap, err := f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	if err != nil {
		return err
	}
	styles := make(map[string]int)
	for _, s := range slices.Sorted(maps.Keys(fills)) { // sorted: the same report gives the same workbook
		id, err := f.NewStyle(&excelize.Style{Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{fills[s]}}, Alignment: &excelize.Alignment{Vertical: "top"}})
		if err != nil {
			return err
		}
		styles[s] = id
	}
	for i, rec := range rows {
		for j, v := range rec {
			cell, _ := excelize.CoordinatesToCellName(j+1, i+1)
			v = report.FitCell(sanitize.Cell(v))
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
		if i > 0 && statusCol >= 0 && statusCol < len(rec) {
			if id, ok := styles[rec[statusCol]]; ok {
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
		if wideFrom >= 0 && j >= wideFrom {
			width = 48
		}
		if err := f.SetColWidth(sheet, col, col, width); err != nil {
			return err
		}
	}
	_, err = f.WriteTo(w)
	return err
}
