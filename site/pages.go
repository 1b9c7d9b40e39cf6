package site

import (
	"bytes"
	"fmt"
	"html"
	"html/template"
	"strings"

	"github.com/annex-tools/annex/diff"
	"github.com/annex-tools/annex/model"
	"github.com/annex-tools/annex/report"
	"github.com/annex-tools/annex/store"
)

// csp allows the site's own style sheet and scripts and nothing else.
const csp = "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'"

// page is what the layout needs of every page; Body is the page's own data.
type page struct {
	b       *builder
	Path    string // site path of the page
	Title   string
	Site    string
	Section string // the nav entry to mark current
	Scripts []string
	Body    any
}

// U is the URL of the site path to from this page.
func (p *page) U(to string) string { return p.b.link(p.Path, to) }

// A is the relative URL of an asset: always local.
func (p *page) A(to string) string { return local(p.Path, to) }

// CSP is the page's Content-Security-Policy.
func (p *page) CSP() string { return csp }

const layout = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{{.CSP}}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="annex">
<meta name="referrer" content="no-referrer">
<title>{{.Title}}</title>
<link rel="stylesheet" href="{{.A "assets/site.css"}}">
<link rel="alternate" type="application/atom+xml" title="{{.Site}}: revisions" href="{{.U "feed.atom"}}">
</head>
<body data-page="{{.Section}}">
<a class="skip" href="#main">Skip to content</a>
<header class="top">
<p class="site"><a href="{{.U "index.html"}}">{{.Site}}</a></p>
<nav aria-label="Site">
<ul>
<li><a href="{{.U "index.html"}}"{{if eq .Section "index"}} aria-current="page"{{end}}>Revisions</a></li>
<li><a href="{{.U "compare.html"}}"{{if eq .Section "compare"}} aria-current="page"{{end}}>Compare</a></li>
<li><a href="{{.U "search.html"}}"{{if eq .Section "search"}} aria-current="page"{{end}}>Search</a></li>
<li><a href="{{.U "feed.atom"}}">Feed</a></li>
</ul>
</nav>
</header>
<main id="main" tabindex="-1">
{{template "content" .}}
</main>
<footer class="foot">
<p>Published with annex from the parsed revisions. The documents' own text is authoritative; this site shows it as parsed.</p>
</footer>
{{- range .Scripts}}
<script src="{{$.A .}}"></script>
{{- end}}
</body>
</html>
{{define "ops"}}{{range .}}{{if eq .Op "-"}}<del>{{.Text}}</del>{{else if eq .Op "+"}}<ins>{{.Text}}</ins>{{else}}{{.Text}}{{end}}{{end}}{{end}}
{{define "counts"}}{{if .}}<span class="counts">{{if .Added}}<span class="k-added">{{.Added}} added</span> {{end}}{{if .Removed}}<span class="k-removed">{{.Removed}} removed</span> {{end}}{{if .Modified}}<span class="k-modified">{{.Modified}} modified</span> {{end}}{{if .Renumbered}}<span class="k-renumbered">{{.Renumbered}} renumbered</span> {{end}}{{if .Editorial}}<span class="muted">({{.Editorial}} editorial)</span>{{end}}{{if not (or .Added .Removed .Modified .Renumbered)}}no change{{end}}</span>{{else}}<span class="muted">first revision</span>{{end}}{{end}}
`

var templates = map[string]string{
	"index": `
<h1>{{.Site}}</h1>
{{- with .Body}}
<p class="lede">{{len .Rows}} revision{{if ne (len .Rows) 1}}s{{end}}, newest first. Each links to its full text and to its changes since the revision before it.</p>
<div class="tablewrap">
<table class="revlist">
<caption class="vh">Revisions</caption>
<thead><tr><th scope="col">Revision</th><th scope="col">Document</th><th scope="col">Date</th><th scope="col">Entries</th><th scope="col">Changes since the previous</th></tr></thead>
<tbody>
{{- range .Rows}}
<tr><th scope="row"><a href="{{$.U .Page}}">{{.Label}}</a></th><td>{{.DocID}}</td><td><time datetime="{{.Date}}">{{.Date}}</time></td><td class="num">{{.Entries}}</td><td>{{template "counts" .Counts}}{{if .Changes}} <a href="{{$.U .Changes}}">changes</a>{{end}}</td></tr>
{{- end}}
</tbody>
</table>
</div>
<h2>Machine-readable</h2>
<ul class="plain">
<li><a href="{{$.U "feed.atom"}}">Atom feed of the revisions</a>; one per item: {{range $i, $f := .ItemFeeds}}{{if $i}}, {{end}}<a href="{{$.U $f.Path}}">{{$f.Text}}</a>{{end}}</li>
<li>Each revision as <code>annex/1</code> JSON (rev/LABEL.json) and each consecutive pair as <code>annex-diff/1</code> JSON (changes/OLD..NEW.json), linked from their pages.</li>
</ul>
{{- end}}`,

	"rev": `
{{- with .Body}}
<h1>{{.Rev.DocID}} <span class="muted">{{.Rev.Date}}</span></h1>
<p class="lede">Revision <strong>{{.Rev.Label}}</strong>{{if .Meta.Title}}: {{.Meta.Title}}{{end}}. {{.Rev.Entries}} entries. Source: {{.Rev.Source.Name}}{{if .Rev.Source.Format}} ({{.Rev.Source.Format}}){{end}}.</p>
<nav class="pager" aria-label="Revision">
<ul>
{{- if .Prev}}<li><a href="{{$.U .Prev.Page}}" rel="prev">← {{.Prev.Label}}</a></li>{{end}}
{{- if .Next}}<li><a href="{{$.U .Next.Page}}" rel="next">{{.Next.Label}} →</a></li>{{end}}
<li><a href="{{$.U .JSON}}">annex/1 JSON</a></li>
</ul>
</nav>
{{- if .Prev}}
<p class="since">Since {{.Prev.Label}}: {{template "counts" .Counts}} <a href="{{$.U .Changes}}">See the changes</a>. Changed entries are marked below; each mark links to its change.</p>
{{- else}}
<p class="since">The first revision of the site.</p>
{{- end}}
{{- if .NextChanges}}
<p class="since">In the next revision, {{.Next.Label}}: <a href="{{$.U .NextChanges}}">the changes from this one</a>.</p>
{{- end}}
<nav class="toc" aria-label="Items">
<h2 class="vh">Contents</h2>
<ul>
{{- if .Defs}}<li><a href="#definitions">Definitions</a></li>{{end}}
{{- range .Items}}<li><a href="#{{.Anchor}}">Item {{.Number}}</a></li>{{end}}
</ul>
</nav>
{{- if .Defs}}
<section id="definitions" aria-labelledby="h-definitions">
<h2 id="h-definitions">Definitions</h2>
<dl class="defs">
{{- range .Defs}}
<dt>“{{.Term}}”{{if .Scope}} <span class="muted">({{.Scope}})</span>{{end}}</dt><dd>{{.Text}}</dd>
{{- end}}
</dl>
</section>
{{- end}}
{{- range .Items}}
<section class="item" id="{{.Anchor}}" aria-labelledby="h-{{.Anchor}}">
<h2 id="h-{{.Anchor}}">Item {{.Number}}{{if .Title}}: {{.Title}}{{end}}{{if .Category}} <span class="cat">Category {{.Category}}</span>{{end}}</h2>
{{- if .Reserved}}<p class="muted">Reserved for future use.</p>{{end}}
{{- range .Groups}}
<h3 id="{{.Anchor}}">{{.ID}}. {{.Title}}</h3>
{{- if .Entries}}
{{.Entries}}
{{- else}}
<p class="muted">None.</p>
{{- end}}
{{- end}}
</section>
{{- end}}
{{- end}}
`,

	"entry": `
{{- with .Body}}
<h1>Entry <span class="id">{{.ID}}</span></h1>
{{- if .Current}}
<p class="lede">Current text: {{.Current}}</p>
{{- else}}
<p class="lede">No entry has been numbered {{.ID}} since revision {{.Gone}}.</p>
{{- end}}
<p class="lede">Each step below is a revision that added, changed, renumbered or removed the entry; the revisions not listed left it unchanged.</p>
{{- if gt (len .Lives) 1}}
<p class="notice" role="note"><strong>{{.ID}} has numbered {{len .Lives}} different entries at different times.</strong> Each one's history is shown below, in the order the number first carried it.</p>
{{- end}}
{{- range $n, $l := .Lives}}
<section class="life" aria-labelledby="life-{{$n}}">
<h2 id="life-{{$n}}">{{if gt (len $.Body.Lives) 1}}Entry {{add $n 1}}: {{end}}{{range $i, $r := $l.IDs}}{{if $i}} → {{end}}{{if $r.Path}}<a class="id" href="{{$.U $r.Path}}">{{$r.Text}}</a>{{else}}<span class="id">{{$r.Text}}</span>{{end}}{{end}}</h2>
<ol class="steps">
{{- range $l.Steps}}
<li class="step k-{{.Event}}">
<p class="sh"><a href="{{$.U .RevHref}}">{{.Label}}</a> <span class="muted">{{.Date}}</span> <span class="badge k-{{.Event}}">{{.EventText}}</span>{{if .ID}} <span class="id">{{.ID}}</span>{{end}}{{if .Editorial}} <span class="badge ed">editorial</span>{{end}}{{if .ChangeHref}} <a href="{{$.U .ChangeHref}}">the change</a>{{end}}</p>
{{- if .TextDiff}}<p class="redline">{{template "ops" .TextDiff}}</p>
{{- else if .Text}}<p class="text">{{.Text}}</p>{{end}}
{{- if .NotesDiff}}<p class="redline notes">{{template "ops" .NotesDiff}}</p>
{{- else if .Notes}}<p class="notes text">{{.Notes}}</p>{{end}}
{{- range .Quantities}}<p class="qty">Threshold: {{.Old}} → {{.New}}{{if .Direction}} (control {{.Direction}}){{end}}</p>{{end}}
</li>
{{- end}}
</ol>
</section>
{{- end}}
{{- end}}`,

	"compare": `
<h1>Compare two revisions</h1>
{{- with .Body}}
<p class="lede">Pick two revisions. Entries are matched through renumbering and moves by following each one's history across the revisions in between; the text shows deletions <del>struck through</del> and insertions <ins>underlined</ins>.</p>
<div class="cmp" id="cmp" hidden>
<p><label for="cmp-old">Old revision</label>
<select id="cmp-old">{{range .Revs}}<option value="{{.Label}}"{{if eq .Label $.Body.Old}} selected{{end}}>{{.Label}} — {{.DocID}}</option>{{end}}</select></p>
<p><label for="cmp-new">New revision</label>
<select id="cmp-new">{{range .Revs}}<option value="{{.Label}}"{{if eq .Label $.Body.New}} selected{{end}}>{{.Label}} — {{.DocID}}</option>{{end}}</select></p>
<p><button type="button" id="cmp-go">Compare</button></p>
</div>
<noscript><p class="notice">Comparing any two revisions needs scripts. Without them, the changes between consecutive revisions are below.</p></noscript>
<section id="cmp-result" aria-live="polite" aria-labelledby="cmp-h"><h2 id="cmp-h" class="vh">Result</h2></section>
<section aria-labelledby="pairs-h">
<h2 id="pairs-h">Consecutive revisions</h2>
<ul class="plain">
{{- range .Pairs}}
<li><a href="{{$.U .Path}}">{{.Text}}</a></li>
{{- end}}
</ul>
</section>
{{- end}}`,

	"search": `
<h1>Search</h1>
<p class="lede">Search entry numbers and text across every revision. An entry number finds the entries it has ever numbered; words find entries whose latest text holds all of them.</p>
<div id="search" hidden>
<p><label for="q">Entry number or words</label>
<input type="search" id="q" autocomplete="off" spellcheck="false"></p>
</div>
<noscript><p class="notice">Search needs scripts. Without them, every revision's full text is on the <a href="index.html">revisions page</a>.</p></noscript>
<section aria-labelledby="res-h"><h2 id="res-h" class="vh">Results</h2>
<p id="q-count" aria-live="polite"></p>
<ol id="q-results" class="results"></ol>
</section>`,
}

var pageTemplates = func() map[string]*template.Template {
	funcs := template.FuncMap{"add": func(a, b int) int { return a + b }}
	base := template.Must(template.New("layout").Funcs(funcs).Parse(layout))
	out := make(map[string]*template.Template)
	for name, body := range templates {
		t := template.Must(base.Clone())
		template.Must(t.New("content").Parse(body))
		out[name] = t
	}
	return out
}()

func (b *builder) page(name, path, title string, body any, scripts ...string) error {
	p := &page{b: b, Path: path, Title: title, Site: b.title, Section: name, Scripts: scripts, Body: body}
	var buf bytes.Buffer
	if err := pageTemplates[name].Execute(&buf, p); err != nil {
		return fmt.Errorf("render %s: %w", path, err)
	}
	b.put(path, buf.Bytes())
	return nil
}

// Index page.

type revRow struct {
	store.Revision
	Page    string
	Counts  *diff.Summary
	Changes string // the pair page since the previous revision
}

type textLink struct {
	Text string
	Path string
}

func (b *builder) summary(i int) *diff.Summary {
	if i == 0 {
		return nil
	}
	s := diff.Summarize(b.pairs[i-1].Changes)
	return &s
}

func (b *builder) renderIndex() error {
	var rows []revRow
	for i := len(b.revs) - 1; i >= 0; i-- {
		r := b.revs[i]
		row := revRow{Revision: r, Page: revPage(r.Label), Counts: b.summary(i)}
		if i > 0 {
			row.Changes = pairPage(pairName(i-1, b.revs))
		}
		rows = append(rows, row)
	}
	var feeds []textLink
	for _, n := range b.itemNumbers() {
		feeds = append(feeds, textLink{Text: "item " + fmt.Sprint(n), Path: itemFeed(n)})
	}
	return b.page("index", "index.html", b.title, struct {
		Rows      []revRow
		ItemFeeds []textLink
	}{rows, feeds})
}

// Revision pages.

type markView struct{ Kind, Text, Href string }

type groupView struct {
	ID, Title, Anchor string
	Entries           template.HTML // the entries, rendered by writeEntries
}

type itemView struct {
	Number                  int
	Title, Category, Anchor string
	Reserved                bool
	Groups                  []groupView
}

func (b *builder) renderRevisions() error {
	return parallel(len(b.revs), b.renderRevision)
}

func (b *builder) renderRevision(i int) error {
	r := b.revs[i]
	path := revPage(r.Label)
	a := b.models[i]
	marks := map[string]markView{}
	var changes, nextChanges string
	if i > 0 {
		name := pairName(i-1, b.revs)
		changes = pairPage(name)
		for _, c := range b.pairs[i-1].Changes {
			if c.Target != diff.TargetEntry || c.NewID == "" || c.Kind == diff.Removed {
				continue
			}
			text := string(c.Kind)
			if c.Kind == diff.Renumbered {
				text = "renumbered from " + c.OldID
			}
			if c.Editorial {
				text += " (editorial)"
			}
			marks[c.NewID] = markView{Kind: string(c.Kind), Text: text, Href: b.link(path, changes) + "#" + report.ChangeAnchor(c)}
		}
	}
	if i+1 < len(b.revs) {
		nextChanges = pairPage(pairName(i, b.revs))
	}
	var items []itemView
	for _, it := range a.Items {
		iv := itemView{Number: it.Number, Title: it.Title, Category: it.Category, Reserved: it.Reserved, Anchor: fmt.Sprintf("item-%d", it.Number)}
		for _, g := range it.Groups {
			gid := model.GroupID(it.Number, g.Letter)
			gv := groupView{ID: gid, Title: g.Title, Anchor: "g-" + strings.ReplaceAll(gid, ".", "-")}
			if len(g.Entries) > 0 {
				var w strings.Builder
				b.writeEntries(&w, path, g.Entries, marks)
				gv.Entries = template.HTML(w.String())
			}
			iv.Groups = append(iv.Groups, gv)
		}
		items = append(items, iv)
	}
	body := struct {
		Rev                  store.Revision
		Meta                 model.Meta
		Prev, Next           *revRow
		Counts               *diff.Summary
		Changes, NextChanges string
		JSON                 string
		Defs                 []model.Definition
		Items                []itemView
	}{Rev: r, Meta: a.Meta, Counts: b.summary(i), Changes: changes, NextChanges: nextChanges, JSON: revJSON(r.Label), Defs: a.Definitions, Items: items}
	if i > 0 {
		body.Prev = &revRow{Revision: b.revs[i-1], Page: revPage(b.revs[i-1].Label)}
	}
	if i+1 < len(b.revs) {
		body.Next = &revRow{Revision: b.revs[i+1], Page: revPage(b.revs[i+1].Label)}
	}
	if err := b.page("rev", path, revName(r)+" — "+b.title, body); err != nil {
		return err
	}
	b.put(revJSON(r.Label), b.raw[i])
	return nil
}

// Entry pages.

type stepView struct {
	store.Step
	EventText  string
	RevHref    string
	ChangeHref string
	Editorial  bool
	TextDiff   []diff.Op
	NotesDiff  []diff.Op
	Notes      string
	Quantities []diff.Quantity
}

type lifeView struct {
	IDs   []textLink // Path "" for the page's own id
	Steps []stepView
}

func (b *builder) renderEntries() error {
	lastRev := len(b.revs) - 1
	histories := make([][]*store.Lineage, len(b.ids))
	for i, id := range b.ids { // not in parallel: the lineages are memoised
		histories[i] = b.lin.history(id)
	}
	return parallel(len(b.ids), func(i int) error {
		id := b.ids[i]
		path := b.idFile[id]
		var lives []lifeView
		for _, l := range histories[i] {
			lives = append(lives, b.lifeView(id, l))
		}
		// Nothing on the page depends on revisions that left the entry
		// alone, so that an import rewrites only the pages it touched.
		cur, gone := "", ""
		if e := b.lin.idx[lastRev][id]; e != nil {
			cur = e.Text
		} else {
			for r := lastRev - 1; r >= 0; r-- {
				if b.lin.idx[r][id] != nil {
					gone = b.revs[r+1].Label
					break
				}
			}
		}
		body := struct {
			ID, Current, Gone string
			Lives             []lifeView
		}{id, cur, gone, lives}
		return b.page("entry", path, id+" — "+b.title, body)
	})
}

func (b *builder) lifeView(id string, l *store.Lineage) lifeView {
	var v lifeView
	for _, x := range l.IDs() {
		t := textLink{Text: x}
		if x != id {
			t.Path = b.idFile[x]
		}
		v.IDs = append(v.IDs, t)
	}
	steps := l.Steps
	for j := 0; j < len(steps); j++ {
		s := steps[j]
		sv := stepView{Step: s, EventText: string(s.Event)}
		ri := b.revIndex(s.Label)
		sv.RevHref = revPage(s.Label)
		if s.ID != "" {
			sv.RevHref += "#" + anchor(s.ID)
		}
		if s.Event == store.Unchanged {
			continue
		}
		if c := s.Change; c != nil {
			if ri > 0 {
				sv.ChangeHref = pairPage(pairName(ri-1, b.revs)) + "#" + report.ChangeAnchor(*c)
			}
			sv.Editorial = c.Editorial && s.Event != store.Added && s.Event != store.Removed
			if s.Event == store.Renumbered {
				sv.EventText = "renumbered from " + c.OldID
			}
			if s.Event != store.Added && s.Event != store.Removed {
				sv.TextDiff, sv.NotesDiff, sv.Quantities = c.TextDiff, c.NotesDiff, c.Quantities
			}
		}
		switch s.Event {
		case store.Present, store.Added:
			sv.Notes = notesText(s.Notes)
		case store.Removed:
			sv.Text = "" // nothing left to show
		default:
			if sv.TextDiff == nil {
				sv.Text = ""
			}
		}
		v.Steps = append(v.Steps, sv)
	}
	return v
}

func (b *builder) revIndex(label string) int {
	for i, r := range b.revs {
		if r.Label == label {
			return i
		}
	}
	return -1
}

func notesText(notes []model.Note) string {
	var s []string
	for _, n := range notes {
		h := n.Kind
		if n.Label != "" {
			h += " " + n.Label
		}
		s = append(s, h+": "+n.Text)
	}
	return strings.Join(s, "\n")
}

// Compare and search pages.

func (b *builder) renderCompare() error {
	var pairs []textLink
	for i := len(b.pairs) - 1; i >= 0; i-- {
		pairs = append(pairs, textLink{Text: b.revs[i].Label + " → " + b.revs[i+1].Label, Path: pairPage(pairName(i, b.revs))})
	}
	old, new := b.revs[0].Label, b.revs[len(b.revs)-1].Label
	if len(b.revs) > 1 {
		old = b.revs[len(b.revs)-2].Label
	}
	revs := make([]store.Revision, len(b.revs))
	for i := range b.revs {
		revs[i] = b.revs[len(b.revs)-1-i]
	}
	return b.page("compare", "compare.html", "Compare — "+b.title, struct {
		Revs     []store.Revision
		Old, New string
		Pairs    []textLink
	}{revs, old, new, pairs}, "data/index.js", "assets/site.js")
}

func (b *builder) renderSearch() error {
	return b.page("search", "search.html", "Search — "+b.title, nil, "data/search.js", "assets/site.js")
}

// writeEntries writes the entries of a revision page, nested, each with its
// anchor, its link to its history and the mark of its change. It is the hot
// path of a build (every entry of every revision), so it writes HTML
// directly; every piece of text and every URL goes through
// html.EscapeString, as html/template would escape it.
func (b *builder) writeEntries(w *strings.Builder, path string, entries []model.Entry, marks map[string]markView) {
	w.WriteString(`<div class="entries">`)
	for i := range entries {
		e := &entries[i]
		w.WriteString("\n<div class=\"e\" id=\"")
		w.WriteString(html.EscapeString(anchor(e.ID)))
		w.WriteString("\"><p class=\"et\"><a class=\"id\" href=\"")
		w.WriteString(html.EscapeString(b.link(path, b.idFile[e.ID])))
		w.WriteString("\" title=\"History of ")
		w.WriteString(html.EscapeString(e.ID))
		w.WriteString("\">")
		w.WriteString(html.EscapeString(e.ID))
		w.WriteString(".</a> ")
		w.WriteString(html.EscapeString(e.Text))
		if m, ok := marks[e.ID]; ok {
			w.WriteString(" <a class=\"mark k-")
			w.WriteString(html.EscapeString(m.Kind))
			w.WriteString("\" href=\"")
			w.WriteString(html.EscapeString(m.Href))
			w.WriteString("\">")
			w.WriteString(html.EscapeString(m.Text))
			w.WriteString("</a>")
		}
		w.WriteString("</p>")
		for _, n := range e.Notes {
			w.WriteString("\n<p class=\"note\"><span class=\"nk\">")
			w.WriteString(html.EscapeString(n.Kind))
			if n.Label != "" {
				w.WriteString(" ")
				w.WriteString(html.EscapeString(n.Label))
			}
			w.WriteString(":</span> ")
			w.WriteString(html.EscapeString(n.Text))
			w.WriteString("</p>")
		}
		if len(e.Children) > 0 {
			b.writeEntries(w, path, e.Children, marks)
		}
		w.WriteString("</div>")
	}
	w.WriteString("\n</div>")
}
