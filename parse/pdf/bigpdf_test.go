package pdf

import (
	"bytes"
	"testing"

	"github.com/annex-tools/annex/parse/pdf/internal/bigpdf"
)

// TestParseGeneratedPDF parses annexes written by the large-PDF generator
// of the benchmarks, at a small size, and compares them with the models
// they were written from: the benchmarks' document parses as it should.
func TestParseGeneratedPDF(t *testing.T) {
	for _, tc := range []struct {
		seed  uint64
		pages int
	}{
		{7, 25},
		{11, 60},
	} {
		want := bigpdf.Annex(tc.seed, tc.pages)
		data, pages, err := bigpdf.Bytes(want)
		if err != nil {
			t.Fatal(err)
		}
		got, err := Parse(bytes.NewReader(data), int64(len(data)), Options{})
		if err != nil {
			t.Fatalf("seed %d: Parse: %v", tc.seed, err)
		}
		if got.Meta.Source.Pages != pages {
			t.Errorf("seed %d: %d pages read, %d written", tc.seed, got.Meta.Source.Pages, pages)
		}
		if pages < tc.pages/2 || pages > tc.pages*2 {
			t.Errorf("seed %d: %d pages written, want about %d", tc.seed, pages, tc.pages)
		}
		for i, d := range compareAnnex(got, want) {
			if i == 10 {
				t.Errorf("… and more differences")
				break
			}
			t.Errorf("seed %d: %s", tc.seed, d)
		}
		t.Logf("seed %d: %d pages, %d entries, %d bytes", tc.seed, pages, want.CountEntries(), len(data))
	}
}
