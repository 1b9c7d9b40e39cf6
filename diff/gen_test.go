package diff_test

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/annex-tools/annex/diff"
	"github.com/annex-tools/annex/internal/gen"
)

func key(c diff.Change) string {
	return fmt.Sprintf("%s %s %s→%s %s", c.Target, c.Kind, c.OldID, c.NewID, c.Term)
}

func facts(c diff.Change) string {
	f := c.Fields
	if f == nil {
		f = []string{}
	}
	s := fmt.Sprintf("fields=%v editorial=%v item=%d/%s categories=%q→%q", f, c.Editorial, c.Item, c.Category, c.OldCategory, c.NewCategory)
	if c.Target == diff.TargetEntry && (c.Kind == diff.Modified || c.Kind == diff.Renumbered) {
		s += fmt.Sprintf(" quantities=%v", c.Quantities)
	}
	return s
}

// mismatch lists how got differs from the expected changes.
func mismatch(got, want []diff.Change) []string {
	var out []string
	g := make(map[string]diff.Change)
	for _, c := range got {
		g[key(c)] = c
	}
	w := make(map[string]bool)
	for _, c := range want {
		w[key(c)] = true
		gc, ok := g[key(c)]
		switch {
		case !ok:
			out = append(out, "missing "+key(c)+" "+facts(c))
		case c.Target == diff.TargetDefinition:
			if !slices.Equal(gc.Fields, c.Fields) || gc.Editorial != c.Editorial {
				out = append(out, fmt.Sprintf("differs %s: got %s, want %s", key(c), facts(gc), facts(c)))
			}
		case facts(gc) != facts(c):
			out = append(out, fmt.Sprintf("differs %s: got %s, want %s", key(c), facts(gc), facts(c)))
		}
	}
	for _, c := range got {
		if !w[key(c)] {
			out = append(out, "extra "+key(c)+" "+facts(c))
		}
	}
	sort.Strings(out)
	return out
}

func TestCompareGeneratedSelf(t *testing.T) {
	for seed := uint64(1); seed <= 5; seed++ {
		a := gen.Annex(seed, 10, 2)
		if got := diff.Compare(a, a); len(got.Changes) != 0 {
			t.Errorf("Compare(gen %d, itself) = %d changes, want none; first %s", seed, len(got.Changes), key(got.Changes[0]))
		}
	}
}

func TestCompareGeneratedEdits(t *testing.T) {
	seeds := 200
	if testing.Short() {
		seeds = 30
	}
	failed := 0
	for seed := uint64(1); seed <= uint64(seeds); seed++ {
		a := gen.Annex(seed, 6, 1+int(seed%3))
		ed := gen.Edit(rand.New(rand.NewPCG(seed, 7)), a)
		got := diff.Compare(a, ed.Annex)
		if m := mismatch(got.Changes, ed.Changes); len(m) > 0 {
			failed++
			if failed <= 5 {
				t.Errorf("seed %d, edits:\n\t%s\nCompare:\n\t%s", seed, strings.Join(ed.Log, "\n\t"), strings.Join(m, "\n\t"))
			}
		}
	}
	if failed > 0 {
		t.Errorf("%d of %d seeds failed", failed, seeds)
	}
}

func TestCompareManyEdits(t *testing.T) {
	for seed := uint64(1); seed <= 10; seed++ {
		a := gen.Annex(seed, 10, 4)
		ed := gen.EditN(rand.New(rand.NewPCG(seed, 8)), a, 40)
		got := diff.Compare(a, ed.Annex)
		if m := mismatch(got.Changes, ed.Changes); len(m) > 0 {
			t.Errorf("seed %d, %d edits: %d mismatches:\n\t%s", seed, len(ed.Log), len(m), strings.Join(m[:min(len(m), 10)], "\n\t"))
		}
	}
}
