package impact

import (
	"encoding/csv"
	"fmt"
	"io"
	"strings"

	"github.com/annex-tools/annex/report"
)

// impactColumns are the columns an impact report adds after the register's.
// The id the annotation is about goes in the register's own id column.
var impactColumns = []string{"Status", "New id", "Category", "Action", "Change", "Detail"}

// impactHead is the header line of an impact table.
func impactHead(r Report) []string {
	head := append([]string{"Row"}, r.Register.Header...)
	return append(head, impactColumns...)
}

// impactRecords returns the lines of an impact table for one row: one per
// annotation, with the register row's number and cells repeated, so that the
// table can be sorted and filtered. The register's id column holds the id
// of the annotation.
func impactRecords(r Report, idCol int, row RowReport) [][]string {
	var out [][]string
	for _, a := range row.Annotations {
		rec := make([]string, 0, 1+len(r.Register.Header)+len(impactColumns))
		rec = append(rec, fmt.Sprint(row.Row))
		for j := range r.Register.Header {
			c := ""
			if j < len(row.Cells) {
				c = row.Cells[j]
			}
			if j == idCol {
				c = tableID(row.Cells, idCol, a)
			}
			rec = append(rec, c)
		}
		rec = append(rec, string(a.Status), a.NewID, categoryCell(a), a.Action, changeSummary(a), a.Detail)
		out = append(out, rec)
	}
	return out
}

// idColumnOf returns the index of the id column in the header of r, or -1.
func idColumnOf(r Report) int {
	for i, h := range r.Register.Header {
		if h == r.Register.IDColumn {
			return i
		}
	}
	return -1
}

// impactTable returns an impact report as rows of cells: a header, then
// the lines of every row.
func impactTable(r Report) [][]string {
	out := [][]string{impactHead(r)}
	idCol := idColumnOf(r)
	for _, row := range r.Rows {
		out = append(out, impactRecords(r, idCol, row)...)
	}
	return out
}

// WriteCSV writes an impact report as CSV: the register's columns, then
// the annotation's, one line per annotation.
func WriteCSV(w io.Writer, r Report) error { return writeCSV(w, r.Stream()) }

func writeCSV(w io.Writer, s Stream) error {
	cw := csv.NewWriter(w)
	if err := writeCSVRecord(cw, impactHead(s.Head)); err != nil {
		return err
	}
	idCol := idColumnOf(s.Head)
	err := s.Each(func(row RowReport) error {
		for _, rec := range impactRecords(s.Head, idCol, row) {
			if err := writeCSVRecord(cw, rec); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	cw.Flush()
	return cw.Error()
}

func writeCSVRecord(cw *csv.Writer, rec []string) error {
	safe := make([]string, len(rec))
	for i, c := range rec {
		safe[i] = report.InertCSV(c)
	}
	return cw.Write(safe)
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
