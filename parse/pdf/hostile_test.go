package pdf

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"

	"github.com/annex-tools/annex/internal/limits"
	"github.com/annex-tools/annex/parse/pdf/internal/hostile"
)

var updateHostile = flag.Bool("update-hostile", false, "rewrite testdata/hostile from the generators")

// hostileWant is what Parse must say about each small crafted file of
// package hostile: the whole message (a regular expression), and which
// sentinel or limit it wraps. An empty want means the file must parse.
var hostileWant = map[string]struct {
	want string
	is   error
}{
	"parent-self":           {`^page 1: corrupt PDF: the /Parent chain of a page loops at object 4 0 R$`, ErrCorrupt},
	"parent-cycle":          {`^page 1: corrupt PDF: the /Parent chain of a page loops at object 4 0 R$`, ErrCorrupt},
	"xref-prev-self":        {`^corrupt PDF: xref Prev chain loops at offset \d+$`, ErrCorrupt},
	"xref-prev-pair":        {`^corrupt PDF: xref Prev chain loops at offset \d+$`, ErrCorrupt},
	"xref-stream-prev-self": {`^corrupt PDF: xref Prev chain loops at offset \d+$`, ErrCorrupt},
	"objstm-extends-loop":   {`^corrupt PDF: object stream /Extends chain loops at 6 0 R$`, ErrCorrupt},
	"objstm-in-itself":      {`^corrupt PDF: object stream 6 is inside an object stream$`, ErrCorrupt},
	"objstm-length-cycle":   {`^corrupt PDF: objects refer to each other in a cycle \(at [67] 0 R\)$`, ErrCorrupt},
	"pagetree-loop":         {`^corrupt PDF: the page tree loops \(object 2 0 R is in it twice\)$`, ErrCorrupt},
	"xref-size-2e9":         {`^more than 5000000 PDF objects \(raise with ANNEX_LIMITS=objects=N\)$`, limits.ErrExceeded},
	"xref-start-2e9":        {`^more than 5000000 PDF objects \(raise with ANNEX_LIMITS=objects=N\)$`, limits.ErrExceeded},
	"xref-w-1e9":            {`^corrupt PDF: invalid W array \[1 1000000000 2\]$`, ErrCorrupt},
	"xref-size-1e5":         {`^corrupt PDF: object number 99999 in a file of \d+ bytes$`, ErrCorrupt},
	"predictor-columns":     {`^page 1: corrupt PDF: predictor /Columns 4000000000$`, ErrCorrupt},
	"form-self":             {`^page 1: corrupt PDF: form XObject 6 0 R draws itself$`, ErrCorrupt},
	"widths-zero":           {},
	"widths-absurd":         {},
}

// allocated returns the bytes f allocates (runtime.MemStats.TotalAlloc).
func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// TestHostileFiles parses each small crafted file: each must end with its
// one-line error (or parse, for the font widths), within 2 MB of
// allocations. They are 1-2 KB files that used to loop for ever, exhaust
// the stack or allocate 64 GB.
func TestHostileFiles(t *testing.T) {
	for _, c := range hostile.Cases() {
		t.Run(c.Name, func(t *testing.T) {
			want, ok := hostileWant[c.Name]
			if !ok {
				t.Fatalf("no expectation for %s", c.Name)
			}
			data := c.Make()
			var a any
			var err error
			alloc := allocated(func() {
				m, e := Parse(bytes.NewReader(data), int64(len(data)), Options{})
				a, err = m, e
			})
			t.Logf("%s: %d bytes, %d bytes allocated: %v", c.Name, len(data), alloc, err)
			if alloc > 2<<20 {
				t.Errorf("%s allocated %d bytes, want at most 2 MB", c.Name, alloc)
			}
			if want.want == "" {
				if err != nil {
					t.Fatalf("Parse = %v, want a model", err)
				}
				return
			}
			if err == nil {
				t.Fatalf("Parse = %v, want an error", a)
			}
			if !regexp.MustCompile(want.want).MatchString(err.Error()) {
				t.Errorf("Parse error = %q, want %s", err, want.want)
			}
			if !errors.Is(err, want.is) {
				t.Errorf("Parse error %q does not wrap %v", err, want.is)
			}
		})
	}
}

// TestHostileFixtures keeps testdata/hostile (the copies the command-line
// scripts read) equal to the generators; -update-hostile rewrites them.
func TestHostileFixtures(t *testing.T) {
	dir := filepath.Join("testdata", "hostile")
	for _, c := range hostile.Cases() {
		path := filepath.Join(dir, c.Name+".pdf")
		data := c.Make()
		if *updateHostile {
			if err := os.MkdirAll(dir, 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, data, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		got, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run go test ./parse/pdf -run TestHostileFixtures -update-hostile)", err)
		}
		if !bytes.Equal(got, data) {
			t.Errorf("%s differs from its generator (run with -update-hostile)", path)
		}
	}
}

// TestFontWidthsKeepCharacters: zero or absurd widths must not merge the
// digits of "100 kg" (the second 0 drawn over the first was dropped as a
// bold overstrike, turning 100 into 10).
func TestFontWidthsKeepCharacters(t *testing.T) {
	for _, pattern := range []string{"0", "-600", "10000000 -10000000", "0 600"} {
		data := hostile.Widths(pattern)
		w := newWalker()
		doc, err := extractDoc(bytes.NewReader(data), int64(len(data)), nil, w)
		if err != nil {
			t.Fatalf("widths %q: %v", pattern, err)
		}
		var text []string
		for _, p := range doc.Pages {
			text = append(text, p.Lines()...)
		}
		all := strings.Join(text, "\n")
		if !strings.Contains(all, "payload of at least 100 kg.") {
			t.Errorf("widths %q: text %q lacks %q", pattern, all, "payload of at least 100 kg.")
		}
		if w.stats.fixedWidth == 0 {
			t.Errorf("widths %q: no width was replaced by an estimate", pattern)
		}
	}
}

// TestAmplification runs the small files that expand into huge work, with
// limits lowered so that the test stays small: each must stop at its
// limit with that limit's message, and the work done must stay within a
// bound proportional to the limit, not to what the file asks for.
func TestAmplification(t *testing.T) {
	tests := []struct {
		name     string
		make     func() []byte
		limit    limits.Name
		value    int64
		want     string
		maxAlloc uint64
		check    func(t *testing.T, w *walker)
	}{
		{
			// 1e6 glyphs on one page, in a 1 KB file (60e6 fit in 60 KB).
			name: "glyph-flood", make: func() []byte { return hostile.GlyphFlood(1_000_000) },
			limit: limits.GlyphsPerPage, value: 10_000,
			want:     `^page 1: more than 10000 glyphs on one page \(raise with ANNEX_LIMITS=glyphs=N\)$`,
			maxAlloc: 16 << 20,
		},
		{
			// 10 forms drawing 10 forms, 8 levels: 1e8 form invocations.
			name: "form-bomb", make: func() []byte { return hostile.FormBomb(10, 8) },
			limit: limits.FormInvocations, value: 1_000,
			want:     `^page 1: more than 1000 form XObjects drawn \(raise with ANNEX_LIMITS=forms=N\)$`,
			maxAlloc: 8 << 20,
			check: func(t *testing.T, w *walker) {
				if n := w.formsDrawn.Total(); n != 1001 {
					t.Errorf("forms drawn = %d, want 1001 (the limit, then one)", n)
				}
			},
		},
		{
			// 2,000 pages sharing one 4 MiB content stream (deflated to 4 KB).
			name: "shared-content", make: func() []byte { return hostile.SharedContent(2000, 4<<20) },
			limit: limits.InflatedBytes, value: 32 << 20,
			want:     `^page \d+: more than 33554432 bytes inflated \(raise with ANNEX_LIMITS=inflated=N\)$`,
			maxAlloc: 40 << 20,
			check: func(t *testing.T, w *walker) {
				// Inflated twice (first use, then kept), then reused.
				if w.stats.decoded > 2*(4<<20)+2 || w.stats.reused == 0 {
					t.Errorf("decoded %d bytes, reused %d: want the stream inflated at most twice, then taken from the cache", w.stats.decoded, w.stats.reused)
				}
			},
		},
		{
			name: "pages", make: func() []byte { return hostile.SharedContent(30, 100) },
			limit: limits.Pages, value: 20,
			want:     `^more than 20 PDF pages \(raise with ANNEX_LIMITS=pages=N\)$`,
			maxAlloc: 1 << 20,
		},
		{
			name: "input-bytes", make: func() []byte { return hostile.SharedContent(30, 100) },
			limit: limits.InputBytes, value: 1000,
			want:     `^more than 1000 bytes of input \(raise with ANNEX_LIMITS=inputbytes=N\)$`,
			maxAlloc: 1 << 10,
		},
		{
			// The same page, many times over, under a document glyph limit.
			name: "document-glyphs", make: func() []byte { return hostile.SharedContent(2000, 1000) },
			limit: limits.GlyphsPerDocument, value: 5_000,
			want:     `^page \d+: more than 5000 glyphs in one document \(raise with ANNEX_LIMITS=docglyphs=N\)$`,
			maxAlloc: 16 << 20,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := tt.make()
			defer limits.Set(tt.limit, tt.value)()
			w := newWalker()
			var err error
			alloc := allocated(func() {
				_, err = extractDoc(bytes.NewReader(data), int64(len(data)), nil, w)
			})
			t.Logf("%s: %d-byte file, %d bytes allocated, %d decoded, %d reused: %v", tt.name, len(data), alloc, w.stats.decoded, w.stats.reused, err)
			if err == nil {
				t.Fatal("Extract = nil error, want the limit's")
			}
			if !regexp.MustCompile(tt.want).MatchString(err.Error()) {
				t.Errorf("error = %q, want %s", err, tt.want)
			}
			if !errors.Is(err, limits.ErrExceeded) {
				t.Errorf("error %q does not wrap limits.ErrExceeded", err)
			}
			if alloc > tt.maxAlloc {
				t.Errorf("allocated %d bytes, want at most %d", alloc, tt.maxAlloc)
			}
			if tt.check != nil {
				tt.check(t, w)
			}
		})
	}
}
