package report

import (
	"strings"
	"testing"

	"github.com/annex-tools/annex/diff"
)

// categoryDiff compares the sample 2024 revision with testdata/category-2025.json
// (gen.CategoryEdit): 10.A.2 of Category II moved to 2.A.2 of Category I,
// and item 9 changed from Category II to I.
func categoryDiff(t testing.TB) diff.Result {
	return diff.Compare(loadTruth(t, "sample-2024.truth.json"), loadTruth(t, "category-2025.json"))
}

// TestCategoryGolden renders the category changes in every format and
// checks that each says so: the terminal summary and every report name the
// move "II → I", never as a bare renumbering or an editorial change.
func TestCategoryGolden(t *testing.T) {
	r := categoryDiff(t)
	if len(r.Changes) != 2 {
		t.Fatalf("diff = %d changes, want 2 (10.A.2 → 2.A.2 and item 9)", len(r.Changes))
	}
	want := map[string][]string{
		"text": {"category changes: 10.A.2 → 2.A.2 (II → I), item 9 (II → I)",
			"renumbered 10.A.2 → 2.A.2  (item 2, category I; category II → I)",
			"modified   item 9  (item 9, category I; category II → I)"},
		"md": {"**Category changes:** 10.A.2 → 2.A.2 (II → I), item 9 (II → I).",
			"### 10.A.2 → 2.A.2 — renumbered\n\n**Category II → I.**", "### Item 9 — modified\n\n**Category II → I.**"},
		"html": {"<strong>Category changes:</strong> 10.A.2 → 2.A.2 (II → I), item 9 (II → I)",
			`<span class="badge cat-move">Category II → I</span>`},
		"csv":  {",renumbered,no,category,", ",II → I\r\n"},
		"json": {`"old_category": "II"`, `"new_category": "I"`, `"fields": [` + "\n" + `        "category"`},
	}
	for _, format := range Formats {
		t.Run(format, func(t *testing.T) {
			got := render(t, format, r, Options{})
			ext := format
			switch format {
			case "text":
				ext = "txt"
			case "xlsx":
				got = dumpXLSX(t, got)
				ext = "xlsx.txt"
				want[format] = []string{"II → I"}
			}
			checkGolden(t, "category."+ext, got)
			for _, w := range want[format] {
				if !strings.Contains(string(got), w) {
					t.Errorf("%s report does not say %q", format, w)
				}
			}
			if strings.Contains(string(got), "Renumbered without other change") {
				t.Errorf("%s report lists the category move as a bare renumbering", format)
			}
		})
	}
}
