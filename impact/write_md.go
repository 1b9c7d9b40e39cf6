package impact

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/annex-tools/annex/diff"
	"github.com/annex-tools/annex/internal/sanitize"
)

// mdCell escapes a value for a Markdown table cell: markup, links and images
// (a register cell ![b](http://…) stays text), raw HTML, the pipe and control
// characters; line breaks become <br> (sanitize.MarkdownCell).
func mdCell(s string) string { return sanitize.MarkdownCell(s) }

// mdDiff renders a word diff in Markdown: deletions struck, insertions bold.
func mdDiff(ops []diff.Op) string {
	var b strings.Builder
	for _, o := range ops {
		t := mdCell(o.Text)
		if strings.TrimSpace(o.Text) == "" {
			b.WriteString(t)
			continue
		}
		switch o.Op {
		case diff.OpDelete:
			b.WriteString("~~" + t + "~~")
		case diff.OpInsert:
			b.WriteString("**" + t + "**")
		default:
			b.WriteString(t)
		}
	}
	return b.String()
}

// WriteMarkdown writes an impact report as a Markdown table: one line per
// annotation, the register's cells on the first line of each row.
func WriteMarkdown(w io.Writer, r Report) error { return writeMarkdown(w, r.Stream()) }

func writeMarkdown(w io.Writer, s Stream) error {
	r := s.Head
	bw := bufio.NewWriterSize(w, 64<<10)
	fmt.Fprintf(bw, "# Impact of %s on %s\n\n", mdCell(revisionName(r.New)), mdCell(r.Register.Name))
	rows, annotations := summaryLines(r)
	fmt.Fprintf(bw, "Register follows %s. %s; %s.\n\n", mdCell(revisionName(r.Old)), mdCell(rows), mdCell(annotations))
	bw.WriteString("| Row |")
	for _, h := range r.Register.Header {
		bw.WriteString(" " + mdCell(h) + " |")
	}
	bw.WriteString(" Status | New id | Category | Action | Change |\n|---:|")
	for range r.Register.Header {
		bw.WriteString("---|")
	}
	bw.WriteString("---|---|---|---|---|\n")
	idCol := idColumnOf(r)
	err := s.Each(func(row RowReport) error {
		var b strings.Builder
		for i, a := range row.Annotations {
			if i == 0 {
				fmt.Fprintf(&b, "| %d |", row.Row)
			} else {
				b.WriteString("|   |")
			}
			for j := range r.Register.Header {
				c := ""
				switch {
				case j == idCol:
					c = tableID(row.Cells, idCol, a)
				case i > 0:
				case j < len(row.Cells):
					c = row.Cells[j]
				}
				b.WriteString(" " + mdCell(c) + " |")
			}
			var change []string
			if len(a.TextDiff) > 0 {
				change = append(change, mdDiff(a.TextDiff))
			}
			if len(a.NotesDiff) > 0 {
				change = append(change, "notes: "+mdDiff(a.NotesDiff))
			}
			if a.Detail != "" {
				change = append(change, mdCell(a.Detail))
			}
			fmt.Fprintf(&b, " %s | %s | %s | %s | %s |\n", a.Status, mdCell(newIDOrDash(a)), mdCell(categoryCell(a)), mdCell(a.Action), strings.Join(change, "<br>"))
		}
		_, err := bw.WriteString(b.String())
		return err
	})
	if err != nil {
		return err
	}
	return bw.Flush()
}

// WriteHarmoniseMarkdown writes a harmonisation report as Markdown.
func WriteHarmoniseMarkdown(w io.Writer, r HarmoniseReport) error {
	var b strings.Builder
	fmt.Fprintf(&b, "# Harmonisation of %s with %s\n\n%s.\n\n", mdCell(r.National.Name), mdCell(revisionName(r.Against)), harmoniseSummaryLine(r.Summary))
	b.WriteString("| Finding | Entry | Row | Class | Difference (national → annex) | Earlier revision |\n|---|---|---:|---|---|---|\n")
	for _, f := range r.Findings {
		if f.Kind == FindingSame {
			continue // counted in the summary; listed in JSON and CSV
		}
		row := ""
		if f.Row > 0 {
			row = fmt.Sprint(f.Row)
		}
		var what string
		switch {
		case len(f.TextDiff) > 0:
			what = mdDiff(f.TextDiff)
		case f.Kind == FindingMissing:
			what = mdCell(f.Annex)
		default:
			what = mdCell(f.National)
		}
		if f.Detail != "" {
			what += "<br>" + mdCell(f.Detail)
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %s |\n", f.Kind, mdCell(findingName(f)), mdCell(row), mdCell(classification(f)), what, mdCell(strings.Join(f.Matches, ", ")))
	}
	_, err := io.WriteString(w, b.String())
	return err
}
