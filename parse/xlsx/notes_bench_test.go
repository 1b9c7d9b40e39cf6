package xlsx

import (
	"fmt"
	"strings"
	"testing"
)

// BenchmarkSplitNotesLong splits a notes cell of one note over 10,000 to
// 160,000 lines: linear in the lines (joining the lines as they came was
// quadratic, 20 s at 160,000).
func BenchmarkSplitNotesLong(b *testing.B) {
	for _, n := range []int{10_000, 160_000} {
		cell := "Note: a\n" + strings.Repeat("x\n", n)
		b.Run(fmt.Sprintf("lines=%d", n), func(b *testing.B) {
			for b.Loop() {
				if got := SplitNotes(cell); len(got) != 1 {
					b.Fatalf("%d notes, want 1", len(got))
				}
			}
		})
	}
}
