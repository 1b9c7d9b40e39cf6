package bigpdf

import (
	"io"
	"testing"
)

// BenchmarkWrite writes the 4,500-page annex of the parser's benchmarks
// (the model is made once, outside the timing).
func BenchmarkWrite(b *testing.B) {
	a := Annex(7, 4500)
	pages := 0
	for b.Loop() {
		n, err := Write(io.Discard, a)
		if err != nil {
			b.Fatal(err)
		}
		pages = n
	}
	b.ReportMetric(float64(pages), "pages")
}

// BenchmarkAnnex makes the model of the 4,500-page annex.
func BenchmarkAnnex(b *testing.B) {
	for b.Loop() {
		Annex(7, 4500)
	}
}
