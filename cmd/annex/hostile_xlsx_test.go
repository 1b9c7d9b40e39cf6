package main

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/annex-tools/annex/internal/limits"
	"github.com/annex-tools/annex/internal/xlsxguard"
)

// Hostile workbooks and registers, generated here rather than committed:
// each ends with exit status 2 and one line naming the file and the limit,
// within a bounded amount of memory.
func TestHostileWorkbooks(t *testing.T) {
	dir := t.TempDir()
	bomb := filepath.Join(dir, "bomb.xlsx")
	if err := os.WriteFile(bomb, xlsxguard.SharedStringBomb(2<<20, 2000), 0o644); err != nil {
		t.Fatal(err)
	}
	rows := "Product,MTCR entry\n" + strings.Repeat("P,3.A.7\n", 100)
	regCSV := filepath.Join(dir, "rows.csv")
	if err := os.WriteFile(regCSV, []byte(rows), 0o644); err != nil {
		t.Fatal(err)
	}
	td := filepath.Join("..", "..", "testdata")
	old, new := filepath.Join(td, "sample-2023.truth.json"), filepath.Join(td, "sample-2024.truth.json")
	for _, tc := range []struct {
		name  string
		limit limits.Name // lowered to value for the test, when set
		value int64
		args  []string
		want  string
	}{
		{"shared-string bomb, parse", "", 0, []string{"annex", "parse", bomb}, "bomb.xlsx: shared string: more than 1048576 bytes in one entry's text (raise with ANNEX_LIMITS=entrytext=N)"},
		{"shared-string bomb, register", "", 0, []string{"annex", "impact", old, new, "--register", bomb}, "bomb.xlsx: shared string: more than 1048576 bytes in one entry's text (raise with ANNEX_LIMITS=entrytext=N)"},
		{"register rows", limits.RegisterRows, 50, []string{"annex", "impact", old, new, "--register", regCSV}, "rows.csv: more than 50 register rows (raise with ANNEX_LIMITS=rows=N)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.limit != "" {
				defer limits.Set(tc.limit, tc.value)()
			}
			var stdout, stderr bytes.Buffer
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			status := run(tc.args, strings.NewReader(""), &stdout, &stderr)
			runtime.ReadMemStats(&after)
			msg := strings.TrimSuffix(stderr.String(), "\n")
			if status != 2 || strings.Contains(msg, "\n") || !strings.HasSuffix(msg, tc.want) || !strings.Contains(msg, dir) {
				t.Errorf("status %d, stderr %q; want 2 and one line ending %q", status, stderr.String(), tc.want)
			}
			if got := after.TotalAlloc - before.TotalAlloc; got > 128<<20 {
				t.Errorf("allocated %d MiB, want under 128 MiB", got>>20)
			}
		})
	}
}
