package pdf

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/annex-tools/annex/internal/gen"
	"github.com/annex-tools/annex/model"
)

// TestParseChromiumLayouts lays each true model, and two generated ones, out as HTML in layouts
// unlike the samples' and has another producer, headless Chromium (Skia, CID
// Identity-H fonts), print it to PDF; the parse must give the model back.
// The layouts differ in font (sans, serif), indents, justified text,
// the browser's own running header and footer (date, title, URL, "3/17"),
// where definitions and notes are printed, and a closing section after the
// items. It needs Debian's chromium;
// without it the test is skipped, unless ANNEX_REQUIRE_BROWSER=1 (CI).
func TestParseChromiumLayouts(t *testing.T) {
	bin, err := exec.LookPath("chromium")
	if err != nil {
		if os.Getenv("ANNEX_REQUIRE_BROWSER") == "1" {
			t.Fatal("chromium not found and ANNEX_REQUIRE_BROWSER=1")
		}
		t.Skip("chromium not found")
	}
	if testing.Short() {
		t.Skip("prints PDFs with chromium")
	}
	layouts := []struct {
		name, css string
		header    bool
	}{
		{"sans", `body{font-family:"DejaVu Sans",sans-serif;font-size:10.5pt} .id{width:5.5em} .m{width:2.2em}`, false},
		{"serif-justified", `body{font-family:"DejaVu Serif",serif;font-size:11pt;text-align:justify} .id{width:4em} .m{width:3em}` + trailerCSS, true},
	}
	dir := t.TempDir()
	models := map[string]*model.Annex{}
	for _, truth := range []string{"sample-2023", "sample-2024"} {
		var want model.Annex
		if err := json.Unmarshal(readSample(t, truth+".truth.json"), &want); err != nil {
			t.Fatal(err)
		}
		models[truth] = &want
	}
	// Generated annexes: other words, depths, notes and numbering.
	for _, seed := range []uint64{3, 11} {
		g := gen.Annex(seed, 10, 1)
		g.Meta.DocID = fmt.Sprintf("MTCR/TEM/%d/Annex", 2030+seed)
		g.Meta.Title = "Equipment, Software and Technology Annex"
		models[fmt.Sprintf("generated-%d", seed)] = g
	}
	for _, truth := range slices.Sorted(maps.Keys(models)) {
		want := *models[truth]
		for _, l := range layouts {
			t.Run(truth+"/"+l.name, func(t *testing.T) {
				page := filepath.Join(dir, truth+"-"+l.name+".html")
				out := filepath.Join(dir, truth+"-"+l.name+".pdf")
				if err := os.WriteFile(page, []byte(layoutHTML(&want, l.css)), 0o644); err != nil {
					t.Fatal(err)
				}
				printPDF(t, bin, dir, page, out, l.header)
				data, err := os.ReadFile(out)
				if err != nil {
					t.Fatal(err)
				}
				got, err := Parse(bytes.NewReader(data), int64(len(data)), Options{})
				if err != nil {
					t.Fatalf("Parse(%s) error: %v", filepath.Base(out), err)
				}
				for i, d := range compareAnnex(got, &want) {
					if i == 10 {
						t.Errorf("… and more differences")
						break
					}
					t.Error(d)
				}
				// The same with one page read ahead and no line held
				// uncounted: every guess checked (see pass).
				defer func(n, h int) { readAhead, holdLimit = n, h }(readAhead, holdLimit)
				readAhead, holdLimit = 1, 0
				again, err := Parse(bytes.NewReader(data), int64(len(data)), Options{})
				if err != nil || !reflect.DeepEqual(again, got) {
					t.Errorf("reading one page ahead: %v, %v; want the model read with the default read-ahead", summary(again), err)
				}
			})
		}
	}
}

// printPDF has Chromium print the HTML file page to the PDF file out, with
// the browser's running header and footer when header is true.
func printPDF(tb testing.TB, bin, dir, page, out string, header bool) {
	tb.Helper()
	args := []string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--user-data-dir=" + filepath.Join(dir, "profile"), "--print-to-pdf=" + out}
	if !header {
		args = append(args, "--no-pdf-header-footer")
	}
	cmd := exec.Command(bin, append(args, "file://"+page)...)
	if msg, err := cmd.CombinedOutput(); err != nil {
		tb.Fatalf("chromium: %v\n%s", err, msg)
	}
}

// layoutHTML prints a model the way a publisher might on the web: a cover,
// definitions with the term on its own line, then items, groups and entries
// with hanging indents, notes under the entry's text.
func layoutHTML(a *model.Annex, css string) string {
	var b strings.Builder
	e := html.EscapeString
	fmt.Fprintf(&b, `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>%s</title><style>
body{margin:0} .e{display:flex} .id,.m{flex:none} .t{flex:1} .none{margin-left:5em}
h1,h2,h3{font-size:12pt;text-align:center} p{margin:2px 0} .c{text-align:center} %s</style></head><body>`, e(a.Meta.DocID), css)
	fmt.Fprintf(&b, `<h1>MISSILE TECHNOLOGY CONTROL REGIME</h1><h2>%s</h2><p class="c">%s</p><p class="c">%s</p><div style="page-break-after:always"></div>`,
		e(a.Meta.Title), e(a.Meta.DocID), e(printedDate(a.Meta.Date)))
	b.WriteString("<h2>DEFINITIONS</h2>")
	for _, d := range a.Definitions {
		scope := ""
		if d.Scope != "" {
			scope = " (" + e(d.Scope) + ")"
		}
		fmt.Fprintf(&b, `<p>"%s"%s</p><p style="margin-left:2em">%s</p>`, e(d.Term), scope, e(d.Text))
	}
	category := ""
	for _, it := range a.Items {
		if it.Category != category {
			category = it.Category
			fmt.Fprintf(&b, "<h2>CATEGORY %s</h2>", e(category))
		}
		fmt.Fprintf(&b, "<h3>ITEM %d<br>%s</h3>", it.Number, e(it.Title))
		for _, g := range it.Groups {
			fmt.Fprintf(&b, `<div class="e"><div class="id">%d.%s.</div><div class="t">%s</div></div>`, it.Number, g.Letter, e(g.Title))
			if len(g.Entries) == 0 {
				b.WriteString(`<div class="none">None.</div>`)
			}
			for _, en := range g.Entries {
				layoutEntry(&b, en, true)
			}
		}
	}
	if strings.Contains(css, trailerCSS) {
		b.WriteString(`<h2>ANNEX HANDBOOK REFERENCES</h2><p>The Handbook gives background to each item and is not part of the Annex.</p>`)
	}
	b.WriteString("</body></html>")
	return b.String()
}

// trailerCSS in a layout's style asks layoutHTML for a closing section after
// the items, which is not annex text.
const trailerCSS = " /* trailer */"

func layoutEntry(b *strings.Builder, en model.Entry, top bool) {
	e := html.EscapeString
	marker, class := en.ID[strings.LastIndexByte(en.ID, '.')+1:], "m"
	if top {
		marker, class = en.ID, "id"
	}
	fmt.Fprintf(b, `<div class="e"><div class="%s">%s.</div><div class="t"><div>%s</div>`, class, marker, e(en.Text))
	for _, c := range en.Children {
		layoutEntry(b, c, false)
	}
	for i := 0; i < len(en.Notes); i++ {
		n := en.Notes[i]
		if n.Label == "" {
			fmt.Fprintf(b, `<p>%s: %s</p>`, e(n.Kind), e(n.Text))
			continue
		}
		fmt.Fprintf(b, `<p>%ss:</p>`, e(n.Kind))
		for ; i < len(en.Notes) && en.Notes[i].Kind == n.Kind && en.Notes[i].Label != ""; i++ {
			fmt.Fprintf(b, `<div class="e"><div class="m" style="width:2em">%s.</div><div class="t">%s</div></div>`, en.Notes[i].Label, e(en.Notes[i].Text))
		}
		i--
	}
	b.WriteString("</div></div>")
}

// printedDate turns 2024-03-14 into "14 March 2024".
func printedDate(iso string) string {
	var y, m, d int
	if _, err := fmt.Sscanf(iso, "%d-%d-%d", &y, &m, &d); err != nil || m < 1 || m > 12 {
		return iso
	}
	months := []string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}
	return fmt.Sprintf("%d %s %d", d, months[m-1], y)
}
