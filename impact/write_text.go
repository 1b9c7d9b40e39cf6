package impact

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/annex-tools/annex/internal/sanitize"
)

// WriteText writes an impact report for people: every row of the register
// with its cells, then one line per annotation. Control and bidirectional
// formatting characters from the register or the annex are shown as escapes
// (sanitize.Text; a register cell's line breaks too).
func WriteText(w io.Writer, r Report) error { return writeText(w, r.Stream()) }

func writeText(w io.Writer, s Stream) error {
	r := s.Head
	bw := bufio.NewWriterSize(w, 64<<10)
	fmt.Fprintf(bw, "Impact of %s on %s (was %s)\n", sanitize.Line(revisionName(r.New)), sanitize.Line(r.Register.Name), sanitize.Line(revisionName(r.Old)))
	rows, annotations := summaryLines(r)
	fmt.Fprintf(bw, "%s\n%s\n", sanitize.Line(rows), sanitize.Line(annotations))
	err := s.Each(func(row RowReport) error {
		var b strings.Builder
		cells := make([]string, len(row.Cells))
		for i, c := range row.Cells {
			cells[i] = sanitize.Line(c) // a line break in a cell must not start a line of the report
		}
		fmt.Fprintf(&b, "\nrow %d  %s\n", row.Row, strings.Join(cells, " | "))
		for _, a := range row.Annotations {
			id := a.ID
			if id == "" {
				id = "—"
			}
			fmt.Fprintf(&b, "  %-10s %-11s %-7s %s\n", id, a.Status, categoryCell(a), a.Action)
			if s := changeSummary(a); s != "" {
				fmt.Fprintf(&b, "  %-10s %-11s %-7s %s\n", "", "", "", s)
			}
			if a.Detail != "" {
				fmt.Fprintf(&b, "  %-10s %-11s %-7s %s\n", "", "", "", a.Detail)
			}
		}
		_, err := bw.WriteString(sanitize.Text(b.String()))
		return err
	})
	if err != nil {
		return err
	}
	return bw.Flush()
}

// WriteHarmoniseText writes a harmonisation report for people, with control
// characters shown as escapes (sanitize.Text).
func WriteHarmoniseText(w io.Writer, r HarmoniseReport) error {
	var b strings.Builder
	fmt.Fprintf(&b, "Harmonisation of %s with %s\n", sanitize.Line(r.National.Name), revisionName(r.Against))
	fmt.Fprintf(&b, "%s\n", harmoniseSummaryLine(r.Summary))
	for _, f := range r.Findings {
		if f.Kind == FindingSame {
			continue // counted in the summary; listed in JSON and CSV
		}
		head := fmt.Sprintf("%-13s %s", f.Kind, findingName(f))
		if c := classification(f); c != "" {
			head += " (" + c + ")"
		}
		if f.Row > 0 {
			head += fmt.Sprintf("  [row %d]", f.Row)
		}
		b.WriteString("\n" + head + "\n")
		switch {
		case len(f.TextDiff) > 0:
			fmt.Fprintf(&b, "    text: %s\n", inlineDiff(f.TextDiff))
		case f.Kind == FindingMissing:
			fmt.Fprintf(&b, "    annex: %s\n", f.Annex)
		case f.Kind == FindingNotInAnnex && f.National != "":
			fmt.Fprintf(&b, "    national: %s\n", f.National)
		}
		if len(f.NotesDiff) > 0 {
			fmt.Fprintf(&b, "    notes: %s\n", inlineDiff(f.NotesDiff))
		}
		if q := quantities(f.Quantities); q != "" {
			if f.AnnexID != "" { // through a concordance: stated from the national side
				fmt.Fprintf(&b, "    thresholds (annex → national): %s\n", q)
			} else {
				fmt.Fprintf(&b, "    thresholds (national → annex): %s\n", q)
			}
		}
		if len(f.Matches) > 0 {
			fmt.Fprintf(&b, "    national text is that of: %s\n", strings.Join(f.Matches, ", "))
		}
		if f.Detail != "" {
			fmt.Fprintf(&b, "    %s\n", f.Detail)
		}
	}
	_, err := io.WriteString(w, sanitize.Text(b.String()))
	return err
}
