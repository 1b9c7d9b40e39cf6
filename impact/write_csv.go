package impact

import (
	"encoding/csv"
	"fmt"
	"io"
	"strings"

	"github.com/annex-tools/annex/report"
)

// impactColumns are the columns an impact report adds after the register's.
var impactColumns = []string{"Annex id", "Status", "New id", "Category", "Action", "Change", "Detail"}

// impactTable returns an impact report as rows of cells: a header, then one
// row per annotation with the register row's number and cells repeated, so
// that the table can be sorted and filtered.
func impactTable(r Report) [][]string {
	head := append([]string{"Row"}, r.Register.Header...)
	head = append(head, impactColumns...)
	out := [][]string{head}
	for _, row := range r.Rows {
		for _, a := range row.Annotations {
			rec := []string{fmt.Sprint(row.Row)}
			for j := range r.Register.Header {
				c := ""
				if j < len(row.Cells) {
					c = row.Cells[j]
				}
				rec = append(rec, c)
			}
			rec = append(rec, a.ID, string(a.Status), a.NewID, categoryCell(a), a.Action, changeSummary(a), a.Detail)
			out = append(out, rec)
		}
	}
	return out
}

// WriteCSV writes an impact report as CSV: the register's columns, then
// the annotation's, one line per annotation.
func WriteCSV(w io.Writer, r Report) error {
	return writeCSVTable(w, impactTable(r))
}

// harmoniseTable returns a harmonisation report as rows of cells.
func harmoniseTable(r HarmoniseReport) [][]string {
	out := [][]string{{"Finding", "Target", "Annex id", "National id", "Term", "Row", "Class", "National text", "Annex text", "Difference", "Earlier revision", "Detail"}}
	for _, f := range r.Findings {
		row := ""
		if f.Row > 0 {
			row = fmt.Sprint(f.Row)
		}
		out = append(out, []string{f.Kind, string(f.Target), f.ID, f.NationalID, f.Term, row, classification(f),
			f.National, f.Annex, inlineDiff(f.TextDiff), strings.Join(f.Matches, ", "), f.Detail})
	}
	return out
}

// WriteHarmoniseCSV writes a harmonisation report as CSV, one line per finding.
func WriteHarmoniseCSV(w io.Writer, r HarmoniseReport) error {
	return writeCSVTable(w, harmoniseTable(r))
}

func writeCSVTable(w io.Writer, rows [][]string) error {
	cw := csv.NewWriter(w)
	for _, rec := range rows {
		safe := make([]string, len(rec))
		for i, c := range rec {
			safe[i] = report.InertCSV(c)
		}
		if err := cw.Write(safe); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
