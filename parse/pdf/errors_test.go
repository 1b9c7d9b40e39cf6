package pdf

import (
	"bytes"
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestParseBadInput(t *testing.T) {
	tests := []struct {
		file   string
		want   error
		prefix string // the message starts with this
	}{
		{"truncated.pdf", ErrCorrupt, "corrupt PDF: "},
		{"bad-xref.pdf", ErrCorrupt, "corrupt PDF: "},
		{"bad-stream.pdf", ErrCorrupt, "page 1: corrupt PDF: "},
		{"encrypted.pdf", ErrEncrypted, "encrypted PDF"},
		{"encrypted-aes256.pdf", ErrEncrypted, "encrypted PDF"},
		{"image-only.pdf", ErrNoTextLayer, "no text layer (scanned?)"},
		{"not-annex.pdf", ErrNotAnnex, "no annex items found"},
		{"encrypted-nopassword.pdf", ErrNotAnnex, "no annex items found"}, // readable: it gets as far as the text
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			a, err := Parse(bytes.NewReader(data), int64(len(data)), Options{})
			if a != nil {
				t.Errorf("Parse(%s) returned a model with the error", tt.file)
			}
			if !errors.Is(err, tt.want) {
				t.Fatalf("Parse(%s) = %v, want an error wrapping %q", tt.file, err, tt.want)
			}
			msg := err.Error()
			if strings.ContainsAny(msg, "\r\n") {
				t.Errorf("Parse(%s) error %q spans lines", tt.file, msg)
			}
			if !strings.HasPrefix(msg, tt.prefix) {
				t.Errorf("Parse(%s) error = %q, want it to start with %q", tt.file, msg, tt.prefix)
			}
		})
	}
}

// TestParseTruncations cuts a sample at many lengths: every cut must give
// an error or a model, never a panic, and a cut file is never silently
// taken as whole.
func TestParseTruncations(t *testing.T) {
	data := readSample(t, "sample-2024.pdf")
	for n := 0; n < len(data); n += len(data)/97 + 1 {
		a, err := Parse(bytes.NewReader(data[:n]), int64(n), Options{})
		if err == nil {
			t.Errorf("Parse(first %d of %d bytes) = %d items, want an error", n, len(data), len(a.Items))
			continue
		}
		if strings.ContainsAny(err.Error(), "\r\n") {
			t.Errorf("Parse(first %d bytes) error %q spans lines", n, err)
		}
	}
}

func TestProgress(t *testing.T) {
	data := readSample(t, "sample-2024-letter.pdf")
	var calls [][2]int
	a, err := Parse(bytes.NewReader(data), int64(len(data)), Options{Progress: func(done, total int) {
		calls = append(calls, [2]int{done, total})
	}})
	if err != nil {
		t.Fatal(err)
	}
	if len(calls) != a.Meta.Source.Pages {
		t.Fatalf("Progress called %d times, want %d (once per page)", len(calls), a.Meta.Source.Pages)
	}
	for i, c := range calls {
		if c != [2]int{i + 1, a.Meta.Source.Pages} {
			t.Errorf("Progress call %d = %v, want [%d %d]", i, c, i+1, a.Meta.Source.Pages)
		}
	}
}

// TestParseMutations flips bytes of a small annex PDF (the library panics
// on many such files once they open): every mutant must give a model or a
// one-line error, never a panic.
func TestParseMutations(t *testing.T) {
	orig := minimalPDF([]string{textPage("CATEGORY I", "ITEM 1 COMPLETE DELIVERY SYSTEMS", "1.A. EQUIPMENT",
		"1.A.1. Complete rocket systems.", "Note: A note.")}, "")
	rng := rand.New(rand.NewPCG(1, 2))
	outcomes := map[string]int{}
	for i := 0; i < 400; i++ {
		data := bytes.Clone(orig)
		for k := 0; k < 1+i%3; k++ {
			data[rng.IntN(len(data))] = byte(rng.IntN(256))
		}
		a, err := Parse(bytes.NewReader(data), int64(len(data)), Options{})
		switch {
		case err != nil && strings.ContainsAny(err.Error(), "\r\n"):
			t.Errorf("mutant %d: error %q spans lines", i, err)
		case err != nil:
			outcomes[strings.SplitN(err.Error(), ":", 2)[0]]++
		case len(a.Items) == 0:
			t.Errorf("mutant %d: a model without items and no error", i)
		default:
			outcomes["parsed"]++
		}
	}
	t.Logf("outcomes: %v", outcomes)
}
