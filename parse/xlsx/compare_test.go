package xlsx

import (
	"encoding/json"
	"fmt"
	"os"
	"testing"

	"github.com/annex-tools/annex/internal/textnorm"
	"github.com/annex-tools/annex/model"
)

// loadTruth reads an annex/1 JSON file.
func loadTruth(t testing.TB, path string) *model.Annex {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var a model.Annex
	if err := json.Unmarshal(b, &a); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return &a
}

// diffModels compares two models field by field, Meta.Source excepted, and
// returns one line per difference: the path, what was got and what was
// wanted. With fold, texts are compared after textnorm.Fold. Nil and empty
// lists are equal.
func diffModels(got, want *model.Annex, fold bool) []string {
	var out []string
	str := func(path, g, w string) {
		if fold {
			if textnorm.Fold(g) == textnorm.Fold(w) {
				return
			}
		} else if g == w {
			return
		}
		out = append(out, fmt.Sprintf("%s = %q, want %q", path, g, w))
	}
	str("meta.regime", got.Meta.Regime, want.Meta.Regime)
	str("meta.doc_id", got.Meta.DocID, want.Meta.DocID)
	str("meta.date", got.Meta.Date, want.Meta.Date)
	str("meta.title", got.Meta.Title, want.Meta.Title)

	if len(got.Definitions) != len(want.Definitions) {
		out = append(out, fmt.Sprintf("len(definitions) = %d, want %d", len(got.Definitions), len(want.Definitions)))
	}
	for i := range min(len(got.Definitions), len(want.Definitions)) {
		g, w := got.Definitions[i], want.Definitions[i]
		p := fmt.Sprintf("definitions[%d](%s)", i, w.Term)
		str(p+".term", g.Term, w.Term)
		str(p+".scope", g.Scope, w.Scope)
		str(p+".text", g.Text, w.Text)
	}

	if len(got.Items) != len(want.Items) {
		out = append(out, fmt.Sprintf("len(items) = %d, want %d", len(got.Items), len(want.Items)))
	}
	for i := range min(len(got.Items), len(want.Items)) {
		g, w := got.Items[i], want.Items[i]
		p := fmt.Sprintf("items[%d]", i)
		if g.Number != w.Number {
			out = append(out, fmt.Sprintf("%s.number = %d, want %d", p, g.Number, w.Number))
			continue
		}
		p = fmt.Sprintf("item %d", w.Number)
		str(p+".category", g.Category, w.Category)
		str(p+".title", g.Title, w.Title)
		if g.Reserved != w.Reserved {
			out = append(out, fmt.Sprintf("%s.reserved = %v, want %v", p, g.Reserved, w.Reserved))
		}
		if len(g.Groups) != len(w.Groups) {
			out = append(out, fmt.Sprintf("len(%s.groups) = %d, want %d", p, len(g.Groups), len(w.Groups)))
		}
		for j := range min(len(g.Groups), len(w.Groups)) {
			gg, wg := g.Groups[j], w.Groups[j]
			gp := fmt.Sprintf("group %s", model.GroupID(w.Number, wg.Letter))
			str(gp+".letter", gg.Letter, wg.Letter)
			str(gp+".title", gg.Title, wg.Title)
			diffEntries(&out, gp, gg.Entries, wg.Entries, str)
		}
	}
	return out
}

func diffEntries(out *[]string, path string, got, want []model.Entry, str func(p, g, w string)) {
	if len(got) != len(want) {
		ids := func(es []model.Entry) []string {
			var s []string
			for _, e := range es {
				s = append(s, e.ID)
			}
			return s
		}
		*out = append(*out, fmt.Sprintf("%s: entries %v, want %v", path, ids(got), ids(want)))
		return
	}
	for i := range got {
		g, w := got[i], want[i]
		p := "entry " + w.ID
		str(p+".id", g.ID, w.ID)
		str(p+".text", g.Text, w.Text)
		if len(g.Notes) != len(w.Notes) {
			*out = append(*out, fmt.Sprintf("len(%s.notes) = %d, want %d (got %+v)", p, len(g.Notes), len(w.Notes), g.Notes))
		} else {
			for k := range g.Notes {
				np := fmt.Sprintf("%s.notes[%d]", p, k)
				str(np+".kind", g.Notes[k].Kind, w.Notes[k].Kind)
				str(np+".label", g.Notes[k].Label, w.Notes[k].Label)
				str(np+".text", g.Notes[k].Text, w.Notes[k].Text)
			}
		}
		diffEntries(out, p, g.Children, w.Children, str)
	}
}

func reportDiffs(t *testing.T, name string, diffs []string) {
	t.Helper()
	for i, d := range diffs {
		if i == 30 {
			t.Errorf("%s: … and %d more differences", name, len(diffs)-i)
			break
		}
		t.Errorf("%s: %s", name, d)
	}
}
