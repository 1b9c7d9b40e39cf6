package concord

import (
	"encoding/csv"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/xuri/excelize/v2"

	"github.com/annex-tools/annex/diff"
	"github.com/annex-tools/annex/internal/sanitize"
	"github.com/annex-tools/annex/report"
)

// Table is the tabular form of a concordance or an amendment draft, which
// every table format writes: CSV, XLSX, Markdown, HTML and text.
type Table struct {
	Title   string     // a heading for the formats that show one
	Columns []string   // column names, the CSV/XLSX header
	Rows    [][]string // one value per column
}

// WriteTable writes t in format: csv, xlsx, md, html or text.
func WriteTable(w io.Writer, format string, t Table) error {
	switch format {
	case "csv":
		cw := csv.NewWriter(w)
		if err := cw.Write(t.Columns); err != nil {
			return err
		}
		for _, r := range t.Rows {
			rec := make([]string, len(r))
			for k, v := range r {
				rec[k] = sanitize.CSV(v)
			}
			if err := cw.Write(rec); err != nil {
				return err
			}
		}
		cw.Flush()
		return cw.Error()
	case "xlsx":
		return writeXLSX(w, t)
	case "md":
		return writeMarkdown(w, t)
	case "html":
		return writeHTML(w, t)
	case "text":
		tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, strings.Join(t.Columns, "\t"))
		for _, r := range t.Rows {
			rec := make([]string, len(r))
			for k, v := range r {
				rec[k] = sanitize.Line(v)
			}
			fmt.Fprintln(tw, strings.Join(rec, "\t"))
		}
		return tw.Flush()
	}
	return fmt.Errorf("unknown format %q (want csv, xlsx, md, html or text)", format)
}

func writeXLSX(w io.Writer, t Table) error {
	f := excelize.NewFile()
	defer f.Close()
	sheet := "Concordance"
	if t.Title != "" && len(t.Title) <= 31 {
		sheet = t.Title
	}
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return err
	}
	put := func(col, row int, v string) error {
		cell, _ := excelize.CoordinatesToCellName(col, row)
		return f.SetCellStr(sheet, cell, report.FitCell(v)) // a string, never a formula
	}
	for k, c := range t.Columns {
		if err := put(k+1, 1, c); err != nil {
			return err
		}
	}
	last, _ := excelize.CoordinatesToCellName(max(1, len(t.Columns)), 1)
	if err := f.SetCellStyle(sheet, "A1", last, bold); err != nil {
		return err
	}
	for i, r := range t.Rows {
		for k, v := range r {
			if err := put(k+1, i+2, sanitize.Cell(v)); err != nil {
				return err
			}
		}
	}
	if err := f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	_, err = f.WriteTo(w)
	return err
}

func writeMarkdown(w io.Writer, t Table) error {
	var b strings.Builder
	if t.Title != "" {
		fmt.Fprintf(&b, "# %s\n\n", sanitize.MarkdownCell(t.Title))
	}
	b.WriteString("|")
	for _, c := range t.Columns {
		b.WriteString(" " + sanitize.MarkdownCell(c) + " |")
	}
	b.WriteString("\n|")
	for range t.Columns {
		b.WriteString(" --- |")
	}
	b.WriteString("\n")
	for _, r := range t.Rows {
		b.WriteString("|")
		for _, v := range r {
			b.WriteString(" " + sanitize.MarkdownCell(v) + " |")
		}
		b.WriteString("\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// writeHTML writes t as one self-contained HTML table (report.TablePage).
func writeHTML(w io.Writer, t Table) error {
	p := report.NewTablePage(t.Title, "", nil, t.Columns, -1, -1)
	return p.Write(w, func(row func(rec []string, ops []diff.Op) error) error {
		for _, r := range t.Rows {
			if err := row(r, nil); err != nil {
				return err
			}
		}
		return nil
	})
}
