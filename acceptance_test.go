package annex_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/annex-tools/annex/diff"
	"github.com/annex-tools/annex/parse"
)

// The acceptance data of testdata/SAMPLES.md, end to end: real files through
// parse and diff, in every mix of formats and layouts.

// fact is what the expected change list fixes about a change.
func fact(c diff.Change, withFields bool) string {
	s := fmt.Sprintf("%s %s old=%s new=%s term=%q", c.Target, c.Kind, c.OldID, c.NewID, c.Term)
	if c.Kind == diff.Modified || c.Kind == diff.Renumbered {
		s += fmt.Sprintf(" editorial=%v", c.Editorial)
		if withFields {
			f := c.Fields
			if f == nil {
				f = []string{}
			}
			s += fmt.Sprintf(" fields=%v", f)
		}
	}
	return s
}

func TestAcceptanceDiff(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "sample-2023_2024.expected.json"))
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
	// The expected file gives fields for entries only; compare them there.
	withFields := make(map[string]bool)
	var wantFacts []string
	for _, c := range want.Changes {
		if c.Fields != nil {
			c.Change.Fields = *c.Fields
		}
		f := fact(c.Change, c.Fields != nil)
		withFields[fact(c.Change, false)] = c.Fields != nil
		wantFacts = append(wantFacts, f)
	}
	slices.Sort(wantFacts)

	for _, old := range []string{"sample-2023.pdf", "sample-2023.xlsx"} {
		for _, new := range []string{"sample-2024.pdf", "sample-2024-letter.pdf", "sample-2024.xlsx"} {
			t.Run(old+"/"+new, func(t *testing.T) {
				a, err := parse.File(filepath.Join("testdata", old), parse.Options{})
				if err != nil {
					t.Fatal(err)
				}
				b, err := parse.File(filepath.Join("testdata", new), parse.Options{})
				if err != nil {
					t.Fatal(err)
				}
				var got []string
				for _, c := range diff.Compare(a, b).Changes {
					got = append(got, fact(c, withFields[fact(c, false)]))
				}
				slices.Sort(got)
				for _, f := range wantFacts {
					if !slices.Contains(got, f) {
						t.Errorf("diff %s %s: missing %s", old, new, f)
					}
				}
				for _, f := range got {
					if !slices.Contains(wantFacts, f) {
						t.Errorf("diff %s %s: extra %s", old, new, f)
					}
				}
			})
		}
	}
}

func TestAcceptanceSameRevision(t *testing.T) {
	files := []string{"sample-2024.pdf", "sample-2024-letter.pdf", "sample-2024.xlsx", "sample-2024.truth.json"}
	for _, x := range files {
		for _, y := range files {
			if x >= y {
				continue
			}
			a, err := parse.File(filepath.Join("testdata", x), parse.Options{})
			if err != nil {
				t.Fatal(err)
			}
			b, err := parse.File(filepath.Join("testdata", y), parse.Options{})
			if err != nil {
				t.Fatal(err)
			}
			if r := diff.Compare(a, b); len(r.Changes) != 0 {
				t.Errorf("diff %s %s = %d changes (first: %s), want none", x, y, len(r.Changes), fact(r.Changes[0], true))
			}
		}
	}
}
