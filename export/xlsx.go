package export

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"

	"github.com/xuri/excelize/v2"

	"github.com/annex-tools/annex/internal/sanitize"
	"github.com/annex-tools/annex/model"
	"github.com/annex-tools/annex/parse/xlsx"
)

// Sheet names and headers of the written workbook.
const (
	SheetAnnex       = "Annex"
	SheetDefinitions = "Definitions"
)

var (
	annexHeader      = []string{"Entry", "Category", "Description", "Notes"}
	definitionHeader = []string{"Term", "Scope", "Definition"}
)

// maxCellChars is the most UTF-16 units a spreadsheet cell holds; the
// spreadsheet library cuts longer text silently.
const maxCellChars = 32767

// ErrNotRepresentable is returned when part of a model cannot be written
// so that it reads back unchanged.
var ErrNotRepresentable = errors.New("cannot be written to a spreadsheet unchanged")

// XLSX writes a as a workbook that package parse/xlsx reads back to the same
// model (Meta.Source aside).
func XLSX(w io.Writer, a *model.Annex) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("write workbook: spreadsheet library failed: %v", p)
		}
	}()
	f := excelize.NewFile()
	defer f.Close()
	x := &writer{f: f}
	if err := x.styles(); err != nil {
		return err
	}
	if err := f.SetSheetName(f.GetSheetName(0), SheetAnnex); err != nil {
		return err
	}
	if err := x.annex(a); err != nil {
		return err
	}
	if _, err := f.NewSheet(SheetDefinitions); err != nil {
		return err
	}
	if err := x.definitions(a.Definitions); err != nil {
		return err
	}
	f.SetActiveSheet(0)
	if x.err != nil {
		return x.err
	}
	if _, err := f.WriteTo(w); err != nil {
		return fmt.Errorf("write workbook: %w", err)
	}
	return nil
}

type writer struct {
	f                             *excelize.File
	title, header, heading, wrapS int
	err                           error
}

func (x *writer) styles() error {
	var err error
	mk := func(s *excelize.Style) int {
		if err != nil {
			return 0
		}
		var id int
		id, err = x.f.NewStyle(s)
		return id
	}
	top := &excelize.Alignment{Vertical: "top", WrapText: true}
	x.title = mk(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 12}})
	x.header = mk(&excelize.Style{
		Font:      &excelize.Font{Bold: true},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"D9E1F2"}},
		Alignment: top,
		Border:    []excelize.Border{{Type: "bottom", Color: "808080", Style: 1}},
	})
	x.heading = mk(&excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: top})
	x.wrapS = mk(&excelize.Style{Alignment: top})
	return err
}

// text stores s as a string cell: never a formula, whatever s starts with.
func (x *writer) text(sheet string, col, row int, s string, style int) {
	if x.err != nil {
		return
	}
	s = sanitize.Cell(s)
	cell, err := excelize.CoordinatesToCellName(col, row)
	if err == nil && len(utf16.Encode([]rune(s))) > maxCellChars {
		err = fmt.Errorf("%s!%s: text of %d characters is longer than a cell holds: %w", sheet, cell, len([]rune(s)), ErrNotRepresentable)
	}
	if err == nil && s != "" {
		err = x.f.SetCellStr(sheet, cell, s)
	}
	if err == nil && style != 0 {
		err = x.f.SetCellStyle(sheet, cell, cell, style)
	}
	x.err = err
}

func (x *writer) annex(a *model.Annex) error {
	sh := SheetAnnex
	x.text(sh, 1, 1, a.Meta.Title, x.title)
	x.text(sh, 2, 1, a.Meta.DocID, x.title)
	x.text(sh, 3, 1, printDate(a.Meta.Date), x.title)
	for i, h := range annexHeader {
		x.text(sh, i+1, 2, h, x.header)
	}
	row := 3
	for _, it := range a.Items {
		x.text(sh, 1, row, strconv.Itoa(it.Number)+".", x.heading)
		x.text(sh, 2, row, it.Category, x.heading)
		if it.Reserved != strings.Contains(strings.ToUpper(it.Title), "RESERVED") {
			return fmt.Errorf("item %d: reserved %v with title %q %w", it.Number, it.Reserved, it.Title, ErrNotRepresentable)
		}
		x.text(sh, 3, row, it.Title, x.heading)
		row++
		for _, g := range it.Groups {
			x.text(sh, 1, row, a.Scheme().GroupID(it.Number, g.Letter)+".", x.heading)
			x.text(sh, 2, row, it.Category, x.heading)
			x.text(sh, 3, row, g.Title, x.heading)
			if len(g.Notes) > 0 {
				// Notes under a group heading (EU lists), in its notes cell.
				notes, err := notesCell(g.Notes)
				if err != nil {
					return fmt.Errorf("group %s: %w", a.Scheme().GroupID(it.Number, g.Letter), err)
				}
				x.text(sh, 4, row, notes, x.wrapS)
			}
			row++
			for _, e := range g.Entries {
				var err error
				row, err = x.entry(e, it.Category, row)
				if err != nil {
					return err
				}
			}
		}
	}
	if x.err != nil {
		return x.err
	}
	f := x.f
	for _, c := range []struct {
		col   string
		width float64
	}{{"A", 14}, {"B", 10}, {"C", 90}, {"D", 70}} {
		if err := f.SetColWidth(sh, c.col, c.col, c.width); err != nil {
			return err
		}
	}
	if err := f.SetPanes(sh, &excelize.Panes{Freeze: true, YSplit: 2, TopLeftCell: "A3", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	return f.AutoFilter(sh, fmt.Sprintf("A2:D%d", max(row-1, 2)), nil)
}

func (x *writer) entry(e model.Entry, category string, row int) (int, error) {
	notes, err := notesCell(e.Notes)
	if err != nil {
		return row, fmt.Errorf("entry %s: %w", e.ID, err)
	}
	x.text(SheetAnnex, 1, row, e.ID+".", x.wrapS)
	x.text(SheetAnnex, 2, row, category, x.wrapS)
	x.text(SheetAnnex, 3, row, e.Text, x.wrapS)
	x.text(SheetAnnex, 4, row, notes, x.wrapS)
	row++
	for _, c := range e.Children {
		if row, err = x.entry(c, category, row); err != nil {
			return row, err
		}
	}
	return row, x.err
}

func (x *writer) definitions(defs []model.Definition) error {
	sh := SheetDefinitions
	for i, h := range definitionHeader {
		x.text(sh, i+1, 1, h, x.header)
	}
	for i, d := range defs {
		x.text(sh, 1, i+2, d.Term, x.heading)
		x.text(sh, 2, i+2, d.Scope, x.wrapS)
		x.text(sh, 3, i+2, d.Text, x.wrapS)
	}
	if x.err != nil {
		return x.err
	}
	for _, c := range []struct {
		col   string
		width float64
	}{{"A", 28}, {"B", 22}, {"C", 100}} {
		if err := x.f.SetColWidth(sh, c.col, c.col, c.width); err != nil {
			return err
		}
	}
	if err := x.f.SetPanes(sh, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	return x.f.AutoFilter(sh, fmt.Sprintf("A1:C%d", max(len(defs)+1, 1)), nil)
}

// printDate writes an ISO date as printed on a title page: "14 March 2024".
// Anything else is written as it is.
func printDate(iso string) string {
	t, err := time.Parse("2006-01-02", iso)
	if err != nil {
		return iso
	}
	return t.Format("2 January 2006")
}

// notesCell writes notes in the printed grammar: a run of notes of one kind
// numbered 1, 2, … under a plural heading ("Technical Notes:" then "1. …"
// lines), any other note as "Note: …" or "Note 3: …". When that form would
// not split back into the same notes, it falls back to one "Kind N: text"
// line per note, and fails when even that does not read back.
func notesCell(notes []model.Note) (string, error) {
	if len(notes) == 0 {
		return "", nil
	}
	var lines []string
	for i := 0; i < len(notes); {
		j := i
		for j < len(notes) && notes[j].Kind == notes[i].Kind && notes[j].Label == strconv.Itoa(j-i+1) {
			j++
		}
		if j-i >= 2 && notes[i].Kind != model.KindNB {
			lines = append(lines, notes[i].Kind+"s:")
			for k := i; k < j; k++ {
				lines = append(lines, notes[k].Label+". "+notes[k].Text)
			}
			i = j
			continue
		}
		lines = append(lines, noteLine(notes[i]))
		i++
	}
	cell := strings.Join(lines, "\n")
	if sameNotes(xlsx.SplitNotes(cell), notes) {
		return cell, nil
	}
	lines = lines[:0]
	for _, n := range notes {
		lines = append(lines, noteLine(n))
	}
	cell = strings.Join(lines, "\n")
	if sameNotes(xlsx.SplitNotes(cell), notes) {
		return cell, nil
	}
	return "", fmt.Errorf("notes %w", ErrNotRepresentable)
}

func noteLine(n model.Note) string {
	if n.Label == "" {
		return n.Kind + ": " + n.Text
	}
	return n.Kind + " " + n.Label + ": " + n.Text
}

func sameNotes(a, b []model.Note) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
