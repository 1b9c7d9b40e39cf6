package impact

import (
	"bufio"
	"fmt"
	"html/template"
	"io"
	"slices"
	"strings"

	"github.com/annex-tools/annex/diff"
	"github.com/annex-tools/annex/internal/sanitize"
	"github.com/annex-tools/annex/report"
)

// tablePage is what the HTML writer renders: a report as one table, the
// same table as the CSV and XLSX writers write, with word diffs marked. The
// page is written in three parts (top, rows, bottom) so that rows can come
// one at a time.
type tablePage struct {
	Title  string
	Lead   string      // the summary under the title
	Facts  [][2]string // label and value: the revisions and lists compared
	Header []string
	Num    int // index of the column of row numbers, right-aligned; -1 for none
	CSP    string
	Style  template.CSS

	status, diff int // the columns whose value tints the row, and that holds a word diff; -1 for none
}

// tableRow is one line of a tablePage.
type tableRow struct {
	Class string      // the status or finding, for the row's tint ("" for none)
	Num   int         // as tablePage.Num
	Cells [][]diff.Op // each cell a word diff; a plain cell is one unchanged run
}

func newTablePage(title, lead string, facts [][2]string, header []string, statusCol, diffCol int) *tablePage {
	title, lead = sanitize.Line(title), sanitize.Line(lead)
	for k := range facts {
		facts[k][1] = sanitize.Line(facts[k][1])
	}
	return &tablePage{
		Title: title, Lead: lead, Facts: facts, Header: header, Num: slices.Index(header, "Row"),
		CSP: report.ContentSecurityPolicy(tableStyle, ""), Style: template.CSS(tableStyle),
		status: statusCol, diff: diffCol,
	}
}

// row renders one record, the text of its cells as in the CSV format; ops,
// when set, is the marked form of the cell in the diff column.
func (p *tablePage) row(w io.Writer, rec []string, ops []diff.Op) error {
	row := tableRow{Num: p.Num, Cells: make([][]diff.Op, len(rec))}
	if p.status >= 0 && p.status < len(rec) {
		row.Class = rec[p.status]
	}
	for j, v := range rec {
		switch {
		case j == p.diff && len(ops) > 0:
			safe := make([]diff.Op, len(ops))
			for k, o := range ops {
				safe[k] = diff.Op{Op: o.Op, Text: sanitize.Cell(o.Text)}
			}
			row.Cells[j] = safe
		case v != "":
			row.Cells[j] = []diff.Op{{Op: diff.OpEqual, Text: sanitize.Cell(v)}}
		}
	}
	return tableTemplate.ExecuteTemplate(w, "row", row)
}

// writeTable writes the page with the records each gives, one at a time.
// Every text goes through html/template; the page's only style is the
// inline one, allowed by hash, and it has no script.
func (p *tablePage) writeTable(w io.Writer, each func(row func(rec []string, ops []diff.Op) error) error) error {
	bw := bufio.NewWriter(w)
	err := tableTemplate.ExecuteTemplate(bw, "top", p)
	if err == nil {
		err = each(func(rec []string, ops []diff.Op) error { return p.row(bw, rec, ops) })
	}
	if err == nil {
		err = tableTemplate.ExecuteTemplate(bw, "bottom", p)
	}
	if err == nil {
		err = bw.Flush()
	}
	if err != nil {
		return fmt.Errorf("write html: %w", err)
	}
	return nil
}

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
// bounded memory: each row is made into its lines by impactTable, the
// function that makes the lines of the CSV and XLSX formats.
func writeHTML(w io.Writer, head Report, each func(fn func(RowReport) error) error) error {
	header := impactTable(Report{Register: head.Register})[0]
	base := len(header) - len(impactColumns)
	reg := head.Register.Name
	if head.Register.Sheet != "" {
		reg += " (sheet " + head.Register.Sheet + ")"
	}
	facts := [][2]string{{"Register", reg}, {"Follows", revisionName(head.Old)}, {"Checked against", revisionName(head.New)}}
	p := newTablePage("Impact of "+revisionName(head.New)+" on "+head.Register.Name, impactLead(head), facts, header,
		base+slices.Index(impactColumns, "Status"), base+slices.Index(impactColumns, "Change"))
	return p.writeTable(w, func(put func([]string, []diff.Op) error) error {
		return each(func(row RowReport) error {
			recs := impactTable(Report{Register: head.Register, Rows: []RowReport{row}})[1:]
			for k, rec := range recs {
				var ops []diff.Op
				if len(recs) == len(row.Annotations) {
					ops = changeOps(row.Annotations[k])
				}
				if err := put(rec, ops); err != nil {
					return err
				}
			}
			return nil
		})
	})
}

// impactLead is the summary line of an impact page.
func impactLead(r Report) string {
	return fmt.Sprintf("%d rows, id column “%s”: %s.", len(r.Rows), r.Register.IDColumn, summaryLine(r.Summary))
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
	p := newTablePage("Harmonisation of "+r.National.Name+" with "+revisionName(r.Against), harmoniseSummaryLine(r.Summary)+".", facts, rows[0],
		slices.Index(rows[0], "Finding"), slices.Index(rows[0], "Difference"))
	return p.writeTable(w, func(put func([]string, []diff.Op) error) error {
		for i, rec := range rows[1:] {
			var ops []diff.Op
			if len(rows)-1 == len(r.Findings) {
				ops = inlineOps(r.Findings[i].TextDiff)
			}
			if err := put(rec, ops); err != nil {
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

var tableTemplate = template.Must(template.New("table").Parse(`
{{- define "top" -}}
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{{.CSP}}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="annex">
<title>{{.Title}}</title>
<style>{{.Style}}</style>
</head>
<body>
<header>
<h1>{{.Title}}</h1>
<p class="lede">{{.Lead}}</p>
<table class="facts">
{{- range .Facts}}
<tr><th>{{index . 0}}</th><td>{{index . 1}}</td></tr>
{{- end}}
</table>
</header>
<main>
<table class="report">
<thead><tr>{{range $j, $h := .Header}}<th{{if eq $j $.Num}} class="num"{{end}}>{{$h}}</th>{{end}}</tr></thead>
<tbody>
{{end}}
{{- define "row" -}}
<tr{{if .Class}} class="s-{{.Class}}"{{end}}>{{range $j, $c := .Cells}}<td{{if eq $j $.Num}} class="num"{{end}}>{{range $c}}{{if eq .Op "-"}}<del>{{.Text}}</del>{{else if eq .Op "+"}}<ins>{{.Text}}</ins>{{else}}{{.Text}}{{end}}{{end}}</td>{{end}}</tr>
{{end}}
{{- define "bottom" -}}
</tbody>
</table>
</main>
<footer>Generated by annex. Deletions are <del>struck through</del> and insertions <ins>underlined</ins>.</footer>
</body>
</html>
{{end}}`))

// tableStyle is the only style sheet of the table pages.
const tableStyle = `
:root{--ink:#1f2328;--muted:#59636e;--line:#d1d9e0;--bg:#f6f8fa;--accent:#0b4f8a;--add:#1a7f37;--add-bg:#dafbe1;--del:#b3261e;--del-bg:#ffebe9}
*{box-sizing:border-box}
body{margin:0;color:var(--ink);background:#fff;font-family:"Source Sans 3","Segoe UI",system-ui,-apple-system,"Helvetica Neue",Arial,sans-serif;font-size:15px;line-height:1.45}
header{padding:1.2rem 2rem .8rem;border-bottom:3px solid var(--accent)}
h1{margin:0;font-size:1.45rem;font-weight:650}
.lede{margin:.3rem 0 .6rem;color:var(--muted)}
.facts th,.facts td{padding:.1rem 1rem .1rem 0;text-align:left;font-size:.92rem}
.facts th{color:var(--muted);font-weight:600}
main{padding:1rem 2rem 2rem;overflow-x:auto}
table{border-collapse:collapse}
.report{width:100%;font-size:.9rem}
.report th,.report td{border-bottom:1px solid var(--line);padding:.3rem .5rem;text-align:left;vertical-align:top;overflow-wrap:break-word}
.report thead th{white-space:nowrap}
.report thead th{position:sticky;top:0;background:var(--bg);font-weight:600;border-bottom:2px solid var(--ink)}
.report .num{text-align:right;font-variant-numeric:tabular-nums}
del,ins{border-radius:3px;padding:0 .1em}
del{color:var(--del);background:var(--del-bg);text-decoration:line-through}
ins{color:var(--add);background:var(--add-bg);text-decoration:underline;text-underline-offset:2px}
tr.s-not-in-old,tr.s-unreadable,tr.s-removed,tr.s-not-in-annex{background:#fdf0f0}
tr.s-modified,tr.s-differs{background:#fff8e6}
tr.s-moved,tr.s-renumbered{background:#fffbe0}
tr.s-editorial{background:#f0f6fc}
tr.s-context{background:#f1f8ec}
footer{padding:1rem 2rem 2rem;color:var(--muted);font-size:.85rem;border-top:1px solid var(--line)}
@media print{main{overflow:visible}.report thead th{position:static}del,ins,tr{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
`
