package pdf

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/annex-tools/annex/parse/pdf/internal/hostile"
)

// FuzzParsePDF checks that Parse never panics, gives one-line errors, and
// gives the same result twice. It is seeded with the bad-input fixtures and
// the sample annexes.
func FuzzParsePDF(f *testing.F) {
	for _, pattern := range []string{filepath.Join("testdata", "*.pdf"), filepath.Join(sampleDir(), "*.pdf")} {
		files, _ := filepath.Glob(pattern)
		for _, file := range files {
			data, err := os.ReadFile(file)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(data)
		}
	}
	f.Add(minimalPDF([]string{textPage("CATEGORY I", "ITEM 1 COMPLETE DELIVERY SYSTEMS", "1.A. EQUIPMENT", "1.A.1. Complete rocket systems.")}, ""))
	// The crafted files of package hostile (loops, absurd sizes, lying
	// widths), and small versions of its amplification files.
	for _, c := range hostile.Cases() {
		f.Add(c.Make())
	}
	f.Add(hostile.GlyphFlood(1000))
	f.Add(hostile.FormBomb(3, 3))
	f.Add(hostile.SharedContent(3, 200))
	f.Fuzz(func(t *testing.T, data []byte) {
		first, err1 := parseResult(data)
		second, err2 := parseResult(data)
		if first != second || err1 != err2 {
			t.Fatalf("Parse is not deterministic:\n%s %s\n%s %s", first, err1, second, err2)
		}
		if strings.ContainsAny(err1, "\r\n") {
			t.Fatalf("error spans lines: %q", err1)
		}
	})
}

func parseResult(data []byte) (model, err string) {
	a, e := Parse(bytes.NewReader(data), int64(len(data)), Options{})
	if e != nil {
		if a != nil {
			return "model with error", e.Error()
		}
		return "", e.Error()
	}
	if len(a.Items) == 0 {
		return "no items without an error", ""
	}
	out, jerr := json.Marshal(a)
	if jerr != nil {
		return "", "marshal: " + jerr.Error()
	}
	return string(out), ""
}

// FuzzContentStream fuzzes the content-stream walker, the line builder and
// the annex reader behind a valid file structure: data is the content
// stream of the only page of a small PDF.
func FuzzContentStream(f *testing.F) {
	f.Add([]byte(textPage("CATEGORY I", "ITEM 1 COMPLETE DELIVERY SYSTEMS", "1.A. EQUIPMENT",
		"1.A.1. Complete rocket systems.", "Note: A note.", "Technical Notes:", "1. First.", "2. Second.")))
	f.Add([]byte("BT /F1 11 Tf 72 700 Td [(ITEM)-250(2)] TJ 0 -14 Td (2.A.) Tj 40 0 Td (EQUIPMENT) Tj ET"))
	f.Add([]byte("q 1 0 0 1 10 10 cm BT /F1 9 Tf 2 Ts 50 Tz 1 Tc 2 Tw 12 TL (10) ' (6) \" T* ET Q /Im1 Do"))
	f.Add([]byte("BI /W 1 /H 1 /BPC 8 /CS /G ID \x80 EI BT <</MCID 0>> BDC /F1 12 Tf 1 0 0 1 72 720 Tm <4954454d2031> Tj EMC ET"))
	f.Fuzz(func(t *testing.T, content []byte) {
		data := minimalPDF([]string{string(content)}, "")
		first, err1 := parseResult(data)
		second, err2 := parseResult(data)
		if first != second || err1 != err2 {
			t.Fatalf("Parse is not deterministic:\n%s %s\n%s %s", first, err1, second, err2)
		}
		if strings.ContainsAny(err1, "\r\n") {
			t.Fatalf("error spans lines: %q", err1)
		}
	})
}
