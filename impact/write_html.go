package impact

import (
	"io"
	"slices"
	"strings"

	"github.com/annex-tools/annex/diff"
	"github.com/annex-tools/annex/report"
)

// WriteHTML writes an impact report as one self-contained HTML page: the
// table of the CSV and XLSX formats, deletions struck through and insertions
// underlined, rows tinted by status.
func WriteHTML(w io.Writer, r Report) error {
	return writeHTML(w, r, func(fn func(RowReport) error) error {
		for _, row := range r.Rows {
			if err := fn(row); err != nil {
				return err
			}
		}
		return nil
	})
}

// writeHTML writes the page of the report head with the rows each gives,
// one at a time, so that the page of a register of any size is written in
// bounded memory: each row is made into its lines by impactRecords, as the
// CSV and XLSX formats make theirs.
func writeHTML(w io.Writer, head Report, each func(fn func(RowReport) error) error) error {
	header := impactHead(head)
	idCol := idColumnOf(head)
	base := len(header) - len(impactColumns)
	reg := head.Register.Name
	if head.Register.Sheet != "" {
		reg += " (sheet " + head.Register.Sheet + ")"
	}
	facts := [][2]string{{"Register", reg}, {"Follows", revisionName(head.Old)}, {"Checked against", revisionName(head.New)}}
	p := report.NewTablePage("Impact of "+revisionName(head.New)+" on "+head.Register.Name, impactLead(head), facts, header,
		base+slices.Index(impactColumns, "Status"), base+slices.Index(impactColumns, "Change"))
	return p.Write(w, func(put func([]string, []diff.Op) error) error {
		return each(func(row RowReport) error {
			for k, rec := range impactRecords(head, idCol, row) { // one per annotation
				if err := put(rec, changeOps(row.Annotations[k])); err != nil {
					return err
				}
			}
			return nil
		})
	})
}

// impactLead is the summary line of an impact page.
func impactLead(r Report) string {
	rows, annotations := summaryLines(r) // r is a stream's head: its summaries count the rows
	return rows + "; " + annotations + "."
}

// WriteHarmoniseHTML writes a harmonisation report as one self-contained
// HTML page: the table of the CSV and XLSX formats, the differences from the
// national text to the annex text marked.
func WriteHarmoniseHTML(w io.Writer, r HarmoniseReport) error {
	rows := harmoniseTable(r)
	national := r.National.Name + " (" + r.National.Kind
	if r.National.DocID != "" {
		national += ", " + r.National.DocID
	}
	national += ")"
	facts := [][2]string{{"National list", national}, {"Annex", revisionName(r.Against)}}
	p := report.NewTablePage("Harmonisation of "+r.National.Name+" with "+revisionName(r.Against), harmoniseSummaryLine(r.Summary)+".", facts, rows[0],
		slices.Index(rows[0], "Finding"), slices.Index(rows[0], "Difference"))
	return p.Write(w, func(put func([]string, []diff.Op) error) error {
		for i, rec := range rows[1:] { // one per finding
			if err := put(rec, inlineOps(r.Findings[i].TextDiff)); err != nil {
				return err
			}
		}
		return nil
	})
}

// inlineOps is inlineDiff as a word diff, for the formats that mark
// deletions and insertions themselves: long unchanged runs shortened to
// their ends, line breaks (between notes) shown as " / ".
func inlineOps(ops []diff.Op) []diff.Op {
	out := make([]diff.Op, len(ops))
	for i, o := range ops {
		if o.Op == diff.OpEqual {
			o.Text = elide(o.Text, i > 0, i < len(ops)-1)
		}
		o.Text = strings.ReplaceAll(o.Text, "\n", " / ")
		out[i] = o
	}
	return out
}

// changeOps is changeSummary as a word diff (TestChangeOps keeps the two
// alike): the labels and thresholds are unchanged runs.
func changeOps(a Annotation) []diff.Op {
	var out []diff.Op
	part := func(label string, ops []diff.Op) {
		if len(out) > 0 {
			label = " | " + label
		}
		out = append(out, diff.Op{Op: diff.OpEqual, Text: label})
		out = append(out, ops...)
	}
	if len(a.TextDiff) > 0 {
		part("text: ", inlineOps(a.TextDiff))
	}
	if len(a.NotesDiff) > 0 {
		part("notes: ", inlineOps(a.NotesDiff))
	}
	if q := quantities(a.Quantities); q != "" {
		part("thresholds: "+q, nil)
	}
	return out
}
