package pdf

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/annex-tools/annex/model"
)

// pager collects lines of cells into pages of at most 50 lines.
type pager struct {
	pages []string
	lines [][]cell
}

func (p *pager) add(cs ...cell) {
	if len(p.lines) == 50 {
		p.flush()
	}
	p.lines = append(p.lines, cs)
}

func (p *pager) flush() {
	if len(p.lines) > 0 {
		p.pages = append(p.pages, layoutPage(p.lines...))
	}
	p.lines = nil
}

// contentsStyle is how a generated table of contents prints its lines.
type contentsStyle int

const (
	contentsNone            contentsStyle = iota
	contentsLeadersNumbers                // "ITEM 3 TITLE ........ 7"
	contentsLeadersNoNumber               // "ITEM 3 TITLE ........", fields never updated
	contentsPlain                         // "ITEM 3 TITLE", no leaders, no numbers
	contentsPlainNoHeading                // the same without a "CONTENTS" heading
	contentsDetailed                      // items and their groups, no leaders, no numbers
	contentsSamePage                      // plain, then the introduction and definitions on the same page
)

var spelled = []string{"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
	"twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"}

var itemWords = []string{"COMPLETE DELIVERY SYSTEMS", "COMPLETE SUBSYSTEMS", "PROPULSION COMPONENTS AND EQUIPMENT",
	"PROPELLANTS AND CHEMICALS", "STRUCTURAL MATERIALS", "INSTRUMENTATION AND NAVIGATION", "FLIGHT CONTROL"}

// frontMatterAnnex prints an annex of n items (one entry with two sub-entries
// in group A, group B "None."), preceded by a cover, a table of contents in
// the given style and an introduction, and returns its pages and model.
func frontMatterAnnex(n int, style contentsStyle) ([]string, *model.Annex) {
	want := &model.Annex{
		Meta: model.Meta{Regime: "XYZ", DocID: "XYZ/TEM/2025/Annex", Date: "2025-05-02", Title: "Equipment and Technology Annex"},
		Definitions: []model.Definition{
			{Term: "Payload", Text: "The mass carried by the system."},
			{Term: "Range", Text: "The greatest distance the system can travel."},
		},
	}
	title := func(k int) string { return fmt.Sprintf("%s %d", itemWords[(k-1)%len(itemWords)], k) }
	p := &pager{}
	p.add(at(150, "XYZ/TEM/2025/Annex")...)
	p.add(at(150, "EQUIPMENT AND TECHNOLOGY ANNEX")...)
	p.add(at(150, "2 May 2025")...)
	p.flush()
	if style != contentsNone {
		if style != contentsPlainNoHeading {
			p.add(at(200, "TABLE OF CONTENTS")...)
		}
		lines := []string{"Introduction", "Definitions"}
		for k := 1; k <= n; k++ {
			lines = append(lines, fmt.Sprintf("ITEM %d %s", k, title(k)))
			if style == contentsDetailed {
				lines = append(lines, fmt.Sprintf("%d.A. EQUIPMENT", k), fmt.Sprintf("%d.B. TEST EQUIPMENT", k))
			}
		}
		for i, l := range lines {
			switch style {
			case contentsLeadersNumbers:
				p.add(cell{72, l + " " + strings.Repeat(".", 60-len(l)) + fmt.Sprintf(" %d", 3+i)})
			case contentsLeadersNoNumber:
				p.add(cell{72, l + " " + strings.Repeat(".", 60-len(l))})
			default:
				p.add(at(72, l)...)
			}
		}
		if style != contentsSamePage {
			p.flush()
		}
	}
	p.add(at(200, "INTRODUCTION")...)
	p.add(at(72, "This Annex lists the items under control, in two categories.")...)
	p.add(at(72, "Category I items are those of the highest sensitivity.")...)
	p.add()
	p.add(at(200, "DEFINITIONS")...)
	for _, d := range want.Definitions {
		p.add(at(72, "\""+d.Term+"\"")...)
		p.add(at(90, d.Text)...)
	}
	category := ""
	for k := 1; k <= n; k++ {
		cat := "II"
		if k <= 2 {
			cat = "I"
		}
		if cat != category {
			category = cat
			p.add(at(200, "CATEGORY "+cat)...)
		}
		id := fmt.Sprintf("%d.A.1", k)
		p.add(at(200, fmt.Sprintf("ITEM %d %s", k, title(k)))...)
		p.add(cell{72, fmt.Sprintf("%d.A.", k)}, cell{110, "EQUIPMENT"})
		p.add(cell{72, id + "."}, cell{110, fmt.Sprintf("Systems of kind %d, as follows:", k)})
		p.add(cell{110, "a."}, cell{135, fmt.Sprintf("Rockets of kind %s; or", spelled[(k-1)%len(spelled)])})
		p.add(cell{110, "b."}, cell{135, "Their " + spelled[(k-1)%len(spelled)] + " engines."})
		p.add(cell{72, fmt.Sprintf("%d.B.", k)}, cell{110, "TEST EQUIPMENT"})
		p.add(at(110, "None.")...)
		want.Items = append(want.Items, model.Item{Number: k, Category: cat, Title: title(k), Groups: []model.Group{
			{Letter: "A", Title: "EQUIPMENT", Entries: []model.Entry{{ID: id, Text: fmt.Sprintf("Systems of kind %d, as follows:", k), Children: []model.Entry{
				{ID: id + ".a", Text: fmt.Sprintf("Rockets of kind %s; or", spelled[(k-1)%len(spelled)])},
				{ID: id + ".b", Text: "Their " + spelled[(k-1)%len(spelled)] + " engines."},
			}}}},
			{Letter: "B", Title: "TEST EQUIPMENT"},
		}})
	}
	p.flush()
	return p.pages, want
}

func parsePages(t *testing.T, pages []string) (*model.Annex, error) {
	t.Helper()
	data := minimalPDF(pages, "")
	return Parse(bytes.NewReader(data), int64(len(data)), Options{})
}

// TestParseContentsWithoutPageNumbers reads annexes whose table of contents
// lists the item headings with leaders and page numbers, with leaders only
// (fields never updated), and with neither: the contents must never be read
// as items.
func TestParseContentsWithoutPageNumbers(t *testing.T) {
	for _, tc := range []struct {
		name  string
		style contentsStyle
	}{
		{"no contents", contentsNone},
		{"leaders and page numbers", contentsLeadersNumbers},
		{"leaders, no page numbers", contentsLeadersNoNumber},
		{"no leaders, no page numbers", contentsPlain},
		{"no heading, no leaders, no page numbers", contentsPlainNoHeading},
		{"items and groups, no leaders, no page numbers", contentsDetailed},
		{"introduction on the contents page", contentsSamePage},
	} {
		t.Run(tc.name, func(t *testing.T) {
			pages, want := frontMatterAnnex(20, tc.style)
			got, err := parsePages(t, pages)
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if len(got.Items) != 20 || len(got.Definitions) != 2 {
				t.Errorf("Parse: %d items, %d definitions, want 20 and 2", len(got.Items), len(got.Definitions))
			}
			for i, d := range compareAnnex(got, want) {
				if i == 10 {
					t.Error("… and more differences")
					break
				}
				t.Error(d)
			}
		})
	}
}

// TestParseInconsistent reads files the parser must refuse rather than
// return a model the JSON reader would refuse: the annex twice in one file,
// a definitions heading with nothing readable under it, an entry number
// printed twice, and items out of order. The error names the page.
func TestParseInconsistent(t *testing.T) {
	for _, tc := range inconsistentCases() {
		t.Run(tc.name, func(t *testing.T) {
			got, err := parsePages(t, tc.pages)
			if err == nil {
				t.Fatalf("Parse = %d items, no error; want error %q", len(got.Items), tc.want)
			}
			if !errors.Is(err, ErrInconsistent) || err.Error() != tc.want {
				t.Errorf("Parse error = %q, want %q (wrapping ErrInconsistent)", err, tc.want)
			}
		})
	}
}

// inconsistentCase is a file the parser must refuse, with its error.
type inconsistentCase struct {
	name  string
	pages []string
	want  string
}

func inconsistentCases() []inconsistentCase {
	once, _ := frontMatterAnnex(4, contentsLeadersNoNumber)
	twice := append(append([]string{}, once...), once...)
	bare, _ := frontMatterAnnex(4, contentsNone)
	bareTwice := append(append([]string{}, bare...), bare...)
	page := func(lines ...[]cell) string { return layoutPage(lines...) }
	cover := page(at(150, "XYZ/TEM/2025/Annex"), at(150, "EQUIPMENT AND TECHNOLOGY ANNEX"), at(150, "2 May 2025"))
	return []inconsistentCase{
		{"annex twice", twice, "page 5: inconsistent annex: item 1 printed again after item 4 (the annex twice in one file?)"},
		{"annex twice, no contents", bareTwice, "page 4: inconsistent annex: item 1 printed again after item 4 (the annex twice in one file?)"},
		{"empty definitions", []string{cover, page(
			at(200, "DEFINITIONS"),
			at(72, "Terms in quotation marks are defined in the Handbook, Part 2, which is"),
			at(72, "published separately."),
			at(200, "CATEGORY I"),
			at(200, "ITEM 1 COMPLETE SYSTEMS"),
			[]cell{{72, "1.A."}, {110, "EQUIPMENT"}},
			[]cell{{72, "1.A.1."}, {110, "Rocket systems."}})},
			"page 2: inconsistent annex: no definition read under the heading \"DEFINITIONS\""},
		{"items out of order", []string{cover, page(
			at(200, "CATEGORY I"),
			at(200, "ITEM 2 COMPLETE SYSTEMS"),
			[]cell{{72, "2.A."}, {110, "EQUIPMENT"}},
			[]cell{{72, "2.A.1."}, {110, "Rocket systems."}},
			at(200, "ITEM 1 SUBSYSTEMS"),
			[]cell{{72, "1.A."}, {110, "EQUIPMENT"}},
			[]cell{{72, "1.A.1."}, {110, "Rocket stages."}})},
			"page 2: inconsistent annex: item 1 printed after item 2 (items out of order)"},
		{"text before the first group", []string{cover, page(
			at(200, "CATEGORY I"),
			at(200, "ITEM 1 COMPLETE SYSTEMS"),
			at(72, "Systems of this item are controlled whatever their range."),
			[]cell{{72, "1.A."}, {110, "EQUIPMENT"}},
			[]cell{{72, "1.A.1."}, {110, "Rocket systems."}})},
			"page 2: inconsistent annex: text that cannot be placed in the annex: \"Systems of this item are controlled what\"…"},
		{"entry twice", []string{cover, page(
			at(200, "CATEGORY I"),
			at(200, "ITEM 1 COMPLETE SYSTEMS"),
			[]cell{{72, "1.A."}, {110, "EQUIPMENT"}},
			[]cell{{72, "1.A.1."}, {110, "Rocket systems."}},
			[]cell{{72, "1.A.2."}, {110, "Drones."}}), page(
			[]cell{{72, "1.A.1."}, {110, "Rocket systems again."}})},
			"page 3: inconsistent annex: entry number used more than once (1.A.1)"},
	}
}

// textPDF lays lines of text out on pages of at most perPage lines ("\f"
// starts a new one); ok is false past 40 pages.
func textPDF(text string, perPage int) (data []byte, ok bool) {
	var pages []string
	for _, p := range strings.Split(text, "\f") {
		lines := strings.Split(p, "\n")
		for len(lines) > 0 {
			n := min(len(lines), perPage)
			pages = append(pages, textPage(escapePDF(lines[:n])...))
			lines = lines[n:]
		}
		if len(pages) > 40 {
			return nil, false
		}
	}
	return minimalPDF(pages, ""), true
}

// addAnnexSeeds adds to f's seeds the text of a generated annex with a
// contents list of each style, and the annex twice.
func addAnnexSeeds(f *testing.F, styles ...contentsStyle) {
	for _, style := range styles {
		f.Add(annexText(4, style))
	}
	f.Add(annexText(3, contentsPlainNoHeading) + "\f" + annexText(3, contentsNone))
}

// FuzzParseConsistent lays lines of text out on pages (50 a page, "\f"
// starts a new one) and parses them: Parse either fails with one line or
// returns a model that model.Check, the JSON reader's test, accepts and that
// reads back from JSON unchanged. Seeds are the generated annexes above:
// contents lists of every style, and the annex twice.
func FuzzParseConsistent(f *testing.F) {
	addAnnexSeeds(f, contentsNone, contentsLeadersNoNumber, contentsPlain)
	f.Fuzz(func(t *testing.T, text string) {
		data, ok := textPDF(text, 50)
		if !ok {
			return
		}
		a, err := Parse(bytes.NewReader(data), int64(len(data)), Options{})
		if err != nil {
			if strings.ContainsAny(err.Error(), "\r\n") {
				t.Fatalf("error spans lines: %q", err)
			}
			return
		}
		if ps := model.Consistency(a); len(ps) > 0 {
			t.Fatalf("Parse returned a model the JSON reader refuses: %v", ps[0])
		}
		first, err := json.Marshal(a)
		if err != nil {
			t.Fatal(err)
		}
		var back model.Annex
		if err := json.Unmarshal(first, &back); err != nil {
			t.Fatal(err)
		}
		if second, _ := json.Marshal(&back); !bytes.Equal(first, second) {
			t.Fatalf("JSON round trip differs:\n%s\n%s", first, second)
		}
	})
}

// annexText is the text of frontMatterAnnex(n, style), a line a line,
// pages separated by "\f".
func annexText(n int, style contentsStyle) string {
	pages, _ := frontMatterAnnex(n, style)
	var out []string
	for _, p := range pages {
		var lines []string
		for _, l := range strings.Split(p, "\n") {
			if i, j := strings.Index(l, "("), strings.LastIndex(l, ")"); i >= 0 && j > i {
				lines = append(lines, l[i+1:j])
			}
		}
		out = append(out, strings.Join(lines, "\n"))
	}
	return strings.Join(out, "\f")
}

// escapePDF escapes the characters a PDF string literal cannot hold as
// they are.
func escapePDF(lines []string) []string {
	r := strings.NewReplacer(`\`, `\\`, `(`, `\(`, `)`, `\)`, "\r", " ")
	out := make([]string, len(lines))
	for i, l := range lines {
		out[i] = r.Replace(l)
	}
	return out
}
