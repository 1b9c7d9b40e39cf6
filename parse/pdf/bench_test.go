package pdf

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/annex-tools/annex/internal/gen"
	"github.com/annex-tools/annex/model"
)

// The benchmarks report pages per second of wall time ("pages/s") and of
// CPU time ("cpu-pages/s"): the second stays comparable on a busy machine.
// BenchmarkPdftotext runs poppler's pdftotext on the same file as the
// reference: go test -bench . ./parse/pdf/ shows them side by side.

const benchSample = "sample-2024.pdf"

func BenchmarkParsePDF(b *testing.B) {
	data := readSample(b, benchSample)
	pages := 0
	b.SetBytes(int64(len(data)))
	cpu0 := cpuTime()
	for b.Loop() {
		a, err := Parse(bytes.NewReader(data), int64(len(data)), Options{})
		if err != nil {
			b.Fatal(err)
		}
		pages += a.Meta.Source.Pages
	}
	reportPages(b, pages, cpuTime()-cpu0)
}

func BenchmarkPdftotext(b *testing.B) {
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		b.Skip("pdftotext not on PATH")
	}
	data := readSample(b, benchSample)
	doc, err := Extract(bytes.NewReader(data), int64(len(data)), nil)
	if err != nil {
		b.Fatal(err)
	}
	path := filepath.Join(sampleDir(), benchSample)
	pages := 0
	var cpu time.Duration
	for b.Loop() {
		cmd := exec.Command(bin, "-layout", path, "-")
		out, err := cmd.Output()
		if err != nil || len(out) == 0 {
			b.Fatalf("pdftotext: %v", err)
		}
		cpu += cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
		pages += len(doc.Pages)
	}
	reportPages(b, pages, cpu)
}

func reportPages(b *testing.B, pages int, cpu time.Duration) {
	b.ReportMetric(float64(pages)/b.Elapsed().Seconds(), "pages/s")
	if cpu > 0 {
		b.ReportMetric(float64(pages)/cpu.Seconds(), "cpu-pages/s")
	}
}

// largePDF is a generated annex ten times the sample's size, laid out as
// HTML and printed by Chromium (see TestParseChromiumLayouts), made once per
// benchmark run in a temporary directory.
func largePDF(b *testing.B) (path string, want *model.Annex) {
	bin, err := exec.LookPath("chromium")
	if err != nil {
		b.Skip("chromium not on PATH: no generator for the large PDF")
	}
	dir := b.TempDir()
	want = gen.Annex(7, 10, 10)
	want.Meta.Title = "Equipment, Software and Technology Annex"
	want.Meta.DocID = "MTCR/TEM/2030/Annex"
	page := filepath.Join(dir, "large.html")
	path = filepath.Join(dir, "large.pdf")
	css := `body{font-family:"DejaVu Serif",serif;font-size:10.5pt;text-align:justify} .id{width:5em} .m{width:2.4em}`
	if err := os.WriteFile(page, []byte(layoutHTML(want, css)), 0o644); err != nil {
		b.Fatal(err)
	}
	printPDF(b, bin, dir, page, path, true)
	return path, want
}

// BenchmarkLargePDF parses a generated annex of about 3,500 entries (a few
// hundred pages) printed by another producer, beside pdftotext -layout on
// the same file, so that the growth from the 30-page sample shows. It checks
// the parse against the generated model first.
func BenchmarkLargePDF(b *testing.B) {
	path, want := largePDF(b)
	data, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	a, err := Parse(bytes.NewReader(data), int64(len(data)), Options{})
	if err != nil {
		b.Fatal(err)
	}
	if d := compareAnnex(a, want); len(d) > 0 {
		b.Fatalf("large PDF parses with %d differences, first: %s", len(d), d[0])
	}
	b.Run("annex", func(b *testing.B) {
		pages := 0
		cpu0 := cpuTime()
		for b.Loop() {
			a, err := Parse(bytes.NewReader(data), int64(len(data)), Options{})
			if err != nil {
				b.Fatal(err)
			}
			pages += a.Meta.Source.Pages
		}
		reportPages(b, pages, cpuTime()-cpu0)
	})
	b.Run("pdftotext", func(b *testing.B) {
		bin, err := exec.LookPath("pdftotext")
		if err != nil {
			b.Skip("pdftotext not on PATH")
		}
		pages := 0
		var cpu time.Duration
		for b.Loop() {
			cmd := exec.Command(bin, "-layout", path, "-")
			if out, err := cmd.Output(); err != nil || len(out) == 0 {
				b.Fatalf("pdftotext: %v", err)
			}
			cpu += cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
			pages += a.Meta.Source.Pages
		}
		reportPages(b, pages, cpu)
	})
}
