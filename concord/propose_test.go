package concord

import (
	"encoding/json"
	"os"
	"testing"

	"github.com/annex-tools/annex/internal/gen"
	"github.com/annex-tools/annex/model"
)

func readModel(t testing.TB, path string) *model.Annex {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var a model.Annex
	if err := json.Unmarshal(b, &a); err != nil {
		t.Fatal(err)
	}
	return &a
}

// score compares proposed links with the true ones.
func score(c *Concordance, truth [][2]string) (precision, recall float64, wrong, lost [][2]string) {
	want := make(map[[2]string]bool)
	for _, l := range truth {
		want[l] = true
	}
	got := make(map[[2]string]bool)
	hit := 0
	for _, l := range c.Active() {
		k := [2]string{l.National, l.Annex}
		got[k] = true
		if want[k] {
			hit++
		} else {
			wrong = append(wrong, k)
		}
	}
	for _, l := range truth {
		if !got[l] {
			lost = append(lost, l)
		}
	}
	return float64(hit) / float64(max(1, len(got))), float64(hit) / float64(max(1, len(want))), wrong, lost
}

func TestProposeRecoversLinks(t *testing.T) {
	for _, tc := range []struct{ annex, older string }{
		{"../testdata/sample-2024.truth.json", "../testdata/sample-2023.truth.json"},
		{"../testdata/sample-2023.truth.json", ""},
	} {
		t.Run(tc.annex, func(t *testing.T) {
			annex := readModel(t, tc.annex)
			var opt gen.NationalOptions
			if tc.older != "" {
				opt.Older = readModel(t, tc.older)
			}
			nat := gen.NationalList(annex, opt)
			c := Propose(nat.List, annex, Options{})
			p, r, wrong, lost := score(c, nat.Links)
			t.Logf("%d true links, %d proposed: precision %.3f, recall %.3f", len(nat.Links), len(c.Links), p, r)
			for _, w := range wrong {
				t.Logf("wrong: %v", w)
			}
			for _, l := range lost {
				t.Logf("lost: %v", l)
			}
			if p < 0.95 || r < 0.95 {
				t.Errorf("precision %.3f, recall %.3f: want both at least 0.95", p, r)
			}
		})
	}
}
