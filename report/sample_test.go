package report

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/annex-tools/annex/diff"
	"github.com/annex-tools/annex/model"
)

// loadTruth reads an annex/1 model from the repository's testdata.
func loadTruth(t testing.TB, name string) *model.Annex {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "testdata", name))
	if err != nil {
		t.Fatalf("read sample: %v", err)
	}
	var a model.Annex
	if err := json.Unmarshal(data, &a); err != nil {
		t.Fatalf("decode %s: %v", name, err)
	}
	return &a
}

// sampleDiff compares the two sample revisions' true models.
func sampleDiff(t testing.TB) diff.Result {
	return diff.Compare(loadTruth(t, "sample-2023.truth.json"), loadTruth(t, "sample-2024.truth.json"))
}

// TestSampleGolden renders the diff of the sample pair in every format.
func TestSampleGolden(t *testing.T) {
	r := sampleDiff(t)
	if len(r.Changes) == 0 {
		t.Fatal("diff.Compare(sample-2023, sample-2024) found no change")
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
			}
			checkGolden(t, "sample."+ext, got)
		})
	}
	t.Run("color.txt", func(t *testing.T) {
		checkGolden(t, "sample.color.txt", render(t, "text", r, Options{Color: true}))
	})
}

// TestSampleEveryChangeShown checks that every change of the sample diff
// appears in each human-readable report under its ids or term.
func TestSampleEveryChangeShown(t *testing.T) {
	r := sampleDiff(t)
	for _, format := range []string{"text", "md", "html", "csv"} {
		out := string(render(t, format, r, Options{}))
		for _, c := range r.Changes {
			var want []string
			switch c.Target {
			case diff.TargetDefinition:
				want = []string{c.Term}
			case diff.TargetEntry:
				want = []string{c.OldID, c.NewID}
			}
			for _, w := range want {
				if w != "" && !strings.Contains(out, w) {
					t.Errorf("%s report does not show %s of %s change %s", format, w, c.Kind, label(c))
				}
			}
		}
	}
}
