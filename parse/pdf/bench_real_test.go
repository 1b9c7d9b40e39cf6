package pdf

import (
	"bytes"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// BenchmarkRealLists parses the real national list (the EU Common Military
// List, 48 pages, Microsoft Word) and the EU dual-use list sample (27 pages,
// office suite), each beside pdftotext -layout on the same file in the same
// run: compare cpu-pages/s of annex/FILE and pdftotext/FILE.
func BenchmarkRealLists(b *testing.B) {
	for _, name := range []string{"eu-military-list-2020-no.pdf", filepath.Join("eu", "eu9-2025.pdf")} {
		data := readSample(b, name)
		b.Run("annex/"+filepath.Base(name), func(b *testing.B) {
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
		})
		b.Run("pdftotext/"+filepath.Base(name), func(b *testing.B) {
			bin, err := exec.LookPath("pdftotext")
			if err != nil {
				b.Skip("pdftotext not on PATH")
			}
			doc, err := Extract(bytes.NewReader(data), int64(len(data)), nil)
			if err != nil {
				b.Fatal(err)
			}
			path := filepath.Join(sampleDir(), name)
			pages := 0
			var cpu time.Duration
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				cmd := exec.Command(bin, "-layout", path, "-")
				if out, err := cmd.Output(); err != nil || len(out) == 0 {
					b.Fatalf("pdftotext: %v", err)
				}
				cpu += cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
				pages += len(doc.Pages)
			}
			reportPages(b, pages, cpu)
		})
	}
}
