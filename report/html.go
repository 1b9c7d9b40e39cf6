package report

import (
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"html/template"
	"io"
	"strings"

	"github.com/annex-tools/annex/diff"
	"github.com/annex-tools/annex/internal/sanitize"
)

// writeHTML writes a changelog of results (oldest first) as one
// self-contained HTML page. Every piece of document text goes through
// html/template; the only style and script are the inline ones below, and
// the Content-Security-Policy allows exactly those (by hash) and nothing
// else, so the page loads nothing from anywhere.
func writeHTML(w io.Writer, results []diff.Result, opt Options) error {
	t, err := template.New("page").Funcs(template.FuncMap{
		"revision": revisionName,
		"short":    shortName,
		"quantity": quantityLine,
		"notes":    notesText,
		"join":     strings.Join,
		"plural":   plural,
		"shortsha": func(s string) string {
			if len(s) > 12 {
				return s[:12] + "…"
			}
			return s
		},
	}).Parse(htmlPage)
	if err != nil {
		return fmt.Errorf("write html report: %w", err)
	}
	p := buildPage(results, opt)
	style := htmlStyle
	if len(opt.Links) > 0 || opt.EntryURL != nil {
		style += htmlSiteStyle
	}
	data := struct {
		*page
		CSP    string
		Style  template.CSS
		Script template.JS
		Total  int
		Links  []Link
	}{
		page:   p,
		Links:  opt.Links,
		CSP:    "default-src 'none'; style-src " + cspHash(style) + "; script-src " + cspHash(htmlScript) + "; img-src 'none'; base-uri 'none'; form-action 'none'",
		Style:  template.CSS(style),
		Script: template.JS(htmlScript),
		Total:  totalChanges(p),
	}
	// html/template escapes markup but passes control characters through;
	// the page itself holds none but line feeds, so every other one shown
	// here came from the document (tabs are kept: HTML reads them as spaces).
	var out strings.Builder
	if err := t.Execute(&out, data); err != nil {
		return fmt.Errorf("write html report: %w", err)
	}
	if _, err := io.WriteString(w, sanitize.Show(out.String(), "\t\n")); err != nil {
		return fmt.Errorf("write html report: %w", err)
	}
	return nil
}

// shortName names a revision briefly: its date, else its document id.
func shortName(r diff.Revision) string {
	if r.Date != "" {
		return r.Date
	}
	return revisionName(r)
}

// cspHash is the CSP source expression allowing an inline element whose
// content is exactly s.
func cspHash(s string) string {
	sum := sha256.Sum256([]byte(s))
	return "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
}

// docHead opens every page of the report package: its Content-Security-
// Policy comes from the page's CSP.
const docHead = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{{.CSP}}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="annex">
`

// htmlPage is the page template. Filters are checkboxes: CSS (:has) hides
// the unchecked kinds without script; the script does the same for browsers
// without :has, counts what is shown and opens collapsed parts for printing.
const htmlPage = docHead + `<title>{{.Title}}</title>
<style>{{.Style}}</style>
</head>
<body>
<header class="top">
{{- if .Links}}
<nav class="site" aria-label="Site">{{range .Links}}<a href="{{.URL}}">{{.Text}}</a> {{end}}</nav>
{{- end}}
<h1>{{.Title}}</h1>
{{- if .Multi}}
<p class="lede">{{plural .Total "change"}} across {{plural (len .Sections) "revision"}}, newest first.</p>
{{- end}}
</header>
<div class="layout">
<nav class="toc" aria-label="Contents">
<fieldset class="filters">
<legend>Show</legend>
<label class="f k-added"><input type="checkbox" id="f-added" value="added" checked> Added</label>
<label class="f k-removed"><input type="checkbox" id="f-removed" value="removed" checked> Removed</label>
<label class="f k-modified"><input type="checkbox" id="f-modified" value="modified" checked> Modified</label>
<label class="f k-renumbered"><input type="checkbox" id="f-renumbered" value="renumbered" checked> Renumbered</label>
<hr>
<label class="f"><input type="checkbox" id="f-sub" value="sub" checked> Substantive</label>
<label class="f"><input type="checkbox" id="f-ed" value="ed" checked> Editorial</label>
<p class="shown" hidden><span id="shown-count"></span> shown</p>
</fieldset>
{{- range .Sections}}
<p class="toc-head"><a href="#{{.Anchor}}">{{short .Old}} → {{short .New}}</a></p>
<ul>
{{- range .Items}}
<li><a href="#{{.Anchor}}">{{.Name}}</a> <span class="n">{{.Counts.Total}}</span></li>
{{- end}}
{{- if .Defs}}
<li><a href="#{{.Anchor}}-defs">Definitions</a> <span class="n">{{len .Defs}}</span></li>
{{- end}}
</ul>
{{- end}}
</nav>
<main>
{{- range .Sections}}
<section class="diff" id="{{.Anchor}}">
{{- if $.Multi}}
<h2>{{revision .Old}} → {{revision .New}}</h2>
{{- end}}
<table class="revs">
{{- $sha := or .Old.Source.SHA256 .New.Source.SHA256}}
<thead><tr><th></th><th>Document</th><th>Date</th><th>Source</th>{{if $sha}}<th>SHA-256</th>{{end}}</tr></thead>
<tbody>
<tr><th>Old</th><td>{{.Old.DocID}}</td><td>{{.Old.Date}}</td><td>{{.Old.Source.Name}}{{if .Old.Source.Format}} <span class="muted">({{.Old.Source.Format}})</span>{{end}}</td>{{if $sha}}<td class="sha" title="{{.Old.Source.SHA256}}">{{shortsha .Old.Source.SHA256}}</td>{{end}}</tr>
<tr><th>New</th><td>{{.New.DocID}}</td><td>{{.New.Date}}</td><td>{{.New.Source.Name}}{{if .New.Source.Format}} <span class="muted">({{.New.Source.Format}})</span>{{end}}</td>{{if $sha}}<td class="sha" title="{{.New.Source.SHA256}}">{{shortsha .New.Source.SHA256}}</td>{{end}}</tr>
</tbody>
</table>
{{- if .Empty}}
<p class="empty">No changes between these revisions.</p>
{{- else}}
<div class="cards">
<div class="card total"><span class="num">{{.Counts.Total}}</span> changes</div>
<div class="card k-added"><span class="num">{{.Counts.Added}}</span> added</div>
<div class="card k-removed"><span class="num">{{.Counts.Removed}}</span> removed</div>
<div class="card k-modified"><span class="num">{{.Counts.Modified}}</span> modified</div>
<div class="card k-renumbered"><span class="num">{{.Counts.Renumbered}}</span> renumbered</div>
<div class="card ed"><span class="num">{{.Counts.Editorial}}</span> editorial</div>
</div>
{{- if .Moves}}
<p class="moves"><strong>Category changes:</strong> {{range $i, $m := .Moves}}{{if $i}}, {{end}}{{$m}}{{end}}</p>
{{- end}}
<table class="summary">
<thead><tr><th>Item</th><th>Category</th><th>Added</th><th>Removed</th><th>Modified</th><th>Renumbered</th><th>Editorial</th><th>Total</th></tr></thead>
<tbody>
{{- range .Items}}
<tr><td><a href="#{{.Anchor}}">{{.Name}}</a></td><td>{{.Category}}</td><td>{{.Counts.Added}}</td><td>{{.Counts.Removed}}</td><td>{{.Counts.Modified}}</td><td>{{.Counts.Renumbered}}</td><td>{{.Counts.Editorial}}</td><td>{{.Counts.Total}}</td></tr>
{{- end}}
{{- if .Defs}}
<tr><td><a href="#{{.Anchor}}-defs">Definitions</a></td><td></td><td>{{.DefNums.Added}}</td><td>{{.DefNums.Removed}}</td><td>{{.DefNums.Modified}}</td><td>{{.DefNums.Renumbered}}</td><td>{{.DefNums.Editorial}}</td><td>{{.DefNums.Total}}</td></tr>
{{- end}}
</tbody>
<tfoot><tr><th>Total</th><td></td><td>{{.Counts.Added}}</td><td>{{.Counts.Removed}}</td><td>{{.Counts.Modified}}</td><td>{{.Counts.Renumbered}}</td><td>{{.Counts.Editorial}}</td><td>{{.Counts.Total}}</td></tr></tfoot>
</table>
{{- range .Items}}
<section class="item" id="{{.Anchor}}">
<h3>{{.FullName}}{{if .Category}} <span class="cat">Category {{.Category}}</span>{{end}} <span class="count">{{plural .Counts.Total "change"}}</span></h3>
{{- range .Main}}{{template "change" .}}{{end}}
{{- if .Renumbered}}
<div class="renum">
<h4>Renumbered without other change</h4>
<table>
{{- range .Renumbered}}
<tr class="chg k-renumbered sub" id="{{.Anchor}}"><td class="id old">{{.OldID}}</td><td class="arrow">→</td><td class="id">{{.NewID}}</td><td>{{template "uses" .}}{{if .History}}<span class="hist">History:{{range .History}} <a href="{{.URL}}">{{.Text}}</a>{{end}}</span>{{end}}</td></tr>
{{- end}}
</table>
</div>
{{- end}}
{{- if .Editorial}}
<details class="editorial">
<summary>{{plural (len .Editorial) "editorial change"}} <span class="muted">wording only; the control boundary does not move</span></summary>
{{- range .Editorial}}{{template "change" .}}{{end}}
</details>
{{- end}}
</section>
{{- end}}
{{- if .Defs}}
<section class="item defs" id="{{.Anchor}}-defs">
<h3>Definitions <span class="count">{{plural (len .Defs) "change"}}</span></h3>
{{- range .Defs}}{{template "change" .}}{{end}}
</section>
{{- end}}
{{- end}}
</section>
{{- end}}
</main>
</div>
<footer class="foot">Generated by annex from two parsed revisions. The redline shows deletions <del>struck through</del> and insertions <ins>underlined</ins>.</footer>
<script>{{.Script}}</script>
</body>
</html>
{{define "change"}}
<article class="chg k-{{.Kind}} {{if .Editorial}}ed{{else}}sub{{end}}" id="{{.Anchor}}">
<header><span class="badge k-{{.Kind}}">{{.Kind}}</span> <a class="id" href="#{{.Anchor}}">{{.Label}}</a>
{{- if .CategoryMove}} <span class="badge cat-move">{{.CategoryMove}}</span>{{end}}
{{- range .OtherFields}} <span class="field">{{.}}</span>{{end}}
{{- if .Editorial}} <span class="badge ed">editorial</span>{{end}}
{{- if .History}} <span class="hist">History:{{range .History}} <a href="{{.URL}}">{{.Text}}</a>{{end}}</span>{{end}}</header>
{{- if .TextDiff}}
<p class="redline">{{template "ops" .TextDiff}}</p>
{{- if and .OldText .NewText}}
<div class="sbs"><div class="old"><h5>Old text</h5><p>{{.OldText}}</p></div><div class="new"><h5>New text</h5><p>{{.NewText}}</p></div></div>
{{- end}}
{{- else if eq .Kind "added"}}{{if .NewText}}
<p class="text added-text">{{.NewText}}</p>
{{- end}}
{{- else if eq .Kind "removed"}}{{if .OldText}}
<p class="text removed-text">{{.OldText}}</p>
{{- end}}
{{- end}}
{{- if .NotesDiff}}
<h5>Notes</h5>
<p class="redline notes">{{template "ops" .NotesDiff}}</p>
{{- if and .OldNotes .NewNotes}}
<div class="sbs"><div class="old"><h5>Old notes</h5><p class="notes">{{notes .OldNotes}}</p></div><div class="new"><h5>New notes</h5><p class="notes">{{notes .NewNotes}}</p></div></div>
{{- end}}
{{- else if and (eq .Kind "added") .NewNotes}}
<h5>Notes</h5>
<p class="text notes added-text">{{notes .NewNotes}}</p>
{{- else if and (eq .Kind "removed") .OldNotes}}
<h5>Notes</h5>
<p class="text notes removed-text">{{notes .OldNotes}}</p>
{{- end}}
{{- if .Quantities}}
<ul class="qty">
{{- range .Quantities}}
<li>Threshold: <span class="q">{{.Old}}</span> → <span class="q">{{.New}}</span> {{if eq .Direction "wider"}}<span class="dir wider">control wider</span>{{else if eq .Direction "narrower"}}<span class="dir narrower">control narrower</span>{{else}}<span class="dir">direction unclear</span>{{end}}</li>
{{- end}}
</ul>
{{- end}}
{{- if eq (print .Target) "definition"}}
<p class="affects">{{if .Affects}}Entries that use the term: {{range $i, $r := .Affects}}{{if $i}}, {{end}}{{if $r.Anchor}}<a href="#{{$r.Anchor}}">{{$r.Text}}</a>{{else}}<span class="id">{{$r.Text}}</span>{{end}}{{end}}{{else}}No entry uses the term in quotes.{{end}}</p>
{{- end}}
{{- if .UsesDefs}}
<p class="uses">{{template "uses" .}}</p>
{{- end}}
</article>
{{- end}}
{{define "uses"}}{{if .UsesDefs}}Uses changed definition {{range $i, $r := .UsesDefs}}{{if $i}}, {{end}}<a href="#{{$r.Anchor}}">“{{$r.Text}}”</a>{{end}}{{end}}{{end}}
{{define "ops"}}{{range .}}{{if eq .Op "-"}}<del>{{.Text}}</del>{{else if eq .Op "+"}}<ins>{{.Text}}</ins>{{else}}{{.Text}}{{end}}{{end}}{{end}}
`

// htmlStyle is the page's only style sheet.
const htmlStyle = `
:root{--ink:#1f2328;--muted:#59636e;--line:#d1d9e0;--bg:#f6f8fa;--accent:#0b4f8a;
--add:#1a7f37;--add-bg:#dafbe1;--del:#b3261e;--del-bg:#ffebe9;--mod:#9a6700;--mod-bg:#fff8c5;--ren:#0b4f8a;--ren-bg:#ddf4ff;--ed:#6e7781;--ed-bg:#eef1f4}
*{box-sizing:border-box}
html{font-size:15px}
body{margin:0;color:var(--ink);background:#fff;font-family:"Source Sans 3","Segoe UI",system-ui,-apple-system,"Helvetica Neue",Arial,sans-serif;line-height:1.5}
.top{padding:1.4rem 2rem 1rem;border-bottom:3px solid var(--accent);background:linear-gradient(#fff,#f8fafc)}
h1{margin:0;font-size:1.55rem;font-weight:650;letter-spacing:-.01em}
.lede{margin:.3rem 0 0;color:var(--muted)}
.layout{display:grid;grid-template-columns:15rem minmax(0,1fr);gap:2rem;padding:1.2rem 2rem 2rem;max-width:84rem}
.toc{position:sticky;top:1rem;align-self:start;max-height:calc(100vh - 2rem);overflow:auto;font-size:.93rem}
.toc ul{list-style:none;margin:0 0 1rem;padding:0}
.toc li{display:flex;justify-content:space-between;padding:.15rem .4rem;border-radius:4px}
.toc li:hover{background:var(--bg)}
.toc a{color:var(--ink);text-decoration:none}
.toc .n{color:var(--muted);font-variant-numeric:tabular-nums}
.toc-head{font-weight:600;margin:.8rem 0 .3rem;font-size:.85rem}
.toc-head a{color:var(--muted)}
.filters{border:1px solid var(--line);border-radius:8px;padding:.6rem .8rem;margin:0 0 1rem;background:var(--bg)}
.filters legend{font-weight:600;padding:0 .3rem;font-size:.85rem;text-transform:uppercase;letter-spacing:.05em;color:var(--muted)}
.filters label{display:block;cursor:pointer;padding:.05rem 0}
.filters hr{border:0;border-top:1px solid var(--line);margin:.4rem 0}
.filters .shown{margin:.4rem 0 0;color:var(--muted);font-size:.85rem}
main{min-width:0}
h2{font-size:1.3rem;margin:1.5rem 0 .6rem}
table{border-collapse:collapse}
.revs{margin:0 0 1rem;font-size:.93rem}
.revs th,.revs td{padding:.25rem .9rem .25rem 0;text-align:left;border-bottom:1px solid var(--line)}
.revs thead th{color:var(--muted);font-weight:600;font-size:.8rem;text-transform:uppercase;letter-spacing:.04em}
.sha{font-family:ui-monospace,"SFMono-Regular",Menlo,Consolas,monospace;font-size:.85rem;color:var(--muted)}
.muted{color:var(--muted);font-weight:400}
.cards{display:flex;flex-wrap:wrap;gap:.6rem;margin:0 0 1rem}
.card{border:1px solid var(--line);border-left-width:4px;border-radius:6px;padding:.4rem .9rem;min-width:7.5rem;color:var(--muted);background:#fff}
.card .num{display:block;font-size:1.5rem;font-weight:650;color:var(--ink);font-variant-numeric:tabular-nums}
.card.total{border-left-color:var(--ink)}
.k-added{--k:var(--add);--kb:var(--add-bg)}.k-removed{--k:var(--del);--kb:var(--del-bg)}
.k-modified{--k:var(--mod);--kb:var(--mod-bg)}.k-renumbered{--k:var(--ren);--kb:var(--ren-bg)}
.card[class*=k-]{border-left-color:var(--k)}.card.ed{border-left-color:var(--ed)}
.summary{width:100%;font-size:.93rem;margin:0 0 1.5rem;font-variant-numeric:tabular-nums}
.summary th,.summary td{padding:.3rem .6rem;border-bottom:1px solid var(--line);text-align:right}
.summary th:first-child,.summary td:first-child,.summary td:nth-child(2),.summary th:nth-child(2){text-align:left}
.summary thead th{background:var(--bg);font-weight:600}
.summary tfoot th,.summary tfoot td{font-weight:650;border-top:2px solid var(--ink);border-bottom:0}
.summary a{color:var(--accent)}
.item{margin:0 0 1.6rem}
h3{font-size:1.15rem;margin:1.6rem 0 .7rem;padding-bottom:.3rem;border-bottom:1px solid var(--line);display:flex;align-items:baseline;gap:.6rem}
h3 .cat{font-size:.8rem;font-weight:600;color:var(--muted);border:1px solid var(--line);border-radius:999px;padding:0 .5rem}
h3 .count{margin-left:auto;font-size:.85rem;font-weight:400;color:var(--muted)}
h4{font-size:.95rem;margin:.9rem 0 .4rem;color:var(--muted)}
h5{font-size:.75rem;text-transform:uppercase;letter-spacing:.05em;color:var(--muted);margin:.6rem 0 .2rem}
.chg{border:1px solid var(--line);border-left:4px solid var(--k,var(--ed));border-radius:6px;padding:.7rem 1rem;margin:0 0 .8rem;background:#fff;break-inside:avoid}
.chg header{display:flex;flex-wrap:wrap;align-items:center;gap:.45rem}
.badge{font-size:.75rem;font-weight:600;text-transform:uppercase;letter-spacing:.04em;border-radius:4px;padding:.05rem .45rem;color:var(--k);background:var(--kb)}
.badge.ed{color:var(--ed);background:var(--ed-bg)}
.badge.cat-move{color:#fff;background:var(--del);text-transform:none}
.moves{padding:.5rem .8rem;border-left:4px solid var(--del);background:var(--del-bg)}
.id{font-family:ui-monospace,"SFMono-Regular",Menlo,Consolas,monospace;font-weight:600;color:var(--ink);text-decoration:none}
a.id:hover{text-decoration:underline}
.field{font-size:.78rem;color:var(--muted);border:1px solid var(--line);border-radius:999px;padding:0 .45rem}
.redline,.text{margin:.5rem 0 0;font-family:Charter,"Bitstream Charter","Sitka Text",Cambria,Georgia,serif;font-size:1.02rem;line-height:1.6}
.notes{white-space:pre-line}
del,ins{border-radius:3px;padding:0 .1em;-webkit-box-decoration-break:clone;box-decoration-break:clone}
del{color:var(--del);background:var(--del-bg);text-decoration:line-through;text-decoration-thickness:1px}
ins{color:var(--add);background:var(--add-bg);text-decoration:underline;text-decoration-thickness:1px;text-underline-offset:2px}
del+ins{margin-left:.12em}
.added-text{color:var(--add)}
.removed-text{color:var(--del);text-decoration:line-through;text-decoration-thickness:1px}
.sbs{display:grid;grid-template-columns:1fr 1fr;gap:1rem;margin:.6rem 0 0;padding-top:.4rem;border-top:1px dashed var(--line)}
.sbs p{margin:0;font-size:.9rem;color:#3d444d;font-family:Charter,"Bitstream Charter","Sitka Text",Cambria,Georgia,serif}
.qty{margin:.6rem 0 0;padding:0;list-style:none}
.qty li{display:inline-block;background:var(--bg);border:1px solid var(--line);border-radius:6px;padding:.15rem .6rem;margin:0 .4rem .3rem 0;font-size:.92rem}
.q{font-weight:650;font-variant-numeric:tabular-nums}
.dir{font-size:.78rem;font-weight:600;text-transform:uppercase;letter-spacing:.04em;margin-left:.3rem;color:var(--muted)}
.dir.wider{color:var(--del)}.dir.narrower{color:var(--add)}
.affects,.uses{margin:.5rem 0 0;font-size:.92rem;color:var(--muted)}
.affects a,.uses a{color:var(--accent)}
.affects .id{font-weight:500;color:var(--ink)}
.renum table{font-size:.95rem;margin:0 0 .8rem}
.renum td{padding:.15rem .6rem .15rem 0}
.renum .old{color:var(--muted);font-weight:400}
.renum .arrow{color:var(--muted)}
.renum tr.chg{border:0;display:table-row}
details.editorial{border:1px solid var(--line);border-radius:6px;background:var(--bg);padding:.5rem .9rem;margin:0 0 .8rem}
details.editorial summary{cursor:pointer;font-weight:600}
details.editorial[open] summary{margin-bottom:.6rem}
.empty{font-size:1.1rem;color:var(--muted)}
.foot{padding:1rem 2rem 2rem;color:var(--muted);font-size:.85rem;border-top:1px solid var(--line)}
.hide-added .k-added.chg,.hide-removed .k-removed.chg,.hide-modified .k-modified.chg,.hide-renumbered .k-renumbered.chg,.hide-sub .chg.sub,.hide-ed .chg.ed,.hide-ed details.editorial{display:none}
body:has(#f-added:not(:checked)) .k-added.chg{display:none}
body:has(#f-removed:not(:checked)) .k-removed.chg{display:none}
body:has(#f-modified:not(:checked)) .k-modified.chg{display:none}
body:has(#f-renumbered:not(:checked)) .k-renumbered.chg{display:none}
body:has(#f-sub:not(:checked)) .chg.sub{display:none}
body:has(#f-ed:not(:checked)) .chg.ed,body:has(#f-ed:not(:checked)) details.editorial{display:none}
.item.none-shown{display:none}
@media (max-width:52rem){.layout{grid-template-columns:1fr}.toc{position:static;max-height:none}.sbs{grid-template-columns:1fr}}
@media print{
html{font-size:11pt}
.toc,.foot{display:none}
.layout{display:block;padding:0}
.top{padding:0 0 .5rem;background:none}
.chg{border-color:#999}
details.editorial{background:none}
details::details-content{content-visibility:visible;display:block}
del,ins,.badge,.card,.summary thead th{-webkit-print-color-adjust:exact;print-color-adjust:exact}
a{color:inherit;text-decoration:none}
h3{break-after:avoid}
}
`

// htmlSiteStyle is added to htmlStyle when the page links to other pages of
// a published site (Options.Links, Options.EntryURL).
const htmlSiteStyle = `
.site{display:flex;flex-wrap:wrap;gap:.3rem 1.2rem;margin:0 0 .6rem;font-size:.93rem}
.site a,.hist a{color:var(--accent)}
.hist{margin-left:auto;font-size:.85rem;color:var(--muted)}
.renum .hist{margin-left:.6rem}
a:focus-visible{outline:2px solid var(--accent);outline-offset:2px}
@media (max-width:52rem){.top,.layout,.foot{padding-left:1rem;padding-right:1rem}.revs,.summary{display:block;overflow-x:auto}.chg header{font-size:.92rem}}
@media print{.site{display:none}}
`

// htmlScript is the page's only script: filters for browsers without
// :has, a count of what is shown, and printing with everything open.
const htmlScript = `
(function () {
  "use strict";
  var d = document, body = d.body;
  var boxes = Array.prototype.slice.call(d.querySelectorAll(".filters input[type=checkbox]"));
  var shown = d.getElementById("shown-count");
  function apply() {
    var hide = {};
    boxes.forEach(function (b) {
      hide[b.value] = !b.checked;
      body.classList.toggle("hide-" + b.value, !b.checked);
    });
    var total = 0;
    d.querySelectorAll(".item").forEach(function (sec) {
      var n = 0;
      sec.querySelectorAll(".chg").forEach(function (c) {
        var kind = (c.className.match(/\bk-(\w+)/) || [])[1];
        var ed = c.classList.contains("ed");
        if (!hide[kind] && !hide[ed ? "ed" : "sub"]) { n++; }
      });
      sec.classList.toggle("none-shown", n === 0);
      total += n;
    });
    if (shown) {
      shown.textContent = total + (total === 1 ? " change" : " changes");
      shown.parentNode.hidden = false;
    }
  }
  boxes.forEach(function (b) { b.addEventListener("change", apply); });
  window.addEventListener("beforeprint", function () {
    d.querySelectorAll("details").forEach(function (el) { el.open = true; });
  });
  apply();
  d.documentElement.setAttribute("data-script", "ran");
}());
`
