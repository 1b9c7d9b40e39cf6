package pdf

import (
	"bytes"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
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
