package report

import (
	"fmt"
	"io"
	"strconv"

	"github.com/xuri/excelize/v2"

	"github.com/annex-tools/annex/diff"
	"github.com/annex-tools/annex/internal/sanitize"
)

// Sheet names of the change register.
const (
	sheetChanges   = "Changes"
	sheetSummary   = "Summary"
	sheetRevisions = "Revisions"
)

// cellLimit is the most UTF-16 units a spreadsheet cell holds.
const cellLimit = excelize.TotalCellChars

// truncMarker ends a cell whose text was cut to fit cellLimit.
const truncMarker = " … [TRUNCATED by annex: the text exceeds the spreadsheet cell limit of 32,767 characters; the full text is in the JSON report]"

// Colours of the register.
const (
	xlHeaderFill = "0B4F8A"
	xlDeleted    = "B3261E"
	xlInserted   = "1A7F37"
)

// FitCell returns s cut to the spreadsheet cell limit (32,767 UTF-16
// units), with truncMarker appended when it had to be cut: the spreadsheet
// library would cut it silently. Every XLSX writer stores text through it.
func FitCell(s string) string {
	if utf16Len(s) <= cellLimit {
		return s
	}
	return cutUTF16(s, cellLimit-utf16Len(truncMarker)) + truncMarker
}

// writeXLSX writes the change register workbook: sheets Changes, Summary and
// Revisions. Every string is stored as text (never a formula).
func writeXLSX(w io.Writer, r diff.Result, opt Options) (err error) {
	return writeXLSXPages(w, []diff.Result{r}, opt, false)
}

// writeXLSXPages writes the change register workbook of one or more diffs,
// in the order given. As a changelog, each line of Changes ends with the
// revisions of its diff, Summary has a line per diff and Revisions lists
// every revision; else rs holds one diff.
func writeXLSXPages(w io.Writer, rs []diff.Result, opt Options, changelog bool) (err error) {
	f := excelize.NewFile()
	defer func() {
		if cerr := f.Close(); err == nil && cerr != nil {
			err = fmt.Errorf("write xlsx report: %w", cerr)
		}
	}()
	x := &xlsxWriter{f: f}
	x.styles()
	if err := f.SetSheetName("Sheet1", sheetChanges); err != nil {
		return fmt.Errorf("write xlsx report: %w", err)
	}
	for _, name := range []string{sheetSummary, sheetRevisions} {
		if _, err := f.NewSheet(name); err != nil {
			return fmt.Errorf("write xlsx report: %w", err)
		}
	}
	x.changes(rs, changelog)
	if !changelog {
		x.summary(rs[0], opt)
		x.revisions(rs[0])
	} else {
		x.pagesSummary(rs, opt)
		x.pagesRevisions(rs)
	}
	if x.err != nil {
		return fmt.Errorf("write xlsx report: %w", x.err)
	}
	f.SetActiveSheet(0)
	if _, err := f.WriteTo(w); err != nil {
		return fmt.Errorf("write xlsx report: %w", err)
	}
	return nil
}

// xlsxWriter keeps the first error of a sequence of excelize calls.
type xlsxWriter struct {
	f                          *excelize.File
	err                        error
	header, body, title, total int // style ids
}

func (x *xlsxWriter) check(err error) {
	if x.err == nil && err != nil {
		x.err = err
	}
}

func (x *xlsxWriter) style(s *excelize.Style) int {
	id, err := x.f.NewStyle(s)
	x.check(err)
	return id
}

func (x *xlsxWriter) styles() {
	x.header = x.style(&excelize.Style{
		Font:      &excelize.Font{Bold: true, Color: "FFFFFF"},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{xlHeaderFill}},
		Alignment: &excelize.Alignment{Vertical: "center", WrapText: true},
		Border:    []excelize.Border{{Type: "bottom", Color: "000000", Style: 1}},
	})
	x.body = x.style(&excelize.Style{
		Alignment: &excelize.Alignment{Vertical: "top", WrapText: true},
	})
	x.title = x.style(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}})
	x.total = x.style(&excelize.Style{
		Font:   &excelize.Font{Bold: true},
		Border: []excelize.Border{{Type: "top", Color: "000000", Style: 2}},
	})
}

func cell(col, row int) string {
	name, _ := excelize.CoordinatesToCellName(col, row)
	return name
}

// text stores s as a text cell, cut to the cell limit.
func (x *xlsxWriter) text(sheet string, col, row int, s string) {
	if s == "" {
		return
	}
	x.check(x.f.SetCellStr(sheet, cell(col, row), FitCell(sanitize.Cell(s))))
}

func (x *xlsxWriter) int(sheet string, col, row, n int) {
	x.check(x.f.SetCellInt(sheet, cell(col, row), int64(n)))
}

// headerRow writes a styled header in row 1.
func (x *xlsxWriter) headerRow(sheet string, row int, names []string) {
	for i, h := range names {
		x.text(sheet, i+1, row, h)
	}
	x.check(x.f.SetCellStyle(sheet, cell(1, row), cell(len(names), row), x.header))
}

func (x *xlsxWriter) changes(rs []diff.Result, withRevisions bool) {
	const sh = sheetChanges
	head := registerHeader()
	if withRevisions {
		head = append(head, revisionColumns...)
	}
	x.headerRow(sh, 1, head)
	row := 1
	for _, r := range rs {
		for _, c := range r.Changes {
			row++
			cells := registerRow(c)
			if withRevisions {
				cells = append(cells, revisionName(r.Old), revisionName(r.New))
			}
			x.changeRow(sh, row, c, cells)
		}
	}
	last := row
	if last > 1 {
		x.check(x.f.SetCellStyle(sh, cell(1, 2), cell(len(head), last), x.body))
	}
	widths := []float64{6, 9, 11, 14, 14, 12, 10, 12, 50, 50, 60, 40, 40, 20, 14, 24, 12}
	if withRevisions {
		widths = append(widths, 28, 28)
	}
	for i, wd := range widths {
		col, _ := excelize.ColumnNumberToName(i + 1)
		x.check(x.f.SetColWidth(sh, col, col, wd))
	}
	x.check(x.f.SetRowHeight(sh, 1, 30))
	x.check(x.f.SetPanes(sh, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}))
	x.check(x.f.AutoFilter(sh, cell(1, 1)+":"+cell(len(head), last), nil))
	x.kindColours(sh, last)
}

// changeRow writes the cells of change c on line row: the item as a
// number, the redline as rich text, the rest as text.
func (x *xlsxWriter) changeRow(sh string, row int, c diff.Change, cells []string) {
	for col, s := range cells {
		switch col {
		case colItem:
			if n := itemOf(c); n > 0 {
				x.int(sh, col+1, row, n)
			}
		case colRedline:
			x.redline(sh, col+1, row, c)
		default:
			x.text(sh, col+1, row, s)
		}
	}
}

// kindColours tints the Kind column by kind.
func (x *xlsxWriter) kindColours(sh string, last int) {
	if last < 2 {
		return
	}
	col, _ := excelize.ColumnNumberToName(colKind + 1)
	rng := col + "2:" + col + strconv.Itoa(last)
	var conds []excelize.ConditionalFormatOptions
	for _, k := range []struct{ kind, font, fill string }{
		{"added", "1A7F37", "DAFBE1"}, {"removed", "B3261E", "FFEBE9"},
		{"modified", "7D4E00", "FFF8C5"}, {"renumbered", "0B4F8A", "DDF4FF"},
	} {
		id, err := x.f.NewConditionalStyle(&excelize.Style{
			Font: &excelize.Font{Color: k.font},
			Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{k.fill}},
		})
		x.check(err)
		conds = append(conds, excelize.ConditionalFormatOptions{Type: "cell", Criteria: "==", Format: &id, Value: `"` + k.kind + `"`})
	}
	x.check(x.f.SetConditionalFormat(sh, rng, conds))
}

// redline writes the word diff of c as rich text: deletions red and struck
// through, insertions green and underlined; the notes diff follows.
func (x *xlsxWriter) redline(sh string, col, row int, c diff.Change) {
	var runs []excelize.RichTextRun
	add := func(op diff.Op) {
		run := excelize.RichTextRun{Text: sanitize.Cell(op.Text)}
		switch op.Op {
		case diff.OpDelete:
			run.Font = &excelize.Font{Color: xlDeleted, Strike: true}
		case diff.OpInsert:
			run.Font = &excelize.Font{Color: xlInserted, Underline: "single"}
		}
		runs = append(runs, run)
	}
	for _, op := range c.TextDiff {
		add(op)
	}
	if len(c.NotesDiff) > 0 {
		prefix := "Notes: "
		if len(runs) > 0 {
			prefix = "\n\nNotes: "
		}
		runs = append(runs, excelize.RichTextRun{Text: prefix, Font: &excelize.Font{Bold: true}})
		for _, op := range c.NotesDiff {
			add(op)
		}
	}
	if len(runs) == 0 {
		return
	}
	x.check(x.f.SetCellRichText(sh, cell(col, row), fitRuns(runs)))
}

// fitRuns cuts rich text runs to the cell limit, ending with truncMarker when
// something was cut; empty runs are dropped.
func fitRuns(runs []excelize.RichTextRun) []excelize.RichTextRun {
	total := 0
	for _, r := range runs {
		total += utf16Len(r.Text)
	}
	out := make([]excelize.RichTextRun, 0, len(runs))
	room := cellLimit
	if total > cellLimit {
		room = cellLimit - utf16Len(truncMarker)
	}
	for _, r := range runs {
		if r.Text == "" {
			continue
		}
		n := utf16Len(r.Text)
		if n > room {
			r.Text = cutUTF16(r.Text, room)
			n = utf16Len(r.Text)
		}
		if r.Text != "" {
			out = append(out, r)
		}
		room -= n
		if room <= 0 {
			break
		}
	}
	if total > cellLimit {
		out = append(out, excelize.RichTextRun{Text: truncMarker, Font: &excelize.Font{Bold: true}})
	}
	return out
}

func (x *xlsxWriter) summary(r diff.Result, opt Options) {
	const sh = sheetSummary
	title := opt.Title
	if title == "" {
		title = defaultTitle([]diff.Result{r})
	}
	x.text(sh, 1, 1, title)
	x.check(x.f.SetCellStyle(sh, "A1", "A1", x.title))
	head := []string{"Item", "Category", "Added", "Removed", "Modified", "Renumbered", "Editorial", "Total"}
	x.headerRow(sh, 3, head)
	byItem := map[int]*counts{}
	category := map[int]string{}
	var defs, all counts
	for _, c := range r.Changes {
		all.add(c)
		if c.Target == diff.TargetDefinition {
			defs.add(c)
			continue
		}
		n := itemOf(c)
		if byItem[n] == nil {
			byItem[n] = &counts{}
		}
		byItem[n].add(c)
		if category[n] == "" {
			category[n] = c.Category
		}
	}
	row := 4
	put := func(name, cat string, n counts) {
		x.text(sh, 1, row, name)
		x.text(sh, 2, row, cat)
		for i, v := range []int{n.Added, n.Removed, n.Modified, n.Renumbered, n.Editorial, n.Total} {
			x.int(sh, i+3, row, v)
		}
		row++
	}
	sch := schemeOf(r.Changes)
	for _, n := range sortedItems(byItem) {
		name := sch.ItemID(n)
		if n == 0 {
			name = "Other"
		}
		put(name, category[n], *byItem[n])
	}
	if defs.Total > 0 {
		put("Definitions", "", defs)
	}
	put("Total", "", all)
	x.check(x.f.SetCellStyle(sh, cell(1, row-1), cell(len(head), row-1), x.total))
	x.check(x.f.SetColWidth(sh, "A", "A", 14))
	x.check(x.f.SetColWidth(sh, "B", "H", 12))
}

func (x *xlsxWriter) revisions(r diff.Result) {
	const sh = sheetRevisions
	x.headerRow(sh, 1, []string{"Side", "Document", "Date", "Source name", "Format", "SHA-256", "Pages"})
	for i, side := range []struct {
		name string
		rev  diff.Revision
	}{{"Old", r.Old}, {"New", r.New}} {
		row := i + 2
		x.text(sh, 1, row, side.name)
		x.text(sh, 2, row, side.rev.DocID)
		x.text(sh, 3, row, side.rev.Date)
		x.text(sh, 4, row, side.rev.Source.Name)
		x.text(sh, 5, row, side.rev.Source.Format)
		x.text(sh, 6, row, side.rev.Source.SHA256)
		if side.rev.Source.Pages > 0 {
			x.int(sh, 7, row, side.rev.Source.Pages)
		}
	}
	for col, wd := range map[string]float64{"A": 8, "B": 26, "C": 12, "D": 28, "E": 8, "F": 68, "G": 8} {
		x.check(x.f.SetColWidth(sh, col, col, wd))
	}
}

// pagesSummary writes the Summary sheet of several diffs: a line of counts
// per diff, in the order given, and the total.
func (x *xlsxWriter) pagesSummary(rs []diff.Result, opt Options) {
	const sh = sheetSummary
	title := opt.Title
	if title == "" {
		title = defaultTitle(newestFirst(rs))
	}
	x.text(sh, 1, 1, title)
	x.check(x.f.SetCellStyle(sh, "A1", "A1", x.title))
	head := []string{"Old revision", "New revision", "Added", "Removed", "Modified", "Renumbered", "Editorial", "Total"}
	x.headerRow(sh, 3, head)
	row := 4
	var all counts
	put := func(old, new string, n counts) {
		x.text(sh, 1, row, old)
		x.text(sh, 2, row, new)
		for i, v := range []int{n.Added, n.Removed, n.Modified, n.Renumbered, n.Editorial, n.Total} {
			x.int(sh, i+3, row, v)
		}
		row++
	}
	for _, r := range rs {
		var n counts
		for _, c := range r.Changes {
			n.add(c)
			all.add(c)
		}
		put(revisionName(r.Old), revisionName(r.New), n)
	}
	put("Total", "", all)
	x.check(x.f.SetCellStyle(sh, cell(1, row-1), cell(len(head), row-1), x.total))
	x.check(x.f.SetColWidth(sh, "A", "B", 34))
	x.check(x.f.SetColWidth(sh, "C", "H", 12))
}

// pagesRevisions writes the Revisions sheet of several diffs: every
// revision once, in the order of the diffs given (newest first in a
// changelog).
func (x *xlsxWriter) pagesRevisions(rs []diff.Result) {
	const sh = sheetRevisions
	x.headerRow(sh, 1, []string{"Document", "Date", "Source name", "Format", "SHA-256", "Pages"})
	var revs []diff.Revision
	seen := make(map[diff.Revision]bool)
	for _, r := range rs {
		for _, rev := range []diff.Revision{r.New, r.Old} {
			if !seen[rev] {
				seen[rev] = true
				revs = append(revs, rev)
			}
		}
	}
	for i, rev := range revs {
		row := i + 2
		x.text(sh, 1, row, rev.DocID)
		x.text(sh, 2, row, rev.Date)
		x.text(sh, 3, row, rev.Source.Name)
		x.text(sh, 4, row, rev.Source.Format)
		x.text(sh, 5, row, rev.Source.SHA256)
		if rev.Source.Pages > 0 {
			x.int(sh, 6, row, rev.Source.Pages)
		}
	}
	for col, wd := range map[string]float64{"A": 26, "B": 12, "C": 28, "D": 8, "E": 68, "F": 8} {
		x.check(x.f.SetColWidth(sh, col, col, wd))
	}
}
