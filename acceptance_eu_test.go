package annex_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/annex-tools/annex/diff"
	"github.com/annex-tools/annex/export"
	"github.com/annex-tools/annex/model"
	"github.com/annex-tools/annex/parse"
)

// The EU dual-use list samples of testdata/eu (Category 9 of Regulation (EU)
// 2021/821 Annex I, and an edited revision): each PDF parses exactly to its
// truth, and the pair diffs exactly to the expected change list.

// canonical returns the annex/1 JSON of a, without what depends on the file
// rather than on the document (digest, page count).
func canonical(t *testing.T, a *model.Annex) string {
	t.Helper()
	c := *a
	c.Meta.Source = model.Source{Name: a.Meta.Source.Name, Format: a.Meta.Source.Format}
	data, err := json.MarshalIndent(&c, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func TestAcceptanceEUParse(t *testing.T) {
	for _, name := range []string{"eu9-2025", "eu9-2026"} {
		t.Run(name, func(t *testing.T) {
			got, err := parse.File(filepath.Join("testdata", "eu", name+".pdf"), parse.Options{})
			if err != nil {
				t.Fatal(err)
			}
			want, err := parse.File(filepath.Join("testdata", "eu", name+".truth.json"), parse.Options{})
			if err != nil {
				t.Fatal(err)
			}
			if got.Scheme() != model.EU {
				t.Errorf("scheme = %s, want eu", got.Scheme().Name)
			}
			g, w := canonical(t, got), canonical(t, want)
			if g != w {
				gl, wl := strings.Split(g, "\n"), strings.Split(w, "\n")
				for i := 0; i < len(gl) && i < len(wl); i++ {
					if gl[i] != wl[i] {
						t.Fatalf("parse %s.pdf differs from its truth at line %d:\n got %s\nwant %s", name, i+1, gl[i], wl[i])
					}
				}
				t.Fatalf("parse %s.pdf: %d lines, truth %d", name, len(gl), len(wl))
			}
			// Forcing the scheme gives the same; forcing another fails.
			forced, err := parse.File(filepath.Join("testdata", "eu", name+".pdf"), parse.Options{Scheme: model.EU})
			if err != nil || canonical(t, forced) != w {
				t.Errorf("--scheme eu: %v, or a different model", err)
			}
			if m, err := parse.File(filepath.Join("testdata", "eu", name+".pdf"), parse.Options{Scheme: model.MTCR}); err == nil {
				t.Errorf("--scheme mtcr read the EU list as %d MTCR items", len(m.Items))
			}
		})
	}
}

func TestAcceptanceEUDiff(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "eu", "eu9-2025_2026.expected.json"))
	if err != nil {
		t.Fatal(err)
	}
	var want struct {
		Changes []struct {
			diff.Change
			Fields *[]string `json:"fields"`
		} `json:"changes"`
	}
	if err := json.Unmarshal(data, &want); err != nil {
		t.Fatal(err)
	}
	withFields := make(map[string]bool)
	var wantFacts []string
	for _, c := range want.Changes {
		if c.Fields != nil {
			c.Change.Fields = *c.Fields
		}
		withFields[fact(c.Change, false)] = c.Fields != nil
		wantFacts = append(wantFacts, fact(c.Change, c.Fields != nil))
	}
	slices.Sort(wantFacts)

	// Every mix of PDF, saved model and workbook (the truth exported by
	// annex export) of the two revisions.
	for _, old := range []string{"eu9-2025.pdf", "eu9-2025.truth.json", "eu9-2025.xlsx"} {
		for _, new := range []string{"eu9-2026.pdf", "eu9-2026.truth.json", "eu9-2026.xlsx"} {
			t.Run(old+"/"+new, func(t *testing.T) {
				a, b := loadEU(t, old), loadEU(t, new)
				r := diff.Compare(a, b)
				var got []string
				for _, c := range r.Changes {
					got = append(got, fact(c, withFields[fact(c, false)]))
				}
				slices.Sort(got)
				if !slices.Equal(got, wantFacts) {
					t.Errorf("diff %s %s:\n got %q\nwant %q", old, new, got, wantFacts)
				}
				// Thresholds are read with decimal commas.
				q := map[string]string{}
				for _, c := range r.Changes {
					for _, x := range c.Quantities {
						q[c.NewID] += x.Old + " → " + x.New + " " + x.Direction + ";"
					}
				}
				for id, w := range map[string]string{
					"9A002.b": "0,219 kg/kWh → 0,200 kg/kWh narrower;",
					"9A007.a": "1,1 MNs → 0,9 MNs wider;",
					"9A008.b": "0,61 m → 0,5 m wider;",
				} {
					if q[id] != w {
						t.Errorf("thresholds of %s = %q, want %q", id, q[id], w)
					}
				}
			})
		}
	}
	// One revision against itself in another format: no change.
	for _, rev := range []string{"eu9-2025", "eu9-2026"} {
		files := []string{rev + ".pdf", rev + ".truth.json", rev + ".xlsx"}
		for i, x := range files {
			for _, y := range files[i+1:] {
				if r := diff.Compare(loadEU(t, x), loadEU(t, y)); len(r.Changes) != 0 {
					t.Errorf("%s against %s: %d changes (first %s), want none", x, y, len(r.Changes), fact(r.Changes[0], true))
				}
			}
		}
	}
}

// loadEU parses a file of testdata/eu; NAME.xlsx is the truth NAME.truth.json
// exported as a workbook.
func loadEU(t *testing.T, name string) *model.Annex {
	t.Helper()
	if base, ok := strings.CutSuffix(name, ".xlsx"); ok {
		truth := loadEU(t, base+".truth.json")
		var buf bytes.Buffer
		if err := export.XLSX(&buf, truth); err != nil {
			t.Fatal(err)
		}
		a, err := parse.Read(name, buf.Bytes(), parse.Options{})
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	a, err := parse.File(filepath.Join("testdata", "eu", name), parse.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return a
}
