package diff_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/annex-tools/annex/diff"
	"github.com/annex-tools/annex/internal/gen"
	"github.com/annex-tools/annex/model"
)

// TestCategoryMoves diffs the sample 2024 revision against itself with an
// entry moved from a Category II item to a Category I item and an item whose
// own category changes: the moved nodes are renumbered with "category" in
// their fields and the categories before and after, never editorial; the
// item is one modified change with fields ["category"], its entries none.
func TestCategoryMoves(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "testdata", "sample-2024.truth.json"))
	if err != nil {
		t.Fatal(err)
	}
	var old model.Annex
	if err := json.Unmarshal(data, &old); err != nil {
		t.Fatal(err)
	}
	new, want := gen.CategoryEdit(&old)
	r := diff.Compare(&old, new)
	if len(r.Changes) != len(want) {
		t.Errorf("Compare = %d changes, want %d: %+v", len(r.Changes), len(want), r.Changes)
	}
	for _, w := range want {
		var got *diff.Change
		for i, c := range r.Changes {
			if string(c.Target) == w.Target && c.OldID == w.OldID && c.NewID == w.NewID && c.Number == w.Number {
				got = &r.Changes[i]
			}
		}
		if got == nil {
			t.Errorf("no change for %+v", w)
			continue
		}
		if string(got.Kind) != w.Kind || !slices.Equal(got.Fields, w.Fields) || got.OldCategory != w.OldCategory ||
			got.NewCategory != w.NewCategory || got.Editorial {
			t.Errorf("change %+v = kind %s fields %v categories %q → %q editorial %v, want %s %v %q → %q, not editorial",
				w, got.Kind, got.Fields, got.OldCategory, got.NewCategory, got.Editorial,
				w.Kind, w.Fields, w.OldCategory, w.NewCategory)
		}
	}
	// Back again: the categories swap.
	for _, c := range diff.Compare(new, &old).Changes {
		if c.OldCategory != "I" || c.NewCategory != "II" {
			t.Errorf("reverse change %s %s%s%d: categories %q → %q, want I → II", c.Target, c.OldID, c.NewID, c.Number, c.OldCategory, c.NewCategory)
		}
	}
}
