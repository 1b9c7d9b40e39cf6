package pdf

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/annex-tools/annex/internal/textnorm"
	"github.com/annex-tools/annex/model"
)

// samples are the acceptance PDFs of the repository's testdata, each with
// its true model.
var samples = []string{"sample-2023", "sample-2024", "sample-2024-letter"}

func sampleDir() string { return filepath.Join("..", "..", "testdata") }

func readSample(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(sampleDir(), name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestParseSamples(t *testing.T) {
	for _, name := range samples {
		t.Run(name, func(t *testing.T) {
			data := readSample(t, name+".pdf")
			var want model.Annex
			if err := json.Unmarshal(readSample(t, name+".truth.json"), &want); err != nil {
				t.Fatalf("truth: %v", err)
			}
			pages := 0
			got, err := Parse(bytes.NewReader(data), int64(len(data)), Options{Progress: func(done, total int) { pages = total }})
			if err != nil {
				t.Fatalf("Parse(%s) error: %v", name, err)
			}
			if got.Meta.Source.Pages != pages || pages == 0 {
				t.Errorf("Parse(%s).Meta.Source.Pages = %d, want %d (progress total)", name, got.Meta.Source.Pages, pages)
			}
			diffs := compareAnnex(got, &want)
			for i, d := range diffs {
				if i == 10 {
					t.Errorf("… and %d more differences", len(diffs)-i)
					break
				}
				t.Error(d)
			}
		})
	}
}

// compareAnnex lists the differences between got and want, each as
// "path: got …, want …". Texts are compared after textnorm.Fold.
func compareAnnex(got, want *model.Annex) []string {
	var out []string
	str := func(path, g, w string) {
		if g != w {
			out = append(out, fmt.Sprintf("%s = %q, want %q", path, g, w))
		}
	}
	text := func(path, g, w string) {
		if textnorm.Fold(g) != textnorm.Fold(w) {
			out = append(out, fmt.Sprintf("%s = %q, want %q", path, g, w))
		}
	}
	count := func(path string, g, w int) bool {
		if g != w {
			out = append(out, fmt.Sprintf("len(%s) = %d, want %d", path, g, w))
		}
		return g == w
	}
	str("meta.doc_id", got.Meta.DocID, want.Meta.DocID)
	str("meta.date", got.Meta.Date, want.Meta.Date)
	text("meta.title", got.Meta.Title, want.Meta.Title)
	str("meta.regime", got.Meta.Regime, want.Meta.Regime)

	n := min(len(got.Definitions), len(want.Definitions))
	for i := 0; i < n; i++ {
		g, w := got.Definitions[i], want.Definitions[i]
		p := fmt.Sprintf("definitions[%d]", i)
		text(p+".term", g.Term, w.Term)
		text(p+".scope", g.Scope, w.Scope)
		text(p+".text", g.Text, w.Text)
	}
	count("definitions", len(got.Definitions), len(want.Definitions))

	n = min(len(got.Items), len(want.Items))
	for i := 0; i < n; i++ {
		g, w := got.Items[i], want.Items[i]
		p := fmt.Sprintf("items[%d]", i)
		if g.Number != w.Number {
			out = append(out, fmt.Sprintf("%s.number = %d, want %d", p, g.Number, w.Number))
			continue
		}
		p = fmt.Sprintf("item %d", w.Number)
		str(p+".category", g.Category, w.Category)
		text(p+".title", g.Title, w.Title)
		if g.Reserved != w.Reserved {
			out = append(out, fmt.Sprintf("%s.reserved = %v, want %v", p, g.Reserved, w.Reserved))
		}
		m := min(len(g.Groups), len(w.Groups))
		for j := 0; j < m; j++ {
			gg, wg := g.Groups[j], w.Groups[j]
			gp := fmt.Sprintf("%s.groups[%d]", p, j)
			str(gp+".letter", gg.Letter, wg.Letter)
			text(gp+".title", gg.Title, wg.Title)
			compareEntries(&out, gp, gg.Entries, wg.Entries, str, text, count)
		}
		count(p+".groups", len(g.Groups), len(w.Groups))
	}
	count("items", len(got.Items), len(want.Items))
	return out
}

func compareEntries(out *[]string, path string, got, want []model.Entry,
	str, text func(path, g, w string), count func(string, int, int) bool) {
	n := min(len(got), len(want))
	for i := 0; i < n; i++ {
		g, w := got[i], want[i]
		p := path + "/" + w.ID
		str(p+".id", g.ID, w.ID)
		text(p+".text", g.Text, w.Text)
		m := min(len(g.Notes), len(w.Notes))
		for j := 0; j < m; j++ {
			np := fmt.Sprintf("%s.notes[%d]", p, j)
			str(np+".kind", g.Notes[j].Kind, w.Notes[j].Kind)
			str(np+".label", g.Notes[j].Label, w.Notes[j].Label)
			text(np+".text", g.Notes[j].Text, w.Notes[j].Text)
		}
		count(p+".notes", len(g.Notes), len(w.Notes))
		compareEntries(out, p, g.Children, w.Children, str, text, count)
	}
	if len(got) != len(want) {
		var ids []string
		for _, e := range got {
			ids = append(ids, e.ID)
		}
		count(fmt.Sprintf("%s entries (got %v)", path, ids), len(got), len(want))
	}
}
