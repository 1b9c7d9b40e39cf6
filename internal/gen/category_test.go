package gen

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/category-2025.json")

// TestCategoryFixture keeps testdata/category-2025.json, the sample 2024
// revision with CategoryEdit applied, in step with its generator (go test
// ./internal/gen -run TestCategoryFixture -update rewrites it).
func TestCategoryFixture(t *testing.T) {
	a, err := jsonFile(filepath.Join("..", "..", "testdata", "sample-2024.truth.json"))
	if err != nil {
		t.Fatal(err)
	}
	b, want := CategoryEdit(a)
	if len(want) != 2 || want[0].OldID != "10.A.2" || want[0].NewID != "2.A.2" || want[1].Number != 9 {
		t.Fatalf("CategoryEdit(sample-2024) = %+v, want 10.A.2 → 2.A.2 and item 9", want)
	}
	if a.Item(10).Groups[0].Entries[1].ID != "10.A.2" || a.Item(9).Category != "II" {
		t.Fatal("CategoryEdit modified its argument")
	}
	b.Meta.DocID, b.Meta.Date = "MTCR/TEM/2025/Annex", "2025-03-20"
	b.Meta.Source.Name, b.Meta.Source.Format, b.Meta.Source.SHA256, b.Meta.Source.Pages = "category-2025.json", "json", "", 0
	got, err := json.MarshalIndent(b, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')
	path := filepath.Join("..", "..", "testdata", "category-2025.json")
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	old, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./internal/gen -run TestCategoryFixture -update)", err)
	}
	if !bytes.Equal(old, got) {
		t.Error("testdata/category-2025.json is stale (run go test ./internal/gen -run TestCategoryFixture -update)")
	}
}
