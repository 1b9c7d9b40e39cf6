package annex_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/annex-tools/annex/model"
	"github.com/annex-tools/annex/parse"
	"github.com/annex-tools/annex/parse/pdf"
)

var update = flag.Bool("update", false, "rewrite the golden files of testdata/ml")

// The EU Common Military List in its 2020 Norwegian edition, as published
// (Microsoft Word, 48 pages): testdata/eu-military-list-2020-no.pdf. The
// goldens of ML1, ML4, ML8 and ML10 in testdata/ml were checked by reading
// the PDF; the rest is checked for structure and for lost text.
const mlPDF = "testdata/eu-military-list-2020-no.pdf"

func parseML(t *testing.T) *model.Annex {
	t.Helper()
	a, err := parse.File(mlPDF, parse.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func TestAcceptanceMLGoldens(t *testing.T) {
	a := parseML(t)
	if a.Scheme() != model.ML || a.Meta.Regime != "EU-ML" || a.Meta.Date != "2020-02-17" {
		t.Errorf("scheme %s, regime %q, date %q; want ml, EU-ML, 2020-02-17", a.Scheme().Name, a.Meta.Regime, a.Meta.Date)
	}
	// Double letters: in this edition "aa." to "dd." are items of the list
	// inside Note 1 of ML8 (substances ML8 does not apply to), kept in
	// the note's text in order.
	if it := a.Item(8); it == nil || len(it.Groups) != 1 || len(it.Groups[0].Notes) < 6 ||
		!regexp.MustCompile(`z\. Ethyl-N,N-diphenylurea .*; aa\. 2-Nitrodiphenylamine .*; bb\. .*; cc\. .*; dd\. Nitroguanidine \(CAS 556-88-7\)`).MatchString(it.Groups[0].Notes[5].Text) {
		t.Error("ML8 Note 1 does not hold its list through z., aa. … dd.")
	}
	for _, n := range []int{1, 4, 8, 10} {
		it := a.Item(n)
		if it == nil {
			t.Errorf("ML%d missing", n)
			continue
		}
		got, err := json.MarshalIndent(it, "", " ")
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, '\n')
		path := filepath.Join("testdata", "ml", "ML"+strconv.Itoa(n)+".golden.json")
		if *update {
			if err := os.WriteFile(path, got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			gl, wl := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
			for i := 0; i < len(gl) && i < len(wl); i++ {
				if gl[i] != wl[i] {
					t.Errorf("ML%d differs from %s at line %d:\n got %s\nwant %s", n, path, i+1, gl[i], wl[i])
					break
				}
			}
			if len(gl) != len(wl) {
				t.Errorf("ML%d: %d lines, golden %d", n, len(gl), len(wl))
			}
		}
	}
}

var (
	contentsCodeRE = regexp.MustCompile(`^ML([0-9]{1,2}) `)
	wordRE         = regexp.MustCompile(`\pL{3,}`)
)

func TestAcceptanceMLWhole(t *testing.T) {
	a := parseML(t)
	data, err := os.ReadFile(mlPDF)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := pdf.Extract(bytes.NewReader(data), int64(len(data)), nil)
	if err != nil {
		t.Fatal(err)
	}
	// Every code of the contents list (page 2) is an item.
	codes := 0
	for _, l := range doc.Pages[1].Lines() {
		if m := contentsCodeRE.FindStringSubmatch(l); m != nil {
			codes++
			n := 0
			for _, c := range m[1] {
				n = n*10 + int(c-'0')
			}
			// ML14 and ML16 are a heading without sub-paragraphs.
			if it := a.Item(n); it == nil || len(it.Groups) != 1 || it.Groups[0].Letter != "" || it.Title == "" {
				t.Errorf("ML%s of the contents list: not an item with a title and one group", m[1])
			}
		}
	}
	if codes != 22 || len(a.Items) != 22 {
		t.Errorf("contents list names %d codes, model has %d items; want 22 and 22", codes, len(a.Items))
	}

	// Validate finds nothing: references to the EU Dual-Use List (1A006)
	// are not dangling, sub-paragraphs have no gaps, quoted terms are defined.
	for _, p := range model.Validate(a) {
		t.Errorf("validate: %s", p)
	}

	// Nothing of the cover, the contents or the definitions in an entry.
	var texts []string
	add := func(s string) { texts = append(texts, s) }
	for _, it := range a.Items {
		add(it.Title)
		for _, g := range it.Groups {
			for _, n := range g.Notes {
				add(n.Kind + " " + n.Text)
			}
		}
	}
	a.Walk(func(n model.Node) bool {
		add(n.Entry.Text)
		for _, x := range n.Entry.Notes {
			add(x.Kind + " " + x.Text)
		}
		return true
	})
	body := strings.Join(texts, "\n")
	for _, bad := range []string{"Vedlegg", "forsvarsrelaterte", "Innholdsfortegnelse", "Merknader", "....", "DEFINITIONS OF TERMS", "alphabetical order"} {
		if strings.Contains(body, bad) {
			t.Errorf("entries hold %q from the cover, contents or definitions", bad)
		}
	}
	if len(a.Definitions) != 43 {
		t.Errorf("%d definitions, want 43", len(a.Definitions))
	}
	for _, d := range a.Definitions {
		if strings.Contains(body, d.Text) {
			t.Errorf("definition %q is in an entry", d.Term)
		}
	}

	// No lost text: every word printed on the pages of the items (3 to 42,
	// running footers aside) is in the model as often as printed.
	count := func(s string, m map[string]int) {
		for _, w := range wordRE.FindAllString(s, -1) {
			m[w]++
		}
	}
	printed, read := map[string]int{}, map[string]int{}
	for _, p := range doc.Pages[2:42] {
		ls := p.Lines()
		text := strings.Join(ls[:len(ls)-1], "\n") // the last line is the running footer
		text = strings.NewReplacer("\u00ad\n", "", "-\n", "-").Replace(text)
		count(text, printed)
	}
	count(body, read)
	lost := 0
	for w, n := range printed {
		if w == "Notes" { // "Technical Notes" become notes of kind "Technical Note"
			continue
		}
		if read[w] < n {
			lost += n - read[w]
			t.Errorf("%q printed %d times, read %d", w, n, read[w])
		}
	}
	if t.Failed() {
		t.Logf("%d words lost", lost)
	}
}
