package impact

import (
	"bufio"
	"fmt"
	"html/template"
	"io"
	"slices"
	"strconv"

	"github.com/annex-tools/annex/diff"
	"github.com/annex-tools/annex/report"
)

// tablePage is what the HTML writer renders: a report as one table, the
// same table as the CSV and XLSX writers write, with word diffs marked.
type tablePage struct {
	Title  string
	Lead   string      // the summary under the title
	Facts  [][2]string // label and value: the revisions and lists compared
	Header []string
	Num    int // index of the column of row numbers, right-aligned; -1 for none
	Rows   []tableRow
	CSP    string
	Style  template.CSS
}

// tableRow is one line of a tablePage.
type tableRow struct {
	Class string      // the status or finding, for the row's tint ("" for none)
	Cells [][]diff.Op // each cell a word diff; a plain cell is one unchanged run
}

// newTablePage builds a page from the rows of a table (a header, then one
// row per record). statusCol names the column whose value tints the row;
// diffs gives, for the column diffCol, the marked form of each record's
// cell (the text form of which is in the table), or nil.
func newTablePage(title, lead string, facts [][2]string, rows [][]string, statusCol, diffCol int, diffs [][]diff.Op) *tablePage {
	p := &tablePage{
		Title: title, Lead: lead, Facts: facts, Header: rows[0], Num: slices.Index(rows[0], "Row"),
		CSP: report.ContentSecurityPolicy(tableStyle, ""), Style: template.CSS(tableStyle),
	}
	if len(diffs) != len(rows)-1 {
		diffs = nil // the table does not line up with the records: plain text it is
	}
	for i, rec := range rows[1:] {
		row := tableRow{Cells: make([][]diff.Op, len(rec))}
		if statusCol >= 0 && statusCol < len(rec) {
			row.Class = rec[statusCol]
		}
		for j, v := range rec {
			if j == diffCol && diffs != nil && len(diffs[i]) > 0 {
				row.Cells[j] = diffs[i]
				continue
			}
			if v != "" {
				row.Cells[j] = []diff.Op{{Op: diff.OpEqual, Text: v}}
			}
		}
		p.Rows = append(p.Rows, row)
	}
	return p
}

// write renders the page. Every text goes through html/template; the page's
// only style is the inline one, allowed by hash, and it has no script.
func (p *tablePage) write(w io.Writer) error {
	bw := bufio.NewWriter(w)
	if err := tableTemplate.Execute(bw, p); err != nil {
		return fmt.Errorf("write html: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write html: %w", err)
	}
	return nil
}

// WriteHTML writes an impact report as one self-contained HTML page: the
// table of the CSV and XLSX formats, deletions struck through and insertions
// underlined, rows tinted by status.
func WriteHTML(w io.Writer, r Report) error {
	rows := impactTable(r)
	base := len(rows[0]) - len(impactColumns)
	var diffs [][]diff.Op
	for _, row := range r.Rows {
		for _, a := range row.Annotations {
			diffs = append(diffs, changeOps(a))
		}
	}
	reg := r.Register.Name
	if r.Register.Sheet != "" {
		reg += " (sheet " + r.Register.Sheet + ")"
	}
	lead := fmt.Sprintf("%d rows, id column “%s”: %s.", len(r.Rows), r.Register.IDColumn, summaryLine(r.Summary))
	facts := [][2]string{{"Register", reg}, {"Follows", revisionName(r.Old)}, {"Checked against", revisionName(r.New)}}
	p := newTablePage("Impact of "+revisionName(r.New)+" on "+r.Register.Name, lead, facts, rows,
		base+slices.Index(impactColumns, "Status"), base+slices.Index(impactColumns, "Change"), diffs)
	return p.write(w)
}

// WriteHarmoniseHTML writes a harmonisation report as one self-contained
// HTML page: the table of the CSV and XLSX formats, the differences from the
// national text to the annex text marked.
func WriteHarmoniseHTML(w io.Writer, r HarmoniseReport) error {
	rows := harmoniseTable(r)
	var diffs [][]diff.Op
	for _, f := range r.Findings {
		diffs = append(diffs, inlineOps(f.TextDiff))
	}
	national := r.National.Name + " (" + r.National.Kind
	if r.National.DocID != "" {
		national += ", " + r.National.DocID
	}
	national += ")"
	facts := [][2]string{{"National list", national}, {"Annex", revisionName(r.Against)}}
	p := newTablePage("Harmonisation of "+r.National.Name+" with "+revisionName(r.Against), harmoniseSummaryLine(r.Summary)+".", facts, rows,
		slices.Index(rows[0], "Finding"), slices.Index(rows[0], "Difference"), diffs)
	return p.write(w)
}

var tableTemplate = template.Must(template.New("table").Funcs(template.FuncMap{
	"itoa": strconv.Itoa,
}).Parse(`<!DOCTYPE html>
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
{{- range .Rows}}
<tr{{if .Class}} class="s-{{.Class}}"{{end}}>{{range $j, $c := .Cells}}<td{{if eq $j $.Num}} class="num"{{end}}>{{range $c}}{{if eq .Op "-"}}<del>{{.Text}}</del>{{else if eq .Op "+"}}<ins>{{.Text}}</ins>{{else}}{{.Text}}{{end}}{{end}}</td>{{end}}</tr>
{{- end}}
</tbody>
</table>
</main>
<footer>Generated by annex. Deletions are <del>struck through</del> and insertions <ins>underlined</ins>.</footer>
</body>
</html>
`))

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
